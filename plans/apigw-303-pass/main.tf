# Fixture apigw-303-pass: IP conditions limited to corporate ranges, 0.0.0.0/0 combined with a VPC endpoint condition, and 0.0.0.0/0 in Deny statements (APIGW-303 passes).

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

# Tests: Allow everyone from corporate CIDRs only.
resource "aws_api_gateway_rest_api" "pass_corporate_cidrs" {
  name = "apigw-303-pass-corporate"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "execute-api:/*"
        Condition = { IpAddress = { "aws:SourceIp" = ["203.0.113.0/24", "2001:db8::/32"] } }
      },
    ]
  })
}

# Tests: 0.0.0.0/0 is not the only restriction: the same statement also requires a VPC endpoint.
resource "aws_api_gateway_rest_api" "pass_any_ip_with_vpce_condition" {
  name = "apigw-303-pass-any-ip-vpce"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "execute-api:/*"
        Condition = {
          IpAddress    = { "aws:SourceIp" = "0.0.0.0/0" }
          StringEquals = { "aws:SourceVpce" = "vpce-0a1b2c3d4e5f60718" }
        }
      },
    ]
  })
}

resource "aws_api_gateway_rest_api" "deny_any_ip" {
  name = "apigw-303-pass-deny-any-ip"
}

# Tests: 0.0.0.0/0 in a Deny statement (denies the admin path to every IPv4 caller), next to an Allow
# for corporate ranges.
resource "aws_api_gateway_rest_api_policy" "pass_deny_any_ip" {
  rest_api_id = aws_api_gateway_rest_api.deny_any_ip.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Deny"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "execute-api:/*/*/admin/*"
        Condition = { IpAddress = { "aws:SourceIp" = "0.0.0.0/0" } }
      },
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "execute-api:/*"
        Condition = { IpAddress = { "aws:SourceIp" = ["198.51.100.0/24"] } }
      },
    ]
  })
}

data "aws_iam_policy_document" "allow_list" {
  statement {
    effect = "Deny"
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    actions   = ["execute-api:Invoke"]
    resources = ["execute-api:/*"]
    condition {
      test     = "NotIpAddress"
      variable = "aws:SourceIp"
      values   = ["203.0.113.0/24"]
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

# Tests: the allow-list pattern (Deny NotIpAddress corporate range, then Allow) from a policy document.
resource "aws_api_gateway_rest_api" "pass_allow_list_document" {
  name   = "apigw-303-pass-allow-list"
  policy = data.aws_iam_policy_document.allow_list.json
}
