# Fixture apigw-503-fail: API keys whose value is a literal in configuration, enabled, disabled and with count (APIGW-503). Values must never be printed.

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

# Values are recognisable so tests can assert they never appear in any output.

# Tests: a literal key value (the provider marks value sensitive).
resource "aws_api_gateway_api_key" "fail_literal_value" {
  name  = "apigw-503-partner"
  value = "DO-NOT-PRINT-503-literal-key-value"
}

# Tests: a disabled key with a literal value: still written into configuration.
resource "aws_api_gateway_api_key" "fail_literal_value_disabled" {
  name    = "apigw-503-retired"
  enabled = false
  value   = "DO-NOT-PRINT-503-retired-key-value"
}

# Tests: count = 2 instances sharing one literal value: each instance is a finding.
resource "aws_api_gateway_api_key" "fail_literal_value_count" {
  count = 2
  name  = "apigw-503-tenant-${count.index}"
  value = "DO-NOT-PRINT-503-tenant-key-value"
}

# Control: a generated key is not reported.
resource "aws_api_gateway_api_key" "pass_generated" {
  name = "apigw-503-generated"
}

# Not covered (ambiguous, see report): a value from a root variable or a local, which the plan's
# configuration records as a reference, not as a constant_value.
