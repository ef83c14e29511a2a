# Fixture http-secure: A realistic orders HTTP API (plus an OpenAPI-defined API) that satisfies every catalog rule that applies to HTTP APIs; no findings.

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

# Fronted by the custom domain below, so the default execute-api endpoint is disabled (APIGW-204).
# CORS names its origins; credentials are allowed only for them (APIGW-702).
resource "aws_apigatewayv2_api" "orders" {
  name                         = "orders-http"
  protocol_type                = "HTTP"
  description                  = "Orders service (HTTP API)"
  disable_execute_api_endpoint = true
  cors_configuration {
    allow_origins     = ["https://app.example.com", "https://admin.example.com"]
    allow_methods     = ["GET", "POST", "DELETE"]
    allow_headers     = ["authorization", "content-type"]
    allow_credentials = true
    max_age           = 3600
  }
}

# JWT authorizer pinning an https issuer and the app client as audience (APIGW-106).
resource "aws_apigatewayv2_authorizer" "cognito" {
  api_id           = aws_apigatewayv2_api.orders.id
  authorizer_type  = "JWT"
  name             = "cognito"
  identity_sources = ["$request.header.Authorization"]
  jwt_configuration {
    issuer   = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI"
    audience = ["3n4b5urk1ft4fl3mg5e7ex7gs"]
  }
}

resource "aws_apigatewayv2_vpc_link" "orders" {
  name               = "orders-http"
  subnet_ids         = ["subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829"]
  security_group_ids = ["sg-0c3d4e5f60718293a"]
}

# Private integration to the orders service's internal ALB, verifying its certificate's server name
# (APIGW-801); the URI is a listener ARN, not http:// (APIGW-802).
resource "aws_apigatewayv2_integration" "orders_service" {
  api_id             = aws_apigatewayv2_api.orders.id
  integration_type   = "HTTP_PROXY"
  integration_method = "ANY"
  connection_type    = "VPC_LINK"
  connection_id      = aws_apigatewayv2_vpc_link.orders.id
  integration_uri    = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/orders/50dc6c495c0c9188/0467ef3c8400ae65"
  tls_config {
    server_name_to_verify = "orders.internal.example.com"
  }
}

# Lambda proxy integration (function managed elsewhere).
resource "aws_apigatewayv2_integration" "create_order" {
  api_id                 = aws_apigatewayv2_api.orders.id
  integration_type       = "AWS_PROXY"
  integration_uri        = "arn:aws:lambda:us-east-1:123456789012:function:create-order"
  payload_format_version = "2.0"
}

# Public backend over https (APIGW-802).
resource "aws_apigatewayv2_integration" "status" {
  api_id             = aws_apigatewayv2_api.orders.id
  integration_type   = "HTTP_PROXY"
  integration_method = "GET"
  integration_uri    = "https://status.example.com/health"
}

# Every route is authorized: JWT or IAM (APIGW-103).
resource "aws_apigatewayv2_route" "list_orders" {
  api_id               = aws_apigatewayv2_api.orders.id
  route_key            = "GET /orders"
  authorization_type   = "JWT"
  authorizer_id        = aws_apigatewayv2_authorizer.cognito.id
  authorization_scopes = ["orders/read"]
  target               = "integrations/${aws_apigatewayv2_integration.orders_service.id}"
}

resource "aws_apigatewayv2_route" "get_order" {
  api_id               = aws_apigatewayv2_api.orders.id
  route_key            = "GET /orders/{id}"
  authorization_type   = "JWT"
  authorizer_id        = aws_apigatewayv2_authorizer.cognito.id
  authorization_scopes = ["orders/read"]
  target               = "integrations/${aws_apigatewayv2_integration.orders_service.id}"
}

resource "aws_apigatewayv2_route" "create_order" {
  api_id             = aws_apigatewayv2_api.orders.id
  route_key          = "POST /orders"
  authorization_type = "AWS_IAM"
  target             = "integrations/${aws_apigatewayv2_integration.create_order.id}"
}

resource "aws_apigatewayv2_route" "status" {
  api_id             = aws_apigatewayv2_api.orders.id
  route_key          = "GET /status"
  authorization_type = "JWT"
  authorizer_id      = aws_apigatewayv2_authorizer.cognito.id
  target             = "integrations/${aws_apigatewayv2_integration.status.id}"
}

resource "aws_cloudwatch_log_group" "access" {
  name              = "/aws/apigateway/orders-http/access"
  retention_in_days = 365
}

# Stage: access logs (APIGW-004) recording request ID, source IP, method and route key, status (APIGW-005);
# detailed metrics (APIGW-009); throttling (APIGW-602); no data trace (APIGW-006); a stage variable that
# holds no secret (APIGW-502).
resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.orders.id
  name        = "$default"
  auto_deploy = true
  stage_variables = {
    ordersHost = "orders.internal.example.com"
  }
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format = jsonencode({
      requestId          = "$context.requestId"
      sourceIp           = "$context.identity.sourceIp"
      requestTime        = "$context.requestTime"
      httpMethod         = "$context.httpMethod"
      routeKey           = "$context.routeKey"
      status             = "$context.status"
      protocol           = "$context.protocol"
      responseLength     = "$context.responseLength"
      authorizerError    = "$context.authorizer.error"
      integrationLatency = "$context.integrationLatency"
    })
  }
  default_route_settings {
    detailed_metrics_enabled = true
    throttling_rate_limit    = 100
    throttling_burst_limit   = 200
  }
}

# Custom domain with TLS 1.2 (APIGW-401) and mutual TLS (APIGW-402).
resource "aws_apigatewayv2_domain_name" "api" {
  domain_name = "orders.example.com"
  domain_name_configuration {
    certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
    endpoint_type   = "REGIONAL"
    security_policy = "TLS_1_2"
  }
  mutual_tls_authentication {
    truststore_uri = "s3://example-truststores/orders/truststore.pem"
  }
}

resource "aws_apigatewayv2_api_mapping" "orders" {
  api_id          = aws_apigatewayv2_api.orders.id
  domain_name     = aws_apigatewayv2_domain_name.api.id
  stage           = aws_apigatewayv2_stage.default.id
  api_mapping_key = "v1"
}

# API Gateway may invoke the create-order function only for POST /orders of this API (APIGW-107).
resource "aws_lambda_permission" "create_order" {
  statement_id  = "AllowOrdersHttpApiInvoke"
  action        = "lambda:InvokeFunction"
  function_name = "create-order"
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.orders.execution_arn}/*/POST/orders"
}

# HTTP API imported from OpenAPI 3: top-level JWT security covers every operation; the CORS preflight
# (options) opts out with security = [], which APIGW-901 allows. Not mapped to a domain, no CORS.
resource "aws_apigatewayv2_api" "catalog" {
  name          = "catalog-http"
  protocol_type = "HTTP"
  body = jsonencode({
    openapi  = "3.0.1"
    info     = { title = "catalog-http", version = "1.0" }
    security = [{ cognito = [] }]
    components = {
      securitySchemes = {
        cognito = {
          type  = "oauth2"
          flows = {}
          "x-amazon-apigateway-authorizer" = {
            type           = "jwt"
            identitySource = "$request.header.Authorization"
            jwtConfiguration = {
              issuer   = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI"
              audience = ["3n4b5urk1ft4fl3mg5e7ex7gs"]
            }
          }
        }
      }
    }
    paths = {
      "/products" = {
        get = {
          "x-amazon-apigateway-integration" = {
            type                 = "http_proxy"
            httpMethod           = "GET"
            uri                  = "https://catalog.example.com/products"
            payloadFormatVersion = "1.0"
          }
        }
        options = {
          security = []
          "x-amazon-apigateway-integration" = {
            type                 = "http_proxy"
            httpMethod           = "OPTIONS"
            uri                  = "https://catalog.example.com/products"
            payloadFormatVersion = "1.0"
          }
        }
      }
    }
  })
}
