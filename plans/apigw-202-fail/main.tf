# Fixture apigw-202-fail: Web ACLs associated with REST stages that lack a baseline managed rule group or a rate-based rule, and one whose managed group name is unknown (APIGW-202).

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
  name = "apigw-202-fail"
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

# Tests: the common managed rule set but no rate-based rule.
resource "aws_wafv2_web_acl" "fail_managed_only" {
  name  = "apigw-202-managed-only"
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

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "apigw-202-managed-only"
    sampled_requests_enabled   = true
  }
}

resource "aws_api_gateway_stage" "managed_only" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "managed_only"
}

resource "aws_wafv2_web_acl_association" "managed_only" {
  resource_arn = aws_api_gateway_stage.managed_only.arn
  web_acl_arn  = aws_wafv2_web_acl.fail_managed_only.arn
}

# Tests: a rate-based rule but no baseline managed rule group.
resource "aws_wafv2_web_acl" "fail_rate_only" {
  name  = "apigw-202-rate-only"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  rule {
    name     = "rate-limit"
    priority = 1
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
    metric_name                = "apigw-202-rate-only"
    sampled_requests_enabled   = true
  }
}

resource "aws_api_gateway_stage" "rate_only" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "rate_only"
}

resource "aws_wafv2_web_acl_association" "rate_only" {
  resource_arn = aws_api_gateway_stage.rate_only.arn
  web_acl_arn  = aws_wafv2_web_acl.fail_rate_only.arn
}

# Tests: a rate-based rule with a managed group that is not one of the baseline groups (SQLi only).
resource "aws_wafv2_web_acl" "fail_other_managed_group" {
  name  = "apigw-202-sqli-and-rate"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  rule {
    name     = "aws-sqli"
    priority = 1
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
    metric_name                = "apigw-202-sqli-and-rate"
    sampled_requests_enabled   = true
  }
}

resource "aws_api_gateway_stage" "other_managed_group" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "other_managed_group"
}

resource "aws_wafv2_web_acl_association" "other_managed_group" {
  resource_arn = aws_api_gateway_stage.other_managed_group.arn
  web_acl_arn  = aws_wafv2_web_acl.fail_other_managed_group.arn
}

# Tests: no rules at all (default allow).
resource "aws_wafv2_web_acl" "fail_no_rules" {
  name  = "apigw-202-no-rules"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "apigw-202-no-rules"
    sampled_requests_enabled   = true
  }
}

resource "aws_api_gateway_stage" "no_rules" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "no_rules"
}

resource "aws_wafv2_web_acl_association" "no_rules" {
  resource_arn = aws_api_gateway_stage.no_rules.arn
  web_acl_arn  = aws_wafv2_web_acl.fail_no_rules.arn
}

# A managed rule group name only known after apply.
resource "terraform_data" "managed_group_name" {
  input = "AWSManagedRulesCommonRuleSet"
}

# Tests: rate-based rule present, managed group name unknown until apply -> unverifiable.
resource "aws_wafv2_web_acl" "unknown_managed_group_name" {
  name  = "apigw-202-unknown-group"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  rule {
    name     = "aws-managed"
    priority = 1
    override_action {
      none {}
    }
    statement {
      managed_rule_group_statement {
        name        = terraform_data.managed_group_name.output
        vendor_name = "AWS"
      }
    }
    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "aws-managed"
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
    metric_name                = "apigw-202-unknown-group"
    sampled_requests_enabled   = true
  }
}

resource "aws_api_gateway_stage" "unknown_group" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "unknown_group"
}

resource "aws_wafv2_web_acl_association" "unknown_group" {
  resource_arn = aws_api_gateway_stage.unknown_group.arn
  web_acl_arn  = aws_wafv2_web_acl.unknown_managed_group_name.arn
}
