# Fixture openapi-body: A REST API and an HTTP API defined by OpenAPI bodies with secure and insecure operations, and a private admin API whose body is fully secured.

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
  authorizer_uri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:shop-authorizer/invocations"
  shop_uri       = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:shop/invocations"
}

# Shop REST API (REGIONAL: APIGW-203 info), OpenAPI 3 from jsonencode, no top-level security:
# - GET /products: own security (Lambda authorizer), passes APIGW-901
# - POST /orders: no security -> APIGW-901
# - GET /health: security: [] -> APIGW-901
# - OPTIONS /orders: CORS preflight, exempt
# No request validator anywhere -> APIGW-902 (low).
resource "aws_api_gateway_rest_api" "shop" {
  name = "shop"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
  body = jsonencode({
    openapi = "3.0.1"
    info    = { title = "shop", version = "2024-06-01" }
    components = {
      securitySchemes = {
        shop_authorizer = {
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
      }
    }
    paths = {
      "/products" = {
        get = {
          security  = [{ shop_authorizer = [] }]
          responses = { "200" = { description = "products" } }
          "x-amazon-apigateway-integration" = {
            type       = "aws_proxy"
            httpMethod = "POST"
            uri        = local.shop_uri
          }
        }
      }
      "/orders" = {
        post = {
          requestBody = {
            required = true
            content  = { "application/json" = { schema = { type = "object", required = ["items"] } } }
          }
          responses = { "201" = { description = "created" } }
          "x-amazon-apigateway-integration" = {
            type       = "aws_proxy"
            httpMethod = "POST"
            uri        = local.shop_uri
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
      "/health" = {
        get = {
          security  = []
          responses = { "200" = { description = "ok" } }
          "x-amazon-apigateway-integration" = {
            type             = "mock"
            requestTemplates = { "application/json" = "{\"statusCode\": 200}" }
          }
        }
      }
    }
  })
}

# Shop HTTP API, OpenAPI 3 YAML heredoc with top-level JWT security:
# - GET /carts and POST /carts inherit it (pass)
# - GET /status overrides it with security: [] -> APIGW-901
resource "aws_apigatewayv2_api" "shop_http" {
  name          = "shop-http"
  protocol_type = "HTTP"
  body          = <<-EOT
    openapi: "3.0.1"
    info:
      title: shop-http
      version: "2024-06-01"
    security:
      - jwt:
          - carts
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
                - shop-web
    paths:
      /carts:
        get:
          responses:
            "200":
              description: carts
          x-amazon-apigateway-integration:
            type: aws_proxy
            httpMethod: POST
            uri: arn:aws:lambda:us-east-1:123456789012:function:carts
            payloadFormatVersion: "2.0"
        post:
          responses:
            "201":
              description: created
          x-amazon-apigateway-integration:
            type: aws_proxy
            httpMethod: POST
            uri: arn:aws:lambda:us-east-1:123456789012:function:carts
            payloadFormatVersion: "2.0"
      /status:
        get:
          security: []
          responses:
            "200":
              description: status
          x-amazon-apigateway-integration:
            type: aws_proxy
            httpMethod: POST
            uri: arn:aws:lambda:us-east-1:123456789012:function:status
            payloadFormatVersion: "2.0"
  EOT
}

# Admin REST API: PRIVATE (no APIGW-203 notice), reachable only through one VPC endpoint (passes
# APIGW-301/305), Swagger 2 YAML body with top-level SigV4 security and a top-level request validator
# (passes APIGW-901/902).
resource "aws_api_gateway_rest_api" "admin" {
  name = "shop-admin"
  endpoint_configuration {
    types            = ["PRIVATE"]
    vpc_endpoint_ids = ["vpce-0a1b2c3d4e5f60718"]
  }
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "execute-api:/*"
        Condition = { StringEquals = { "aws:SourceVpce" = "vpce-0a1b2c3d4e5f60718" } }
      },
    ]
  })
  body = <<-EOT
    swagger: "2.0"
    info:
      title: shop-admin
      version: "2024-06-01"
    x-amazon-apigateway-request-validator: all
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
      /products:
        put:
          parameters:
            - name: catalog
              in: body
              required: true
              schema:
                type: object
          responses:
            "204":
              description: replaced
          x-amazon-apigateway-integration:
            type: aws_proxy
            httpMethod: POST
            uri: ${local.shop_uri}
  EOT
}
