# Fixture apigw-305-pass: PRIVATE REST APIs whose resource policies limit callers by aws:SourceVpce or aws:SourceVpc (Allow with condition, Deny StringNotEquals), and a REGIONAL API that is not judged (APIGW-305 passes).

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

# Tests: inline Allow conditioned on StringEquals aws:SourceVpce.
resource "aws_api_gateway_rest_api" "pass_allow_source_vpce" {
  name = "apigw-305-pass-allow-vpce"
  endpoint_configuration {
    types            = ["PRIVATE"]
    vpc_endpoint_ids = ["vpce-0a1b2c3d4e5f60718"]
  }
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "execute-api:/*"
        Condition = { StringEquals = { "aws:SourceVpce" = ["vpce-0a1b2c3d4e5f60718", "vpce-0f1e2d3c4b5a69788"] } }
      },
    ]
  })
}

data "aws_iam_policy_document" "deny_outside_vpce" {
  statement {
    effect = "Deny"
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    actions   = ["execute-api:Invoke"]
    resources = ["execute-api:/*"]
    condition {
      test     = "StringNotEquals"
      variable = "aws:SourceVpce"
      values   = ["vpce-0a1b2c3d4e5f60718"]
    }
  }
  statement {
    effect = "Allow"
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    actions   = ["execute-api:Invoke"]
    resources = ["execute-api:/*"]
  }
}

# Tests: Deny StringNotEquals aws:SourceVpce + Allow, in an aws_api_gateway_rest_api_policy from a
# policy document.
resource "aws_api_gateway_rest_api" "pass_deny_not_source_vpce_policy_resource" {
  name = "apigw-305-pass-deny-vpce"
  endpoint_configuration {
    types = ["PRIVATE"]
  }
}

resource "aws_api_gateway_rest_api_policy" "deny_outside_vpce" {
  rest_api_id = aws_api_gateway_rest_api.pass_deny_not_source_vpce_policy_resource.id
  policy      = data.aws_iam_policy_document.deny_outside_vpce.json
}

# Tests: inline Deny StringNotEquals aws:SourceVpc (a whole VPC) + Allow.
resource "aws_api_gateway_rest_api" "pass_deny_not_source_vpc" {
  name = "apigw-305-pass-deny-vpc"
  endpoint_configuration {
    types = ["PRIVATE"]
  }
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Deny"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "execute-api:/*"
        Condition = { StringNotEquals = { "aws:SourceVpc" = "vpc-0123456789abcdef0" } }
      },
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "execute-api:/*"
      },
    ]
  })
}

# Tests: inline Allow conditioned on StringEquals aws:SourceVpc.
resource "aws_api_gateway_rest_api" "pass_allow_source_vpc" {
  name = "apigw-305-pass-allow-vpc"
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
        Condition = { StringEquals = { "aws:SourceVpc" = "vpc-0123456789abcdef0" } }
      },
    ]
  })
}

# Control: a REGIONAL API without a policy is not a subject of this rule.
resource "aws_api_gateway_rest_api" "regional_no_policy" {
  name = "apigw-305-pass-regional"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}
