# Fixture apigw-302-fail: Resource policies whose Allow statements grant * or execute-api:*, inline, as a policy resource and from a policy document, and one unknown until apply (APIGW-302).

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

# Tests: inline policy, Allow with Action "*" for one named account.
resource "aws_api_gateway_rest_api" "fail_action_star" {
  name = "apigw-302-fail-action-star"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::123456789012:root" }
        Action    = "*"
        Resource  = "execute-api:/*"
      },
    ]
  })
}

resource "aws_api_gateway_rest_api" "list" {
  name = "apigw-302-fail-list"
}

# Tests: aws_api_gateway_rest_api_policy whose Action list contains execute-api:* next to Invoke.
resource "aws_api_gateway_rest_api_policy" "fail_execute_api_star_in_list" {
  rest_api_id = aws_api_gateway_rest_api.list.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { AWS = ["arn:aws:iam::123456789012:role/ops"] }
        Action    = ["execute-api:Invoke", "execute-api:*"]
        Resource  = "execute-api:/*"
      },
    ]
  })
}

# execute-api:* from a policy document data source; the condition does not matter to this rule.
data "aws_iam_policy_document" "wildcard" {
  statement {
    effect = "Allow"
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    actions   = ["execute-api:*"]
    resources = ["execute-api:/*"]
    condition {
      test     = "IpAddress"
      variable = "aws:SourceIp"
      values   = ["203.0.113.0/24"]
    }
  }
}

# Tests: execute-api:* from an aws_iam_policy_document, with an IP condition.
resource "aws_api_gateway_rest_api" "fail_policy_document_wildcard" {
  name   = "apigw-302-fail-document"
  policy = data.aws_iam_policy_document.wildcard.json
}

resource "aws_api_gateway_rest_api" "late" {
  name = "apigw-302-fail-late"
}

# Tests: the policy embeds the API's execution ARN, so it is unknown until apply -> unverifiable.
resource "aws_api_gateway_rest_api_policy" "unknown_policy" {
  rest_api_id = aws_api_gateway_rest_api.late.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::123456789012:root" }
        Action    = "execute-api:*"
        Resource  = "${aws_api_gateway_rest_api.late.execution_arn}/*"
      },
    ]
  })
}
