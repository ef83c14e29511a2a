# Fixture apigw-701-fail: POST, PUT and PATCH methods without a body-validating request validator, and ones whose validator is unknown until apply (APIGW-701).

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

resource "aws_api_gateway_rest_api" "api" {
  name = "apigw-701-fail"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_resource" "orders" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_rest_api.api.root_resource_id
  path_part   = "orders"
}

resource "aws_api_gateway_resource" "order" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_resource.orders.id
  path_part   = "{orderId}"
}

# Validators of this API.
resource "aws_api_gateway_request_validator" "body" {
  name                  = "body"
  rest_api_id           = aws_api_gateway_rest_api.api.id
  validate_request_body = true
}

resource "aws_api_gateway_request_validator" "params_only" {
  name                        = "params-only"
  rest_api_id                 = aws_api_gateway_rest_api.api.id
  validate_request_parameters = true
}

resource "aws_api_gateway_request_validator" "body_false" {
  name                        = "body-false"
  rest_api_id                 = aws_api_gateway_rest_api.api.id
  validate_request_body       = false
  validate_request_parameters = true
}

# Tests: POST without request_validator_id.
resource "aws_api_gateway_method" "fail_post_without_validator" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_resource.orders.id
  http_method   = "POST"
  authorization = "AWS_IAM"
}

# Tests: PUT whose validator checks parameters only (validate_request_body unset).
resource "aws_api_gateway_method" "fail_put_params_only_validator" {
  rest_api_id          = aws_api_gateway_rest_api.api.id
  resource_id          = aws_api_gateway_resource.order.id
  http_method          = "PUT"
  authorization        = "AWS_IAM"
  request_validator_id = aws_api_gateway_request_validator.params_only.id
}

# Tests: PATCH whose validator sets validate_request_body = false.
resource "aws_api_gateway_method" "fail_patch_body_false_validator" {
  rest_api_id          = aws_api_gateway_rest_api.api.id
  resource_id          = aws_api_gateway_resource.order.id
  http_method          = "PATCH"
  authorization        = "AWS_IAM"
  request_validator_id = aws_api_gateway_request_validator.body_false.id
}

# A validator ID only known after apply (not a reference to a validator resource).
resource "terraform_data" "validator_id" {
  input = "abc123"
}

# Tests: POST on the root resource whose request_validator_id is unknown and could name any validator of
# the API (body, params-only, body-false) -> unverifiable.
resource "aws_api_gateway_method" "unknown_post_validator_id" {
  rest_api_id          = aws_api_gateway_rest_api.api.id
  resource_id          = aws_api_gateway_rest_api.api.root_resource_id
  http_method          = "POST"
  authorization        = "AWS_IAM"
  request_validator_id = terraform_data.validator_id.output
}

# A flag only known after apply.
resource "terraform_data" "validate_body" {
  input = true
}

resource "aws_api_gateway_request_validator" "body_unknown" {
  name                  = "body-unknown"
  rest_api_id           = aws_api_gateway_rest_api.api.id
  validate_request_body = terraform_data.validate_body.output
}

# Tests: PUT on the root resource whose validator's validate_request_body is unknown until apply -> unverifiable.
resource "aws_api_gateway_method" "unknown_put_validator_body_flag" {
  rest_api_id          = aws_api_gateway_rest_api.api.id
  resource_id          = aws_api_gateway_rest_api.api.root_resource_id
  http_method          = "PUT"
  authorization        = "AWS_IAM"
  request_validator_id = aws_api_gateway_request_validator.body_unknown.id
}

# Control: POST /orders/{orderId} with the body validator passes.
resource "aws_api_gateway_method" "pass_post_body_validator" {
  rest_api_id          = aws_api_gateway_rest_api.api.id
  resource_id          = aws_api_gateway_resource.order.id
  http_method          = "POST"
  authorization        = "AWS_IAM"
  request_validator_id = aws_api_gateway_request_validator.body.id
}
