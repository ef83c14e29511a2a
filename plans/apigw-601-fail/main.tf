# Fixture apigw-601-fail: REST stages without effective throttling: no method settings, unset, -1, zero, burst missing, method-specific only, usage plan without throttle, and a rate unknown until apply (APIGW-601).

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

# Minimal deployable REST API shared by the stages below.
resource "aws_api_gateway_rest_api" "api" {
  name = "apigw-601-fail"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_resource" "items" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_rest_api.api.root_resource_id
  path_part   = "items"
}

resource "aws_api_gateway_method" "get_items" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_resource.items.id
  http_method   = "GET"
  authorization = "AWS_IAM"
}

resource "aws_api_gateway_integration" "get_items" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  resource_id = aws_api_gateway_resource.items.id
  http_method = aws_api_gateway_method.get_items.http_method
  type        = "MOCK"
}

resource "aws_api_gateway_deployment" "this" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  triggers = {
    redeployment = sha1(jsonencode([aws_api_gateway_resource.items.id, aws_api_gateway_method.get_items.id, aws_api_gateway_integration.get_items.id]))
  }
  lifecycle {
    create_before_destroy = true
  }
}

# Tests: no method settings and no usage plan.
resource "aws_api_gateway_stage" "fail_no_method_settings" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "none"
}

# Tests: */* method settings without throttling limits (logging only).
resource "aws_api_gateway_stage" "fail_throttling_unset" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "unset"
}

resource "aws_api_gateway_method_settings" "throttling_unset" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = aws_api_gateway_stage.fail_throttling_unset.stage_name
  method_path = "*/*"
  settings {
    logging_level   = "INFO"
    metrics_enabled = true
  }
}

# Tests: */* throttling limits of -1 (no limit).
resource "aws_api_gateway_stage" "fail_throttling_minus_one" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "minusone"
}

resource "aws_api_gateway_method_settings" "throttling_minus_one" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = aws_api_gateway_stage.fail_throttling_minus_one.stage_name
  method_path = "*/*"
  settings {
    throttling_rate_limit  = -1
    throttling_burst_limit = -1
  }
}

# Tests: */* throttling limits of 0 (not > 0).
resource "aws_api_gateway_stage" "fail_throttling_zero" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "zero"
}

resource "aws_api_gateway_method_settings" "throttling_zero" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = aws_api_gateway_stage.fail_throttling_zero.stage_name
  method_path = "*/*"
  settings {
    throttling_rate_limit  = 0
    throttling_burst_limit = 0
  }
}

# Tests: */* rate limit set but burst limit unset.
resource "aws_api_gateway_stage" "fail_burst_unset" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "burstunset"
}

resource "aws_api_gateway_method_settings" "burst_unset" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = aws_api_gateway_stage.fail_burst_unset.stage_name
  method_path = "*/*"
  settings {
    throttling_rate_limit = 100
  }
}

# Tests: throttling on one method only (items/GET), not on */*.
resource "aws_api_gateway_stage" "fail_method_specific_only" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "specific"
}

resource "aws_api_gateway_method_settings" "method_specific_only" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = aws_api_gateway_stage.fail_method_specific_only.stage_name
  method_path = "items/GET"
  settings {
    throttling_rate_limit  = 100
    throttling_burst_limit = 50
  }
}

# Tests: a usage plan covers the stage but sets only a quota, no throttle.
resource "aws_api_gateway_stage" "fail_usage_plan_without_throttle" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "quotaonly"
}

resource "aws_api_gateway_usage_plan" "quota_only" {
  name = "apigw-601-fail-quota-only"
  api_stages {
    api_id = aws_api_gateway_rest_api.api.id
    stage  = aws_api_gateway_stage.fail_usage_plan_without_throttle.stage_name
  }
  quota_settings {
    limit  = 10000
    period = "MONTH"
  }
}

# A rate limit only known after apply.
resource "terraform_data" "rate_limit" {
  input = 100
}

# Tests: */* rate limit unknown until apply (burst known) -> unverifiable.
resource "aws_api_gateway_stage" "unknown_rate_limit" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "unknownrate"
}

resource "aws_api_gateway_method_settings" "unknown_rate_limit" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = aws_api_gateway_stage.unknown_rate_limit.stage_name
  method_path = "*/*"
  settings {
    throttling_rate_limit  = terraform_data.rate_limit.output
    throttling_burst_limit = 50
  }
}
