# Fixture apigw-304-fail: Known resource policies that are valid JSON but not policy documents (no Statement), and one unknown until apply (APIGW-304).

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

# Not covered: a policy string that is not JSON at all. The AWS provider validates both
# aws_api_gateway_rest_api.policy and aws_api_gateway_rest_api_policy.policy at plan time
# ("policy" contains an invalid JSON), also when the value comes from a variable, so such a plan cannot exist.
# The provider also normalises the JSON it keeps (keys sorted, whitespace removed).

variable "placeholder_policy" {
  description = "A placeholder policy left in a root variable."
  type        = string
  default     = "{}"
}

# Tests: inline policy with a Version but no Statement.
resource "aws_api_gateway_rest_api" "fail_no_statement" {
  name = "apigw-304-fail-no-statement"
  policy = jsonencode({
    Version = "2012-10-17"
  })
}

resource "aws_api_gateway_rest_api" "array" {
  name = "apigw-304-fail-array"
}

# Tests: aws_api_gateway_rest_api_policy given the statement list itself (a JSON array, no Statement key).
resource "aws_api_gateway_rest_api_policy" "fail_top_level_array" {
  rest_api_id = aws_api_gateway_rest_api.array.id
  policy = jsonencode([
    {
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::123456789012:root" }
      Action    = "execute-api:Invoke"
      Resource  = "execute-api:/*"
    },
  ])
}

# Tests: the statement list under a lower-case "statement" key: there is no Statement.
resource "aws_api_gateway_rest_api" "fail_statement_key_lowercase" {
  name = "apigw-304-fail-lowercase"
  policy = jsonencode({
    Version = "2012-10-17"
    statement = [
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::123456789012:root" }
        Action    = "execute-api:Invoke"
        Resource  = "execute-api:/*"
      },
    ]
  })
}

resource "aws_api_gateway_rest_api" "placeholder" {
  name = "apigw-304-fail-placeholder"
}

# Tests: an empty JSON object from a known root variable.
resource "aws_api_gateway_rest_api_policy" "fail_empty_object_from_variable" {
  rest_api_id = aws_api_gateway_rest_api.placeholder.id
  policy      = var.placeholder_policy
}

resource "aws_api_gateway_rest_api" "late" {
  name = "apigw-304-fail-late"
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
        Action    = "execute-api:Invoke"
        Resource  = "${aws_api_gateway_rest_api.late.execution_arn}/*"
      },
    ]
  })
}
