# Fixture apigw-005-pass: Access log formats (JSON and CLF, REST and v2) that record request ID, source IP, method or route key, and status; stages without access logging are not judged (APIGW-005 passes).

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
  name = "apigw-005-pass-rest"
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

resource "aws_apigatewayv2_api" "http" {
  name          = "apigw-005-pass-http"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_api" "ws" {
  name                       = "apigw-005-pass-ws"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

resource "aws_cloudwatch_log_group" "access" {
  name              = "/aws/apigateway/apigw-005-pass/access"
  retention_in_days = 90
}

# Tests: REST stage, JSON format with $context.httpMethod.
resource "aws_api_gateway_stage" "pass_rest_json_format" {
  rest_api_id   = aws_api_gateway_rest_api.rest.id
  deployment_id = aws_api_gateway_deployment.rest.id
  stage_name    = "json"
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format = jsonencode({
      requestId      = "$context.requestId"
      ip             = "$context.identity.sourceIp"
      caller         = "$context.identity.caller"
      user           = "$context.identity.user"
      requestTime    = "$context.requestTime"
      httpMethod     = "$context.httpMethod"
      resourcePath   = "$context.resourcePath"
      status         = "$context.status"
      protocol       = "$context.protocol"
      responseLength = "$context.responseLength"
    })
  }
}

# Tests: REST stage, the CLF template from the API Gateway console.
resource "aws_api_gateway_stage" "pass_rest_clf_format" {
  rest_api_id   = aws_api_gateway_rest_api.rest.id
  deployment_id = aws_api_gateway_deployment.rest.id
  stage_name    = "clf"
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format          = "$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime] \"$context.httpMethod $context.resourcePath $context.protocol\" $context.status $context.responseLength $context.requestId"
  }
}

# Tests: HTTP stage, JSON format with $context.routeKey instead of $context.httpMethod.
resource "aws_apigatewayv2_stage" "pass_http_json_route_key" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "$default"
  auto_deploy = true
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format = jsonencode({
      requestId        = "$context.requestId"
      sourceIp         = "$context.identity.sourceIp"
      routeKey         = "$context.routeKey"
      status           = "$context.status"
      integrationError = "$context.integrationErrorMessage"
    })
  }
}

# Tests: HTTP stage, JSON format with both $context.httpMethod and $context.routeKey, written as a
# literal JSON string (not jsonencode).
resource "aws_apigatewayv2_stage" "pass_http_literal_json_string" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "literal"
  auto_deploy = true
  access_log_settings {
    destination_arn = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/apigateway/shared-access"
    format          = "{ \"requestId\":\"$context.requestId\", \"ip\": \"$context.identity.sourceIp\", \"httpMethod\":\"$context.httpMethod\", \"routeKey\":\"$context.routeKey\", \"status\":\"$context.status\" }"
  }
}

# Tests: WebSocket stage, CLF-style template with $context.routeKey.
resource "aws_apigatewayv2_stage" "pass_ws_clf_route_key" {
  api_id = aws_apigatewayv2_api.ws.id
  name   = "prod"
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format          = "$context.identity.sourceIp - - [$context.requestTime] \"$context.eventType $context.routeKey $context.connectionId\" $context.status $context.requestId"
  }
}

# Tests (control): REST stage without access logging is not judged by this rule.
resource "aws_api_gateway_stage" "pass_rest_no_access_logging" {
  rest_api_id   = aws_api_gateway_rest_api.rest.id
  deployment_id = aws_api_gateway_deployment.rest.id
  stage_name    = "nologs"
}

# Tests (control): HTTP stage without access logging is not judged by this rule.
resource "aws_apigatewayv2_stage" "pass_http_no_access_logging" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "nologs"
  auto_deploy = true
}
