# Fixture apigw-306-fail: REST APIs whose inline policy and an aws_api_gateway_rest_api_policy target the same API, including an inline policy unknown until apply (APIGW-306, low).

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

# Inline policy on the API...
resource "aws_api_gateway_rest_api" "both" {
  name = "apigw-306-fail-both"
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

# Tests: ...and a policy resource on the same API (by reference): they overwrite each other.
resource "aws_api_gateway_rest_api_policy" "fail_duplicates_inline_policy" {
  rest_api_id = aws_api_gateway_rest_api.both.id
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

# A value only known after apply.
resource "terraform_data" "partner_account" {
  input = "210987654321"
}

# Inline policy whose value is unknown until apply, but set (it comes from another managed resource).
resource "aws_api_gateway_rest_api" "inline_unknown" {
  name = "apigw-306-fail-inline-unknown"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${terraform_data.partner_account.output}:root" }
        Action    = "execute-api:Invoke"
        Resource  = "execute-api:/*"
      },
    ]
  })
}

# Tests: a policy resource on an API whose inline policy is unknown but present: presence is enough.
resource "aws_api_gateway_rest_api_policy" "fail_inline_policy_unknown" {
  rest_api_id = aws_api_gateway_rest_api.inline_unknown.id
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
