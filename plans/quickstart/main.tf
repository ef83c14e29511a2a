# Fixture quickstart: A realistic, mostly secure pets REST API whose only findings do not block (X-Ray off, no mutual TLS, endpoint notice, a resource policy unknown until apply).

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

# A small, mostly secure "pets" API. Only non-blocking findings: X-Ray is off (APIGW-007, low), the custom
# domain has no mutual TLS (APIGW-402, low), the REGIONAL endpoint gets the APIGW-203 info notice, and the
# resource policy embeds the API's own execution ARN, so it is unknown until apply (APIGW-301/302/303/304,
# unverifiable).

resource "aws_cloudwatch_log_group" "access" {
  name              = "/aws/apigateway/pets/access"
  retention_in_days = 90
}

# The custom domain below fronts the API, so the default execute-api endpoint is disabled (APIGW-204).
resource "aws_api_gateway_rest_api" "pets" {
  name                         = "pets"
  disable_execute_api_endpoint = true
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

# Allow-list pattern, written the usual way with the API's execution ARN (unknown at plan time).
resource "aws_api_gateway_rest_api_policy" "pets" {
  rest_api_id = aws_api_gateway_rest_api.pets.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Deny"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "${aws_api_gateway_rest_api.pets.execution_arn}/*"
        Condition = { NotIpAddress = { "aws:SourceIp" = ["203.0.113.0/24"] } }
      },
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "${aws_api_gateway_rest_api.pets.execution_arn}/*"
      },
    ]
  })
}

resource "aws_api_gateway_authorizer" "cognito" {
  name          = "pets-cognito"
  rest_api_id   = aws_api_gateway_rest_api.pets.id
  type          = "COGNITO_USER_POOLS"
  provider_arns = ["arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbCdEfGhI"]
}

resource "aws_api_gateway_resource" "pets" {
  rest_api_id = aws_api_gateway_rest_api.pets.id
  parent_id   = aws_api_gateway_rest_api.pets.root_resource_id
  path_part   = "pets"
}

resource "aws_api_gateway_method" "list_pets" {
  rest_api_id   = aws_api_gateway_rest_api.pets.id
  resource_id   = aws_api_gateway_resource.pets.id
  http_method   = "GET"
  authorization = "COGNITO_USER_POOLS"
  authorizer_id = aws_api_gateway_authorizer.cognito.id
}

resource "aws_api_gateway_method" "pets_options" {
  rest_api_id   = aws_api_gateway_rest_api.pets.id
  resource_id   = aws_api_gateway_resource.pets.id
  http_method   = "OPTIONS"
  authorization = "NONE"
}

resource "aws_api_gateway_integration" "list_pets" {
  rest_api_id             = aws_api_gateway_rest_api.pets.id
  resource_id             = aws_api_gateway_resource.pets.id
  http_method             = aws_api_gateway_method.list_pets.http_method
  type                    = "AWS_PROXY"
  integration_http_method = "POST"
  uri                     = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:pets/invocations"
}

resource "aws_api_gateway_integration" "pets_options" {
  rest_api_id = aws_api_gateway_rest_api.pets.id
  resource_id = aws_api_gateway_resource.pets.id
  http_method = aws_api_gateway_method.pets_options.http_method
  type        = "MOCK"
  request_templates = {
    "application/json" = jsonencode({ statusCode = 200 })
  }
}

resource "aws_lambda_permission" "pets" {
  statement_id  = "AllowPetsApiInvoke"
  action        = "lambda:InvokeFunction"
  function_name = "pets"
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_api_gateway_rest_api.pets.execution_arn}/*/GET/pets"
}

resource "aws_api_gateway_deployment" "pets" {
  rest_api_id = aws_api_gateway_rest_api.pets.id
  triggers = {
    redeployment = sha1(jsonencode([
      aws_api_gateway_resource.pets.id,
      aws_api_gateway_method.list_pets.id,
      aws_api_gateway_method.pets_options.id,
      aws_api_gateway_integration.list_pets.id,
      aws_api_gateway_integration.pets_options.id,
    ]))
  }
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_api_gateway_client_certificate" "backend" {
  description = "pets backend client certificate"
}

# X-Ray is not enabled here (APIGW-007, low: reported, does not block).
resource "aws_api_gateway_stage" "prod" {
  rest_api_id           = aws_api_gateway_rest_api.pets.id
  deployment_id         = aws_api_gateway_deployment.pets.id
  stage_name            = "prod"
  client_certificate_id = aws_api_gateway_client_certificate.backend.id
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format = jsonencode({
      requestId = "$context.requestId"
      sourceIp  = "$context.identity.sourceIp"
      method    = "$context.httpMethod"
      path      = "$context.resourcePath"
      status    = "$context.status"
    })
  }
}

resource "aws_api_gateway_method_settings" "prod_all" {
  rest_api_id = aws_api_gateway_rest_api.pets.id
  stage_name  = aws_api_gateway_stage.prod.stage_name
  method_path = "*/*"
  settings {
    logging_level          = "ERROR"
    metrics_enabled        = true
    throttling_rate_limit  = 50
    throttling_burst_limit = 25
  }
}

# Regional WAFv2 web ACL with the baseline managed rules and a rate limit.
resource "aws_wafv2_web_acl" "api" {
  name  = "pets"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  rule {
    name     = "aws-common"
    priority = 1
    override_action {
      none {}
    }
    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesCommonRuleSet"
        vendor_name = "AWS"
      }
    }
    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "aws-common"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "rate-limit"
    priority = 2
    action {
      block {}
    }
    statement {
      rate_based_statement {
        limit              = 2000
        aggregate_key_type = "IP"
      }
    }
    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "rate-limit"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "pets"
    sampled_requests_enabled   = true
  }
}

resource "aws_wafv2_web_acl_association" "prod" {
  resource_arn = aws_api_gateway_stage.prod.arn
  web_acl_arn  = aws_wafv2_web_acl.api.arn
}

resource "aws_wafv2_web_acl_logging_configuration" "api" {
  resource_arn            = aws_wafv2_web_acl.api.arn
  log_destination_configs = ["arn:aws:s3:::aws-waf-logs-pets"]
}

resource "aws_api_gateway_domain_name" "pets" {
  domain_name              = "pets.example.com"
  regional_certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
  security_policy          = "TLS_1_2"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_base_path_mapping" "pets" {
  api_id      = aws_api_gateway_rest_api.pets.id
  stage_name  = aws_api_gateway_stage.prod.stage_name
  domain_name = aws_api_gateway_domain_name.pets.domain_name
}
