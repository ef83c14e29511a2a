# Fixture apigw-403-pass: REST stages that present a client certificate to the backend (by reference and by
# literal ID), and stages without one whose API has only MOCK or Lambda (AWS_PROXY) integrations (APIGW-403 passes).

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
  name = "apigw-403-pass"
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

resource "aws_api_gateway_client_certificate" "backend" {
  description = "Presented by API Gateway to the backend"
}

# Tests: client_certificate_id references a client certificate created in the same plan (unknown value, known to be set).
resource "aws_api_gateway_stage" "pass_certificate_by_reference" {
  rest_api_id           = aws_api_gateway_rest_api.api.id
  deployment_id         = aws_api_gateway_deployment.this.id
  stage_name            = "reference"
  client_certificate_id = aws_api_gateway_client_certificate.backend.id
}

# Tests: client_certificate_id is a known literal ID (certificate managed elsewhere).
resource "aws_api_gateway_stage" "pass_certificate_literal_id" {
  rest_api_id           = aws_api_gateway_rest_api.api.id
  deployment_id         = aws_api_gateway_deployment.this.id
  stage_name            = "literal"
  client_certificate_id = "q1w2e3"
}

# Tests: no client certificate, but the API's only integration is MOCK: no backend would receive one.
resource "aws_api_gateway_stage" "pass_mock_only_api_without_certificate" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "mock"
}

# A REST API whose only backend is a Lambda function (AWS_PROXY): API Gateway calls it through the Lambda
# service, never presenting a client certificate.
resource "aws_api_gateway_rest_api" "lambda" {
  name = "apigw-403-pass-lambda"
}

resource "aws_api_gateway_method" "lambda" {
  rest_api_id   = aws_api_gateway_rest_api.lambda.id
  resource_id   = aws_api_gateway_rest_api.lambda.root_resource_id
  http_method   = "POST"
  authorization = "AWS_IAM"
}

resource "aws_api_gateway_integration" "lambda" {
  rest_api_id             = aws_api_gateway_rest_api.lambda.id
  resource_id             = aws_api_gateway_rest_api.lambda.root_resource_id
  http_method             = aws_api_gateway_method.lambda.http_method
  type                    = "AWS_PROXY"
  integration_http_method = "POST"
  uri                     = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:orders/invocations"
}

resource "aws_api_gateway_deployment" "lambda" {
  rest_api_id = aws_api_gateway_rest_api.lambda.id
  triggers = {
    redeployment = sha1(jsonencode([aws_api_gateway_method.lambda.id, aws_api_gateway_integration.lambda.id]))
  }
  lifecycle {
    create_before_destroy = true
  }
}

# Tests: no client certificate on a stage of a Lambda-only API.
resource "aws_api_gateway_stage" "pass_lambda_only_api_without_certificate" {
  rest_api_id   = aws_api_gateway_rest_api.lambda.id
  deployment_id = aws_api_gateway_deployment.lambda.id
  stage_name    = "lambda"
}
