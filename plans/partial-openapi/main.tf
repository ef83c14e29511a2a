# Fixture partial-openapi: OpenAPI bodies known but for interpolated integration ARNs (APIGW-901, APIGW-902).
# The plan cannot show either body (each embeds a value known only after apply); the source shows every
# operation and its security, with only the integrations' uri and credentials unknown.

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

resource "aws_sqs_queue" "orders" {
  name_prefix = "orders-"
}

data "aws_iam_policy_document" "apigw_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["apigateway.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "apigw_sqs" {
  name_prefix        = "orders-apigw-"
  assume_role_policy = data.aws_iam_policy_document.apigw_assume.json
}

# Tests: jsonencode body, a public POST route writing to the queue (no security, no request validator):
# APIGW-901 and APIGW-902 fail although the integration's uri and credentials are known only after apply.
resource "aws_api_gateway_rest_api" "fail_public_queue_writer" {
  name = "partial-openapi-queue-writer"
  body = jsonencode({
    openapi = "3.0.1"
    info    = { title = "orders", version = "1" }
    paths = {
      "/orders" = {
        post = {
          requestBody = { content = { "application/json" = { schema = { type = "object" } } } }
          responses   = { "200" = { description = "queued" } }
          "x-amazon-apigateway-integration" = {
            type        = "aws"
            httpMethod  = "POST"
            uri         = "arn:aws:apigateway:us-east-1:sqs:path/${aws_sqs_queue.orders.name}"
            credentials = aws_iam_role.apigw_sqs.arn
            requestParameters = {
              "integration.request.header.Content-Type" = "'application/x-www-form-urlencoded'"
            }
            requestTemplates = { "application/json" = "Action=SendMessage&MessageBody=$input.body" }
          }
        }
      }
    }
  })
}

# Tests: heredoc (templatefile-style) body with the same route secured by IAM and validated: passes both rules;
# the interpolations sit inside JSON string values.
resource "aws_api_gateway_rest_api" "pass_signed_queue_writer" {
  name = "partial-openapi-signed-writer"
  body = <<-EOT
    {
      "openapi": "3.0.1",
      "info": {"title": "signed-orders", "version": "1"},
      "x-amazon-apigateway-request-validators": {"all": {"validateRequestBody": true, "validateRequestParameters": true}},
      "x-amazon-apigateway-request-validator": "all",
      "components": {"securitySchemes": {"sigv4": {"type": "apiKey", "name": "Authorization", "in": "header", "x-amazon-apigateway-authtype": "awsSigv4"}}},
      "security": [{"sigv4": []}],
      "paths": {
        "/orders": {
          "post": {
            "responses": {"200": {"description": "queued"}},
            "x-amazon-apigateway-integration": {
              "type": "aws",
              "httpMethod": "POST",
              "uri": "arn:aws:apigateway:us-east-1:sqs:path/${aws_sqs_queue.orders.name}",
              "credentials": "${aws_iam_role.apigw_sqs.arn}"
            }
          }
        }
      }
    }
  EOT
}

# Tests: heredoc body whose security list is interpolated as a whole value: the security that decides
# APIGW-901 is unknown, so APIGW-901 stays unverifiable; the missing validator still fails APIGW-902.
resource "aws_api_gateway_rest_api" "unknown_security_from_role" {
  name = "partial-openapi-unknown-security"
  body = <<-EOT
    {
      "openapi": "3.0.1",
      "info": {"title": "orders-by-role", "version": "1"},
      "paths": {
        "/orders": {
          "post": {
            "security": ${jsonencode([{ (aws_iam_role.apigw_sqs.name) = [] }])},
            "responses": {"200": {"description": "queued"}},
            "x-amazon-apigateway-integration": {"type": "aws", "httpMethod": "POST", "uri": "arn:aws:apigateway:us-east-1:sqs:path/orders", "credentials": "${aws_iam_role.apigw_sqs.arn}"}
          }
        }
      }
    }
  EOT
}
