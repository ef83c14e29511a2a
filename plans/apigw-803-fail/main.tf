# Fixture apigw-803-fail: REST integrations that skip backend certificate verification, and one whose flag is unknown until apply (APIGW-803).

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

resource "aws_api_gateway_rest_api" "api" {
  name = "apigw-803-fail"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_resource" "orders" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_rest_api.api.root_resource_id
  path_part   = "orders"
}

resource "aws_api_gateway_method" "get" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_resource.orders.id
  http_method   = "GET"
  authorization = "AWS_IAM"
}

resource "aws_api_gateway_method" "post" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_resource.orders.id
  http_method   = "POST"
  authorization = "AWS_IAM"
}

resource "aws_api_gateway_method" "put" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_resource.orders.id
  http_method   = "PUT"
  authorization = "AWS_IAM"
}

# Tests: HTTP_PROXY integration with insecure_skip_verification = true.
resource "aws_api_gateway_integration" "fail_proxy_skip_verification" {
  rest_api_id             = aws_api_gateway_rest_api.api.id
  resource_id             = aws_api_gateway_resource.orders.id
  http_method             = aws_api_gateway_method.get.http_method
  type                    = "HTTP_PROXY"
  integration_http_method = "GET"
  uri                     = "https://orders.internal.example.com/orders"
  tls_config {
    insecure_skip_verification = true
  }
}

# Tests: non-proxy HTTP integration with insecure_skip_verification = true.
resource "aws_api_gateway_integration" "fail_http_skip_verification" {
  rest_api_id             = aws_api_gateway_rest_api.api.id
  resource_id             = aws_api_gateway_resource.orders.id
  http_method             = aws_api_gateway_method.post.http_method
  type                    = "HTTP"
  integration_http_method = "POST"
  uri                     = "https://orders.internal.example.com/orders"
  tls_config {
    insecure_skip_verification = true
  }
}

# A flag only known after apply.
resource "terraform_data" "skip_verification" {
  input = false
}

# Tests: insecure_skip_verification unknown until apply -> unverifiable.
resource "aws_api_gateway_integration" "unknown_skip_verification" {
  rest_api_id             = aws_api_gateway_rest_api.api.id
  resource_id             = aws_api_gateway_resource.orders.id
  http_method             = aws_api_gateway_method.put.http_method
  type                    = "HTTP_PROXY"
  integration_http_method = "PUT"
  uri                     = "https://orders.internal.example.com/orders"
  tls_config {
    insecure_skip_verification = terraform_data.skip_verification.output
  }
}
