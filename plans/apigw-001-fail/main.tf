# Fixture apigw-001-fail: REST stages whose execution logging is missing, OFF, unset, method-specific only, or unknown (APIGW-001).

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
  name = "apigw-001-fail"
}

resource "aws_api_gateway_method" "get" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_rest_api.api.root_resource_id
  http_method   = "GET"
  authorization = "AWS_IAM"
}

resource "aws_api_gateway_integration" "get" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  resource_id = aws_api_gateway_rest_api.api.root_resource_id
  http_method = aws_api_gateway_method.get.http_method
  type        = "MOCK"
}

resource "aws_api_gateway_deployment" "this" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  triggers = {
    redeployment = sha1(jsonencode([aws_api_gateway_method.get.id, aws_api_gateway_integration.get.id]))
  }
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_api_gateway_resource" "items" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_rest_api.api.root_resource_id
  path_part   = "items"
}

# Tests: a stage with no method settings at all.
resource "aws_api_gateway_stage" "fail_no_method_settings" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "bare"
}

# Tests: */* method settings with logging_level = "OFF".
resource "aws_api_gateway_stage" "fail_logging_off" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "off"
}

resource "aws_api_gateway_method_settings" "off_all" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = aws_api_gateway_stage.fail_logging_off.stage_name
  method_path = "*/*"
  settings {
    logging_level = "OFF"
  }
}

# Tests: */* method settings without logging_level (unset; the plan marks it unknown because the provider computes it).
resource "aws_api_gateway_stage" "fail_logging_unset" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "metrics"
}

resource "aws_api_gateway_method_settings" "metrics_all" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = aws_api_gateway_stage.fail_logging_unset.stage_name
  method_path = "*/*"
  settings {
    metrics_enabled = true
  }
}

# Tests: logging INFO only for one method path (items/GET); only */* counts.
resource "aws_api_gateway_stage" "fail_only_method_specific" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "partial"
}

resource "aws_api_gateway_method_settings" "partial_items_get" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = aws_api_gateway_stage.fail_only_method_specific.stage_name
  method_path = "items/GET"
  settings {
    logging_level = "INFO"
  }
}

# Second API with a stage of the same name "shared": its */* settings (literal stage_name) must not
# count for the first API's "shared" stage, because rest_api_id differs.
resource "aws_api_gateway_rest_api" "other" {
  name = "apigw-001-fail-other"
}

resource "aws_api_gateway_method" "other_get" {
  rest_api_id   = aws_api_gateway_rest_api.other.id
  resource_id   = aws_api_gateway_rest_api.other.root_resource_id
  http_method   = "GET"
  authorization = "AWS_IAM"
}

resource "aws_api_gateway_integration" "other_get" {
  rest_api_id = aws_api_gateway_rest_api.other.id
  resource_id = aws_api_gateway_rest_api.other.root_resource_id
  http_method = aws_api_gateway_method.other_get.http_method
  type        = "MOCK"
}

resource "aws_api_gateway_deployment" "other" {
  rest_api_id = aws_api_gateway_rest_api.other.id
  triggers = {
    redeployment = sha1(jsonencode([aws_api_gateway_method.other_get.id, aws_api_gateway_integration.other_get.id]))
  }
  lifecycle {
    create_before_destroy = true
  }
}

# Tests: the first API's stage "shared" has no settings of its own (the INFO settings below belong to the other API).
resource "aws_api_gateway_stage" "fail_settings_on_other_api" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "shared"
}

# Tests (control): the other API's stage "shared" is linked by rest_api_id + literal stage_name and passes.
resource "aws_api_gateway_stage" "pass_other_api_shared" {
  rest_api_id   = aws_api_gateway_rest_api.other.id
  deployment_id = aws_api_gateway_deployment.other.id
  stage_name    = "shared"
}

resource "aws_api_gateway_method_settings" "other_shared_all" {
  rest_api_id = aws_api_gateway_rest_api.other.id
  stage_name  = "shared"
  method_path = "*/*"
  settings {
    logging_level = "INFO"
  }
  depends_on = [aws_api_gateway_stage.pass_other_api_shared]
}

# An input whose value is only known after apply.
resource "terraform_data" "log_level" {
  input = "INFO"
}

# Tests: */* logging_level unknown until apply -> unverifiable.
resource "aws_api_gateway_stage" "unknown_logging_level" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "dynamic"
}

resource "aws_api_gateway_method_settings" "dynamic_all" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = aws_api_gateway_stage.unknown_logging_level.stage_name
  method_path = "*/*"
  settings {
    logging_level = terraform_data.log_level.output
  }
}
