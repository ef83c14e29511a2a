# Fixture modules-for-each: One local module instantiated with for_each (secure "a", insecure "b") and count = 2, plus a count = 0 root resource.

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

locals {
  # One secure and one insecure instance of the same module, keyed for for_each.
  apis = {
    a = {
      secure = true
      # Everyone, but only from the corporate range: passes APIGW-301.
      policy = jsonencode({
        Version = "2012-10-17"
        Statement = [
          {
            Effect    = "Allow"
            Principal = "*"
            Action    = "execute-api:Invoke"
            Resource  = "execute-api:/*"
            Condition = { IpAddress = { "aws:SourceIp" = ["203.0.113.0/24"] } }
          },
        ]
      })
    }
    b = {
      secure = false
      # Everyone, unconditionally: fails APIGW-301.
      policy = jsonencode({
        Version = "2012-10-17"
        Statement = [
          {
            Effect    = "Allow"
            Principal = "*"
            Action    = "execute-api:Invoke"
            Resource  = "execute-api:/*"
          },
        ]
      })
    }
  }
}

# Shared resources created in the root and passed into module instances.
resource "aws_cloudwatch_log_group" "access" {
  name              = "/aws/apigateway/modules-for-each/access"
  retention_in_days = 90
}

resource "aws_api_gateway_client_certificate" "backend" {
  description = "Shared backend client certificate"
}

# Regional WAFv2 web ACL with the baseline managed rules and a rate limit.
resource "aws_wafv2_web_acl" "api" {
  name  = "modules-for-each"
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
    metric_name                = "modules-for-each"
    sampled_requests_enabled   = true
  }
}

# module.api["a"]: secure (every input set; log group, certificate and web ACL come from root resources).
# module.api["b"]: insecure in every way the module allows.
module "api" {
  source   = "./modules/rest_api"
  for_each = local.apis

  name                       = "items-${each.key}"
  authorization              = each.value.secure ? "AWS_IAM" : "NONE"
  api_key_required           = !each.value.secure
  logging_level              = each.value.secure ? "INFO" : "OFF"
  data_trace_enabled         = !each.value.secure
  caching_enabled            = true
  cache_data_encrypted       = each.value.secure
  xray_tracing_enabled       = each.value.secure
  access_log_destination_arn = each.value.secure ? aws_cloudwatch_log_group.access.arn : ""
  client_certificate_id      = each.value.secure ? aws_api_gateway_client_certificate.backend.id : null
  enable_waf                 = each.value.secure
  web_acl_arn                = aws_wafv2_web_acl.api.arn
  policy                     = each.value.policy
}

# module.legacy[0] and [1]: identical legacy APIs with logging and IAM auth but no X-Ray, no client
# certificate, no WAF and no resource policy.
module "legacy" {
  source = "./modules/rest_api"
  count  = 2

  name                       = "legacy-${count.index}"
  authorization              = "AWS_IAM"
  logging_level              = "ERROR"
  xray_tracing_enabled       = false
  access_log_destination_arn = aws_cloudwatch_log_group.access.arn
  enable_waf                 = false
}

# Custom domain in the root mapped onto a stage inside module.api["a"] (TLS 1.2: passes APIGW-401).
resource "aws_api_gateway_domain_name" "items" {
  domain_name              = "items.example.com"
  regional_certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
  security_policy          = "TLS_1_2"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_base_path_mapping" "items" {
  api_id      = module.api["a"].rest_api_id
  stage_name  = module.api["a"].stage_name
  domain_name = aws_api_gateway_domain_name.items.domain_name
}

# count = 0: would fail APIGW-401 (TLS_1_0) but does not exist, so it is not judged.
resource "aws_api_gateway_domain_name" "retired" {
  count                    = 0
  domain_name              = "retired.example.com"
  regional_certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
  security_policy          = "TLS_1_0"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}
