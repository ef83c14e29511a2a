# Fixture apigw-004-pass: HTTP and WebSocket stages with access logging to a referenced log group, a literal ARN, or a destination known only after apply but set by reference; REST stages are not judged (APIGW-004 passes).

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
  name          = "apigw-004-pass-http"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_api" "ws" {
  name                       = "apigw-004-pass-ws"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

resource "aws_cloudwatch_log_group" "access" {
  name              = "/aws/apigateway/apigw-004-pass/access"
  retention_in_days = 90
}

locals {
  access_log_format = jsonencode({
    requestId = "$context.requestId"
    sourceIp  = "$context.identity.sourceIp"
    routeKey  = "$context.routeKey"
    status    = "$context.status"
  })
}

# Tests: HTTP stage whose destination_arn references a log group created in the same plan (unknown value,
# known to be set).
resource "aws_apigatewayv2_stage" "pass_http_log_group_reference" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "$default"
  auto_deploy = true
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format          = local.access_log_format
  }
}

# Tests: WebSocket stage whose destination_arn is a known literal ARN (Firehose stream managed elsewhere).
resource "aws_apigatewayv2_stage" "pass_ws_literal_arn" {
  api_id = aws_apigatewayv2_api.ws.id
  name   = "prod"
  access_log_settings {
    destination_arn = "arn:aws:firehose:us-east-1:123456789012:deliverystream/amazon-apigateway-access"
    format          = local.access_log_format
  }
}

# A destination only known after apply.
resource "terraform_data" "destination" {
  input = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/apigateway/shared-access"
}

# Tests: destination_arn is unknown until apply but comes from a reference to another managed resource,
# so it is known to be set (presence rule: passes).
resource "aws_apigatewayv2_stage" "pass_ws_destination_unknown_reference" {
  api_id = aws_apigatewayv2_api.ws.id
  name   = "staging"
  access_log_settings {
    destination_arn = terraform_data.destination.output
    format          = local.access_log_format
  }
}

# Tests: the block comes from a dynamic block with a known for_each (absent from the plan's configuration
# section, present with a known value in the planned values).
resource "aws_apigatewayv2_stage" "pass_http_dynamic_block_known" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "dynamic"
  auto_deploy = true
  dynamic "access_log_settings" {
    for_each = ["arn:aws:logs:us-east-1:123456789012:log-group:/aws/apigateway/dynamic-access"]
    content {
      destination_arn = access_log_settings.value
      format          = local.access_log_format
    }
  }
}

# Minimal deployable REST API for the control stage below.
resource "aws_api_gateway_rest_api" "rest" {
  name = "apigw-004-pass-rest"
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

# Tests (control): a REST stage without access logging is APIGW-003's subject, not this rule's.
resource "aws_api_gateway_stage" "pass_rest_stage_not_judged" {
  rest_api_id   = aws_api_gateway_rest_api.rest.id
  deployment_id = aws_api_gateway_deployment.rest.id
  stage_name    = "rest"
}
