# Fixture apigw-005-fail: Access log formats missing the request ID, source IP, method/route key or status, and a format unknown until apply (APIGW-005).

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
  name = "apigw-005-fail-rest"
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
  name          = "apigw-005-fail-http"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_api" "ws" {
  name                       = "apigw-005-fail-ws"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

resource "aws_cloudwatch_log_group" "access" {
  name              = "/aws/apigateway/apigw-005-fail/access"
  retention_in_days = 90
}

# Tests: REST JSON format with $context.extendedRequestId but not $context.requestId.
resource "aws_api_gateway_stage" "fail_rest_missing_request_id" {
  rest_api_id   = aws_api_gateway_rest_api.rest.id
  deployment_id = aws_api_gateway_deployment.rest.id
  stage_name    = "noreqid"
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format = jsonencode({
      extendedRequestId = "$context.extendedRequestId"
      sourceIp          = "$context.identity.sourceIp"
      httpMethod        = "$context.httpMethod"
      status            = "$context.status"
    })
  }
}

# Tests: REST CLF template without $context.status.
resource "aws_api_gateway_stage" "fail_rest_clf_missing_status" {
  rest_api_id   = aws_api_gateway_rest_api.rest.id
  deployment_id = aws_api_gateway_deployment.rest.id
  stage_name    = "nostatus"
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format          = "$context.identity.sourceIp [$context.requestTime] \"$context.httpMethod $context.resourcePath $context.protocol\" $context.responseLength $context.requestId"
  }
}

# Tests: HTTP JSON format without $context.identity.sourceIp.
resource "aws_apigatewayv2_stage" "fail_http_missing_source_ip" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "$default"
  auto_deploy = true
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format = jsonencode({
      requestId = "$context.requestId"
      routeKey  = "$context.routeKey"
      status    = "$context.status"
    })
  }
}

# Tests: HTTP JSON format with neither $context.httpMethod nor $context.routeKey (only the path).
resource "aws_apigatewayv2_stage" "fail_http_no_method_or_route_key" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "nomethod"
  auto_deploy = true
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format = jsonencode({
      requestId = "$context.requestId"
      sourceIp  = "$context.identity.sourceIp"
      path      = "$context.path"
      status    = "$context.status"
    })
  }
}

# Tests: WebSocket format with $context.integration.status but not $context.status.
resource "aws_apigatewayv2_stage" "fail_ws_integration_status_only" {
  api_id = aws_apigatewayv2_api.ws.id
  name   = "prod"
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format = jsonencode({
      requestId         = "$context.requestId"
      sourceIp          = "$context.identity.sourceIp"
      routeKey          = "$context.routeKey"
      integrationStatus = "$context.integration.status"
    })
  }
}

# Tests: a minimal format holding only the request ID.
resource "aws_apigatewayv2_stage" "fail_ws_request_id_only" {
  api_id = aws_apigatewayv2_api.ws.id
  name   = "minimal"
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format          = "$context.requestId"
  }
}

# A format only known after apply.
resource "terraform_data" "format" {
  input = "$context.requestId $context.identity.sourceIp $context.routeKey $context.status"
}

# Tests: format unknown until apply -> unverifiable.
resource "aws_apigatewayv2_stage" "unknown_http_format" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "unknown"
  auto_deploy = true
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format          = terraform_data.format.output
  }
}
