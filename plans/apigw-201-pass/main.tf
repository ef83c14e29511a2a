# Fixture apigw-201-pass: Public REST stages protected by WAF (WAFv2 and WAF Classic, by reference) and an exempt private stage (APIGW-201 passes).

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
  name = "apigw-201-pass"
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

# Regional WAFv2 web ACL with the baseline managed rules and a rate limit.
resource "aws_wafv2_web_acl" "api" {
  name  = "apigw-201-pass"
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
    metric_name                = "apigw-201-pass"
    sampled_requests_enabled   = true
  }
}

# Tests: a WAFv2 web ACL association whose resource_arn references this stage.
resource "aws_api_gateway_stage" "pass_wafv2_by_reference" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "wafv2"
}

resource "aws_wafv2_web_acl_association" "wafv2" {
  resource_arn = aws_api_gateway_stage.pass_wafv2_by_reference.arn
  web_acl_arn  = aws_wafv2_web_acl.api.arn
}

# Tests: a legacy WAF Classic (regional) association whose resource_arn references this stage.
resource "aws_api_gateway_stage" "pass_waf_regional_by_reference" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "classic"
}

resource "aws_wafregional_web_acl_association" "classic" {
  resource_arn = aws_api_gateway_stage.pass_waf_regional_by_reference.arn
  web_acl_id   = "0c8e583e-6c5f-4e9b-9d4a-5c6f7e8d9a0b"
}

# PRIVATE API (reachable only through VPC endpoints).
resource "aws_api_gateway_rest_api" "private" {
  name = "apigw-201-pass-private"
  endpoint_configuration {
    types            = ["PRIVATE"]
    vpc_endpoint_ids = ["vpce-0a1b2c3d4e5f60718"]
  }
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Deny"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "execute-api:/*"
        Condition = { StringNotEquals = { "aws:SourceVpce" = "vpce-0a1b2c3d4e5f60718" } }
      },
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "execute-api:/*"
      },
    ]
  })
}

resource "aws_api_gateway_method" "private_get" {
  rest_api_id   = aws_api_gateway_rest_api.private.id
  resource_id   = aws_api_gateway_rest_api.private.root_resource_id
  http_method   = "GET"
  authorization = "AWS_IAM"
}

resource "aws_api_gateway_integration" "private_get" {
  rest_api_id = aws_api_gateway_rest_api.private.id
  resource_id = aws_api_gateway_rest_api.private.root_resource_id
  http_method = aws_api_gateway_method.private_get.http_method
  type        = "MOCK"
}

resource "aws_api_gateway_deployment" "private" {
  rest_api_id = aws_api_gateway_rest_api.private.id
  triggers = {
    redeployment = sha1(jsonencode([aws_api_gateway_method.private_get.id, aws_api_gateway_integration.private_get.id]))
  }
  lifecycle {
    create_before_destroy = true
  }
}

# Tests: a stage of a PRIVATE API without WAF is exempt.
resource "aws_api_gateway_stage" "pass_private_api_exempt" {
  rest_api_id   = aws_api_gateway_rest_api.private.id
  deployment_id = aws_api_gateway_deployment.private.id
  stage_name    = "internal"
}
