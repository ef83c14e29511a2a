# Fixture apigw-004-fail: HTTP and WebSocket stages without access logging: no block, an empty destination, or a block unknown until apply (APIGW-004).

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
  name          = "apigw-004-fail-http"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_api" "ws" {
  name                       = "apigw-004-fail-ws"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

# Tests: HTTP stage with no access_log_settings block.
resource "aws_apigatewayv2_stage" "fail_http_no_access_log_settings" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "$default"
  auto_deploy = true
}

# Tests: WebSocket stage with no access_log_settings block (execution logging alone is not access logging).
resource "aws_apigatewayv2_stage" "fail_ws_no_access_log_settings" {
  api_id = aws_apigatewayv2_api.ws.id
  name   = "prod"
  default_route_settings {
    logging_level = "INFO"
  }
}

# Tests: access_log_settings with an empty destination_arn (the provider accepts it at plan time).
resource "aws_apigatewayv2_stage" "fail_http_empty_destination_arn" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "empty"
  auto_deploy = true
  access_log_settings {
    destination_arn = ""
    format          = "$context.requestId"
  }
}

# A list only known after apply, so the dynamic block below may or may not exist.
resource "terraform_data" "access_log_destinations" {
  input = ["arn:aws:logs:us-east-1:123456789012:log-group:/aws/apigateway/maybe"]
}

# Tests: the whole access_log_settings block is unknown (dynamic block over an unknown list) -> unverifiable.
resource "aws_apigatewayv2_stage" "unknown_ws_dynamic_access_log_settings" {
  api_id = aws_apigatewayv2_api.ws.id
  name   = "maybe"
  dynamic "access_log_settings" {
    for_each = terraform_data.access_log_destinations.output
    content {
      destination_arn = access_log_settings.value
      format          = "$context.requestId"
    }
  }
}
