# Fixture apigw-202-pass: Web ACLs associated with REST stages that carry a baseline managed rule group and a rate-based rule, and an unattached ACL that is never judged (APIGW-202 passes).

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

# Minimal deployable REST API shared by the stages below. (Each stage has a WAF association, so none fails
# APIGW-201; a stage without any association would fail APIGW-201, not this rule.)
resource "aws_api_gateway_rest_api" "api" {
  name = "apigw-202-pass"
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

# Tests: AWSManagedRulesCommonRuleSet plus a rate-based rule.
resource "aws_wafv2_web_acl" "pass_common_and_rate" {
  name  = "apigw-202-common-and-rate"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  rule {
    name     = "aws-common"
    priority = 1
    override_action {
      none {}
    }
    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesCommonRuleSet"
        vendor_name = "AWS"
      }
    }
    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "aws-common"
      sampled_requests_enabled   = true
    }
  }
  rule {
    name     = "rate-limit"
    priority = 2
    action {
      block {}
    }
    statement {
      rate_based_statement {
        limit              = 2000
        aggregate_key_type = "IP"
      }
    }
    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "rate-limit"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "apigw-202-common-and-rate"
    sampled_requests_enabled   = true
  }
}

resource "aws_api_gateway_stage" "common_and_rate" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "common_and_rate"
}

resource "aws_wafv2_web_acl_association" "common_and_rate" {
  resource_arn = aws_api_gateway_stage.common_and_rate.arn
  web_acl_arn  = aws_wafv2_web_acl.pass_common_and_rate.arn
}

# Tests: AWSManagedRulesKnownBadInputsRuleSet plus a rate-based rule.
resource "aws_wafv2_web_acl" "pass_known_bad_inputs_and_rate" {
  name  = "apigw-202-bad-inputs-and-rate"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  rule {
    name     = "aws-known-bad-inputs"
    priority = 1
    override_action {
      none {}
    }
    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesKnownBadInputsRuleSet"
        vendor_name = "AWS"
      }
    }
    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "aws-known-bad-inputs"
      sampled_requests_enabled   = true
    }
  }
  rule {
    name     = "rate-limit"
    priority = 2
    action {
      block {}
    }
    statement {
      rate_based_statement {
        limit              = 2000
        aggregate_key_type = "IP"
      }
    }
    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "rate-limit"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "apigw-202-bad-inputs-and-rate"
    sampled_requests_enabled   = true
  }
}

resource "aws_api_gateway_stage" "known_bad_inputs_and_rate" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "known_bad_inputs_and_rate"
}

resource "aws_wafv2_web_acl_association" "known_bad_inputs_and_rate" {
  resource_arn = aws_api_gateway_stage.known_bad_inputs_and_rate.arn
  web_acl_arn  = aws_wafv2_web_acl.pass_known_bad_inputs_and_rate.arn
}

# Tests: both baseline groups, another managed group and a rate-based rule.
resource "aws_wafv2_web_acl" "pass_both_groups_and_rate" {
  name  = "apigw-202-both-groups"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  rule {
    name     = "aws-common"
    priority = 1
    override_action {
      none {}
    }
    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesCommonRuleSet"
        vendor_name = "AWS"
      }
    }
    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "aws-common"
      sampled_requests_enabled   = true
    }
  }
  rule {
    name     = "aws-known-bad-inputs"
    priority = 2
    override_action {
      none {}
    }
    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesKnownBadInputsRuleSet"
        vendor_name = "AWS"
      }
    }
    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "aws-known-bad-inputs"
      sampled_requests_enabled   = true
    }
  }
  rule {
    name     = "aws-sqli"
    priority = 3
    override_action {
      none {}
    }
    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesSQLiRuleSet"
        vendor_name = "AWS"
      }
    }
    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "aws-sqli"
      sampled_requests_enabled   = true
    }
  }
  rule {
    name     = "rate-limit"
    priority = 4
    action {
      block {}
    }
    statement {
      rate_based_statement {
        limit              = 2000
        aggregate_key_type = "IP"
      }
    }
    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "rate-limit"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "apigw-202-both-groups"
    sampled_requests_enabled   = true
  }
}

resource "aws_api_gateway_stage" "both_groups_and_rate" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "both_groups_and_rate"
}

resource "aws_wafv2_web_acl_association" "both_groups_and_rate" {
  resource_arn = aws_api_gateway_stage.both_groups_and_rate.arn
  web_acl_arn  = aws_wafv2_web_acl.pass_both_groups_and_rate.arn
}

# Tests: an ACL without any rule that is associated with nothing: not judged (only ACLs guarding a stage
# in the input are). Every stage above has its own association, so none of them would fail APIGW-201.
resource "aws_wafv2_web_acl" "pass_unattached_without_rules" {
  name  = "apigw-202-unattached"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "apigw-202-unattached"
    sampled_requests_enabled   = true
  }
}

# Tests: a stage guarded by a web ACL that is not in the input (literal ARN): nothing to judge for APIGW-202.
resource "aws_api_gateway_stage" "external_acl" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "external_acl"
}

resource "aws_wafv2_web_acl_association" "external_acl" {
  resource_arn = aws_api_gateway_stage.external_acl.arn
  web_acl_arn  = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/shared/a1b2c3d4-5678-90ab-cdef-202202202202"
}
