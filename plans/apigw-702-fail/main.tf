# Fixture apigw-702-fail: HTTP API CORS allowing any origin: with credentials (high), without credentials (low), and origins unknown until apply (APIGW-702).

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

# Tests: allow_origins ["*"] with allow_credentials = true -> high.
resource "aws_apigatewayv2_api" "fail_wildcard_with_credentials" {
  name          = "apigw-702-fail-wildcard-credentials"
  protocol_type = "HTTP"
  cors_configuration {
    allow_origins     = ["*"]
    allow_methods     = ["GET", "POST"]
    allow_headers     = ["authorization"]
    allow_credentials = true
  }
}

# Tests: "*" among specific origins, with credentials -> high.
resource "aws_apigatewayv2_api" "fail_wildcard_among_origins_with_credentials" {
  name          = "apigw-702-fail-mixed-credentials"
  protocol_type = "HTTP"
  cors_configuration {
    allow_origins     = ["https://app.example.com", "*"]
    allow_credentials = true
  }
}

# Tests: allow_origins ["*"] without allow_credentials (unset) -> the separate low finding.
resource "aws_apigatewayv2_api" "fail_wildcard_without_credentials" {
  name          = "apigw-702-fail-wildcard"
  protocol_type = "HTTP"
  cors_configuration {
    allow_origins = ["*"]
    allow_methods = ["GET"]
  }
}

# Tests: allow_origins ["*"] with allow_credentials = false -> the separate low finding.
resource "aws_apigatewayv2_api" "fail_wildcard_credentials_false" {
  name          = "apigw-702-fail-wildcard-false"
  protocol_type = "HTTP"
  cors_configuration {
    allow_origins     = ["*"]
    allow_credentials = false
  }
}

# An origin list only known after apply.
resource "terraform_data" "origins" {
  input = ["https://app.example.com"]
}

# Tests: allow_origins unknown until apply, with credentials -> unverifiable.
resource "aws_apigatewayv2_api" "unknown_origins_with_credentials" {
  name          = "apigw-702-fail-unknown"
  protocol_type = "HTTP"
  cors_configuration {
    allow_origins     = terraform_data.origins.output
    allow_credentials = true
  }
}
