# Fixture apigw-103-fail: HTTP API routes without authorization: NONE, missing, the $default route, an OPTIONS route, or a type unknown until apply (APIGW-103).

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
  name          = "apigw-103-fail"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_integration" "orders" {
  api_id                 = aws_apigatewayv2_api.http.id
  integration_type       = "AWS_PROXY"
  integration_uri        = "arn:aws:lambda:us-east-1:123456789012:function:orders"
  payload_format_version = "2.0"
}

# Tests: authorization_type = "NONE" set explicitly.
resource "aws_apigatewayv2_route" "fail_none_explicit" {
  api_id             = aws_apigatewayv2_api.http.id
  route_key          = "GET /orders"
  authorization_type = "NONE"
  target             = "integrations/${aws_apigatewayv2_integration.orders.id}"
}

# Tests: authorization_type absent (defaults to NONE).
resource "aws_apigatewayv2_route" "fail_authorization_type_missing" {
  api_id    = aws_apigatewayv2_api.http.id
  route_key = "POST /orders"
  target    = "integrations/${aws_apigatewayv2_integration.orders.id}"
}

# Tests: the $default catch-all route without authorization.
resource "aws_apigatewayv2_route" "fail_default_route_none" {
  api_id             = aws_apigatewayv2_api.http.id
  route_key          = "$default"
  authorization_type = "NONE"
  target             = "integrations/${aws_apigatewayv2_integration.orders.id}"
}

# Tests: an explicit OPTIONS route without authorization (the catalog names no OPTIONS exemption for
# HTTP routes, unlike APIGW-101 for REST methods).
resource "aws_apigatewayv2_route" "fail_options_route_none" {
  api_id             = aws_apigatewayv2_api.http.id
  route_key          = "OPTIONS /{proxy+}"
  authorization_type = "NONE"
  target             = "integrations/${aws_apigatewayv2_integration.orders.id}"
}

# An authorization type only known after apply.
resource "terraform_data" "authorization_type" {
  input = "AWS_IAM"
}

# Tests: authorization_type unknown until apply -> unverifiable.
resource "aws_apigatewayv2_route" "unknown_authorization_type" {
  api_id             = aws_apigatewayv2_api.http.id
  route_key          = "PUT /orders/{id}"
  authorization_type = terraform_data.authorization_type.output
  target             = "integrations/${aws_apigatewayv2_integration.orders.id}"
}
