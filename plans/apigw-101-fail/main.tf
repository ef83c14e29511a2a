# Fixture apigw-101-fail: REST methods without authorization, including key-only and private APIs without a VPC condition (APIGW-101).

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
  name = "apigw-101-fail"
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

# Tests: authorization = "NONE" on a public GET.
resource "aws_api_gateway_method" "fail_none_get" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_resource.orders.id
  http_method   = "GET"
  authorization = "NONE"
}

# Tests: authorization = "NONE" with api_key_required = true (an API key is not authorization).
resource "aws_api_gateway_method" "fail_none_with_api_key" {
  rest_api_id      = aws_api_gateway_rest_api.api.id
  resource_id      = aws_api_gateway_resource.orders.id
  http_method      = "POST"
  authorization    = "NONE"
  api_key_required = true
}

# Tests: authorization = "NONE" on ANY (covers every verb, not exempt like OPTIONS).
resource "aws_api_gateway_method" "fail_none_any" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_resource.admin.id
  http_method   = "ANY"
  authorization = "NONE"
}

# PRIVATE API whose resource policy allows everyone without a VPC condition.
resource "aws_api_gateway_rest_api" "private_open" {
  name = "apigw-101-fail-private-open"
  endpoint_configuration {
    types = ["PRIVATE"]
  }
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "execute-api:/*"
      },
    ]
  })
}

# Tests: NONE on a PRIVATE API is only exempt when the policy restricts callers by aws:SourceVpce/aws:SourceVpc.
resource "aws_api_gateway_method" "fail_private_api_without_vpc_condition" {
  rest_api_id   = aws_api_gateway_rest_api.private_open.id
  resource_id   = aws_api_gateway_rest_api.private_open.root_resource_id
  http_method   = "GET"
  authorization = "NONE"
}

# PRIVATE API with no resource policy at all.
resource "aws_api_gateway_rest_api" "private_no_policy" {
  name = "apigw-101-fail-private-no-policy"
  endpoint_configuration {
    types = ["PRIVATE"]
  }
}

# Tests: NONE on a PRIVATE API without any resource policy.
resource "aws_api_gateway_method" "fail_private_api_without_policy" {
  rest_api_id   = aws_api_gateway_rest_api.private_no_policy.id
  resource_id   = aws_api_gateway_rest_api.private_no_policy.root_resource_id
  http_method   = "GET"
  authorization = "NONE"
}

# An authorization type only known after apply.
resource "terraform_data" "authorization" {
  input = "AWS_IAM"
}

# Tests: authorization unknown until apply -> unverifiable.
resource "aws_api_gateway_method" "unknown_authorization" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_resource.reports.id
  http_method   = "GET"
  authorization = terraform_data.authorization.output
}
