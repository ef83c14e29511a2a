# Fixture apigw-401-fail: Custom domains that allow TLS 1.0, leave the policy unset, or whose policy is unknown until apply (APIGW-401).

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

# Note: provider 5.100.0 rejects TLS_1_0 for aws_apigatewayv2_domain_name (only TLS_1_2 is valid and the
# attribute is required), so v2 can only appear here as unknown.

# Tests: v1 regional domain with security_policy = "TLS_1_0".
resource "aws_api_gateway_domain_name" "fail_v1_tls10" {
  domain_name              = "legacy.example.com"
  regional_certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
  security_policy          = "TLS_1_0"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

# Tests: v1 edge domain without security_policy (unset; the plan marks it unknown because the provider computes it).
resource "aws_api_gateway_domain_name" "fail_v1_unset" {
  domain_name     = "edge.example.com"
  certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/1a2b3c4d-5e6f-7081-92a3-b4c5d6e7f809"
}

# A TLS policy name only known after apply.
resource "terraform_data" "tls_policy" {
  input = "TLS_1_2"
}

# Tests: v1 security_policy unknown until apply -> unverifiable.
resource "aws_api_gateway_domain_name" "unknown_v1_policy" {
  domain_name              = "maybe.example.com"
  regional_certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
  security_policy          = terraform_data.tls_policy.output
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

# Tests: v2 domain_name_configuration.security_policy unknown until apply -> unverifiable.
resource "aws_apigatewayv2_domain_name" "unknown_v2_policy" {
  domain_name = "ws-maybe.example.com"
  domain_name_configuration {
    certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
    endpoint_type   = "REGIONAL"
    security_policy = terraform_data.tls_policy.output
  }
}
