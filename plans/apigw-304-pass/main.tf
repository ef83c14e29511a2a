# Fixture apigw-304-pass: Valid policy documents: jsonencode, a formatted JSON heredoc, a single Statement object and a policy document data source (APIGW-304 passes).

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

# Tests: jsonencode of a policy with a Statement list.
resource "aws_api_gateway_rest_api" "pass_jsonencode" {
  name = "apigw-304-pass-jsonencode"
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

# Tests: a hand-formatted JSON heredoc (the provider normalises it in the plan).
resource "aws_api_gateway_rest_api" "pass_heredoc_json" {
  name   = "apigw-304-pass-heredoc"
  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "AllowPartner",
          "Effect": "Allow",
          "Principal": { "AWS": "arn:aws:iam::210987654321:root" },
          "Action": "execute-api:Invoke",
          "Resource": "execute-api:/*/GET/*"
        }
      ]
    }
  EOT
}

# Tests: Statement as a single object instead of a list (valid IAM policy grammar).
resource "aws_api_gateway_rest_api" "pass_single_statement_object" {
  name = "apigw-304-pass-single-statement"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = {
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::123456789012:root" }
      Action    = "execute-api:Invoke"
      Resource  = "execute-api:/*"
    }
  })
}

data "aws_iam_policy_document" "partner" {
  statement {
    effect = "Allow"
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::210987654321:root"]
    }
    actions   = ["execute-api:Invoke"]
    resources = ["execute-api:/*"]
  }
}

resource "aws_api_gateway_rest_api" "document" {
  name = "apigw-304-pass-document"
}

# Tests: aws_api_gateway_rest_api_policy from a policy document data source.
resource "aws_api_gateway_rest_api_policy" "pass_policy_document" {
  rest_api_id = aws_api_gateway_rest_api.document.id
  policy      = data.aws_iam_policy_document.partner.json
}
