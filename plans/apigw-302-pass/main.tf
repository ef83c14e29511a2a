# Fixture apigw-302-pass: Resource policies that allow only named execute-api actions; wildcards only in Deny statements (APIGW-302 passes).

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

# Tests: Allow execute-api:Invoke only.
resource "aws_api_gateway_rest_api" "pass_invoke_only" {
  name = "apigw-302-pass-invoke"
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

resource "aws_api_gateway_rest_api" "deny_wildcard" {
  name = "apigw-302-pass-deny-wildcard"
}

# Tests: a Deny with Action "*" (deny statements may use wildcards) next to an Allow of Invoke.
resource "aws_api_gateway_rest_api_policy" "pass_deny_wildcard" {
  rest_api_id = aws_api_gateway_rest_api.deny_wildcard.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Deny"
        Principal = "*"
        Action    = "*"
        Resource  = "execute-api:/*"
        Condition = { NotIpAddress = { "aws:SourceIp" = ["203.0.113.0/24"] } }
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

data "aws_iam_policy_document" "named_actions" {
  statement {
    effect = "Allow"
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:role/ops"]
    }
    actions   = ["execute-api:Invoke", "execute-api:InvalidateCache"]
    resources = ["execute-api:/*"]
  }
}

# Tests: several named actions from a policy document.
resource "aws_api_gateway_rest_api" "pass_named_actions_document" {
  name   = "apigw-302-pass-document"
  policy = data.aws_iam_policy_document.named_actions.json
}

# Control: an API without a resource policy is not a subject of this rule.
resource "aws_api_gateway_rest_api" "no_policy" {
  name = "apigw-302-pass-no-policy"
}
