# Fixture apigw-802-fail: REST HTTP/HTTP_PROXY and HTTP API HTTP_PROXY integrations that call http:// endpoints (including over a REST VPC link), and URIs unknown until apply (APIGW-802).

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
  name = "apigw-802-fail-rest"
}

resource "aws_api_gateway_resource" "paths" {
  for_each    = toset(["orders", "pets", "inventory", "reports"])
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

# Tests: REST HTTP_PROXY integration to a plain http:// endpoint.
resource "aws_api_gateway_integration" "fail_rest_http_proxy_plain_http" {
  rest_api_id             = aws_api_gateway_rest_api.rest.id
  resource_id             = aws_api_gateway_resource.paths["orders"].id
  http_method             = aws_api_gateway_method.get["orders"].http_method
  type                    = "HTTP_PROXY"
  integration_http_method = "GET"
  uri                     = "http://orders.example.com/v1/orders"
}

# Tests: REST HTTP (non-proxy) integration to a plain http:// endpoint.
resource "aws_api_gateway_integration" "fail_rest_http_plain_http" {
  rest_api_id             = aws_api_gateway_rest_api.rest.id
  resource_id             = aws_api_gateway_resource.paths["pets"].id
  http_method             = aws_api_gateway_method.get["pets"].http_method
  type                    = "HTTP"
  integration_http_method = "GET"
  uri                     = "http://petstore.example.com/pets"
  request_templates = {
    "application/json" = "{}"
  }
}

resource "aws_api_gateway_vpc_link" "nlb" {
  name        = "apigw-802-fail"
  target_arns = ["arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/inventory/7a8b9c0d1e2f3a4b"]
}

# Tests: REST private integration (VPC_LINK to an NLB) over http:// (the catalog names no exemption for
# VPC links).
resource "aws_api_gateway_integration" "fail_rest_vpc_link_plain_http" {
  rest_api_id             = aws_api_gateway_rest_api.rest.id
  resource_id             = aws_api_gateway_resource.paths["inventory"].id
  http_method             = aws_api_gateway_method.get["inventory"].http_method
  type                    = "HTTP_PROXY"
  integration_http_method = "GET"
  connection_type         = "VPC_LINK"
  connection_id           = aws_api_gateway_vpc_link.nlb.id
  uri                     = "http://inventory-nlb-7a8b9c0d1e2f3a4b.elb.us-east-1.amazonaws.com/inventory"
}

# A URI only known after apply.
resource "terraform_data" "backend_uri" {
  input = "http://reports.example.com/reports"
}

# Tests: REST integration uri unknown until apply -> unverifiable.
resource "aws_api_gateway_integration" "unknown_rest_uri" {
  rest_api_id             = aws_api_gateway_rest_api.rest.id
  resource_id             = aws_api_gateway_resource.paths["reports"].id
  http_method             = aws_api_gateway_method.get["reports"].http_method
  type                    = "HTTP_PROXY"
  integration_http_method = "GET"
  uri                     = terraform_data.backend_uri.output
}

resource "aws_apigatewayv2_api" "http" {
  name          = "apigw-802-fail-http"
  protocol_type = "HTTP"
}

# Tests: HTTP API HTTP_PROXY integration to a plain http:// endpoint.
resource "aws_apigatewayv2_integration" "fail_http_api_plain_http" {
  api_id             = aws_apigatewayv2_api.http.id
  integration_type   = "HTTP_PROXY"
  integration_method = "ANY"
  integration_uri    = "http://legacy.example.com/{proxy}"
}

resource "terraform_data" "backend_host" {
  input = "legacy.example.com"
}

# Tests: integration_uri "http://${host}/..." with the host unknown until apply: the plan shows the whole
# value as unknown, so the scheme cannot be proven -> unverifiable.
resource "aws_apigatewayv2_integration" "unknown_http_api_uri" {
  api_id             = aws_apigatewayv2_api.http.id
  integration_type   = "HTTP_PROXY"
  integration_method = "ANY"
  integration_uri    = "http://${terraform_data.backend_host.output}/{proxy}"
}
