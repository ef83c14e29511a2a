# Fixture quoted-settings: booleans and numbers written as strings ("true", "100"), as configurations
# generated from YAML or passed through untyped variables often write them. Terraform converts each to the
# attribute's type in the provider schema, so "true" is a bool true and "100" the number 100: data tracing
# on (APIGW-006), X-Ray on, throttling set, caching unencrypted (APIGW-501).

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

# Untyped: the default stays the string "true" until the stage's bool attribute converts it.
variable "xray_tracing" {
  default = "true"
}

# Typed: "false" becomes the bool false when the variable is read.
variable "cache_encryption" {
  type    = bool
  default = "false"
}

locals {
  # A settings map as a YAML file would decode it: every value a string.
  method_settings = {
    metrics_enabled        = "true"
    logging_level          = "INFO"
    data_trace_enabled     = "true"
    throttling_rate_limit  = "100"
    throttling_burst_limit = "50"
  }
}

resource "aws_cloudwatch_log_group" "access" {
  name              = "/aws/apigateway/quoted-settings"
  retention_in_days = 30
}

resource "aws_api_gateway_rest_api" "api" {
  name = "quoted-settings"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_resource" "items" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_rest_api.api.root_resource_id
  path_part   = "items"
}

resource "aws_api_gateway_method" "get_items" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_resource.items.id
  http_method   = "GET"
  authorization = "AWS_IAM"
}

resource "aws_api_gateway_integration" "get_items" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  resource_id = aws_api_gateway_resource.items.id
  http_method = aws_api_gateway_method.get_items.http_method
  type        = "MOCK"
}

resource "aws_api_gateway_deployment" "api" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  triggers = {
    redeployment = sha1(jsonencode([aws_api_gateway_method.get_items.id, aws_api_gateway_integration.get_items.id]))
  }
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_api_gateway_client_certificate" "backend" {
  description = "quoted-settings backend certificate"
}

# Tests: xray_tracing_enabled from an untyped variable holding "true": X-Ray is on (APIGW-007 passes).
resource "aws_api_gateway_stage" "prod" {
  rest_api_id           = aws_api_gateway_rest_api.api.id
  deployment_id         = aws_api_gateway_deployment.api.id
  stage_name            = "prod"
  xray_tracing_enabled  = var.xray_tracing
  client_certificate_id = aws_api_gateway_client_certificate.backend.id
  cache_cluster_enabled = "true"
  cache_cluster_size    = "0.5"

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format          = "{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\",\"caller\":\"$context.identity.caller\",\"user\":\"$context.identity.user\",\"requestTime\":\"$context.requestTime\",\"httpMethod\":\"$context.httpMethod\",\"resourcePath\":\"$context.resourcePath\",\"status\":\"$context.status\"}"
  }
}

# Tests: data_trace_enabled = "true" is tracing on (APIGW-006); quoted throttling limits are set (APIGW-601
# passes); caching_enabled = "true" with cache_data_encrypted false from a typed variable (APIGW-501).
resource "aws_api_gateway_method_settings" "prod_all" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = aws_api_gateway_stage.prod.stage_name
  method_path = "*/*"

  settings {
    metrics_enabled        = local.method_settings.metrics_enabled
    logging_level          = local.method_settings.logging_level
    data_trace_enabled     = local.method_settings.data_trace_enabled
    throttling_rate_limit  = local.method_settings.throttling_rate_limit
    throttling_burst_limit = local.method_settings.throttling_burst_limit
    caching_enabled        = "true"
    cache_data_encrypted   = var.cache_encryption
  }
}

resource "aws_apigatewayv2_api" "http" {
  name          = "quoted-settings-http"
  protocol_type = "HTTP"
}

# Tests: quoted throttling limits and detailed metrics in an HTTP stage: APIGW-602 and APIGW-009 pass;
# data_trace_enabled = "false" is off (APIGW-006 passes).
resource "aws_apigatewayv2_stage" "http" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "$default"
  auto_deploy = "true"

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format          = "{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\",\"caller\":\"$context.identity.caller\",\"user\":\"$context.identity.user\",\"requestTime\":\"$context.requestTime\",\"routeKey\":\"$context.routeKey\",\"status\":\"$context.status\"}"
  }

  default_route_settings {
    throttling_burst_limit   = "100"
    throttling_rate_limit    = "50.5"
    detailed_metrics_enabled = "true"
    data_trace_enabled       = "false"
  }
}
