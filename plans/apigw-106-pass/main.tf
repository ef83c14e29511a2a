# Fixture apigw-106-pass: JWT authorizers with an https issuer and a non-empty audience (literal, several, or a client ID known only after apply); REQUEST authorizers are not judged (APIGW-106 passes).

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

resource "aws_apigatewayv2_api" "http" {
  name          = "apigw-106-pass"
  protocol_type = "HTTP"
}

# Tests: Cognito user pool issuer (https) and one app client ID as audience.
resource "aws_apigatewayv2_authorizer" "pass_cognito_issuer" {
  api_id           = aws_apigatewayv2_api.http.id
  authorizer_type  = "JWT"
  name             = "cognito"
  identity_sources = ["$request.header.Authorization"]
  jwt_configuration {
    issuer   = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI"
    audience = ["3n4b5urk1ft4fl3mg5e7ex7gs"]
  }
}

# Tests: third-party OIDC issuer (https, trailing slash) with several audiences.
resource "aws_apigatewayv2_authorizer" "pass_multiple_audiences" {
  api_id           = aws_apigatewayv2_api.http.id
  authorizer_type  = "JWT"
  name             = "auth0"
  identity_sources = ["$request.header.Authorization"]
  jwt_configuration {
    issuer   = "https://example.eu.auth0.com/"
    audience = ["https://api.example.com", "orders-api"]
  }
}

resource "aws_cognito_user_pool" "pool" {
  name = "apigw-106-pass"
}

resource "aws_cognito_user_pool_client" "app" {
  name         = "apigw-106-pass-app"
  user_pool_id = aws_cognito_user_pool.pool.id
}

# Tests: audience holds one client ID known only after apply. The plan shows the whole set as unknown
# (a set with an unknown element has an unknown length), but its value comes from a reference to a
# managed resource in the input, so it is known to be set (presence passes).
resource "aws_apigatewayv2_authorizer" "pass_audience_from_reference" {
  api_id           = aws_apigatewayv2_api.http.id
  authorizer_type  = "JWT"
  name             = "cognito-app"
  identity_sources = ["$request.header.Authorization"]
  jwt_configuration {
    issuer   = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI"
    audience = [aws_cognito_user_pool_client.app.id]
  }
}

variable "issuer" {
  type    = string
  default = "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0"
}

# Tests: issuer from a root variable with a known value.
resource "aws_apigatewayv2_authorizer" "pass_issuer_from_known_variable" {
  api_id           = aws_apigatewayv2_api.http.id
  authorizer_type  = "JWT"
  name             = "entra"
  identity_sources = ["$request.header.Authorization"]
  jwt_configuration {
    issuer   = var.issuer
    audience = ["api://orders"]
  }
}

# Tests (control): a Lambda REQUEST authorizer has no jwt_configuration and is not a subject of this rule.
resource "aws_apigatewayv2_authorizer" "pass_request_authorizer_not_judged" {
  api_id                            = aws_apigatewayv2_api.http.id
  authorizer_type                   = "REQUEST"
  name                              = "lambda"
  authorizer_uri                    = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:authorizer/invocations"
  authorizer_payload_format_version = "2.0"
  identity_sources                  = ["$request.header.Authorization"]
}
