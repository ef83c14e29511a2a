# Fixture apigw-002-fail: WebSocket stages without execution logging: no settings, OFF, settings without a level, route-level only, or a level unknown until apply (APIGW-002).

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
  name                       = "apigw-002-fail"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

# Tests: no default_route_settings block at all.
resource "aws_apigatewayv2_stage" "fail_no_default_route_settings" {
  api_id = aws_apigatewayv2_api.ws.id
  name   = "none"
}

# Tests: logging_level = "OFF".
resource "aws_apigatewayv2_stage" "fail_logging_off" {
  api_id = aws_apigatewayv2_api.ws.id
  name   = "off"
  default_route_settings {
    logging_level = "OFF"
  }
}

# Tests: default_route_settings without logging_level (the provider computes it, so the plan marks it
# unknown; it is absent from the configuration and therefore judged unset).
resource "aws_apigatewayv2_stage" "fail_settings_without_level" {
  api_id = aws_apigatewayv2_api.ws.id
  name   = "nolevel"
  default_route_settings {
    throttling_rate_limit  = 100
    throttling_burst_limit = 50
  }
}

# Tests: INFO only for the $connect route (route_settings); the default route settings have no level.
resource "aws_apigatewayv2_stage" "fail_route_settings_only" {
  api_id = aws_apigatewayv2_api.ws.id
  name   = "routeonly"
  route_settings {
    route_key     = "$connect"
    logging_level = "INFO"
  }
}

# A level only known after apply.
resource "terraform_data" "logging_level" {
  input = "INFO"
}

# Tests: logging_level unknown until apply -> unverifiable.
resource "aws_apigatewayv2_stage" "unknown_logging_level" {
  api_id = aws_apigatewayv2_api.ws.id
  name   = "unknown"
  default_route_settings {
    logging_level = terraform_data.logging_level.output
  }
}

# A list only known after apply, so the dynamic block below may or may not exist.
resource "terraform_data" "route_settings_levels" {
  input = ["INFO"]
}

# Tests: the whole default_route_settings block is unknown (dynamic block over an unknown list) -> unverifiable.
resource "aws_apigatewayv2_stage" "unknown_dynamic_default_route_settings" {
  api_id = aws_apigatewayv2_api.ws.id
  name   = "maybe"
  dynamic "default_route_settings" {
    for_each = terraform_data.route_settings_levels.output
    content {
      logging_level = default_route_settings.value
    }
  }
}
