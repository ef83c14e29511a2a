# Fixture apigw-009-fail: Detailed metrics off: REST stages without */* metrics, v2 stages without detailed_metrics_enabled, and flags unknown until apply (APIGW-009).

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
  name = "apigw-009-fail-rest"
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

resource "aws_api_gateway_resource" "items" {
  rest_api_id = aws_api_gateway_rest_api.rest.id
  parent_id   = aws_api_gateway_rest_api.rest.root_resource_id
  path_part   = "items"
}

# Tests: REST stage with no method settings at all.
resource "aws_api_gateway_stage" "fail_rest_no_method_settings" {
  rest_api_id   = aws_api_gateway_rest_api.rest.id
  deployment_id = aws_api_gateway_deployment.rest.id
  stage_name    = "none"
}

# Tests: REST stage whose */* method settings set metrics_enabled = false.
resource "aws_api_gateway_stage" "fail_rest_metrics_disabled" {
  rest_api_id   = aws_api_gateway_rest_api.rest.id
  deployment_id = aws_api_gateway_deployment.rest.id
  stage_name    = "disabled"
}

resource "aws_api_gateway_method_settings" "disabled_all" {
  rest_api_id = aws_api_gateway_rest_api.rest.id
  stage_name  = aws_api_gateway_stage.fail_rest_metrics_disabled.stage_name
  method_path = "*/*"
  settings {
    metrics_enabled = false
    logging_level   = "INFO"
  }
}

# Tests: REST stage with metrics only for one method path (not */*).
resource "aws_api_gateway_stage" "fail_rest_metrics_one_method_only" {
  rest_api_id   = aws_api_gateway_rest_api.rest.id
  deployment_id = aws_api_gateway_deployment.rest.id
  stage_name    = "onemethod"
}

resource "aws_api_gateway_method_settings" "onemethod_items_get" {
  rest_api_id = aws_api_gateway_rest_api.rest.id
  stage_name  = aws_api_gateway_stage.fail_rest_metrics_one_method_only.stage_name
  method_path = "${aws_api_gateway_resource.items.path_part}/GET"
  settings {
    metrics_enabled = true
  }
}

# A flag only known after apply.
resource "terraform_data" "metrics_flag" {
  input = true
}

# Tests: REST */* metrics_enabled unknown until apply -> unverifiable.
resource "aws_api_gateway_stage" "unknown_rest_metrics_flag" {
  rest_api_id   = aws_api_gateway_rest_api.rest.id
  deployment_id = aws_api_gateway_deployment.rest.id
  stage_name    = "unknown"
}

resource "aws_api_gateway_method_settings" "unknown_all" {
  rest_api_id = aws_api_gateway_rest_api.rest.id
  stage_name  = aws_api_gateway_stage.unknown_rest_metrics_flag.stage_name
  method_path = "*/*"
  settings {
    metrics_enabled = terraform_data.metrics_flag.output
  }
}

resource "aws_apigatewayv2_api" "http" {
  name          = "apigw-009-fail-http"
  protocol_type = "HTTP"
}

# Tests: HTTP stage with no default_route_settings block.
resource "aws_apigatewayv2_stage" "fail_http_no_default_route_settings" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "$default"
  auto_deploy = true
}

# Tests: HTTP stage with detailed_metrics_enabled = false.
resource "aws_apigatewayv2_stage" "fail_http_metrics_false" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "off"
  auto_deploy = true
  default_route_settings {
    detailed_metrics_enabled = false
    throttling_rate_limit    = 100
    throttling_burst_limit   = 50
  }
}

# Tests: HTTP stage with detailed_metrics_enabled unknown until apply -> unverifiable.
resource "aws_apigatewayv2_stage" "unknown_http_metrics_flag" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "unknown"
  auto_deploy = true
  default_route_settings {
    detailed_metrics_enabled = terraform_data.metrics_flag.output
  }
}

resource "aws_apigatewayv2_api" "ws" {
  name                       = "apigw-009-fail-ws"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

# Tests: WebSocket stage with detailed metrics only for one route (route_settings), not by default.
resource "aws_apigatewayv2_stage" "fail_ws_route_settings_only" {
  api_id = aws_apigatewayv2_api.ws.id
  name   = "prod"
  default_route_settings {
    logging_level = "INFO"
  }
  route_settings {
    route_key                = "$default"
    detailed_metrics_enabled = true
  }
}
