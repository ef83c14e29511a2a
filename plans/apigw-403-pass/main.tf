# Fixture apigw-403-pass: REST stages that present a client certificate to the backend, by reference and by literal ID (APIGW-403 passes).

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
