# Fixture apigw-008-fail: API Gateway account settings without a CloudWatch role: omitted, null variable, reset_on_delete only (APIGW-008).

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

variable "cloudwatch_role_arn" {
  description = "Left null: the account is managed without a CloudWatch role."
  type        = string
  default     = null
}

# Tests: account settings without cloudwatch_role_arn (the plan shows a computed ""; judged as unset).
resource "aws_api_gateway_account" "fail_no_cloudwatch_role" {}

# Tests: cloudwatch_role_arn from a root variable that is null: unset.
resource "aws_api_gateway_account" "fail_null_variable_role_arn" {
  cloudwatch_role_arn = var.cloudwatch_role_arn
}

# Tests: only reset_on_delete configured, still no role.
resource "aws_api_gateway_account" "fail_reset_on_delete_only" {
  reset_on_delete = true
}
