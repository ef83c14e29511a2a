# Fixture apigw-602-pass: HTTP and WebSocket stages with positive default rate and burst limits; REST stages are not judged (APIGW-602 passes).

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
  name          = "apigw-602-pass-http"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_api" "ws" {
  name                       = "apigw-602-pass-ws"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

# Tests: HTTP stage with throttling_rate_limit = 100 and throttling_burst_limit = 50.
resource "aws_apigatewayv2_stage" "pass_http_throttling" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "$default"
  auto_deploy = true
  default_route_settings {
    throttling_rate_limit  = 100
    throttling_burst_limit = 50
  }
}

# Tests: WebSocket stage with rate 500 and burst 1000, plus a tighter per-route limit.
resource "aws_apigatewayv2_stage" "pass_ws_throttling" {
  api_id = aws_apigatewayv2_api.ws.id
  name   = "prod"
  default_route_settings {
    logging_level          = "INFO"
    throttling_rate_limit  = 500
    throttling_burst_limit = 1000
  }
  route_settings {
    route_key              = "$connect"
    throttling_rate_limit  = 10
    throttling_burst_limit = 20
  }
}

# Tests: a fractional rate limit (0.5 requests per second) is still > 0.
resource "aws_apigatewayv2_stage" "pass_http_fractional_rate" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "slow"
  auto_deploy = true
  default_route_settings {
    throttling_rate_limit  = 0.5
    throttling_burst_limit = 1
  }
}

variable "throttle" {
  type = object({ rate = number, burst = number })
  default = {
    rate  = 200
    burst = 400
  }
}

# Tests: limits from a root variable with a known value.
resource "aws_apigatewayv2_stage" "pass_http_limits_from_known_variable" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "variable"
  auto_deploy = true
  default_route_settings {
    throttling_rate_limit  = var.throttle.rate
    throttling_burst_limit = var.throttle.burst
  }
}

# Minimal deployable REST API for the control stage below.
resource "aws_api_gateway_rest_api" "rest" {
  name = "apigw-602-pass-rest"
}

resource "aws_api_gateway_method" "get" {
  rest_api_id   = aws_api_gateway_rest_api.rest.id
  resource_id   = aws_api_gateway_rest_api.rest.root_resource_id
  http_method   = "GET"
  authorization = "AWS_IAM"
}

resource "aws_api_gateway_integration" "get" {
  rest_api_id = aws_api_gateway_rest_api.rest.id
  resource_id = aws_api_gateway_rest_api.rest.root_resource_id
  http_method = aws_api_gateway_method.get.http_method
  type        = "MOCK"
}

resource "aws_api_gateway_deployment" "rest" {
  rest_api_id = aws_api_gateway_rest_api.rest.id
  triggers = {
    redeployment = sha1(jsonencode([aws_api_gateway_method.get.id, aws_api_gateway_integration.get.id]))
  }
  lifecycle {
    create_before_destroy = true
  }
}

# Tests (control): a REST stage without throttling is APIGW-601's subject, not this rule's.
resource "aws_api_gateway_stage" "pass_rest_stage_not_judged" {
  rest_api_id   = aws_api_gateway_rest_api.rest.id
  deployment_id = aws_api_gateway_deployment.rest.id
  stage_name    = "rest"
}
