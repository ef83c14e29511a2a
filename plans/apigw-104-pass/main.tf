# Fixture apigw-104-pass: WebSocket $connect routes with CUSTOM or AWS_IAM authorization; other WebSocket routes ($default, $disconnect, custom keys) without authorization are never flagged (APIGW-104 passes).

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

resource "aws_apigatewayv2_api" "chat" {
  name                       = "apigw-104-pass-chat"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

resource "aws_apigatewayv2_authorizer" "chat" {
  api_id           = aws_apigatewayv2_api.chat.id
  authorizer_type  = "REQUEST"
  name             = "chat-authorizer"
  authorizer_uri   = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:chat-authorizer/invocations"
  identity_sources = ["route.request.header.Authorization"]
}

resource "aws_apigatewayv2_integration" "chat" {
  api_id           = aws_apigatewayv2_api.chat.id
  integration_type = "AWS_PROXY"
  integration_uri  = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:chat/invocations"
}

# Tests: $connect with a Lambda REQUEST authorizer (authorization_type = "CUSTOM").
resource "aws_apigatewayv2_route" "pass_connect_custom" {
  api_id             = aws_apigatewayv2_api.chat.id
  route_key          = "$connect"
  authorization_type = "CUSTOM"
  authorizer_id      = aws_apigatewayv2_authorizer.chat.id
  target             = "integrations/${aws_apigatewayv2_integration.chat.id}"
}

# Tests: $disconnect with authorization_type = "NONE" (cannot carry an authorizer; never flagged).
resource "aws_apigatewayv2_route" "pass_disconnect_none" {
  api_id             = aws_apigatewayv2_api.chat.id
  route_key          = "$disconnect"
  authorization_type = "NONE"
  target             = "integrations/${aws_apigatewayv2_integration.chat.id}"
}

# Tests: $default with authorization_type = "NONE" (never flagged).
resource "aws_apigatewayv2_route" "pass_default_none" {
  api_id             = aws_apigatewayv2_api.chat.id
  route_key          = "$default"
  authorization_type = "NONE"
  target             = "integrations/${aws_apigatewayv2_integration.chat.id}"
}

# Tests: a custom route key with authorization_type = "NONE" (never flagged).
resource "aws_apigatewayv2_route" "pass_custom_route_key_none" {
  api_id             = aws_apigatewayv2_api.chat.id
  route_key          = "sendMessage"
  authorization_type = "NONE"
  target             = "integrations/${aws_apigatewayv2_integration.chat.id}"
}

# Tests: a custom route key with authorization_type absent (never flagged).
resource "aws_apigatewayv2_route" "pass_custom_route_key_unset" {
  api_id    = aws_apigatewayv2_api.chat.id
  route_key = "joinRoom"
  target    = "integrations/${aws_apigatewayv2_integration.chat.id}"
}

resource "aws_apigatewayv2_api" "telemetry" {
  name                       = "apigw-104-pass-telemetry"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.type"
}

resource "aws_apigatewayv2_integration" "telemetry" {
  api_id           = aws_apigatewayv2_api.telemetry.id
  integration_type = "AWS_PROXY"
  integration_uri  = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:telemetry/invocations"
}

# Tests: $connect with authorization_type = "AWS_IAM" (a second API: one $connect route per API).
resource "aws_apigatewayv2_route" "pass_connect_aws_iam" {
  api_id             = aws_apigatewayv2_api.telemetry.id
  route_key          = "$connect"
  authorization_type = "AWS_IAM"
  target             = "integrations/${aws_apigatewayv2_integration.telemetry.id}"
}

# Tests: $default of the second API without authorization (never flagged).
resource "aws_apigatewayv2_route" "pass_telemetry_default_unset" {
  api_id    = aws_apigatewayv2_api.telemetry.id
  route_key = "$default"
  target    = "integrations/${aws_apigatewayv2_integration.telemetry.id}"
}
