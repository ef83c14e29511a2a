# Fixture apigw-102-pass: REST methods where API keys are combined with real authorization, or not used (APIGW-102 passes).

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

resource "aws_api_gateway_rest_api" "api" {
  name = "apigw-102-pass"
}

resource "aws_api_gateway_resource" "orders" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_rest_api.api.root_resource_id
  path_part   = "orders"
}

resource "aws_api_gateway_resource" "reports" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_rest_api.api.root_resource_id
  path_part   = "reports"
}

resource "aws_api_gateway_resource" "admin" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_rest_api.api.root_resource_id
  path_part   = "admin"
}

# Lambda REQUEST authorizer (function managed elsewhere; literal ARNs).
resource "aws_api_gateway_authorizer" "lambda" {
  name                   = "lambda-request"
  rest_api_id            = aws_api_gateway_rest_api.api.id
  type                   = "REQUEST"
  authorizer_uri         = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:authorizer/invocations"
  identity_source        = "method.request.header.Authorization"
  authorizer_credentials = "arn:aws:iam::123456789012:role/apigw-authorizer-invoke"
}

# Tests: API key together with AWS_IAM authorization.
resource "aws_api_gateway_method" "pass_iam_with_api_key" {
  rest_api_id      = aws_api_gateway_rest_api.api.id
  resource_id      = aws_api_gateway_resource.orders.id
  http_method      = "GET"
  authorization    = "AWS_IAM"
  api_key_required = true
}

# Tests: API key together with a CUSTOM (Lambda) authorizer.
resource "aws_api_gateway_method" "pass_custom_with_api_key" {
  rest_api_id      = aws_api_gateway_rest_api.api.id
  resource_id      = aws_api_gateway_resource.orders.id
  http_method      = "POST"
  authorization    = "CUSTOM"
  authorizer_id    = aws_api_gateway_authorizer.lambda.id
  api_key_required = true
}

# Tests: NONE without an API key is not this rule's case (APIGW-101 reports it).
resource "aws_api_gateway_method" "pass_none_without_api_key" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_resource.reports.id
  http_method   = "GET"
  authorization = "NONE"
}

# Tests: OPTIONS with NONE and an API key is exempt (CORS preflight).
resource "aws_api_gateway_method" "pass_options_with_api_key" {
  rest_api_id      = aws_api_gateway_rest_api.api.id
  resource_id      = aws_api_gateway_resource.orders.id
  http_method      = "OPTIONS"
  authorization    = "NONE"
  api_key_required = true
}
