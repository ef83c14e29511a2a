# Fixture apigw-201-fail: Public REST stages without a WAF association, including one whose only candidate association is a literal ARN naming another API (APIGW-201).

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

# Existing API (in prior-state.json, no-op): its ID "k201fl7x9q" is known, so stages created on it have
# a known rest_api_id and cannot be the target of the literal-ARN association below (different API ID).
resource "aws_api_gateway_rest_api" "existing" {
  name = "apigw-201-fail-existing"
}

resource "aws_api_gateway_method" "existing_get" {
  rest_api_id   = aws_api_gateway_rest_api.existing.id
  resource_id   = aws_api_gateway_rest_api.existing.root_resource_id
  http_method   = "GET"
  authorization = "AWS_IAM"
}

resource "aws_api_gateway_integration" "existing_get" {
  rest_api_id = aws_api_gateway_rest_api.existing.id
  resource_id = aws_api_gateway_rest_api.existing.root_resource_id
  http_method = aws_api_gateway_method.existing_get.http_method
  type        = "MOCK"
}

resource "aws_api_gateway_deployment" "existing" {
  rest_api_id = aws_api_gateway_rest_api.existing.id
  triggers = {
    redeployment = sha1(jsonencode([aws_api_gateway_method.existing_get.id, aws_api_gateway_integration.existing_get.id]))
  }
  lifecycle {
    create_before_destroy = true
  }
}

# Tests: a public stage with no WAF association at all.
resource "aws_api_gateway_stage" "fail_no_waf_association" {
  rest_api_id   = aws_api_gateway_rest_api.existing.id
  deployment_id = aws_api_gateway_deployment.existing.id
  stage_name    = "dev"
}

# Tests: the only association for this stage has count = 0, so it does not exist.
resource "aws_api_gateway_stage" "fail_association_count_zero" {
  rest_api_id   = aws_api_gateway_rest_api.existing.id
  deployment_id = aws_api_gateway_deployment.existing.id
  stage_name    = "qa"
}

resource "aws_wafv2_web_acl_association" "disabled" {
  count        = 0
  resource_arn = aws_api_gateway_stage.fail_association_count_zero.arn
  web_acl_arn  = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/apigw/a1b2c3d4-5678-90ab-cdef-111111111111"
}

# Tests: the WAF association targets a sibling stage, not this one.
resource "aws_api_gateway_stage" "fail_sibling_has_waf" {
  rest_api_id   = aws_api_gateway_rest_api.existing.id
  deployment_id = aws_api_gateway_deployment.existing.id
  stage_name    = "staging"
}

# Tests (control): the sibling stage is protected by reference.
resource "aws_api_gateway_stage" "pass_sibling_with_waf" {
  rest_api_id   = aws_api_gateway_rest_api.existing.id
  deployment_id = aws_api_gateway_deployment.existing.id
  stage_name    = "live"
}

resource "aws_wafv2_web_acl_association" "sibling" {
  resource_arn = aws_api_gateway_stage.pass_sibling_with_waf.arn
  web_acl_arn  = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/apigw/a1b2c3d4-5678-90ab-cdef-111111111111"
}

# New API (ID unknown until apply).
resource "aws_api_gateway_rest_api" "fresh" {
  name = "apigw-201-fail-fresh"
}

resource "aws_api_gateway_method" "fresh_get" {
  rest_api_id   = aws_api_gateway_rest_api.fresh.id
  resource_id   = aws_api_gateway_rest_api.fresh.root_resource_id
  http_method   = "GET"
  authorization = "AWS_IAM"
}

resource "aws_api_gateway_integration" "fresh_get" {
  rest_api_id = aws_api_gateway_rest_api.fresh.id
  resource_id = aws_api_gateway_rest_api.fresh.root_resource_id
  http_method = aws_api_gateway_method.fresh_get.http_method
  type        = "MOCK"
}

resource "aws_api_gateway_deployment" "fresh" {
  rest_api_id = aws_api_gateway_rest_api.fresh.id
  triggers = {
    redeployment = sha1(jsonencode([aws_api_gateway_method.fresh_get.id, aws_api_gateway_integration.fresh_get.id]))
  }
  lifecycle {
    create_before_destroy = true
  }
}

# Tests: stage "prod" of an API whose ID is unknown until apply; the association below names a stage
# "prod" by literal ARN. A literal cannot name an API being created (AWS chooses its ID at apply), so the
# association protects a stage managed elsewhere and this stage has no WAF -> finding.
resource "aws_api_gateway_stage" "fail_literal_arn_names_other_api" {
  rest_api_id   = aws_api_gateway_rest_api.fresh.id
  deployment_id = aws_api_gateway_deployment.fresh.id
  stage_name    = "prod"
}

resource "aws_wafv2_web_acl_association" "literal" {
  resource_arn = "arn:aws:apigateway:us-east-1::/restapis/a1b2c3d4e5/stages/prod"
  web_acl_arn  = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/apigw/a1b2c3d4-5678-90ab-cdef-111111111111"
}
