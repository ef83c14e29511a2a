# Fixture apigw-603-fail: Usage plans that do not bound both rate (rate and burst) and quota (limit and period) (APIGW-603, low).

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

# Tests: neither throttle_settings nor quota_settings.
resource "aws_api_gateway_usage_plan" "fail_no_limits" {
  name = "apigw-603-fail-none"
}

# Tests: throttle_settings (rate and burst) but no quota_settings.
resource "aws_api_gateway_usage_plan" "fail_throttle_only" {
  name = "apigw-603-fail-throttle-only"
  throttle_settings {
    rate_limit  = 100
    burst_limit = 50
  }
}

# Tests: quota_settings but no throttle_settings.
resource "aws_api_gateway_usage_plan" "fail_quota_only" {
  name = "apigw-603-fail-quota-only"
  quota_settings {
    limit  = 10000
    period = "MONTH"
  }
}

# Tests: quota set, throttle_settings with a rate limit but no burst limit (burst unset).
resource "aws_api_gateway_usage_plan" "fail_throttle_without_burst" {
  name = "apigw-603-fail-no-burst"
  throttle_settings {
    rate_limit = 100
  }
  quota_settings {
    limit  = 10000
    period = "MONTH"
  }
}
