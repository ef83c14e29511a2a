# Fixture apigw-902-fail: OpenAPI-defined REST APIs without an x-amazon-apigateway-request-validator at the top level or on any POST/PUT/PATCH operation, and one body unknown until apply (APIGW-902, low).

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

# Tests: OpenAPI 3 (jsonencode) with GET and POST /orders and no request validator anywhere.
resource "aws_api_gateway_rest_api" "fail_openapi3_no_validator" {
  name = "apigw-902-fail-openapi3"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
  body = jsonencode({
    openapi  = "3.0.1"
    info     = { title = "orders", version = "1.0" }
    security = [{ sigv4 = [] }]
    components = {
      securitySchemes = {
        sigv4 = {
          type                           = "apiKey"
          name                           = "Authorization"
          in                             = "header"
          "x-amazon-apigateway-authtype" = "awsSigv4"
        }
      }
    }
    paths = {
      "/orders" = {
        get = {
          responses = { "200" = { description = "orders" } }
          "x-amazon-apigateway-integration" = {
            type       = "http_proxy"
            httpMethod = "GET"
            uri        = "https://orders.internal.example.com/orders"
          }
        }
        post = {
          requestBody = {
            required = true
            content  = { "application/json" = { schema = { type = "object", required = ["item"] } } }
          }
          responses = { "201" = { description = "created" } }
          "x-amazon-apigateway-integration" = {
            type       = "http_proxy"
            httpMethod = "POST"
            uri        = "https://orders.internal.example.com/orders"
          }
        }
      }
    }
  })
}

# Tests: Swagger 2 YAML heredoc that defines validators (x-amazon-apigateway-request-validators) but
# never applies one (no singular x-amazon-apigateway-request-validator anywhere).
resource "aws_api_gateway_rest_api" "fail_validators_defined_not_applied" {
  name = "apigw-902-fail-defined-only"
  body = <<-EOT
    swagger: "2.0"
    info:
      title: pets
      version: "1.0"
    x-amazon-apigateway-request-validators:
      all:
        validateRequestBody: true
        validateRequestParameters: true
    securityDefinitions:
      sigv4:
        type: apiKey
        name: Authorization
        in: header
        x-amazon-apigateway-authtype: awsSigv4
    security:
      - sigv4: []
    paths:
      /pets/{id}:
        put:
          parameters:
            - name: id
              in: path
              required: true
              type: string
            - name: pet
              in: body
              required: true
              schema:
                type: object
          responses:
            "200":
              description: replaced
          x-amazon-apigateway-integration:
            type: http_proxy
            httpMethod: PUT
            uri: https://pets.internal.example.com/pets/{id}
            requestParameters:
              integration.request.path.id: method.request.path.id
  EOT
}

# Tests: OpenAPI 3 YAML heredoc with a validator on GET only; POST has none, no top-level validator.
resource "aws_api_gateway_rest_api" "fail_validator_only_on_get" {
  name = "apigw-902-fail-get-only"
  body = <<-EOT
    openapi: "3.0.1"
    info:
      title: carts
      version: "1.0"
    x-amazon-apigateway-request-validators:
      params-only:
        validateRequestBody: false
        validateRequestParameters: true
    components:
      securitySchemes:
        sigv4:
          type: apiKey
          name: Authorization
          in: header
          x-amazon-apigateway-authtype: awsSigv4
    security:
      - sigv4: []
    paths:
      /carts:
        get:
          x-amazon-apigateway-request-validator: params-only
          parameters:
            - name: owner
              in: query
              required: true
              schema:
                type: string
          responses:
            "200":
              description: carts
          x-amazon-apigateway-integration:
            type: http_proxy
            httpMethod: GET
            uri: https://carts.internal.example.com/carts
        post:
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  type: object
          responses:
            "201":
              description: created
          x-amazon-apigateway-integration:
            type: http_proxy
            httpMethod: POST
            uri: https://carts.internal.example.com/carts
  EOT
}

# Tests: a GET that declares a requestBody accepts a body: with no validator (own or top-level) it is a
# finding although no POST, PUT or PATCH exists.
resource "aws_api_gateway_rest_api" "fail_get_with_request_body" {
  name = "apigw-902-fail-get-body"
  body = jsonencode({
    openapi  = "3.0.1"
    info     = { title = "search", version = "1.0" }
    security = [{ sigv4 = [] }]
    components = {
      securitySchemes = {
        sigv4 = {
          type                           = "apiKey"
          name                           = "Authorization"
          in                             = "header"
          "x-amazon-apigateway-authtype" = "awsSigv4"
        }
      }
    }
    paths = {
      "/search" = {
        get = {
          requestBody = {
            required = true
            content  = { "application/json" = { schema = { type = "object" } } }
          }
          responses = { "200" = { description = "results" } }
          "x-amazon-apigateway-integration" = {
            type       = "http_proxy"
            httpMethod = "GET"
            uri        = "https://search.internal.example.com/search"
          }
        }
      }
    }
  })
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

# A role API Gateway assumes to call the backend; its ARN is unknown until apply.
resource "aws_iam_role" "invoke" {
  name               = "apigw-902-fail-invoke"
  assume_role_policy = data.aws_iam_policy_document.apigw_assume.json
}

# Tests: body embedding the role ARN: unknown until apply -> unverifiable.
resource "aws_api_gateway_rest_api" "unknown_body" {
  name = "apigw-902-fail-unknown"
  body = jsonencode({
    openapi = "3.0.1"
    info    = { title = "reports", version = "1.0" }
    paths = {
      "/reports" = {
        post = {
          responses = { "202" = { description = "accepted" } }
          "x-amazon-apigateway-integration" = {
            type        = "aws_proxy"
            httpMethod  = "POST"
            uri         = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:reports/invocations"
            credentials = aws_iam_role.invoke.arn
          }
        }
      }
    }
  })
}

# Control: an HTTP API body without validators is not judged (the rule covers REST APIs only).
resource "aws_apigatewayv2_api" "http_not_judged" {
  name          = "apigw-902-fail-http-control"
  protocol_type = "HTTP"
  body = jsonencode({
    openapi = "3.0.1"
    info    = { title = "http", version = "1.0" }
    paths = {
      "/orders" = {
        post = {
          responses = { "201" = { description = "created" } }
          "x-amazon-apigateway-integration" = {
            type                 = "http_proxy"
            httpMethod           = "POST"
            uri                  = "https://orders.internal.example.com/orders"
            payloadFormatVersion = "1.0"
          }
        }
      }
    }
  })
}
