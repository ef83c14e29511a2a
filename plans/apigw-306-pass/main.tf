# Fixture apigw-306-pass: One resource policy per API: inline only, policy resource only, a null inline policy (APIGW-306 passes).

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

variable "inline_policy" {
  description = "Inline policy for the null-inline API; null means none."
  type        = string
  default     = null
}

# Tests: an API with an inline policy and no policy resource.
resource "aws_api_gateway_rest_api" "pass_inline_only" {
  name = "apigw-306-pass-inline"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::123456789012:root" }
        Action    = "execute-api:Invoke"
        Resource  = "execute-api:/*"
      },
    ]
  })
}

# An API without an inline policy (the plan marks the computed policy unknown; it is unset)...
resource "aws_api_gateway_rest_api" "separate" {
  name = "apigw-306-pass-separate"
}

# Tests: ...whose only policy is this resource.
resource "aws_api_gateway_rest_api_policy" "pass_policy_resource_only" {
  rest_api_id = aws_api_gateway_rest_api.separate.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::210987654321:root" }
        Action    = "execute-api:Invoke"
        Resource  = "execute-api:/*"
      },
    ]
  })
}

# An API whose inline policy comes from a root variable that is null (unset)...
resource "aws_api_gateway_rest_api" "null_inline" {
  name   = "apigw-306-pass-null-inline"
  policy = var.inline_policy
}

# Tests: ...so this policy resource is the only policy of that API.
resource "aws_api_gateway_rest_api_policy" "pass_inline_policy_null" {
  rest_api_id = aws_api_gateway_rest_api.null_inline.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::123456789012:root" }
        Action    = "execute-api:Invoke"
        Resource  = "execute-api:/*"
      },
    ]
  })
}
