# Fixture apigw-901-pass: OpenAPI bodies whose operations all carry effective security (top-level, own, or x-amazon-apigateway-auth), REST and HTTP, JSON and YAML, OpenAPI 3 and Swagger 2; options exempt (APIGW-901 passes).

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

locals {
  authorizer_uri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:authorizer/invocations"
}

# Tests: OpenAPI 3 (jsonencode) with top-level security (Lambda authorizer) inherited by GET and POST,
# DELETE overriding it with SigV4, OPTIONS without security (exempt).
resource "aws_api_gateway_rest_api" "pass_openapi3_top_level_security" {
  name = "apigw-901-pass-openapi3-top-level"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
  body = jsonencode({
    openapi  = "3.0.1"
    info     = { title = "items", version = "1.0" }
    security = [{ lambda_authorizer = [] }]
    components = {
      securitySchemes = {
        lambda_authorizer = {
          type                           = "apiKey"
          name                           = "Authorization"
          in                             = "header"
          "x-amazon-apigateway-authtype" = "custom"
          "x-amazon-apigateway-authorizer" = {
            type           = "request"
            identitySource = "method.request.header.Authorization"
            authorizerUri  = local.authorizer_uri
          }
        }
        sigv4 = {
          type                           = "apiKey"
          name                           = "Authorization"
          in                             = "header"
          "x-amazon-apigateway-authtype" = "awsSigv4"
        }
      }
    }
    paths = {
      "/items" = {
        get = {
          responses = { "200" = { description = "items" } }
          "x-amazon-apigateway-integration" = {
            type       = "http_proxy"
            httpMethod = "GET"
            uri        = "https://items.internal.example.com/items"
          }
        }
        post = {
          responses = { "201" = { description = "created" } }
          "x-amazon-apigateway-integration" = {
            type       = "http_proxy"
            httpMethod = "POST"
            uri        = "https://items.internal.example.com/items"
          }
        }
        options = {
          responses = { "200" = { description = "CORS preflight" } }
          "x-amazon-apigateway-integration" = {
            type             = "mock"
            requestTemplates = { "application/json" = "{\"statusCode\": 200}" }
          }
        }
      }
      "/items/{id}" = {
        delete = {
          security   = [{ sigv4 = [] }]
          parameters = [{ name = "id", in = "path", required = true, schema = { type = "string" } }]
          responses  = { "204" = { description = "deleted" } }
          "x-amazon-apigateway-integration" = {
            type       = "http_proxy"
            httpMethod = "DELETE"
            uri        = "https://items.internal.example.com/items/{id}"
            requestParameters = {
              "integration.request.path.id" = "method.request.path.id"
            }
          }
        }
      }
    }
  })
}

# Tests: Swagger 2 YAML heredoc without top-level security; every operation has its own (Cognito).
resource "aws_api_gateway_rest_api" "pass_swagger2_yaml_operation_security" {
  name = "apigw-901-pass-swagger2-yaml"
  body = <<-EOT
    swagger: "2.0"
    info:
      title: pets
      version: "1.0"
    securityDefinitions:
      cognito:
        type: apiKey
        name: Authorization
        in: header
        x-amazon-apigateway-authtype: cognito_user_pools
        x-amazon-apigateway-authorizer:
          type: cognito_user_pools
          providerARNs:
            - arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbCdEfGhI
    paths:
      /pets:
        get:
          security:
            - cognito: []
          responses:
            "200":
              description: pets
          x-amazon-apigateway-integration:
            type: http_proxy
            httpMethod: GET
            uri: https://pets.internal.example.com/pets
        post:
          security:
            - cognito: []
          responses:
            "201":
              description: created
          x-amazon-apigateway-integration:
            type: http_proxy
            httpMethod: POST
            uri: https://pets.internal.example.com/pets
  EOT
}

# Tests: Swagger 2 (jsonencode) whose operations use x-amazon-apigateway-auth AWS_IAM instead of security.
resource "aws_api_gateway_rest_api" "pass_swagger2_json_amazon_auth" {
  name = "apigw-901-pass-swagger2-auth"
  body = jsonencode({
    swagger = "2.0"
    info    = { title = "admin", version = "1.0" }
    paths = {
      "/admin/cache" = {
        delete = {
          "x-amazon-apigateway-auth" = { type = "AWS_IAM" }
          responses                  = { "204" = { description = "flushed" } }
          "x-amazon-apigateway-integration" = {
            type       = "http_proxy"
            httpMethod = "DELETE"
            uri        = "https://admin.internal.example.com/cache"
          }
        }
        get = {
          "x-amazon-apigateway-auth" = { type = "AWS_IAM" }
          responses                  = { "200" = { description = "stats" } }
          "x-amazon-apigateway-integration" = {
            type       = "http_proxy"
            httpMethod = "GET"
            uri        = "https://admin.internal.example.com/cache"
          }
        }
      }
    }
  })
}

# Tests: HTTP API, OpenAPI 3 YAML heredoc with top-level JWT security inherited by every operation;
# OPTIONS without security (exempt).
resource "aws_apigatewayv2_api" "pass_http_top_level_jwt" {
  name          = "apigw-901-pass-http-jwt"
  protocol_type = "HTTP"
  body          = <<-EOT
    openapi: "3.0.1"
    info:
      title: orders-http
      version: "1.0"
    security:
      - jwt:
          - orders.read
    components:
      securitySchemes:
        jwt:
          type: oauth2
          flows: {}
          x-amazon-apigateway-authorizer:
            type: jwt
            identitySource: $request.header.Authorization
            jwtConfiguration:
              issuer: https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI
              audience:
                - orders-client
    paths:
      /orders:
        get:
          responses:
            "200":
              description: orders
          x-amazon-apigateway-integration:
            type: http_proxy
            httpMethod: GET
            uri: https://orders.internal.example.com/orders
            payloadFormatVersion: "1.0"
        post:
          responses:
            "201":
              description: created
          x-amazon-apigateway-integration:
            type: http_proxy
            httpMethod: POST
            uri: https://orders.internal.example.com/orders
            payloadFormatVersion: "1.0"
        options:
          responses:
            "204":
              description: CORS preflight
          x-amazon-apigateway-integration:
            type: http_proxy
            httpMethod: OPTIONS
            uri: https://orders.internal.example.com/orders
            payloadFormatVersion: "1.0"
  EOT
}

# Control: a REST API without a body is not a subject of this rule.
resource "aws_api_gateway_rest_api" "no_body" {
  name = "apigw-901-pass-no-body"
}
