# Fixture apigw-204-fail: APIs fronted by a custom domain whose default execute-api endpoint stays enabled (unset or false; REST, HTTP, WebSocket; by reference or known ID), a flag unknown until apply, and an unresolved literal mapping (APIGW-204).

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

# Tests: REST API mapped by reference (with a stage), disable_execute_api_endpoint absent (default false;
# the provider computes it, so the plan marks it unknown, but absent from the configuration means unset).
resource "aws_api_gateway_rest_api" "fail_rest_endpoint_default" {
  name = "apigw-204-fail-rest-default"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_method" "get" {
  rest_api_id   = aws_api_gateway_rest_api.fail_rest_endpoint_default.id
  resource_id   = aws_api_gateway_rest_api.fail_rest_endpoint_default.root_resource_id
  http_method   = "GET"
  authorization = "AWS_IAM"
}

resource "aws_api_gateway_integration" "get" {
  rest_api_id = aws_api_gateway_rest_api.fail_rest_endpoint_default.id
  resource_id = aws_api_gateway_rest_api.fail_rest_endpoint_default.root_resource_id
  http_method = aws_api_gateway_method.get.http_method
  type        = "MOCK"
}

resource "aws_api_gateway_deployment" "rest" {
  rest_api_id = aws_api_gateway_rest_api.fail_rest_endpoint_default.id
  triggers = {
    redeployment = sha1(jsonencode([aws_api_gateway_method.get.id, aws_api_gateway_integration.get.id]))
  }
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_api_gateway_stage" "rest" {
  rest_api_id   = aws_api_gateway_rest_api.fail_rest_endpoint_default.id
  deployment_id = aws_api_gateway_deployment.rest.id
  stage_name    = "prod"
}

resource "aws_api_gateway_base_path_mapping" "default" {
  domain_name = aws_api_gateway_domain_name.rest.domain_name
  api_id      = aws_api_gateway_rest_api.fail_rest_endpoint_default.id
  stage_name  = aws_api_gateway_stage.rest.stage_name
  base_path   = "orders"
}

# Tests: REST API mapped by reference (no stage), disable_execute_api_endpoint = false.
resource "aws_api_gateway_rest_api" "fail_rest_endpoint_enabled_explicit" {
  name                         = "apigw-204-fail-rest-explicit"
  disable_execute_api_endpoint = false
}

resource "aws_api_gateway_base_path_mapping" "explicit" {
  domain_name = aws_api_gateway_domain_name.rest.domain_name
  api_id      = aws_api_gateway_rest_api.fail_rest_endpoint_enabled_explicit.id
  base_path   = "billing"
}

# Tests: existing REST API (in prior-state.json, no-op, ID "k204fl7x9q" known) mapped by a literal API ID
# that matches its known ID; its default endpoint stays enabled.
resource "aws_api_gateway_rest_api" "fail_existing_mapped_by_known_id" {
  name = "apigw-204-fail-existing"
}

resource "aws_api_gateway_base_path_mapping" "existing" {
  domain_name = aws_api_gateway_domain_name.rest.domain_name
  api_id      = "k204fl7x9q"
  base_path   = "existing"
}

# A flag only known after apply.
resource "terraform_data" "disable_flag" {
  input = true
}

# Tests: REST API mapped by reference, disable_execute_api_endpoint unknown until apply -> unverifiable.
resource "aws_api_gateway_rest_api" "unknown_rest_disable_flag" {
  name                         = "apigw-204-fail-rest-unknown"
  disable_execute_api_endpoint = terraform_data.disable_flag.output
}

resource "aws_api_gateway_base_path_mapping" "unknown_flag" {
  domain_name = aws_api_gateway_domain_name.rest.domain_name
  api_id      = aws_api_gateway_rest_api.unknown_rest_disable_flag.id
  base_path   = "maybe"
}

# Tests: a new REST API (ID unknown until apply) that no mapping names by reference, with its default
# endpoint enabled; the mapping below names API "a1b2c3d4e5" by literal ID. A literal in configuration
# cannot name an API that does not exist yet (its ID is chosen at apply), so that mapping is for an API
# managed elsewhere and this API is not mapped -> no finding.
resource "aws_api_gateway_rest_api" "pass_new_api_literal_mapping_elsewhere" {
  name = "apigw-204-fail-rest-literal"
}

resource "aws_api_gateway_base_path_mapping" "literal" {
  domain_name = aws_api_gateway_domain_name.rest.domain_name
  api_id      = "a1b2c3d4e5"
  base_path   = "partner"
}

resource "aws_apigatewayv2_domain_name" "http" {
  domain_name = "http.example.com"
  domain_name_configuration {
    certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/1a2b3c4d-5e6f-7081-92a3-b4c5d6e7f809"
    endpoint_type   = "REGIONAL"
    security_policy = "TLS_1_2"
  }
}

# Tests: HTTP API mapped by reference (aws_apigatewayv2_api_mapping), disable_execute_api_endpoint absent.
resource "aws_apigatewayv2_api" "fail_http_endpoint_default" {
  name          = "apigw-204-fail-http"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_stage" "http" {
  api_id      = aws_apigatewayv2_api.fail_http_endpoint_default.id
  name        = "$default"
  auto_deploy = true
}

resource "aws_apigatewayv2_api_mapping" "http" {
  api_id      = aws_apigatewayv2_api.fail_http_endpoint_default.id
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

# Tests: WebSocket API mapped by reference, disable_execute_api_endpoint = false.
resource "aws_apigatewayv2_api" "fail_ws_endpoint_enabled_explicit" {
  name                         = "apigw-204-fail-ws"
  protocol_type                = "WEBSOCKET"
  route_selection_expression   = "$request.body.action"
  disable_execute_api_endpoint = false
}

resource "aws_apigatewayv2_stage" "ws" {
  api_id = aws_apigatewayv2_api.fail_ws_endpoint_enabled_explicit.id
  name   = "prod"
}

resource "aws_apigatewayv2_api_mapping" "ws" {
  api_id          = aws_apigatewayv2_api.fail_ws_endpoint_enabled_explicit.id
  domain_name     = aws_apigatewayv2_domain_name.ws.id
  stage           = aws_apigatewayv2_stage.ws.id
  api_mapping_key = "chat"
}

# Tests (control): REST API mapped by reference with the default endpoint disabled.
resource "aws_api_gateway_rest_api" "pass_rest_endpoint_disabled" {
  name                         = "apigw-204-fail-rest-disabled"
  disable_execute_api_endpoint = true
}

resource "aws_api_gateway_base_path_mapping" "disabled" {
  domain_name = aws_api_gateway_domain_name.rest.domain_name
  api_id      = aws_api_gateway_rest_api.pass_rest_endpoint_disabled.id
  base_path   = "secure"
}
