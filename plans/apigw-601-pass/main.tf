# Fixture apigw-601-pass: REST stages throttled by */* method settings, by a usage plan's throttle_settings, or by a usage plan's per-stage throttle (APIGW-601 passes).

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
  name = "apigw-601-pass"
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

# Tests: */* method settings with rate and burst limits > 0.
resource "aws_api_gateway_stage" "pass_method_settings_throttled" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "settings"
}

resource "aws_api_gateway_method_settings" "throttled" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = aws_api_gateway_stage.pass_method_settings_throttled.stage_name
  method_path = "*/*"
  settings {
    logging_level          = "ERROR"
    throttling_rate_limit  = 100
    throttling_burst_limit = 50
  }
}

# Tests: no throttling in method settings; a usage plan covering the stage sets throttle_settings.
resource "aws_api_gateway_stage" "pass_usage_plan_throttle_settings" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "planthrottle"
}

resource "aws_api_gateway_usage_plan" "throttle_settings" {
  name = "apigw-601-pass-plan-throttle"
  api_stages {
    api_id = aws_api_gateway_rest_api.api.id
    stage  = aws_api_gateway_stage.pass_usage_plan_throttle_settings.stage_name
  }
  throttle_settings {
    rate_limit  = 50
    burst_limit = 20
  }
  quota_settings {
    limit  = 100000
    period = "MONTH"
  }
}

# Tests: a usage plan covering the stage with a per-stage throttle (api_stages.throttle).
resource "aws_api_gateway_stage" "pass_usage_plan_api_stage_throttle" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "stagethrottle"
}

resource "aws_api_gateway_usage_plan" "api_stage_throttle" {
  name = "apigw-601-pass-stage-throttle"
  api_stages {
    api_id = aws_api_gateway_rest_api.api.id
    stage  = aws_api_gateway_stage.pass_usage_plan_api_stage_throttle.stage_name
    throttle {
      path        = "/items/GET"
      rate_limit  = 20
      burst_limit = 10
    }
  }
}
