# Fixture apigw-002-pass: WebSocket stages with execution logging at INFO or ERROR, and HTTP stages the rule does not judge (APIGW-002 passes).

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

resource "aws_apigatewayv2_api" "ws" {
  name                       = "apigw-002-pass"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

# Tests: default_route_settings.logging_level = "INFO".
resource "aws_apigatewayv2_stage" "pass_logging_info" {
  api_id = aws_apigatewayv2_api.ws.id
  name   = "info"
  default_route_settings {
    logging_level          = "INFO"
    throttling_rate_limit  = 100
    throttling_burst_limit = 50
  }
}

# Tests: default_route_settings.logging_level = "ERROR".
resource "aws_apigatewayv2_stage" "pass_logging_error" {
  api_id = aws_apigatewayv2_api.ws.id
  name   = "error"
  default_route_settings {
    logging_level = "ERROR"
  }
}

variable "ws_logging_level" {
  type    = string
  default = "ERROR"
}

# Tests: logging_level from a root variable with a known value (known, not unknown).
resource "aws_apigatewayv2_stage" "pass_logging_from_known_variable" {
  api_id = aws_apigatewayv2_api.ws.id
  name   = "variable"
  default_route_settings {
    logging_level = var.ws_logging_level
  }
}

# Tests: INFO by default, with one route turned down to OFF in route_settings (only the default counts).
resource "aws_apigatewayv2_stage" "pass_default_info_route_off" {
  api_id = aws_apigatewayv2_api.ws.id
  name   = "mixed"
  default_route_settings {
    logging_level = "INFO"
  }
  route_settings {
    route_key     = "$disconnect"
    logging_level = "OFF"
  }
}

resource "aws_apigatewayv2_api" "http" {
  name          = "apigw-002-pass-http"
  protocol_type = "HTTP"
}

# Tests (control): a stage of an HTTP API without execution logging is not a subject of this rule
# (HTTP APIs have no execution logs).
resource "aws_apigatewayv2_stage" "pass_http_stage_not_judged" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "$default"
  auto_deploy = true
}
