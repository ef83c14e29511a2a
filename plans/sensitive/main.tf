# Fixture sensitive: Sensitive inputs: a secret stage variable and method settings from sensitive variables, and an API key with a literal value; no secret may ever be printed.

terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }
}

# Offline provider: fixture plans are generated with -refresh=false and mock credentials; only
# resources that need no AWS API call at plan time are used.
provider "aws" {
  region                      = "us-east-1"
  access_key                  = "mock_access_key"
  secret_key                  = "mock_secret_key"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true
}

# Secrets: recognisable so tests can assert they never appear in any output.
variable "backend_token" {
  description = "Token the backend expects; passed as a stage variable."
  type        = string
  sensitive   = true
  default     = "s3cr3t-DO-NOT-PRINT-backend-token"
}

variable "prod_logging_level" {
  description = "Sensitive only to exercise after_sensitive masks on method settings."
  type        = string
  sensitive   = true
  default     = "INFO"
}

variable "debug_data_trace" {
  description = "Sensitive flag that turns on full data tracing on the internal stage."
  type        = bool
  sensitive   = true
  default     = true
}

resource "aws_cloudwatch_log_group" "access" {
  name              = "/aws/apigateway/sensitive/access"
  retention_in_days = 30
}

resource "aws_api_gateway_client_certificate" "backend" {
  description = "sensitive fixture backend certificate"
}

resource "aws_api_gateway_rest_api" "api" {
  name = "sensitive"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

# IAM plus an API key for metering (passes APIGW-101/102).
resource "aws_api_gateway_method" "get" {
  rest_api_id      = aws_api_gateway_rest_api.api.id
  resource_id      = aws_api_gateway_rest_api.api.root_resource_id
  http_method      = "GET"
  authorization    = "AWS_IAM"
  api_key_required = true
}

resource "aws_api_gateway_integration" "get" {
  rest_api_id             = aws_api_gateway_rest_api.api.id
  resource_id             = aws_api_gateway_rest_api.api.root_resource_id
  http_method             = aws_api_gateway_method.get.http_method
  type                    = "HTTP_PROXY"
  integration_http_method = "GET"
  uri                     = "https://backend.example.com/"
  request_parameters = {
    "integration.request.header.X-Backend-Token" = "stageVariables.backend_token"
  }
}

resource "aws_api_gateway_deployment" "this" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  triggers = {
    redeployment = sha1(jsonencode([aws_api_gateway_method.get.id, aws_api_gateway_integration.get.id]))
  }
  lifecycle {
    create_before_destroy = true
  }
}

# Tests: a stage variable whose value comes from a sensitive variable (after_sensitive masks
# variables.backend_token); the stage is otherwise secure.
resource "aws_api_gateway_stage" "prod" {
  rest_api_id           = aws_api_gateway_rest_api.api.id
  deployment_id         = aws_api_gateway_deployment.this.id
  stage_name            = "prod"
  xray_tracing_enabled  = true
  client_certificate_id = aws_api_gateway_client_certificate.backend.id
  variables = {
    backend_token = var.backend_token
    backend_host  = "backend.example.com"
  }
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format          = "$context.requestId $context.identity.sourceIp $context.httpMethod $context.resourcePath $context.status"
  }
}

# Tests: logging_level from a sensitive variable: known ("INFO") but masked; APIGW-001 still judges it (passes).
resource "aws_api_gateway_method_settings" "prod_all" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = aws_api_gateway_stage.prod.stage_name
  method_path = "*/*"
  settings {
    logging_level      = var.prod_logging_level
    data_trace_enabled = false
  }
}

# Internal stage, otherwise secure.
resource "aws_api_gateway_stage" "internal" {
  rest_api_id           = aws_api_gateway_rest_api.api.id
  deployment_id         = aws_api_gateway_deployment.this.id
  stage_name            = "internal"
  xray_tracing_enabled  = true
  client_certificate_id = aws_api_gateway_client_certificate.backend.id
  variables = {
    backend_token = var.backend_token
  }
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format          = "$context.requestId $context.identity.sourceIp $context.httpMethod $context.resourcePath $context.status"
  }
}

# Tests: data_trace_enabled = true from a sensitive variable: known but masked; APIGW-006 finding.
resource "aws_api_gateway_method_settings" "internal_all" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = aws_api_gateway_stage.internal.stage_name
  method_path = "*/*"
  settings {
    logging_level      = "INFO"
    data_trace_enabled = var.debug_data_trace
  }
}

# Both stages behind WAF (managed web ACL, literal ARN).
resource "aws_wafv2_web_acl_association" "prod" {
  resource_arn = aws_api_gateway_stage.prod.arn
  web_acl_arn  = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/sensitive/a1b2c3d4-5678-90ab-cdef-333333333333"
}

resource "aws_wafv2_web_acl_association" "internal" {
  resource_arn = aws_api_gateway_stage.internal.arn
  web_acl_arn  = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/sensitive/a1b2c3d4-5678-90ab-cdef-333333333333"
}

# Tests: API key with a literal value (the provider schema marks value sensitive).
resource "aws_api_gateway_api_key" "partner" {
  name  = "partner"
  value = "s3cr3t-DO-NOT-PRINT-api-key-0123456789"
}

resource "aws_api_gateway_usage_plan" "partner" {
  name = "partner"
  api_stages {
    api_id = aws_api_gateway_rest_api.api.id
    stage  = aws_api_gateway_stage.prod.stage_name
  }
  throttle_settings {
    rate_limit  = 50
    burst_limit = 20
  }
  quota_settings {
    limit  = 100000
    period = "MONTH"
  }
}

resource "aws_api_gateway_usage_plan_key" "partner" {
  key_id        = aws_api_gateway_api_key.partner.id
  key_type      = "API_KEY"
  usage_plan_id = aws_api_gateway_usage_plan.partner.id
}
