# Fixture apigw-104-fail: WebSocket $connect routes without CUSTOM or AWS_IAM authorization: NONE, missing, JWT, or a type unknown until apply (APIGW-104).

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

# One WebSocket API per $connect route below (an API has a single $connect route).
resource "aws_apigatewayv2_api" "none" {
  name                       = "apigw-104-fail-none"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

resource "aws_apigatewayv2_api" "missing" {
  name                       = "apigw-104-fail-missing"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

resource "aws_apigatewayv2_api" "jwt" {
  name                       = "apigw-104-fail-jwt"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

resource "aws_apigatewayv2_api" "unknown" {
  name                       = "apigw-104-fail-unknown"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

# Tests: $connect with authorization_type = "NONE".
resource "aws_apigatewayv2_route" "fail_connect_none" {
  api_id             = aws_apigatewayv2_api.none.id
  route_key          = "$connect"
  authorization_type = "NONE"
}

# Tests: $connect with authorization_type absent (defaults to NONE).
resource "aws_apigatewayv2_route" "fail_connect_missing" {
  api_id    = aws_apigatewayv2_api.missing.id
  route_key = "$connect"
}

# Tests: $connect with authorization_type = "JWT" (JWT is for HTTP APIs; not in {AWS_IAM, CUSTOM}).
resource "aws_apigatewayv2_route" "fail_connect_jwt" {
  api_id             = aws_apigatewayv2_api.jwt.id
  route_key          = "$connect"
  authorization_type = "JWT"
  authorizer_id      = "abc123"
}

# Tests (control): a custom route key without authorization on the same API is never flagged.
resource "aws_apigatewayv2_route" "pass_custom_route_key_none" {
  api_id             = aws_apigatewayv2_api.none.id
  route_key          = "sendMessage"
  authorization_type = "NONE"
}

# Tests: a WebSocket API with no $connect route at all (only $default): API Gateway accepts every
# connection -> a finding on the API.
resource "aws_apigatewayv2_api" "fail_no_connect_route" {
  name                       = "apigw-104-fail-no-connect"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

resource "aws_apigatewayv2_route" "no_connect_default" {
  api_id             = aws_apigatewayv2_api.fail_no_connect_route.id
  route_key          = "$default"
  authorization_type = "NONE"
}

# An authorization type only known after apply.
resource "terraform_data" "authorization_type" {
  input = "CUSTOM"
}

# Tests: $connect with authorization_type unknown until apply -> unverifiable.
resource "aws_apigatewayv2_route" "unknown_connect_authorization_type" {
  api_id             = aws_apigatewayv2_api.unknown.id
  route_key          = "$connect"
  authorization_type = terraform_data.authorization_type.output
}
