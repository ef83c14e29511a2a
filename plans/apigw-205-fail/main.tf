# Fixture apigw-205-fail: a WAFv2 web ACL guarding a REST stage with no logging configuration (a logging
# configuration of another ACL does not count), and an association with an ACL managed elsewhere whose logging
# is out of sight (unverifiable) (APIGW-205).

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
  name = "apigw-205"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
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

# Tests: an ACL guarding a stage, with no aws_wafv2_web_acl_logging_configuration.
resource "aws_wafv2_web_acl" "fail_no_logging" {
  name  = "apigw-205-no-logging"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "apigw-205-no-logging"
    sampled_requests_enabled   = true
  }
}

resource "aws_api_gateway_stage" "no_logging" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "no_logging"
}

resource "aws_wafv2_web_acl_association" "no_logging" {
  resource_arn = aws_api_gateway_stage.no_logging.arn
  web_acl_arn  = aws_wafv2_web_acl.fail_no_logging.arn
}

# An ACL that guards no API stage, with logging: it passes, and its logging configuration is not the one above's.
resource "aws_wafv2_web_acl" "other" {
  name  = "apigw-205-other"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "apigw-205-other"
    sampled_requests_enabled   = true
  }
}

resource "aws_wafv2_web_acl_logging_configuration" "other" {
  resource_arn            = aws_wafv2_web_acl.other.arn
  log_destination_configs = ["arn:aws:s3:::aws-waf-logs-apigw-205"]
}

# Tests: an ACL managed in another configuration, named by its ARN (a variable): whether it logs is out of
# sight -> unverifiable on the association.
variable "shared_web_acl_arn" {
  type    = string
  default = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/shared/a1b2c3d4-5678-90ab-cdef-111122223333"
}

resource "aws_api_gateway_stage" "shared" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "shared"
}

resource "aws_wafv2_web_acl_association" "unknown_shared_acl" {
  resource_arn = aws_api_gateway_stage.shared.arn
  web_acl_arn  = var.shared_web_acl_arn
}
