# Fixture apigw-702-pass: HTTP API CORS configurations that name their origins (with or without credentials), wildcard headers and methods, and APIs without CORS (APIGW-702 passes).

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

# Tests: specific origins with allow_credentials = true.
resource "aws_apigatewayv2_api" "pass_specific_origins_with_credentials" {
  name          = "apigw-702-pass-credentials"
  protocol_type = "HTTP"
  cors_configuration {
    allow_origins     = ["https://app.example.com", "https://admin.example.com"]
    allow_methods     = ["GET", "POST"]
    allow_headers     = ["authorization", "content-type"]
    allow_credentials = true
    max_age           = 600
  }
}

# Tests: a specific origin without credentials.
resource "aws_apigatewayv2_api" "pass_specific_origin_no_credentials" {
  name          = "apigw-702-pass-no-credentials"
  protocol_type = "HTTP"
  cors_configuration {
    allow_origins = ["https://www.example.com"]
    allow_methods = ["GET"]
  }
}

# Tests: "*" in allow_headers, allow_methods and expose_headers (not in allow_origins) with credentials.
resource "aws_apigatewayv2_api" "pass_wildcard_headers_and_methods" {
  name          = "apigw-702-pass-wildcard-headers"
  protocol_type = "HTTP"
  cors_configuration {
    allow_origins     = ["https://app.example.com"]
    allow_methods     = ["*"]
    allow_headers     = ["*"]
    expose_headers    = ["*"]
    allow_credentials = true
  }
}

variable "cors_origins" {
  type    = list(string)
  default = ["https://partner.example.net"]
}

# Tests: origins from a root variable with a known value, with credentials.
resource "aws_apigatewayv2_api" "pass_origins_from_known_variable" {
  name          = "apigw-702-pass-variable"
  protocol_type = "HTTP"
  cors_configuration {
    allow_origins     = var.cors_origins
    allow_credentials = true
  }
}

# Tests (control): an HTTP API without cors_configuration.
resource "aws_apigatewayv2_api" "pass_no_cors" {
  name          = "apigw-702-pass-no-cors"
  protocol_type = "HTTP"
}
