# Fixture apigw-003-fail: REST stages without access logging: no block, empty destination, or a block unknown until apply (APIGW-003).

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
  name = "apigw-003-fail"
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

# Tests: no access_log_settings block.
resource "aws_api_gateway_stage" "fail_no_access_log_settings" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "none"
}

# Tests: access_log_settings with an empty destination_arn (the provider accepts it at plan time).
resource "aws_api_gateway_stage" "fail_empty_destination_arn" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "empty"
  access_log_settings {
    destination_arn = ""
    format          = "$context.requestId"
  }
}

# A list only known after apply, so the dynamic block below may or may not exist.
resource "terraform_data" "access_log_destinations" {
  input = ["arn:aws:logs:us-east-1:123456789012:log-group:/aws/apigateway/maybe"]
}

# Tests: the whole access_log_settings block is unknown (dynamic block over an unknown list) -> unverifiable.
resource "aws_api_gateway_stage" "unknown_dynamic_access_log_settings" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "maybe"
  dynamic "access_log_settings" {
    for_each = terraform_data.access_log_destinations.output
    content {
      destination_arn = access_log_settings.value
      format          = "$context.requestId"
    }
  }
}
