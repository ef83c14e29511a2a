# Fixture apigw-103-pass: HTTP API routes authorized by JWT, AWS_IAM or a Lambda (CUSTOM) authorizer; WebSocket routes are not judged (APIGW-103 passes).

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
  name          = "apigw-103-pass"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_authorizer" "jwt" {
  api_id           = aws_apigatewayv2_api.http.id
  authorizer_type  = "JWT"
  name             = "cognito"
  identity_sources = ["$request.header.Authorization"]
  jwt_configuration {
    issuer   = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI"
    audience = ["3n4b5urk1ft4fl3mg5e7ex7gs"]
  }
}

resource "aws_apigatewayv2_authorizer" "lambda" {
  api_id                            = aws_apigatewayv2_api.http.id
  authorizer_type                   = "REQUEST"
  name                              = "lambda"
  authorizer_uri                    = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:authorizer/invocations"
  authorizer_payload_format_version = "2.0"
  enable_simple_responses           = true
  identity_sources                  = ["$request.header.Authorization"]
}

resource "aws_apigatewayv2_integration" "orders" {
  api_id                 = aws_apigatewayv2_api.http.id
  integration_type       = "AWS_PROXY"
  integration_uri        = "arn:aws:lambda:us-east-1:123456789012:function:orders"
  payload_format_version = "2.0"
}

# Tests: route with authorization_type = "JWT" and a JWT authorizer.
resource "aws_apigatewayv2_route" "pass_jwt" {
  api_id               = aws_apigatewayv2_api.http.id
  route_key            = "GET /orders"
  authorization_type   = "JWT"
  authorizer_id        = aws_apigatewayv2_authorizer.jwt.id
  authorization_scopes = ["orders/read"]
  target               = "integrations/${aws_apigatewayv2_integration.orders.id}"
}

# Tests: route with authorization_type = "AWS_IAM".
resource "aws_apigatewayv2_route" "pass_aws_iam" {
  api_id             = aws_apigatewayv2_api.http.id
  route_key          = "POST /orders"
  authorization_type = "AWS_IAM"
  target             = "integrations/${aws_apigatewayv2_integration.orders.id}"
}

# Tests: route with authorization_type = "CUSTOM" and a Lambda REQUEST authorizer.
resource "aws_apigatewayv2_route" "pass_custom" {
  api_id             = aws_apigatewayv2_api.http.id
  route_key          = "DELETE /orders/{id}"
  authorization_type = "CUSTOM"
  authorizer_id      = aws_apigatewayv2_authorizer.lambda.id
  target             = "integrations/${aws_apigatewayv2_integration.orders.id}"
}

# Tests: the $default catch-all route with JWT authorization.
resource "aws_apigatewayv2_route" "pass_default_route_jwt" {
  api_id             = aws_apigatewayv2_api.http.id
  route_key          = "$default"
  authorization_type = "JWT"
  authorizer_id      = aws_apigatewayv2_authorizer.jwt.id
  target             = "integrations/${aws_apigatewayv2_integration.orders.id}"
}

resource "aws_apigatewayv2_api" "ws" {
  name                       = "apigw-103-pass-ws"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

# Tests (control): a WebSocket route without authorization is not an HTTP route (APIGW-104's scope).
resource "aws_apigatewayv2_route" "pass_websocket_route_not_judged" {
  api_id             = aws_apigatewayv2_api.ws.id
  route_key          = "sendMessage"
  authorization_type = "NONE"
}
