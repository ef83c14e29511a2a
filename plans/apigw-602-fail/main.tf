# Fixture apigw-602-fail: HTTP and WebSocket stages without positive default rate and burst limits: no settings, one limit only, zero, -1, route-level only, or a limit unknown until apply (APIGW-602).

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
  name          = "apigw-602-fail-http"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_api" "ws" {
  name                       = "apigw-602-fail-ws"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

# Tests: HTTP stage with no default_route_settings block.
resource "aws_apigatewayv2_stage" "fail_http_no_default_route_settings" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "$default"
  auto_deploy = true
}

# Tests: rate limit set, burst limit absent.
resource "aws_apigatewayv2_stage" "fail_http_burst_missing" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "noburst"
  auto_deploy = true
  default_route_settings {
    throttling_rate_limit = 100
  }
}

# Tests: burst limit set, rate limit = 0.
resource "aws_apigatewayv2_stage" "fail_http_rate_zero" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "ratezero"
  auto_deploy = true
  default_route_settings {
    throttling_rate_limit  = 0
    throttling_burst_limit = 10
  }
}

# Tests: both limits -1 ("no limit").
resource "aws_apigatewayv2_stage" "fail_http_limits_negative" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "unlimited"
  auto_deploy = true
  default_route_settings {
    throttling_rate_limit  = -1
    throttling_burst_limit = -1
  }
}

# Tests: default_route_settings with detailed metrics only, no limits.
resource "aws_apigatewayv2_stage" "fail_ws_metrics_only" {
  api_id = aws_apigatewayv2_api.ws.id
  name   = "metrics"
  default_route_settings {
    detailed_metrics_enabled = true
    logging_level            = "INFO"
  }
}

# Tests: limits only on one route (route_settings); the default route settings are absent.
resource "aws_apigatewayv2_stage" "fail_ws_route_settings_only" {
  api_id = aws_apigatewayv2_api.ws.id
  name   = "routeonly"
  route_settings {
    route_key              = "$default"
    throttling_rate_limit  = 50
    throttling_burst_limit = 100
  }
}

# A limit only known after apply.
resource "terraform_data" "rate_limit" {
  input = 100
}

# Tests: throttling_rate_limit unknown until apply (burst known) -> unverifiable.
resource "aws_apigatewayv2_stage" "unknown_http_rate_limit" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "unknown"
  auto_deploy = true
  default_route_settings {
    throttling_rate_limit  = terraform_data.rate_limit.output
    throttling_burst_limit = 50
  }
}
