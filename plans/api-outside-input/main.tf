# Fixture api-outside-input: routes, stages, methods and integrations whose API is not in this configuration:
# its ID comes from a variable (the usual "API in one stack, routes in another" split) or from a data source.
# Where the API's kind or settings decide the verdict the finding is unverifiable, never silent; where they do
# not (a $connect route only exists on WebSocket APIs) it is a finding.

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

variable "http_api_id" {
  description = "ID of an HTTP API created by another configuration."
  type        = string
  default     = "h1t2t3p4a5"
}

variable "websocket_api_id" {
  description = "ID of a WebSocket API created by another configuration."
  type        = string
  default     = "w1s2k3t4e5"
}

variable "rest_api_arn" {
  description = "ARN of a REST API created by another configuration."
  type        = string
  default     = "arn:aws:apigateway:us-east-1::/restapis/r1e2s3t4u5"
}

# The REST API's ID, read from its ARN by a data source (aws_arn needs no AWS call).
data "aws_arn" "rest_api" {
  arn = var.rest_api_arn
}

locals {
  rest_api_id = element(split("/", data.aws_arn.rest_api.resource), 2)
}

# Tests: a route without authorization on an API that may be an HTTP API -> APIGW-103 unverifiable.
resource "aws_apigatewayv2_route" "unknown_open_route" {
  api_id             = var.http_api_id
  route_key          = "GET /orders"
  authorization_type = "NONE"
}

# Tests: a $connect route without authorization: only WebSocket APIs have $connect, so APIGW-104 is a finding
# wherever the API is (and APIGW-103 does not judge it).
resource "aws_apigatewayv2_route" "fail_open_connect" {
  api_id    = var.websocket_api_id
  route_key = "$connect"
}

# Tests: a stage without execution logging on an API that may be a WebSocket API -> APIGW-002 unverifiable.
resource "aws_apigatewayv2_stage" "unknown_websocket_stage" {
  api_id = var.websocket_api_id
  name   = "prod"
}

# Tests: a VPC-link integration without TLS on an API that may be an HTTP API -> APIGW-801 unverifiable.
resource "aws_apigatewayv2_integration" "unknown_vpc_link_without_tls" {
  api_id             = var.http_api_id
  integration_type   = "HTTP_PROXY"
  integration_method = "ANY"
  integration_uri    = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/orders/50dc6c495c0c9188/f2f7dc8efc522ab2"
  connection_type    = "VPC_LINK"
  connection_id      = "vl1a2b3"
}

# Tests: a method without authorization on a REST API that may be private and VPC-only -> APIGW-101 unverifiable.
resource "aws_api_gateway_method" "unknown_open_method" {
  rest_api_id   = local.rest_api_id
  resource_id   = "abc123"
  http_method   = "GET"
  authorization = "NONE"
}

# Tests: a stage with no WAF and no client certificate of a REST API whose endpoint type and integrations are
# out of sight -> APIGW-201 and APIGW-403 unverifiable.
resource "aws_api_gateway_stage" "unknown_rest_stage" {
  rest_api_id   = local.rest_api_id
  deployment_id = "d1e2p3"
  stage_name    = "prod"
}
