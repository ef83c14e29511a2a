# Fixture apigw-107-pass: Lambda permissions for API Gateway scoped to one API (execution ARN references, a literal ARN with an API ID), and permissions for other principals that the rule does not judge (APIGW-107 passes).

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

resource "aws_api_gateway_rest_api" "rest" {
  name = "apigw-107-pass-rest"
}

resource "aws_apigatewayv2_api" "http" {
  name          = "apigw-107-pass-http"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_stage" "http" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "prod"
  auto_deploy = true
}

# Tests: source_arn = "${aws_api_gateway_rest_api.x.execution_arn}/*/*" (unknown until apply, but names an
# API in the input).
resource "aws_lambda_permission" "pass_rest_execution_arn_reference" {
  statement_id  = "AllowRestApiInvoke"
  action        = "lambda:InvokeFunction"
  function_name = "orders"
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_api_gateway_rest_api.rest.execution_arn}/*/*"
}

# Tests: a literal execute-api ARN naming API "abc123", one method and path.
resource "aws_lambda_permission" "pass_literal_arn_one_method" {
  statement_id  = "AllowPetsGet"
  action        = "lambda:InvokeFunction"
  function_name = "pets"
  principal     = "apigateway.amazonaws.com"
  source_arn    = "arn:aws:execute-api:us-east-1:123456789012:abc123/*/GET/pets"
}

# Tests: a literal execute-api ARN naming API "abc123", any stage, method and path.
resource "aws_lambda_permission" "pass_literal_arn_whole_api" {
  statement_id  = "AllowWholeApi"
  action        = "lambda:InvokeFunction"
  function_name = "pets"
  principal     = "apigateway.amazonaws.com"
  source_arn    = "arn:aws:execute-api:us-east-1:123456789012:abc123/*"
}

# Tests: source_arn from an HTTP API's execution_arn (aws_apigatewayv2_api).
resource "aws_lambda_permission" "pass_http_api_execution_arn" {
  statement_id  = "AllowHttpApiInvoke"
  action        = "lambda:InvokeFunction"
  function_name = "orders"
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.http.execution_arn}/*/*"
}

# Tests: source_arn from a stage's execution_arn (aws_apigatewayv2_stage).
resource "aws_lambda_permission" "pass_stage_execution_arn" {
  statement_id  = "AllowHttpStageInvoke"
  action        = "lambda:InvokeFunction"
  function_name = "orders"
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_stage.http.execution_arn}/*"
}

# Tests (control): another principal (EventBridge) without source_arn is not judged by this rule.
resource "aws_lambda_permission" "pass_events_principal_not_judged" {
  statement_id  = "AllowEventBridge"
  action        = "lambda:InvokeFunction"
  function_name = "orders"
  principal     = "events.amazonaws.com"
}

# Tests (control): another principal (S3) with a wildcard-free bucket ARN is not judged by this rule.
resource "aws_lambda_permission" "pass_s3_principal_not_judged" {
  statement_id  = "AllowS3"
  action        = "lambda:InvokeFunction"
  function_name = "orders"
  principal     = "s3.amazonaws.com"
  source_arn    = "arn:aws:s3:::apigw-107-uploads"
}

# Tests (control): an unscoped permission with count = 0 does not exist and is not judged.
resource "aws_lambda_permission" "pass_count_zero" {
  count         = 0
  statement_id  = "AllowAnyApi"
  action        = "lambda:InvokeFunction"
  function_name = "orders"
  principal     = "apigateway.amazonaws.com"
}
