# Fixture websocket-insecure: A realistic chat WebSocket API that breaks every catalog rule applying to WebSocket APIs that a plan can express without a custom domain.

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

# Violates APIGW-008: account settings without a CloudWatch role, so execution logging silently does nothing.
resource "aws_api_gateway_account" "this" {}

resource "aws_apigatewayv2_api" "chat" {
  name                         = "chat-ws"
  protocol_type                = "WEBSOCKET"
  route_selection_expression   = "$request.body.action"
  api_key_selection_expression = "$request.header.x-api-key"
}

resource "aws_apigatewayv2_integration" "chat" {
  api_id           = aws_apigatewayv2_api.chat.id
  integration_type = "AWS_PROXY"
  integration_uri  = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:chat-handler/invocations"
}

# Violates APIGW-104 ($connect without an authorizer) and APIGW-102 (an API key is the only control).
resource "aws_apigatewayv2_route" "connect" {
  api_id             = aws_apigatewayv2_api.chat.id
  route_key          = "$connect"
  authorization_type = "NONE"
  api_key_required   = true
  target             = "integrations/${aws_apigatewayv2_integration.chat.id}"
}

# The other routes cannot carry an authorizer: never flagged (APIGW-104), no API key (APIGW-102).
resource "aws_apigatewayv2_route" "disconnect" {
  api_id             = aws_apigatewayv2_api.chat.id
  route_key          = "$disconnect"
  authorization_type = "NONE"
  target             = "integrations/${aws_apigatewayv2_integration.chat.id}"
}

resource "aws_apigatewayv2_route" "default" {
  api_id    = aws_apigatewayv2_api.chat.id
  route_key = "$default"
  target    = "integrations/${aws_apigatewayv2_integration.chat.id}"
}

resource "aws_apigatewayv2_route" "send_message" {
  api_id             = aws_apigatewayv2_api.chat.id
  route_key          = "sendMessage"
  authorization_type = "NONE"
  target             = "integrations/${aws_apigatewayv2_integration.chat.id}"
}

resource "aws_apigatewayv2_deployment" "chat" {
  api_id = aws_apigatewayv2_api.chat.id
  triggers = {
    redeployment = sha1(jsonencode([
      aws_apigatewayv2_route.connect.id,
      aws_apigatewayv2_route.disconnect.id,
      aws_apigatewayv2_route.default.id,
      aws_apigatewayv2_route.send_message.id,
      aws_apigatewayv2_integration.chat.id,
    ]))
  }
  lifecycle {
    create_before_destroy = true
  }
}

# Violates APIGW-002 (execution logging OFF), APIGW-004 (no access logs), APIGW-006 (data trace on),
# APIGW-009 (no detailed metrics), APIGW-502 (a token in a stage variable) and APIGW-602 (no throttling).
resource "aws_apigatewayv2_stage" "prod" {
  api_id        = aws_apigatewayv2_api.chat.id
  name          = "prod"
  deployment_id = aws_apigatewayv2_deployment.chat.id
  stage_variables = {
    pushServiceToken = "push-7d2e9b4c1a6f3e80"
  }
  default_route_settings {
    logging_level      = "OFF"
    data_trace_enabled = true
  }
}

resource "aws_cloudwatch_log_group" "access" {
  name              = "/aws/apigateway/chat-ws/dev-access"
  retention_in_days = 7
}

# Access logs present (passes APIGW-004), but violates APIGW-005 (the format records neither the source IP
# nor the status), APIGW-002 (no default route settings: no execution logging), APIGW-009 and APIGW-602.
resource "aws_apigatewayv2_stage" "dev" {
  api_id        = aws_apigatewayv2_api.chat.id
  name          = "dev"
  deployment_id = aws_apigatewayv2_deployment.chat.id
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format          = "$context.requestId $context.eventType $context.routeKey $context.connectionId"
  }
}

# Violates APIGW-107: the API ID is "*", so any API in the account may invoke the handler.
resource "aws_lambda_permission" "chat_handler" {
  statement_id  = "AllowAnyWebSocketApiInvoke"
  action        = "lambda:InvokeFunction"
  function_name = "chat-handler"
  principal     = "apigateway.amazonaws.com"
  source_arn    = "arn:aws:execute-api:us-east-1:123456789012:*/*"
}
