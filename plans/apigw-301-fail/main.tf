# Fixture apigw-301-fail: Resource policies that allow everyone to invoke the API unconditionally, in several spellings (APIGW-301).

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

# Tests: inline policy (jsonencode), Principal "*", Action execute-api:Invoke, no Condition.
resource "aws_api_gateway_rest_api" "fail_allow_everyone" {
  name = "apigw-301-fail-allow-everyone"
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

data "aws_iam_policy_document" "aws_star" {
  statement {
    effect = "Allow"
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    actions   = ["execute-api:*"]
    resources = ["execute-api:/*"]
  }
}

resource "aws_api_gateway_rest_api" "aws_star" {
  name = "apigw-301-fail-aws-star"
}

# Tests: aws_api_gateway_rest_api_policy from a data source: Principal {"AWS":"*"}, Action execute-api:* (matches Invoke).
resource "aws_api_gateway_rest_api_policy" "fail_aws_star_document" {
  rest_api_id = aws_api_gateway_rest_api.aws_star.id
  policy      = data.aws_iam_policy_document.aws_star.json
}

# Tests: Principal {"AWS":"*"} with Action "*" and a list of resources.
resource "aws_api_gateway_rest_api" "fail_wildcard_action" {
  name = "apigw-301-fail-wildcard-action"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "EveryoneEverything"
        Effect    = "Allow"
        Principal = { AWS = "*" }
        Action    = "*"
        Resource  = ["execute-api:/prod/*", "execute-api:/staging/*"]
      },
    ]
  })
}

# Tests: a Deny with a condition exists but narrows other resources (/*/POST/admin), not the ones the
# unconditional Allow opens (execute-api:/*).
resource "aws_api_gateway_rest_api" "fail_deny_covers_other_resources" {
  name = "apigw-301-fail-deny-other-resources"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Deny"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "execute-api:/*/POST/admin"
        Condition = { NotIpAddress = { "aws:SourceIp" = ["203.0.113.0/24"] } }
      },
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = ["execute-api:Invoke"]
        Resource  = "execute-api:/*"
      },
    ]
  })
}

resource "aws_api_gateway_rest_api" "self_reference" {
  name = "apigw-301-fail-self-reference"
}

# Tests: the policy embeds the API's own execution ARN, unknown until apply, so the whole policy string is
# unknown -> unverifiable.
resource "aws_api_gateway_rest_api_policy" "unknown_policy_embeds_execution_arn" {
  rest_api_id = aws_api_gateway_rest_api.self_reference.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "${aws_api_gateway_rest_api.self_reference.execution_arn}/*"
      },
    ]
  })
}
