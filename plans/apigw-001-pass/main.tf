# Fixture apigw-001-pass: REST stages with execution logging enabled through */* method settings (APIGW-001 passes).

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
  name = "apigw-001-pass"
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

resource "aws_api_gateway_resource" "items" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_rest_api.api.root_resource_id
  path_part   = "items"
}

# Tests: */* method settings linked by reference (rest_api_id and stage_name) with logging INFO.
resource "aws_api_gateway_stage" "pass_info_by_reference" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "info"
}

resource "aws_api_gateway_method_settings" "info_all" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = aws_api_gateway_stage.pass_info_by_reference.stage_name
  method_path = "*/*"
  settings {
    logging_level   = "INFO"
    metrics_enabled = true
  }
}

# Tests: */* method settings linked by a literal stage_name equal to the stage's, logging ERROR.
resource "aws_api_gateway_stage" "pass_error_by_literal_stage_name" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "errors"
}

resource "aws_api_gateway_method_settings" "errors_all" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = "errors"
  method_path = "*/*"
  settings {
    logging_level = "ERROR"
  }
  depends_on = [aws_api_gateway_stage.pass_error_by_literal_stage_name]
}

# Tests: */* logging INFO passes even though a method-specific override turns logging OFF for one method.
resource "aws_api_gateway_stage" "pass_with_method_override" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "override"
}

resource "aws_api_gateway_method_settings" "override_all" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = aws_api_gateway_stage.pass_with_method_override.stage_name
  method_path = "*/*"
  settings {
    logging_level = "INFO"
  }
}

resource "aws_api_gateway_method_settings" "override_items_get" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = aws_api_gateway_stage.pass_with_method_override.stage_name
  method_path = "items/GET"
  settings {
    logging_level = "OFF"
  }
}
