# Fixture apigw-105-fail: Lambda TOKEN authorizers, explicit and by default, and one whose type is unknown until apply (APIGW-105).

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
  name = "apigw-105-fail"
}

# Tests: type = "TOKEN" explicitly.
resource "aws_api_gateway_authorizer" "fail_token_explicit" {
  name            = "token-explicit"
  rest_api_id     = aws_api_gateway_rest_api.api.id
  type            = "TOKEN"
  authorizer_uri  = local.authorizer_uri
  identity_source = "method.request.header.Authorization"
}

# Tests: type omitted; the provider's default is TOKEN (the plan shows "TOKEN").
resource "aws_api_gateway_authorizer" "fail_type_unset_defaults_to_token" {
  name                           = "token-default"
  rest_api_id                    = aws_api_gateway_rest_api.api.id
  authorizer_uri                 = local.authorizer_uri
  identity_validation_expression = "^Bearer [-0-9a-zA-Z._]+$"
}

# An authorizer type only known after apply.
resource "terraform_data" "authorizer_type" {
  input = "REQUEST"
}

# Tests: type unknown until apply -> unverifiable.
resource "aws_api_gateway_authorizer" "unknown_type" {
  name           = "type-unknown"
  rest_api_id    = aws_api_gateway_rest_api.api.id
  type           = terraform_data.authorizer_type.output
  authorizer_uri = local.authorizer_uri
}

# Control: a REQUEST authorizer in the same API is not reported.
resource "aws_api_gateway_authorizer" "pass_request" {
  name            = "request"
  rest_api_id     = aws_api_gateway_rest_api.api.id
  type            = "REQUEST"
  authorizer_uri  = local.authorizer_uri
  identity_source = "method.request.header.Authorization"
}
