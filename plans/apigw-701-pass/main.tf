# Fixture apigw-701-pass: POST, PUT and PATCH methods with a body-validating request validator; GET, DELETE and OPTIONS without one are not judged (APIGW-701 passes).

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
  name = "apigw-701-pass"
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

resource "aws_api_gateway_request_validator" "body_and_params" {
  name                        = "body-and-params"
  rest_api_id                 = aws_api_gateway_rest_api.api.id
  validate_request_body       = true
  validate_request_parameters = true
}

resource "aws_api_gateway_model" "order" {
  rest_api_id  = aws_api_gateway_rest_api.api.id
  name         = "Order"
  content_type = "application/json"
  schema = jsonencode({
    type       = "object"
    required   = ["item"]
    properties = { item = { type = "string" } }
  })
}

# Tests: POST with the body validator and a request model.
resource "aws_api_gateway_method" "pass_post_body_validator" {
  rest_api_id          = aws_api_gateway_rest_api.api.id
  resource_id          = aws_api_gateway_resource.orders.id
  http_method          = "POST"
  authorization        = "AWS_IAM"
  request_validator_id = aws_api_gateway_request_validator.body.id
  request_models = {
    "application/json" = aws_api_gateway_model.order.name
  }
}

# Tests: PUT with a validator that checks body and parameters.
resource "aws_api_gateway_method" "pass_put_body_and_params_validator" {
  rest_api_id          = aws_api_gateway_rest_api.api.id
  resource_id          = aws_api_gateway_resource.order.id
  http_method          = "PUT"
  authorization        = "AWS_IAM"
  request_validator_id = aws_api_gateway_request_validator.body_and_params.id
}

# Tests: PATCH with the body validator.
resource "aws_api_gateway_method" "pass_patch_body_validator" {
  rest_api_id          = aws_api_gateway_rest_api.api.id
  resource_id          = aws_api_gateway_resource.order.id
  http_method          = "PATCH"
  authorization        = "AWS_IAM"
  request_validator_id = aws_api_gateway_request_validator.body.id
}

# Tests: GET without a validator: not a body-accepting method, not judged.
resource "aws_api_gateway_method" "pass_get_without_validator" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_resource.orders.id
  http_method   = "GET"
  authorization = "AWS_IAM"
}

# Tests: DELETE with a parameters-only validator: not judged.
resource "aws_api_gateway_method" "pass_delete_params_only_validator" {
  rest_api_id          = aws_api_gateway_rest_api.api.id
  resource_id          = aws_api_gateway_resource.order.id
  http_method          = "DELETE"
  authorization        = "AWS_IAM"
  request_validator_id = aws_api_gateway_request_validator.params_only.id
}

# Tests: OPTIONS (CORS preflight) without a validator: not judged.
resource "aws_api_gateway_method" "pass_options_without_validator" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_resource.orders.id
  http_method   = "OPTIONS"
  authorization = "NONE"
}
