# Fixture apigw-301-pass: Resource policies that restrict who may invoke the API: conditions, allow-list deny pattern, named principals (APIGW-301 passes).

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

# Tests: inline policy (jsonencode) allowing everyone only from a corporate CIDR (IpAddress aws:SourceIp).
resource "aws_api_gateway_rest_api" "pass_ip_condition" {
  name = "apigw-301-pass-ip-condition"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "execute-api:/*"
        Condition = { IpAddress = { "aws:SourceIp" = ["203.0.113.0/24", "198.51.100.0/24"] } }
      },
    ]
  })
}

resource "aws_api_gateway_rest_api" "allow_list" {
  name = "apigw-301-pass-allow-list"
}

# Tests: the allow-list pattern in an aws_api_gateway_rest_api_policy (jsonencode): Deny NotIpAddress on
# the same resources, then Allow "*".
resource "aws_api_gateway_rest_api_policy" "pass_allow_list_pattern" {
  rest_api_id = aws_api_gateway_rest_api.allow_list.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Deny"
        Principal = "*"
        Action    = "execute-api:Invoke"
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

# Allow-list pattern for VPC endpoints, written with the aws_iam_policy_document data source
# (computed locally at plan time).
data "aws_iam_policy_document" "vpce_allow_list" {
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

# Tests: allow-list pattern (Deny StringNotEquals aws:SourceVpce + Allow "*") from a policy document data source.
resource "aws_api_gateway_rest_api" "pass_vpce_allow_list_document" {
  name   = "apigw-301-pass-vpce-allow-list"
  policy = data.aws_iam_policy_document.vpce_allow_list.json
}

# Tests: Allow for one named AWS account (not everyone), without a condition.
resource "aws_api_gateway_rest_api" "pass_named_principal" {
  name = "apigw-301-pass-named-principal"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { AWS = ["arn:aws:iam::123456789012:root", "arn:aws:iam::210987654321:role/partner-caller"] }
        Action    = "execute-api:Invoke"
        Resource  = "execute-api:/*"
      },
    ]
  })
}

data "aws_iam_policy_document" "org_only" {
  statement {
    effect = "Allow"
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    actions   = ["execute-api:Invoke"]
    resources = ["execute-api:/*/GET/*"]
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-a1b2c3d4e5"]
    }
  }
}

resource "aws_api_gateway_rest_api" "org_only" {
  name = "apigw-301-pass-org-only"
}

# Tests: Principal {"AWS":"*"} with a condition (aws:PrincipalOrgID) in an aws_api_gateway_rest_api_policy from a data source.
resource "aws_api_gateway_rest_api_policy" "pass_org_condition_document" {
  rest_api_id = aws_api_gateway_rest_api.org_only.id
  policy      = data.aws_iam_policy_document.org_only.json
}

# Tests (control): an API without any resource policy is not a subject of this rule.
resource "aws_api_gateway_rest_api" "no_policy" {
  name = "apigw-301-pass-no-policy"
}
