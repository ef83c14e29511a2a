# Fixture websocket-secure: A realistic chat WebSocket API that satisfies every catalog rule that applies to WebSocket APIs; no findings.

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

# Account-level role that lets API Gateway write execution logs to CloudWatch (APIGW-008).
data "aws_iam_policy_document" "apigateway_assume" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["apigateway.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "apigateway_cloudwatch" {
  name               = "apigateway-cloudwatch"
  assume_role_policy = data.aws_iam_policy_document.apigateway_assume.json
}

resource "aws_iam_role_policy_attachment" "apigateway_cloudwatch" {
  role       = aws_iam_role.apigateway_cloudwatch.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"
}

resource "aws_api_gateway_account" "this" {
  cloudwatch_role_arn = aws_iam_role.apigateway_cloudwatch.arn
  depends_on          = [aws_iam_role_policy_attachment.apigateway_cloudwatch]
}

resource "aws_apigatewayv2_api" "chat" {
  name                       = "chat-ws"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

# Lambda REQUEST authorizer for $connect (function managed elsewhere).
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
  integration_uri  = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:chat-handler/invocations"
}

# $connect is authorized by the Lambda authorizer (APIGW-104).
resource "aws_apigatewayv2_route" "connect" {
  api_id             = aws_apigatewayv2_api.chat.id
  route_key          = "$connect"
  authorization_type = "CUSTOM"
  authorizer_id      = aws_apigatewayv2_authorizer.chat.id
  target             = "integrations/${aws_apigatewayv2_integration.chat.id}"
}

# The other routes cannot carry an authorizer: NONE is the norm and never flagged (APIGW-104).
resource "aws_apigatewayv2_route" "disconnect" {
  api_id             = aws_apigatewayv2_api.chat.id
  route_key          = "$disconnect"
  authorization_type = "NONE"
  target             = "integrations/${aws_apigatewayv2_integration.chat.id}"
}

resource "aws_apigatewayv2_route" "default" {
  api_id             = aws_apigatewayv2_api.chat.id
  route_key          = "$default"
  authorization_type = "NONE"
  target             = "integrations/${aws_apigatewayv2_integration.chat.id}"
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

resource "aws_cloudwatch_log_group" "access" {
  name              = "/aws/apigateway/chat-ws/access"
  retention_in_days = 365
}

# Stage: execution logging INFO (APIGW-002), data trace explicitly off (APIGW-006), detailed metrics
# (APIGW-009), throttling (APIGW-602), access logs (APIGW-004) recording request ID, source IP, route key
# and status (APIGW-005), no secrets in stage variables (APIGW-502).
resource "aws_apigatewayv2_stage" "prod" {
  api_id        = aws_apigatewayv2_api.chat.id
  name          = "prod"
  deployment_id = aws_apigatewayv2_deployment.chat.id
  stage_variables = {
    roomsTable = "chat-rooms"
  }
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format = jsonencode({
      requestId    = "$context.requestId"
      sourceIp     = "$context.identity.sourceIp"
      requestTime  = "$context.requestTime"
      eventType    = "$context.eventType"
      routeKey     = "$context.routeKey"
      status       = "$context.status"
      connectionId = "$context.connectionId"
    })
  }
  default_route_settings {
    logging_level            = "INFO"
    data_trace_enabled       = false
    detailed_metrics_enabled = true
    throttling_rate_limit    = 500
    throttling_burst_limit   = 1000
  }
  depends_on = [aws_api_gateway_account.this]
}

# API Gateway may invoke the handler and the authorizer only from this API (APIGW-107).
resource "aws_lambda_permission" "chat_handler" {
  statement_id  = "AllowChatWebSocketInvoke"
  action        = "lambda:InvokeFunction"
  function_name = "chat-handler"
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.chat.execution_arn}/*"
}

resource "aws_lambda_permission" "chat_authorizer" {
  statement_id  = "AllowChatAuthorizerInvoke"
  action        = "lambda:InvokeFunction"
  function_name = "chat-authorizer"
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.chat.execution_arn}/authorizers/${aws_apigatewayv2_authorizer.chat.id}"
}
