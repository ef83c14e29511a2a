# Fixture apigw-008-pass: API Gateway account settings that name a CloudWatch role, by reference, literal ARN and root variable (APIGW-008 passes).

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

data "aws_iam_policy_document" "apigw_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["apigateway.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "apigw_cloudwatch" {
  name               = "apigw-008-pass-cloudwatch"
  assume_role_policy = data.aws_iam_policy_document.apigw_assume.json
}

resource "aws_iam_role_policy_attachment" "apigw_cloudwatch" {
  role       = aws_iam_role.apigw_cloudwatch.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"
}

variable "cloudwatch_role_arn" {
  description = "Role ARN managed by another stack (known at plan time)."
  type        = string
  default     = "arn:aws:iam::123456789012:role/shared-apigw-cloudwatch"
}

# Tests: role from a managed role in the same plan (ARN unknown until apply, but set by reference).
resource "aws_api_gateway_account" "pass_role_by_reference" {
  cloudwatch_role_arn = aws_iam_role.apigw_cloudwatch.arn
}

# Tests: role given as a literal ARN.
resource "aws_api_gateway_account" "pass_literal_role_arn" {
  cloudwatch_role_arn = "arn:aws:iam::123456789012:role/apigw-cloudwatch"
}

# Tests: role from a known root variable.
resource "aws_api_gateway_account" "pass_root_variable_role_arn" {
  cloudwatch_role_arn = var.cloudwatch_role_arn
}
