# Fixture lifecycle: Plan against existing state: no-op, updates both ways, a replacement and deletes (prior-state.json), including a WAF association by a known literal ARN.

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

# Everything below except the new WAF association exists in prior-state.json (API ID "lc7api0001").

# No-op.
resource "aws_api_gateway_rest_api" "legacy" {
  name = "lifecycle-legacy"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

# No-op.
resource "aws_api_gateway_method" "get" {
  rest_api_id   = aws_api_gateway_rest_api.legacy.id
  resource_id   = aws_api_gateway_rest_api.legacy.root_resource_id
  http_method   = "GET"
  authorization = "AWS_IAM"
}

# No-op.
resource "aws_api_gateway_integration" "get" {
  rest_api_id = aws_api_gateway_rest_api.legacy.id
  resource_id = aws_api_gateway_rest_api.legacy.root_resource_id
  http_method = aws_api_gateway_method.get.http_method
  type        = "MOCK"
}

# No-op.
resource "aws_api_gateway_deployment" "current" {
  rest_api_id = aws_api_gateway_rest_api.legacy.id
  description = "release 42"
}

# No-op: known ARN, so stages referencing it get a known destination_arn.
resource "aws_cloudwatch_log_group" "access" {
  name              = "/aws/apigateway/lifecycle-legacy/access"
  retention_in_days = 90
}

# No-op: known ID.
resource "aws_api_gateway_client_certificate" "backend" {
  description = "lifecycle-legacy backend"
}

# Tests: no-op stage "v1" that is insecure: still judged (APIGW-001/003/007/201 findings; no APIGW-403: the
# API's only integration is MOCK, which never sees a client certificate).
resource "aws_api_gateway_stage" "noop_insecure" {
  rest_api_id   = aws_api_gateway_rest_api.legacy.id
  deployment_id = aws_api_gateway_deployment.current.id
  stage_name    = "v1"
}

# Tests: stage "v2" updated from insecure (state: no access logs, no X-Ray, no certificate) to secure.
resource "aws_api_gateway_stage" "update_to_secure" {
  rest_api_id           = aws_api_gateway_rest_api.legacy.id
  deployment_id         = aws_api_gateway_deployment.current.id
  stage_name            = "v2"
  xray_tracing_enabled  = true
  client_certificate_id = aws_api_gateway_client_certificate.backend.id
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format          = "$context.requestId $context.identity.sourceIp $context.httpMethod $context.resourcePath $context.status"
  }
}

# Update: logging OFF -> INFO for v2.
resource "aws_api_gateway_method_settings" "v2_all" {
  rest_api_id = aws_api_gateway_rest_api.legacy.id
  stage_name  = aws_api_gateway_stage.update_to_secure.stage_name
  method_path = "*/*"
  settings {
    logging_level      = "INFO"
    data_trace_enabled = false
  }
}

# Tests: new WAF association naming stage v2 by a literal ARN; API ID and stage name are known from state,
# so it resolves to aws_api_gateway_stage.update_to_secure (APIGW-201 passes); its web ACL is managed elsewhere,
# so whether it logs is out of sight (APIGW-205 unverifiable).
resource "aws_wafv2_web_acl_association" "v2_literal" {
  resource_arn = "arn:aws:apigateway:us-east-1::/restapis/lc7api0001/stages/v2"
  web_acl_arn  = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/lifecycle/a1b2c3d4-5678-90ab-cdef-222222222222"
}

# Tests: stage "v3" updated from secure (state: access logs, X-Ray, certificate) to insecure; its WAF
# association (in state) is deleted by this plan, so it no longer counts.
resource "aws_api_gateway_stage" "update_to_insecure" {
  rest_api_id          = aws_api_gateway_rest_api.legacy.id
  deployment_id        = aws_api_gateway_deployment.current.id
  stage_name           = "v3"
  xray_tracing_enabled = false
}

# Tests: update INFO -> OFF and data trace turned on (APIGW-001 on the v3 stage, APIGW-006 here).
resource "aws_api_gateway_method_settings" "update_to_insecure_all" {
  rest_api_id = aws_api_gateway_rest_api.legacy.id
  stage_name  = aws_api_gateway_stage.update_to_insecure.stage_name
  method_path = "*/*"
  settings {
    logging_level      = "OFF"
    data_trace_enabled = true
  }
}

# Tests: no-op secure stage "v4" whose WAF web ACL was attached outside Terraform: web_acl_arn is known
# and non-empty in state (APIGW-201 passes).
resource "aws_api_gateway_stage" "noop_secure_web_acl_arn" {
  rest_api_id           = aws_api_gateway_rest_api.legacy.id
  deployment_id         = aws_api_gateway_deployment.current.id
  stage_name            = "v4"
  xray_tracing_enabled  = true
  client_certificate_id = aws_api_gateway_client_certificate.backend.id
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format          = "$context.requestId $context.identity.sourceIp $context.httpMethod $context.resourcePath $context.status"
  }
}

# No-op.
resource "aws_api_gateway_method_settings" "v4_all" {
  rest_api_id = aws_api_gateway_rest_api.legacy.id
  stage_name  = aws_api_gateway_stage.noop_secure_web_acl_arn.stage_name
  method_path = "*/*"
  settings {
    logging_level = "ERROR"
  }
}

# Tests: replacement (domain_name forces a new resource) of a domain that still allows TLS 1.0 (APIGW-401 finding).
resource "aws_api_gateway_domain_name" "replaced_tls10" {
  domain_name              = "api.lifecycle.example.com"
  regional_certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
  security_policy          = "TLS_1_0"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

# Removed from this configuration, present in prior-state.json, so deleted by the plan (never judged):
# - aws_api_gateway_stage.deleted_insecure (stage "v0": no logs, no X-Ray, no certificate, no WAF)
# - aws_api_gateway_method_settings.deleted_insecure_all (v0 */*: logging OFF, data trace on, unencrypted cache)
# - aws_api_gateway_rest_api_policy.deleted_open (Allow "*" without condition)
# - aws_api_gateway_domain_name.deleted_tls10 (TLS_1_0)
# - aws_wafv2_web_acl_association.v3 (the association of stage v3)
