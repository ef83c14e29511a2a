# Fixture apigw-106-fail: JWT authorizers with an http issuer, no issuer, no or empty audience, no jwt_configuration, or an issuer unknown until apply (APIGW-106).

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
  name          = "apigw-106-fail"
  protocol_type = "HTTP"
}

# Tests: issuer over plain http://.
resource "aws_apigatewayv2_authorizer" "fail_http_issuer" {
  api_id           = aws_apigatewayv2_api.http.id
  authorizer_type  = "JWT"
  name             = "plain-http"
  identity_sources = ["$request.header.Authorization"]
  jwt_configuration {
    issuer   = "http://idp.example.com/realms/orders"
    audience = ["orders-api"]
  }
}

# Tests: issuer without a scheme (does not start with https://).
resource "aws_apigatewayv2_authorizer" "fail_issuer_without_scheme" {
  api_id           = aws_apigatewayv2_api.http.id
  authorizer_type  = "JWT"
  name             = "no-scheme"
  identity_sources = ["$request.header.Authorization"]
  jwt_configuration {
    issuer   = "cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI"
    audience = ["3n4b5urk1ft4fl3mg5e7ex7gs"]
  }
}

# Tests: jwt_configuration without issuer.
resource "aws_apigatewayv2_authorizer" "fail_issuer_missing" {
  api_id           = aws_apigatewayv2_api.http.id
  authorizer_type  = "JWT"
  name             = "no-issuer"
  identity_sources = ["$request.header.Authorization"]
  jwt_configuration {
    audience = ["orders-api"]
  }
}

# Tests: jwt_configuration without audience.
resource "aws_apigatewayv2_authorizer" "fail_audience_missing" {
  api_id           = aws_apigatewayv2_api.http.id
  authorizer_type  = "JWT"
  name             = "no-audience"
  identity_sources = ["$request.header.Authorization"]
  jwt_configuration {
    issuer = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI"
  }
}

# Tests: audience = [] (empty).
resource "aws_apigatewayv2_authorizer" "fail_audience_empty" {
  api_id           = aws_apigatewayv2_api.http.id
  authorizer_type  = "JWT"
  name             = "empty-audience"
  identity_sources = ["$request.header.Authorization"]
  jwt_configuration {
    issuer   = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI"
    audience = []
  }
}

# Tests: JWT authorizer with no jwt_configuration block at all.
resource "aws_apigatewayv2_authorizer" "fail_no_jwt_configuration" {
  api_id           = aws_apigatewayv2_api.http.id
  authorizer_type  = "JWT"
  name             = "no-config"
  identity_sources = ["$request.header.Authorization"]
}

# An issuer only known after apply.
resource "terraform_data" "issuer" {
  input = "https://idp.example.com/realms/orders"
}

# Tests: issuer unknown until apply -> unverifiable.
resource "aws_apigatewayv2_authorizer" "unknown_issuer" {
  api_id           = aws_apigatewayv2_api.http.id
  authorizer_type  = "JWT"
  name             = "unknown-issuer"
  identity_sources = ["$request.header.Authorization"]
  jwt_configuration {
    issuer   = terraform_data.issuer.output
    audience = ["orders-api"]
  }
}

resource "aws_cognito_user_pool" "pool" {
  name = "apigw-106-fail"
}

# Tests: issuer built from a user pool created in the same plan ("https://${endpoint}"): the whole value
# is unknown until apply, so the https:// prefix cannot be proven from the plan -> unverifiable.
resource "aws_apigatewayv2_authorizer" "unknown_issuer_from_user_pool" {
  api_id           = aws_apigatewayv2_api.http.id
  authorizer_type  = "JWT"
  name             = "cognito-new-pool"
  identity_sources = ["$request.header.Authorization"]
  jwt_configuration {
    issuer   = "https://${aws_cognito_user_pool.pool.endpoint}"
    audience = ["orders-api"]
  }
}
