# Fixture apigw-402-pass: REST and HTTP custom domains with a mutual TLS truststore: literal S3 URI, versioned, and from a bucket reference (APIGW-402 passes).

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

# An HTTP API with a $default stage, mapped onto the v2 domains below.
resource "aws_apigatewayv2_api" "http" {
  name          = "apigw-402-pass"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_stage" "http" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "$default"
  auto_deploy = true
}

# Tests: regional REST custom domain with a literal truststore URI.
resource "aws_api_gateway_domain_name" "pass_rest_mtls" {
  domain_name              = "api.example.com"
  regional_certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
  security_policy          = "TLS_1_2"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
  mutual_tls_authentication {
    truststore_uri     = "s3://example-truststores/api/truststore.pem"
    truststore_version = "3"
  }
}

resource "aws_s3_bucket" "truststore" {
  bucket_prefix = "apigw-402-truststore-"
}

# Tests: truststore URI built from a bucket managed in the same plan (unknown until apply, but set).
resource "aws_api_gateway_domain_name" "pass_rest_mtls_from_reference" {
  domain_name              = "partners.example.com"
  regional_certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
  security_policy          = "TLS_1_2"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
  mutual_tls_authentication {
    truststore_uri = "s3://${aws_s3_bucket.truststore.id}/truststore.pem"
  }
}

# Tests: v2 custom domain fronting an HTTP API, with mutual TLS.
resource "aws_apigatewayv2_domain_name" "pass_http_mtls" {
  domain_name = "http.example.com"
  domain_name_configuration {
    certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
    endpoint_type   = "REGIONAL"
    security_policy = "TLS_1_2"
  }
  mutual_tls_authentication {
    truststore_uri = "s3://example-truststores/http/truststore.pem"
  }
}

resource "aws_apigatewayv2_api_mapping" "http" {
  api_id      = aws_apigatewayv2_api.http.id
  domain_name = aws_apigatewayv2_domain_name.pass_http_mtls.id
  stage       = aws_apigatewayv2_stage.http.id
}
