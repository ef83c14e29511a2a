# Fixture apigw-102-fail: REST methods whose only access control is an API key, or where that cannot be known (APIGW-102).

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
  name = "apigw-102-fail"
}

resource "aws_api_gateway_resource" "orders" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_rest_api.api.root_resource_id
  path_part   = "orders"
}

resource "aws_api_gateway_resource" "reports" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_rest_api.api.root_resource_id
  path_part   = "reports"
}

resource "aws_api_gateway_resource" "admin" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_rest_api.api.root_resource_id
  path_part   = "admin"
}

# Tests: api_key_required = true with authorization = "NONE" on GET.
resource "aws_api_gateway_method" "fail_api_key_only_get" {
  rest_api_id      = aws_api_gateway_rest_api.api.id
  resource_id      = aws_api_gateway_resource.orders.id
  http_method      = "GET"
  authorization    = "NONE"
  api_key_required = true
}

# Tests: api_key_required = true with authorization = "NONE" on POST of another resource.
resource "aws_api_gateway_method" "fail_api_key_only_post" {
  rest_api_id      = aws_api_gateway_rest_api.api.id
  resource_id      = aws_api_gateway_resource.admin.id
  http_method      = "POST"
  authorization    = "NONE"
  api_key_required = true
}

# Values only known after apply.
resource "terraform_data" "api_key_required" {
  input = true
}

resource "terraform_data" "authorization" {
  input = "NONE"
}

# Tests: authorization NONE with api_key_required unknown until apply -> unverifiable.
resource "aws_api_gateway_method" "unknown_api_key_required" {
  rest_api_id      = aws_api_gateway_rest_api.api.id
  resource_id      = aws_api_gateway_resource.reports.id
  http_method      = "GET"
  authorization    = "NONE"
  api_key_required = terraform_data.api_key_required.output
}

# Tests: api_key_required = true with authorization unknown until apply -> unverifiable.
resource "aws_api_gateway_method" "unknown_authorization_with_api_key" {
  rest_api_id      = aws_api_gateway_rest_api.api.id
  resource_id      = aws_api_gateway_resource.reports.id
  http_method      = "POST"
  authorization    = terraform_data.authorization.output
  api_key_required = true
}
