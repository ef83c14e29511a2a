# Fixture apigw-502-pass: Stage variables without secret-looking keys, all known (APIGW-502 passes).

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
  name = "apigw-502-pass"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
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

# An HTTP API for the v2 stages below.
resource "aws_apigatewayv2_api" "http" {
  name          = "apigw-502-pass-http"
  protocol_type = "HTTP"
}

# Tests: only non-secret keys, all known.
resource "aws_api_gateway_stage" "pass_non_secret_keys" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "plain"
  variables = {
    backend_host = "orders.internal.example.com"
    lambdaAlias  = "live"
    timeout_ms   = "2500"
  }
}

# Tests: a stage without variables.
resource "aws_api_gateway_stage" "pass_no_variables" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "none"
}

# Tests: HTTP API stage with a non-secret key only.
resource "aws_apigatewayv2_stage" "pass_http_non_secret_keys" {
  api_id = aws_apigatewayv2_api.http.id
  name   = "plain"
  stage_variables = {
    region = "us-east-1"
  }
}
