# Fixture apigw-107-fail: Lambda permissions for API Gateway without source_arn or with an API ID of *, and source ARNs unknown until apply that name no API in the input (APIGW-107).

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

# Tests: principal apigateway.amazonaws.com with no source_arn (any API in any account may invoke).
resource "aws_lambda_permission" "fail_no_source_arn" {
  statement_id  = "AllowApiGateway"
  action        = "lambda:InvokeFunction"
  function_name = "orders"
  principal     = "apigateway.amazonaws.com"
}

# Tests: API ID "*" with stage, method and path wildcards.
resource "aws_lambda_permission" "fail_wildcard_api_id" {
  statement_id  = "AllowAnyApiInAccount"
  action        = "lambda:InvokeFunction"
  function_name = "orders"
  principal     = "apigateway.amazonaws.com"
  source_arn    = "arn:aws:execute-api:us-east-1:123456789012:*/*/*"
}

# Tests: API ID "*" with nothing after it.
resource "aws_lambda_permission" "fail_wildcard_api_id_bare" {
  statement_id  = "AllowAnyApiBare"
  action        = "lambda:InvokeFunction"
  function_name = "orders"
  principal     = "apigateway.amazonaws.com"
  source_arn    = "arn:aws:execute-api:us-east-1:123456789012:*"
}

# Tests: API ID "*" even though method and path are specific.
resource "aws_lambda_permission" "fail_wildcard_api_id_specific_route" {
  statement_id  = "AllowAnyApiGetPets"
  action        = "lambda:InvokeFunction"
  function_name = "pets"
  principal     = "apigateway.amazonaws.com"
  source_arn    = "arn:aws:execute-api:us-east-1:123456789012:*/prod/GET/pets"
}

# A value only known after apply, not an API or stage.
resource "terraform_data" "source_arn" {
  input = "arn:aws:execute-api:us-east-1:123456789012:abc123/*/*"
}

# Tests: source_arn unknown until apply and not a reference to an API or stage -> unverifiable.
resource "aws_lambda_permission" "unknown_source_arn" {
  statement_id  = "AllowUnknownSource"
  action        = "lambda:InvokeFunction"
  function_name = "orders"
  principal     = "apigateway.amazonaws.com"
  source_arn    = terraform_data.source_arn.output
}

resource "terraform_data" "api_id" {
  input = "abc123"
}

# Tests: source_arn whose API ID part is unknown until apply and comes from no API in the input
# -> unverifiable.
resource "aws_lambda_permission" "unknown_api_id_interpolated" {
  statement_id  = "AllowInterpolatedApi"
  action        = "lambda:InvokeFunction"
  function_name = "orders"
  principal     = "apigateway.amazonaws.com"
  source_arn    = "arn:aws:execute-api:us-east-1:123456789012:${terraform_data.api_id.output}/*/*"
}

# Tests (control): another principal without source_arn is not judged by this rule.
resource "aws_lambda_permission" "pass_events_principal_not_judged" {
  statement_id  = "AllowEventBridge"
  action        = "lambda:InvokeFunction"
  function_name = "orders"
  principal     = "events.amazonaws.com"
}
