# Fixture apigw-403-fail: REST stages of APIs with HTTP backends without a client certificate: unset, empty, or
# unknown through a local value, and a stage of an API whose OpenAPI body proxies to an HTTP backend (APIGW-403).

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

# Minimal deployable REST API with an HTTP_PROXY backend (the certificate reaches it), shared by the stages below.
resource "aws_api_gateway_rest_api" "api" {
  name = "apigw-403-fail"
}

resource "aws_api_gateway_method" "get" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_rest_api.api.root_resource_id
  http_method   = "GET"
  authorization = "AWS_IAM"
}

resource "aws_api_gateway_integration" "get" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  resource_id = aws_api_gateway_rest_api.api.root_resource_id
  http_method             = aws_api_gateway_method.get.http_method
  type                    = "HTTP_PROXY"
  integration_http_method = "GET"
  uri                     = "https://orders.backend.example.com/"
}

resource "aws_api_gateway_deployment" "this" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  triggers = {
    redeployment = sha1(jsonencode([aws_api_gateway_method.get.id, aws_api_gateway_integration.get.id]))
  }
  lifecycle {
    create_before_destroy = true
  }
}

# Tests: client_certificate_id absent (unset).
resource "aws_api_gateway_stage" "fail_certificate_unset" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "unset"
}

# Tests: client_certificate_id = "" (the provider accepts it; nothing is presented).
resource "aws_api_gateway_stage" "fail_certificate_empty_string" {
  rest_api_id           = aws_api_gateway_rest_api.api.id
  deployment_id         = aws_api_gateway_deployment.this.id
  stage_name            = "empty"
  client_certificate_id = ""
}

resource "aws_api_gateway_client_certificate" "backend" {
  description = "Presented by API Gateway to the backend"
}

locals {
  # The plan's configuration section records only "local.client_certificate_id" for the stage below,
  # not what the local refers to.
  client_certificate_id = aws_api_gateway_client_certificate.backend.id
}

# Tests: client_certificate_id unknown until apply and its expression references only a local value
# (not a managed resource the plan can see) -> unverifiable.
resource "aws_api_gateway_stage" "unknown_certificate_via_local" {
  rest_api_id           = aws_api_gateway_rest_api.api.id
  deployment_id         = aws_api_gateway_deployment.this.id
  stage_name            = "local"
  client_certificate_id = local.client_certificate_id
}

# An API defined by its OpenAPI body, whose only operation proxies to an HTTP backend.
resource "aws_api_gateway_rest_api" "openapi" {
  name = "apigw-403-fail-openapi"
  body = jsonencode({
    openapi = "3.0.1"
    info    = { title = "orders", version = "1" }
    paths = {
      "/orders" = {
        get = {
          security = [{ sigv4 = [] }]
          "x-amazon-apigateway-integration" = {
            type                 = "http_proxy"
            httpMethod           = "GET"
            uri                  = "https://orders.backend.example.com/orders"
            payloadFormatVersion = "1.0"
          }
        }
      }
    }
    components = {
      securitySchemes = {
        sigv4 = { type = "apiKey", name = "Authorization", in = "header", "x-amazon-apigateway-authtype" = "awsSigv4" }
      }
    }
  })
}

resource "aws_api_gateway_deployment" "openapi" {
  rest_api_id = aws_api_gateway_rest_api.openapi.id
  triggers = {
    redeployment = sha1(aws_api_gateway_rest_api.openapi.body)
  }
  lifecycle {
    create_before_destroy = true
  }
}

# Tests: the API's HTTP backend is declared in its OpenAPI body (x-amazon-apigateway-integration type http_proxy).
resource "aws_api_gateway_stage" "fail_openapi_http_proxy_unset" {
  rest_api_id   = aws_api_gateway_rest_api.openapi.id
  deployment_id = aws_api_gateway_deployment.openapi.id
  stage_name    = "openapi"
}
