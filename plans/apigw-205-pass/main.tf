# Fixture apigw-205-pass: WAFv2 web ACLs guarding REST stages that log their traffic (to CloudWatch Logs, to S3),
# an ACL managed elsewhere whose logging configuration is in this configuration, and an ACL that guards no
# API stage (APIGW-205 passes).

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

# Tests: an ACL logged to a CloudWatch Logs log group (its name must start with aws-waf-logs-).
resource "aws_wafv2_web_acl" "pass_logged_to_cloudwatch" {
  name  = "apigw-205-cloudwatch"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "apigw-205-cloudwatch"
    sampled_requests_enabled   = true
  }
}

resource "aws_api_gateway_stage" "cloudwatch" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "cloudwatch"
}

resource "aws_wafv2_web_acl_association" "cloudwatch" {
  resource_arn = aws_api_gateway_stage.cloudwatch.arn
  web_acl_arn  = aws_wafv2_web_acl.pass_logged_to_cloudwatch.arn
}

resource "aws_cloudwatch_log_group" "waf" {
  name              = "aws-waf-logs-apigw-205"
  retention_in_days = 90
}

resource "aws_wafv2_web_acl_logging_configuration" "cloudwatch" {
  resource_arn            = aws_wafv2_web_acl.pass_logged_to_cloudwatch.arn
  log_destination_configs = [aws_cloudwatch_log_group.waf.arn]
}

# Tests: an ACL logged to an S3 bucket managed elsewhere.
resource "aws_wafv2_web_acl" "pass_logged_to_s3" {
  name  = "apigw-205-s3"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "apigw-205-s3"
    sampled_requests_enabled   = true
  }
}

resource "aws_api_gateway_stage" "s3" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "s3"
}

resource "aws_wafv2_web_acl_association" "s3" {
  resource_arn = aws_api_gateway_stage.s3.arn
  web_acl_arn  = aws_wafv2_web_acl.pass_logged_to_s3.arn
}

resource "aws_wafv2_web_acl_logging_configuration" "s3" {
  resource_arn            = aws_wafv2_web_acl.pass_logged_to_s3.arn
  log_destination_configs = ["arn:aws:s3:::aws-waf-logs-apigw-205"]
}

# Tests: an ACL managed in another configuration, named by its ARN (a variable), whose logging configuration
# is managed here with the same ARN.
variable "shared_web_acl_arn" {
  type    = string
  default = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/shared/a1b2c3d4-5678-90ab-cdef-111122223333"
}

resource "aws_api_gateway_stage" "shared" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "shared"
}

resource "aws_wafv2_web_acl_association" "pass_shared_acl_logged_here" {
  resource_arn = aws_api_gateway_stage.shared.arn
  web_acl_arn  = var.shared_web_acl_arn
}

resource "aws_wafv2_web_acl_logging_configuration" "shared" {
  resource_arn            = var.shared_web_acl_arn
  log_destination_configs = ["arn:aws:s3:::aws-waf-logs-apigw-205"]
}

# Tests: an ACL associated with no API stage (a load balancer's, say) is not this rule's concern.
resource "aws_wafv2_web_acl" "pass_guards_no_stage" {
  name  = "apigw-205-unused"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "apigw-205-unused"
    sampled_requests_enabled   = true
  }
}
