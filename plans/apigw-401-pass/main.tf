# Fixture apigw-401-pass: Custom domains that require TLS 1.2, REST (v1) edge and regional, and HTTP/WebSocket (v2) (APIGW-401 passes).

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

# Note: provider 5.100.0 validates security_policy against TLS_1_0/TLS_1_2 (v1) and TLS_1_2 (v2) only,
# so the newer SecurityPolicy_TLS13_* / SecurityPolicy_TLS12_* names cannot appear in a plan it makes.

# Tests: v1 regional domain with security_policy = "TLS_1_2".
resource "aws_api_gateway_domain_name" "pass_v1_regional_tls12" {
  domain_name              = "api.example.com"
  regional_certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
  security_policy          = "TLS_1_2"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

# Tests: v1 edge-optimized domain with security_policy = "TLS_1_2".
resource "aws_api_gateway_domain_name" "pass_v1_edge_tls12" {
  domain_name     = "edge.example.com"
  certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/1a2b3c4d-5e6f-7081-92a3-b4c5d6e7f809"
  security_policy = "TLS_1_2"
}

# Tests: v2 domain with domain_name_configuration.security_policy = "TLS_1_2".
resource "aws_apigatewayv2_domain_name" "pass_v2_tls12" {
  domain_name = "ws.example.com"
  domain_name_configuration {
    certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
    endpoint_type   = "REGIONAL"
    security_policy = "TLS_1_2"
  }
}

# Maps an existing API's stage (managed elsewhere; literal ID) under the regional domain.
resource "aws_api_gateway_base_path_mapping" "regional" {
  domain_name = aws_api_gateway_domain_name.pass_v1_regional_tls12.domain_name
  api_id      = "a1b2c3d4e5"
  stage_name  = "prod"
  base_path   = "v1"
}

# Tests: existing domains (in prior-state.json, no-op) whose live security policy is an enhanced one,
# SecurityPolicy_TLS13_1_2_2021_06 and SecurityPolicy_TLS12_PFS_2025_EDGE (set outside Terraform; AWS provider
# 5.100.0 rejects these names in configuration, so the plan shows them as the known values it reads back).
# Enhanced TLS 1.2 / 1.3 policies pass (KICS wrongly rejects them).
resource "aws_api_gateway_domain_name" "pass_existing_tls13_enhanced" {
  domain_name              = "tls13.example.com"
  regional_certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_domain_name" "pass_existing_tls12_enhanced" {
  domain_name              = "tls12.example.com"
  regional_certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}
