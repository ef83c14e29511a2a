# Fixture apigw-303-fail: Allow statements whose only restriction is an aws:SourceIp condition open to 0.0.0.0/0 or ::/0, and a policy unknown until apply (APIGW-303).

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

# Tests: inline policy, Allow everyone with IpAddress aws:SourceIp "0.0.0.0/0" (a single string).
resource "aws_api_gateway_rest_api" "fail_ipv4_any" {
  name = "apigw-303-fail-ipv4-any"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "execute-api:/*"
        Condition = { IpAddress = { "aws:SourceIp" = "0.0.0.0/0" } }
      },
    ]
  })
}

resource "aws_api_gateway_rest_api" "ipv6" {
  name = "apigw-303-fail-ipv6"
}

# Tests: aws_api_gateway_rest_api_policy whose IP list mixes a corporate range and "::/0".
resource "aws_api_gateway_rest_api_policy" "fail_ipv6_any_in_list" {
  rest_api_id = aws_api_gateway_rest_api.ipv6.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "execute-api:/*"
        Condition = { IpAddress = { "aws:SourceIp" = ["203.0.113.0/24", "::/0"] } }
      },
    ]
  })
}

data "aws_iam_policy_document" "any_ip" {
  statement {
    effect = "Allow"
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    actions   = ["execute-api:Invoke"]
    resources = ["execute-api:/*"]
    condition {
      test     = "IpAddress"
      variable = "aws:SourceIp"
      values   = ["0.0.0.0/0"]
    }
  }
}

# Tests: the same pattern from an aws_iam_policy_document data source.
resource "aws_api_gateway_rest_api" "fail_policy_document_any_ip" {
  name   = "apigw-303-fail-document"
  policy = data.aws_iam_policy_document.any_ip.json
}

resource "aws_api_gateway_rest_api" "late" {
  name = "apigw-303-fail-late"
}

# Tests: the policy embeds the API's execution ARN, so it is unknown until apply -> unverifiable.
resource "aws_api_gateway_rest_api_policy" "unknown_policy" {
  rest_api_id = aws_api_gateway_rest_api.late.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "${aws_api_gateway_rest_api.late.execution_arn}/*"
        Condition = { IpAddress = { "aws:SourceIp" = ["0.0.0.0/0"] } }
      },
    ]
  })
}
