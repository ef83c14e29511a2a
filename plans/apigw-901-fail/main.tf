# Fixture apigw-901-fail: REST and HTTP APIs defined by OpenAPI bodies (OpenAPI 3 jsonencode and YAML, Swagger 2 YAML) with operations lacking effective security: one finding per operation; bodies embedding unknown values are unverifiable (APIGW-901).

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

# Tests: OpenAPI 3 body from jsonencode, no top-level security. GET /items has no security (finding),
# DELETE /items/{id} has security: [] (finding), POST /items has its own security, OPTIONS is exempt.
# -> 2 findings on this API.
resource "aws_api_gateway_rest_api" "fail_openapi3_json" {
  name = "apigw-901-fail-openapi3-json"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
  body = jsonencode({
    openapi = "3.0.1"
    info    = { title = "items", version = "1.0" }
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
            uri        = "https://items.internal.example.com/items"
          }
        }
        post = {
          security  = [{ sigv4 = [] }]
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
          security   = []
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

# Tests: Swagger 2 body as a YAML heredoc with top-level security. GET /pets inherits it; POST /pets and
# DELETE /pets/{id} override it with security: [] (2 findings); PUT /pets/{id} has security: [] but
# x-amazon-apigateway-auth AWS_IAM (passes). -> 2 findings on this API.
resource "aws_api_gateway_rest_api" "fail_swagger2_yaml" {
  name = "apigw-901-fail-swagger2-yaml"
  body = <<-EOT
    swagger: "2.0"
    info:
      title: pets
      version: "1.0"
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
          security: []
          responses:
            "201":
              description: created
          x-amazon-apigateway-integration:
            type: http_proxy
            httpMethod: POST
            uri: https://pets.internal.example.com/pets
      /pets/{id}:
        put:
          security: []
          x-amazon-apigateway-auth:
            type: AWS_IAM
          parameters:
            - name: id
              in: path
              required: true
              type: string
          responses:
            "200":
              description: replaced
          x-amazon-apigateway-integration:
            type: http_proxy
            httpMethod: PUT
            uri: https://pets.internal.example.com/pets/{id}
            requestParameters:
              integration.request.path.id: method.request.path.id
        delete:
          security: []
          parameters:
            - name: id
              in: path
              required: true
              type: string
          responses:
            "204":
              description: deleted
          x-amazon-apigateway-integration:
            type: http_proxy
            httpMethod: DELETE
            uri: https://pets.internal.example.com/pets/{id}
            requestParameters:
              integration.request.path.id: method.request.path.id
  EOT
}

# Tests: HTTP API, OpenAPI 3 YAML heredoc with a JWT authorizer but no top-level security. GET /health
# and POST /orders have no security (2 findings); GET /orders has its own.
resource "aws_apigatewayv2_api" "fail_http_openapi3_yaml" {
  name          = "apigw-901-fail-http-yaml"
  protocol_type = "HTTP"
  body          = <<-EOT
    openapi: "3.0.1"
    info:
      title: orders-http
      version: "1.0"
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
      /health:
        get:
          responses:
            "200":
              description: ok
          x-amazon-apigateway-integration:
            type: http_proxy
            httpMethod: GET
            uri: https://orders.internal.example.com/health
            payloadFormatVersion: "1.0"
      /orders:
        get:
          security:
            - jwt:
                - orders.read
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
  EOT
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

# Tests: OpenAPI 3 whose only security scheme is an API key (type apiKey, no x-amazon-apigateway-authtype,
# no authorizer): API Gateway imports it as api_key_required, not an authorizer -> GET /reports is a finding.
resource "aws_api_gateway_rest_api" "fail_api_key_only" {
  name = "apigw-901-fail-api-key-only"
  body = jsonencode({
    openapi  = "3.0.1"
    info     = { title = "reports", version = "1.0" }
    security = [{ api_key = [] }]
    components = {
      securitySchemes = {
        api_key = { type = "apiKey", name = "x-api-key", in = "header" }
      }
    }
    paths = {
      "/reports" = {
        get = {
          responses = { "200" = { description = "reports" } }
          "x-amazon-apigateway-integration" = {
            type       = "http_proxy"
            httpMethod = "GET"
            uri        = "https://reports.internal.example.com/reports"
          }
        }
      }
    }
  })
}

# A role API Gateway assumes to call the backend; its ARN is unknown until apply.
resource "aws_iam_role" "invoke" {
  name               = "apigw-901-fail-invoke"
  assume_role_policy = data.aws_iam_policy_document.apigw_assume.json
}

# Tests: REST body embedding the role ARN (credentials): the whole body is unknown until apply -> one
# unverifiable report for the API.
resource "aws_api_gateway_rest_api" "unknown_rest_body" {
  name = "apigw-901-fail-unknown-rest"
  body = jsonencode({
    openapi = "3.0.1"
    info    = { title = "unknown", version = "1.0" }
    paths = {
      "/reports" = {
        get = {
          responses = { "200" = { description = "reports" } }
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

# A Lambda function ARN only known after apply.
resource "terraform_data" "handler_arn" {
  input = "arn:aws:lambda:us-east-1:123456789012:function:orders"
}

# Tests: HTTP API body embedding an unknown Lambda ARN -> one unverifiable report for the API.
resource "aws_apigatewayv2_api" "unknown_http_body" {
  name          = "apigw-901-fail-unknown-http"
  protocol_type = "HTTP"
  body = jsonencode({
    openapi = "3.0.1"
    info    = { title = "unknown-http", version = "1.0" }
    paths = {
      "/orders" = {
        get = {
          responses = { "200" = { description = "orders" } }
          "x-amazon-apigateway-integration" = {
            type                 = "aws_proxy"
            httpMethod           = "POST"
            uri                  = terraform_data.handler_arn.output
            payloadFormatVersion = "2.0"
          }
        }
      }
    }
  })
}
