# Fixture apigw-204-pass: APIs fronted by a custom domain (REST base path mapping, v2 API mapping) with the default execute-api endpoint disabled, and unmapped APIs the rule does not judge (APIGW-204 passes).

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

resource "aws_api_gateway_domain_name" "rest" {
  domain_name              = "api.example.com"
  regional_certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
  security_policy          = "TLS_1_2"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

# Tests: REST API mapped to a custom domain (base path mapping by reference) with
# disable_execute_api_endpoint = true.
resource "aws_api_gateway_rest_api" "pass_rest_endpoint_disabled" {
  name                         = "apigw-204-pass-rest"
  disable_execute_api_endpoint = true
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_method" "get" {
  rest_api_id   = aws_api_gateway_rest_api.pass_rest_endpoint_disabled.id
  resource_id   = aws_api_gateway_rest_api.pass_rest_endpoint_disabled.root_resource_id
  http_method   = "GET"
  authorization = "AWS_IAM"
}

resource "aws_api_gateway_integration" "get" {
  rest_api_id = aws_api_gateway_rest_api.pass_rest_endpoint_disabled.id
  resource_id = aws_api_gateway_rest_api.pass_rest_endpoint_disabled.root_resource_id
  http_method = aws_api_gateway_method.get.http_method
  type        = "MOCK"
}

resource "aws_api_gateway_deployment" "rest" {
  rest_api_id = aws_api_gateway_rest_api.pass_rest_endpoint_disabled.id
  triggers = {
    redeployment = sha1(jsonencode([aws_api_gateway_method.get.id, aws_api_gateway_integration.get.id]))
  }
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_api_gateway_stage" "rest" {
  rest_api_id   = aws_api_gateway_rest_api.pass_rest_endpoint_disabled.id
  deployment_id = aws_api_gateway_deployment.rest.id
  stage_name    = "prod"
}

resource "aws_api_gateway_base_path_mapping" "rest" {
  domain_name = aws_api_gateway_domain_name.rest.domain_name
  api_id      = aws_api_gateway_rest_api.pass_rest_endpoint_disabled.id
  stage_name  = aws_api_gateway_stage.rest.stage_name
  base_path   = "orders"
}

# Tests (control): a REST API that no mapping in the input fronts keeps its default endpoint and is not
# judged.
resource "aws_api_gateway_rest_api" "pass_rest_not_mapped" {
  name = "apigw-204-pass-rest-unmapped"
}

# Tests (control): the only base path mapping for this REST API has count = 0, so it does not exist.
resource "aws_api_gateway_rest_api" "pass_rest_mapping_count_zero" {
  name = "apigw-204-pass-rest-count-zero"
}

resource "aws_api_gateway_base_path_mapping" "disabled" {
  count       = 0
  domain_name = aws_api_gateway_domain_name.rest.domain_name
  api_id      = aws_api_gateway_rest_api.pass_rest_mapping_count_zero.id
  base_path   = "legacy"
}

resource "aws_apigatewayv2_domain_name" "http" {
  domain_name = "http.example.com"
  domain_name_configuration {
    certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/1a2b3c4d-5e6f-7081-92a3-b4c5d6e7f809"
    endpoint_type   = "REGIONAL"
    security_policy = "TLS_1_2"
  }
}

# Tests: HTTP API mapped to a custom domain (aws_apigatewayv2_api_mapping by reference) with
# disable_execute_api_endpoint = true.
resource "aws_apigatewayv2_api" "pass_http_endpoint_disabled" {
  name                         = "apigw-204-pass-http"
  protocol_type                = "HTTP"
  disable_execute_api_endpoint = true
}

resource "aws_apigatewayv2_stage" "http" {
  api_id      = aws_apigatewayv2_api.pass_http_endpoint_disabled.id
  name        = "$default"
  auto_deploy = true
}

resource "aws_apigatewayv2_api_mapping" "http" {
  api_id      = aws_apigatewayv2_api.pass_http_endpoint_disabled.id
  domain_name = aws_apigatewayv2_domain_name.http.id
  stage       = aws_apigatewayv2_stage.http.id
}

resource "aws_apigatewayv2_domain_name" "ws" {
  domain_name = "ws.example.com"
  domain_name_configuration {
    certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/2b3c4d5e-6f70-8192-a3b4-c5d6e7f8091a"
    endpoint_type   = "REGIONAL"
    security_policy = "TLS_1_2"
  }
}

variable "disable_execute_api_endpoint" {
  type    = bool
  default = true
}

# Tests: WebSocket API mapped to a custom domain with disable_execute_api_endpoint from a root variable
# with a known value (true).
resource "aws_apigatewayv2_api" "pass_ws_endpoint_disabled_variable" {
  name                         = "apigw-204-pass-ws"
  protocol_type                = "WEBSOCKET"
  route_selection_expression   = "$request.body.action"
  disable_execute_api_endpoint = var.disable_execute_api_endpoint
}

resource "aws_apigatewayv2_stage" "ws" {
  api_id = aws_apigatewayv2_api.pass_ws_endpoint_disabled_variable.id
  name   = "prod"
}

resource "aws_apigatewayv2_api_mapping" "ws" {
  api_id          = aws_apigatewayv2_api.pass_ws_endpoint_disabled_variable.id
  domain_name     = aws_apigatewayv2_domain_name.ws.id
  stage           = aws_apigatewayv2_stage.ws.id
  api_mapping_key = "chat"
}

# Tests (control): an HTTP API without any API mapping keeps its default endpoint and is not judged.
resource "aws_apigatewayv2_api" "pass_http_not_mapped" {
  name          = "apigw-204-pass-http-unmapped"
  protocol_type = "HTTP"
}
