# Fixture apigw-305-fail: PRIVATE REST APIs without a resource policy or with one that does not limit callers to VPC endpoints, and one whose policy is unknown until apply (APIGW-305).

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

# Tests: PRIVATE API without any resource policy.
resource "aws_api_gateway_rest_api" "fail_private_no_policy" {
  name = "apigw-305-fail-no-policy"
  endpoint_configuration {
    types            = ["PRIVATE"]
    vpc_endpoint_ids = ["vpce-0a1b2c3d4e5f60718"]
  }
}

# Tests: PRIVATE API whose inline policy limits callers by source IP only, not by VPC endpoint or VPC.
resource "aws_api_gateway_rest_api" "fail_private_ip_condition_only" {
  name = "apigw-305-fail-ip-only"
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
        Condition = { IpAddress = { "aws:SourceIp" = ["10.0.0.0/8"] } }
      },
    ]
  })
}

# Tests: PRIVATE API whose policy (an aws_api_gateway_rest_api_policy) names principals but has no
# aws:SourceVpce / aws:SourceVpc condition. The finding is on the API.
resource "aws_api_gateway_rest_api" "fail_private_policy_resource_without_vpce" {
  name = "apigw-305-fail-policy-resource"
  endpoint_configuration {
    types = ["PRIVATE"]
  }
}

resource "aws_api_gateway_rest_api_policy" "named_principals" {
  rest_api_id = aws_api_gateway_rest_api.fail_private_policy_resource_without_vpce.id
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

# Tests: PRIVATE API whose only policy embeds the API's execution ARN, unknown until apply -> unverifiable.
resource "aws_api_gateway_rest_api" "unknown_private_policy" {
  name = "apigw-305-fail-unknown-policy"
  endpoint_configuration {
    types = ["PRIVATE"]
  }
}

resource "aws_api_gateway_rest_api_policy" "late" {
  rest_api_id = aws_api_gateway_rest_api.unknown_private_policy.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "${aws_api_gateway_rest_api.unknown_private_policy.execution_arn}/*"
        Condition = { StringEquals = { "aws:SourceVpce" = "vpce-0a1b2c3d4e5f60718" } }
      },
    ]
  })
}
