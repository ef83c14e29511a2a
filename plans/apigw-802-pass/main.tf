# Fixture apigw-802-pass: REST HTTP/HTTP_PROXY integrations and HTTP API HTTP_PROXY integrations that call https:// endpoints (or a VPC link listener ARN); Lambda and MOCK integrations are not judged (APIGW-802 passes).

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

resource "aws_api_gateway_rest_api" "rest" {
  name = "apigw-802-pass-rest"
}

resource "aws_api_gateway_resource" "paths" {
  for_each    = toset(["orders", "pets", "tenants", "users", "health"])
  rest_api_id = aws_api_gateway_rest_api.rest.id
  parent_id   = aws_api_gateway_rest_api.rest.root_resource_id
  path_part   = each.key
}

resource "aws_api_gateway_method" "get" {
  for_each      = aws_api_gateway_resource.paths
  rest_api_id   = aws_api_gateway_rest_api.rest.id
  resource_id   = each.value.id
  http_method   = "GET"
  authorization = "AWS_IAM"
}

# Tests: REST HTTP_PROXY integration to an https:// endpoint.
resource "aws_api_gateway_integration" "pass_rest_http_proxy_https" {
  rest_api_id             = aws_api_gateway_rest_api.rest.id
  resource_id             = aws_api_gateway_resource.paths["orders"].id
  http_method             = aws_api_gateway_method.get["orders"].http_method
  type                    = "HTTP_PROXY"
  integration_http_method = "GET"
  uri                     = "https://orders.example.com/v1/orders"
}

# Tests: REST HTTP (non-proxy) integration to an https:// endpoint.
resource "aws_api_gateway_integration" "pass_rest_http_https" {
  rest_api_id             = aws_api_gateway_rest_api.rest.id
  resource_id             = aws_api_gateway_resource.paths["pets"].id
  http_method             = aws_api_gateway_method.get["pets"].http_method
  type                    = "HTTP"
  integration_http_method = "GET"
  uri                     = "https://petstore.example.com/pets"
  request_templates = {
    "application/json" = "{}"
  }
}

# Tests: https:// with the host taken from a stage variable (a known literal in the plan).
resource "aws_api_gateway_integration" "pass_rest_stage_variable_host" {
  rest_api_id             = aws_api_gateway_rest_api.rest.id
  resource_id             = aws_api_gateway_resource.paths["tenants"].id
  http_method             = aws_api_gateway_method.get["tenants"].http_method
  type                    = "HTTP_PROXY"
  integration_http_method = "GET"
  uri                     = "https://$${stageVariables.backendHost}/tenants"
}

# Tests (control): a Lambda proxy integration (AWS_PROXY) is not a subject.
resource "aws_api_gateway_integration" "pass_rest_lambda_not_judged" {
  rest_api_id             = aws_api_gateway_rest_api.rest.id
  resource_id             = aws_api_gateway_resource.paths["users"].id
  http_method             = aws_api_gateway_method.get["users"].http_method
  type                    = "AWS_PROXY"
  integration_http_method = "POST"
  uri                     = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:users/invocations"
}

# Tests (control): a MOCK integration is not a subject.
resource "aws_api_gateway_integration" "pass_rest_mock_not_judged" {
  rest_api_id = aws_api_gateway_rest_api.rest.id
  resource_id = aws_api_gateway_resource.paths["health"].id
  http_method = aws_api_gateway_method.get["health"].http_method
  type        = "MOCK"
}

resource "aws_apigatewayv2_api" "http" {
  name          = "apigw-802-pass-http"
  protocol_type = "HTTP"
}

# Tests: HTTP API HTTP_PROXY integration to an https:// endpoint.
resource "aws_apigatewayv2_integration" "pass_http_api_https" {
  api_id             = aws_apigatewayv2_api.http.id
  integration_type   = "HTTP_PROXY"
  integration_method = "ANY"
  integration_uri    = "https://orders.example.com/{proxy}"
}

resource "aws_apigatewayv2_vpc_link" "private" {
  name               = "apigw-802-pass"
  subnet_ids         = ["subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829"]
  security_group_ids = ["sg-0c3d4e5f60718293a"]
}

# Tests: HTTP API private integration whose integration_uri is an ALB listener ARN (not http://).
resource "aws_apigatewayv2_integration" "pass_http_api_vpc_link_listener" {
  api_id             = aws_apigatewayv2_api.http.id
  integration_type   = "HTTP_PROXY"
  integration_method = "ANY"
  connection_type    = "VPC_LINK"
  connection_id      = aws_apigatewayv2_vpc_link.private.id
  integration_uri    = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/orders/50dc6c495c0c9188/0467ef3c8400ae65"
  tls_config {
    server_name_to_verify = "orders.internal.example.com"
  }
}

# Tests (control): an HTTP API Lambda integration (AWS_PROXY) is not a subject.
resource "aws_apigatewayv2_integration" "pass_http_api_lambda_not_judged" {
  api_id                 = aws_apigatewayv2_api.http.id
  integration_type       = "AWS_PROXY"
  integration_uri        = "arn:aws:lambda:us-east-1:123456789012:function:orders"
  payload_format_version = "2.0"
}
