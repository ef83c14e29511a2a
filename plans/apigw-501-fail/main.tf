# Fixture apigw-501-fail: Method settings that cache responses without encryption, or with unknown encryption (APIGW-501).

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
  name = "apigw-501-fail"
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

resource "aws_api_gateway_resource" "items" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_rest_api.api.root_resource_id
  path_part   = "items"
}

resource "aws_api_gateway_stage" "a" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "a"
}

resource "aws_api_gateway_stage" "b" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "b"
}

resource "aws_api_gateway_stage" "c" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.this.id
  stage_name    = "c"
}

# Tests: caching enabled with cache_data_encrypted = false.
resource "aws_api_gateway_method_settings" "fail_cache_unencrypted" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = aws_api_gateway_stage.a.stage_name
  method_path = "*/*"
  settings {
    caching_enabled      = true
    cache_data_encrypted = false
  }
}

# Tests: caching enabled on one method with cache_data_encrypted absent (unset; plan marks it unknown).
resource "aws_api_gateway_method_settings" "fail_cache_encryption_unset" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = aws_api_gateway_stage.b.stage_name
  method_path = "items/GET"
  settings {
    caching_enabled      = true
    cache_ttl_in_seconds = 60
  }
}

# A flag only known after apply.
resource "terraform_data" "encrypt_flag" {
  input = true
}

# Tests: caching enabled with cache_data_encrypted unknown until apply -> unverifiable.
resource "aws_api_gateway_method_settings" "unknown_cache_encryption" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = aws_api_gateway_stage.c.stage_name
  method_path = "*/*"
  settings {
    caching_enabled      = true
    cache_data_encrypted = terraform_data.encrypt_flag.output
  }
}
