# Fixture apigw-902-pass: OpenAPI-defined REST APIs with a request validator at the top level or on a body-accepting operation (APIGW-902 passes).

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

# Tests: OpenAPI 3 (jsonencode) with a top-level x-amazon-apigateway-request-validator.
resource "aws_api_gateway_rest_api" "pass_top_level_validator" {
  name = "apigw-902-pass-top-level"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
  body = jsonencode({
    openapi                                 = "3.0.1"
    info                                    = { title = "orders", version = "1.0" }
    "x-amazon-apigateway-request-validator" = "all"
    "x-amazon-apigateway-request-validators" = {
      all = { validateRequestBody = true, validateRequestParameters = true }
    }
    paths = {
      "/orders" = {
        post = {
          requestBody = {
            required = true
            content  = { "application/json" = { schema = { type = "object", required = ["item"] } } }
          }
          responses                  = { "201" = { description = "created" } }
          "x-amazon-apigateway-auth" = { type = "AWS_IAM" }
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

# Tests: Swagger 2 YAML heredoc with the validator on POST /pets only (GET has none).
resource "aws_api_gateway_rest_api" "pass_validator_on_post" {
  name = "apigw-902-pass-post"
  body = <<-EOT
    swagger: "2.0"
    info:
      title: pets
      version: "1.0"
    x-amazon-apigateway-request-validators:
      body-only:
        validateRequestBody: true
        validateRequestParameters: false
    securityDefinitions:
      sigv4:
        type: apiKey
        name: Authorization
        in: header
        x-amazon-apigateway-authtype: awsSigv4
    security:
      - sigv4: []
    paths:
      /pets:
        get:
          responses:
            "200":
              description: pets
          x-amazon-apigateway-integration:
            type: http_proxy
            httpMethod: GET
            uri: https://pets.internal.example.com/pets
        post:
          x-amazon-apigateway-request-validator: body-only
          parameters:
            - name: pet
              in: body
              required: true
              schema:
                type: object
          responses:
            "201":
              description: created
          x-amazon-apigateway-integration:
            type: http_proxy
            httpMethod: POST
            uri: https://pets.internal.example.com/pets
  EOT
}

# Tests: OpenAPI 3 (jsonencode): no top-level validator; each body-accepting operation (PATCH, PUT) names its own.
resource "aws_api_gateway_rest_api" "pass_validator_on_patch" {
  name = "apigw-902-pass-patch"
  body = jsonencode({
    openapi  = "3.0.1"
    info     = { title = "profiles", version = "1.0" }
    security = [{ sigv4 = [] }]
    "x-amazon-apigateway-request-validators" = {
      body = { validateRequestBody = true, validateRequestParameters = false }
    }
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
      "/profile" = {
        patch = {
          "x-amazon-apigateway-request-validator" = "body"
          requestBody = {
            required = true
            content  = { "application/json" = { schema = { type = "object" } } }
          }
          responses = { "200" = { description = "updated" } }
          "x-amazon-apigateway-integration" = {
            type       = "http_proxy"
            httpMethod = "PATCH"
            uri        = "https://profiles.internal.example.com/profile"
          }
        }
        put = {
          "x-amazon-apigateway-request-validator" = "body"
          requestBody = {
            required = true
            content  = { "application/json" = { schema = { type = "object" } } }
          }
          responses = { "200" = { description = "replaced" } }
          "x-amazon-apigateway-integration" = {
            type       = "http_proxy"
            httpMethod = "PUT"
            uri        = "https://profiles.internal.example.com/profile"
          }
        }
      }
    }
  })
}

# Tests: only operations that accept a body are judged: an API of GET operations needs no validator.
resource "aws_api_gateway_rest_api" "pass_no_body_operations" {
  name = "apigw-902-pass-read-only"
  body = jsonencode({
    openapi  = "3.0.1"
    info     = { title = "catalog", version = "1.0" }
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
      "/items" = {
        get = {
          responses = { "200" = { description = "items" } }
          "x-amazon-apigateway-integration" = {
            type       = "http_proxy"
            httpMethod = "GET"
            uri        = "https://catalog.internal.example.com/items"
          }
        }
      }
    }
  })
}

# Control: an HTTP API body without validators is not judged (REST only).
resource "aws_apigatewayv2_api" "http_not_judged" {
  name          = "apigw-902-pass-http-control"
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
