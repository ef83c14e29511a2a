# Fixture apigw-009-pass: Detailed metrics on: REST */* method settings with metrics_enabled, v2 default_route_settings.detailed_metrics_enabled (APIGW-009 passes).

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

# Minimal deployable REST API shared by the REST stages below.
resource "aws_api_gateway_rest_api" "rest" {
  name = "apigw-009-pass-rest"
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

# Tests: REST stage with */* method settings metrics_enabled = true (linked through
# stage_name = aws_api_gateway_stage.pass_rest_metrics_all_methods.stage_name).
resource "aws_api_gateway_stage" "pass_rest_metrics_all_methods" {
  rest_api_id   = aws_api_gateway_rest_api.rest.id
  deployment_id = aws_api_gateway_deployment.rest.id
  stage_name    = "prod"
}

resource "aws_api_gateway_method_settings" "prod_all" {
  rest_api_id = aws_api_gateway_rest_api.rest.id
  stage_name  = aws_api_gateway_stage.pass_rest_metrics_all_methods.stage_name
  method_path = "*/*"
  settings {
    metrics_enabled = true
    logging_level   = "ERROR"
  }
}

variable "metrics_enabled" {
  type    = bool
  default = true
}

# Tests: REST */* metrics_enabled from a root variable with a known value (known, not unknown).
resource "aws_api_gateway_stage" "pass_rest_metrics_from_known_variable" {
  rest_api_id   = aws_api_gateway_rest_api.rest.id
  deployment_id = aws_api_gateway_deployment.rest.id
  stage_name    = "staging"
}

resource "aws_api_gateway_method_settings" "staging_all" {
  rest_api_id = aws_api_gateway_rest_api.rest.id
  stage_name  = aws_api_gateway_stage.pass_rest_metrics_from_known_variable.stage_name
  method_path = "*/*"
  settings {
    metrics_enabled = var.metrics_enabled
  }
}

resource "aws_apigatewayv2_api" "http" {
  name          = "apigw-009-pass-http"
  protocol_type = "HTTP"
}

# Tests: HTTP stage with default_route_settings.detailed_metrics_enabled = true.
resource "aws_apigatewayv2_stage" "pass_http_detailed_metrics" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "$default"
  auto_deploy = true
  default_route_settings {
    detailed_metrics_enabled = true
    throttling_rate_limit    = 100
    throttling_burst_limit   = 50
  }
}

resource "aws_apigatewayv2_api" "ws" {
  name                       = "apigw-009-pass-ws"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

# Tests: WebSocket stage with detailed metrics on by default and turned off for one route (only the
# default counts).
resource "aws_apigatewayv2_stage" "pass_ws_detailed_metrics" {
  api_id = aws_apigatewayv2_api.ws.id
  name   = "prod"
  default_route_settings {
    detailed_metrics_enabled = true
    logging_level            = "INFO"
  }
  route_settings {
    route_key                = "$disconnect"
    detailed_metrics_enabled = false
  }
}
