# Fixture apigw-003-pass: REST stages with access logging configured, by reference, literal ARN and dynamic block (APIGW-003 passes).

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

# Minimal deployable REST API shared by the stages below.
resource "aws_api_gateway_rest_api" "api" {
  name = "apigw-003-pass"
}

resource "aws_api_gateway_method" "get" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_rest_api.api.root_resource_id
  http_method   = "GET"
  authorization = "AWS_IAM"
}

resource "aws_api_gateway_integration" "get" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  resource_id = aws_api_gateway_rest_api.api.root_resource_id
  http_method = aws_api_gateway_method.get.http_method
  type        = "MOCK"
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

resource "aws_cloudwatch_log_group" "access" {
  name              = "/aws/apigateway/apigw-003-pass/access"
  retention_in_days = 90
}

locals {
  access_log_format = jsonencode({
    requestId = "$context.requestId"
    sourceIp  = "$context.identity.sourceIp"
    method    = "$context.httpMethod"
    path      = "$context.resourcePath"
    status    = "$context.status"
  })
}

# Tests: destination_arn references a log group created in the same plan (unknown value, known to be set).
resource "aws_api_gateway_stage" "pass_log_group_reference" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "reference"
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format          = local.access_log_format
  }
}

# Tests: destination_arn is a known literal ARN (log group managed elsewhere).
resource "aws_api_gateway_stage" "pass_literal_arn" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "literal"
  access_log_settings {
    destination_arn = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/apigateway/shared-access"
    format          = local.access_log_format
  }
}

# Tests: the block comes from a dynamic block with a known for_each (absent from the plan's configuration
# section, present with a known value in the planned values).
resource "aws_api_gateway_stage" "pass_dynamic_block_known" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "dynamic"
  dynamic "access_log_settings" {
    for_each = ["arn:aws:firehose:us-east-1:123456789012:deliverystream/amazon-apigateway-access"]
    content {
      destination_arn = access_log_settings.value
      format          = local.access_log_format
    }
  }
}
