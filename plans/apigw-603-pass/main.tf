# Fixture apigw-603-pass: Usage plans with throttle_settings (rate and burst) and quota_settings (limit and period), including values known only after apply (APIGW-603 passes).

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

# Tests: throttle and quota, monthly.
resource "aws_api_gateway_usage_plan" "pass_throttle_and_quota" {
  name = "apigw-603-pass-monthly"
  throttle_settings {
    rate_limit  = 100
    burst_limit = 50
  }
  quota_settings {
    limit  = 100000
    period = "MONTH"
  }
}

# Tests: throttle and a weekly quota with an offset.
resource "aws_api_gateway_usage_plan" "pass_weekly_quota_with_offset" {
  name = "apigw-603-pass-weekly"
  throttle_settings {
    rate_limit  = 10
    burst_limit = 5
  }
  quota_settings {
    limit  = 5000
    offset = 2
    period = "WEEK"
  }
}

# Limits computed by another resource (known only after apply).
resource "terraform_data" "limits" {
  input = { rate = 20, burst = 10, quota = 20000 }
}

# Tests: every limit present, its value known only after apply (presence is what this rule needs).
resource "aws_api_gateway_usage_plan" "pass_limits_from_reference" {
  name = "apigw-603-pass-computed"
  throttle_settings {
    rate_limit  = terraform_data.limits.output.rate
    burst_limit = terraform_data.limits.output.burst
  }
  quota_settings {
    limit  = terraform_data.limits.output.quota
    period = "DAY"
  }
}
