# Fixture apigw-105-pass: Lambda REQUEST authorizers and a Cognito authorizer (APIGW-105 passes).

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

locals {
  authorizer_uri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:authorizer/invocations"
}

resource "aws_api_gateway_rest_api" "api" {
  name = "apigw-105-pass"
}

# Tests: Lambda authorizer of type REQUEST on a header.
resource "aws_api_gateway_authorizer" "pass_request_header" {
  name            = "request-header"
  rest_api_id     = aws_api_gateway_rest_api.api.id
  type            = "REQUEST"
  authorizer_uri  = local.authorizer_uri
  identity_source = "method.request.header.Authorization"
}

# Tests: Lambda authorizer of type REQUEST on several identity sources, with a result cache.
resource "aws_api_gateway_authorizer" "pass_request_multiple_sources" {
  name                             = "request-multi"
  rest_api_id                      = aws_api_gateway_rest_api.api.id
  type                             = "REQUEST"
  authorizer_uri                   = local.authorizer_uri
  identity_source                  = "method.request.header.Authorization,context.sourceIp,stageVariables.tenant"
  authorizer_result_ttl_in_seconds = 60
}

# Tests: Cognito user pool authorizer (not a Lambda TOKEN authorizer).
resource "aws_api_gateway_authorizer" "pass_cognito" {
  name          = "cognito"
  rest_api_id   = aws_api_gateway_rest_api.api.id
  type          = "COGNITO_USER_POOLS"
  provider_arns = ["arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbCdEfGhI"]
}
