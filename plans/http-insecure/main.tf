# Fixture http-insecure: A realistic orders HTTP API (plus an OpenAPI-defined API) that breaks every catalog rule applying to HTTP APIs that a plan can express.

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

# Violates APIGW-702 (allow_origins "*" with allow_credentials = true, high) and APIGW-204 (mapped to the
# custom domain below, default execute-api endpoint still enabled).
resource "aws_apigatewayv2_api" "orders" {
  name          = "orders-http"
  protocol_type = "HTTP"
  cors_configuration {
    allow_origins     = ["*"]
    allow_methods     = ["*"]
    allow_headers     = ["*"]
    allow_credentials = true
  }
}

# Violates APIGW-106: the issuer is fetched over plain http.
resource "aws_apigatewayv2_authorizer" "keycloak" {
  api_id           = aws_apigatewayv2_api.orders.id
  authorizer_type  = "JWT"
  name             = "keycloak"
  identity_sources = ["$request.header.Authorization"]
  jwt_configuration {
    issuer   = "http://keycloak.example.com/realms/orders"
    audience = ["orders-api"]
  }
}

resource "aws_apigatewayv2_vpc_link" "orders" {
  name               = "orders-http"
  subnet_ids         = ["subnet-0a1b2c3d4e5f60718", "subnet-0b2c3d4e5f6071829"]
  security_group_ids = ["sg-0c3d4e5f60718293a"]
}

# Violates APIGW-801: private integration without TLS server-name verification.
resource "aws_apigatewayv2_integration" "orders_service" {
  api_id             = aws_apigatewayv2_api.orders.id
  integration_type   = "HTTP_PROXY"
  integration_method = "ANY"
  connection_type    = "VPC_LINK"
  connection_id      = aws_apigatewayv2_vpc_link.orders.id
  integration_uri    = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/orders/50dc6c495c0c9188/0467ef3c8400ae65"
}

# Violates APIGW-802: public backend over plain http://.
resource "aws_apigatewayv2_integration" "legacy" {
  api_id             = aws_apigatewayv2_api.orders.id
  integration_type   = "HTTP_PROXY"
  integration_method = "ANY"
  integration_uri    = "http://legacy.example.com/{proxy}"
}

# Lambda proxy integration (function managed elsewhere).
resource "aws_apigatewayv2_integration" "create_order" {
  api_id                 = aws_apigatewayv2_api.orders.id
  integration_type       = "AWS_PROXY"
  integration_uri        = "arn:aws:lambda:us-east-1:123456789012:function:create-order"
  payload_format_version = "2.0"
}

# Violates APIGW-103: GET /orders open to anyone (NONE).
resource "aws_apigatewayv2_route" "list_orders" {
  api_id             = aws_apigatewayv2_api.orders.id
  route_key          = "GET /orders"
  authorization_type = "NONE"
  target             = "integrations/${aws_apigatewayv2_integration.orders_service.id}"
}

# Violates APIGW-103 and APIGW-102: POST /orders protected only by an API key. (AWS accepts
# api_key_required only on WebSocket APIs at apply time; the catalog lists APIGW-102 for HTTP routes too.)
resource "aws_apigatewayv2_route" "create_order" {
  api_id             = aws_apigatewayv2_api.orders.id
  route_key          = "POST /orders"
  authorization_type = "NONE"
  api_key_required   = true
  target             = "integrations/${aws_apigatewayv2_integration.create_order.id}"
}

# Violates APIGW-103: authorization_type absent.
resource "aws_apigatewayv2_route" "legacy" {
  api_id    = aws_apigatewayv2_api.orders.id
  route_key = "ANY /legacy/{proxy+}"
  target    = "integrations/${aws_apigatewayv2_integration.legacy.id}"
}

# JWT-authorized (passes APIGW-103), by the http-issuer authorizer above (its finding is on the authorizer).
resource "aws_apigatewayv2_route" "profile" {
  api_id             = aws_apigatewayv2_api.orders.id
  route_key          = "GET /profile"
  authorization_type = "JWT"
  authorizer_id      = aws_apigatewayv2_authorizer.keycloak.id
  target             = "integrations/${aws_apigatewayv2_integration.orders_service.id}"
}

# Violates APIGW-004 (no access logs), APIGW-006 (data trace on; AWS supports it only for WebSocket APIs,
# the catalog judges every v2 stage), APIGW-009 (no detailed metrics), APIGW-502 (a token in a stage
# variable) and APIGW-602 (no throttling).
resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.orders.id
  name        = "$default"
  auto_deploy = true
  stage_variables = {
    legacyApiToken = "tok-3f9a1c7e5b2d4f6a"
  }
  default_route_settings {
    data_trace_enabled = true
  }
}

resource "aws_cloudwatch_log_group" "access" {
  name              = "/aws/apigateway/orders-http/staging-access"
  retention_in_days = 7
}

# Access logs present (passes APIGW-004), but violates APIGW-005 (the format records neither the source IP
# nor the status), APIGW-009 (no detailed metrics) and APIGW-602 (no throttling).
resource "aws_apigatewayv2_stage" "staging" {
  api_id      = aws_apigatewayv2_api.orders.id
  name        = "staging"
  auto_deploy = true
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format = jsonencode({
      requestId = "$context.requestId"
      routeKey  = "$context.routeKey"
    })
  }
}

# Violates APIGW-402 (low): no mutual TLS. TLS 1.2 (passes APIGW-401) is the only value the provider
# accepts for v2 domains, so APIGW-401 cannot fail here.
resource "aws_apigatewayv2_domain_name" "api" {
  domain_name = "orders.example.com"
  domain_name_configuration {
    certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
    endpoint_type   = "REGIONAL"
    security_policy = "TLS_1_2"
  }
}

resource "aws_apigatewayv2_api_mapping" "orders" {
  api_id          = aws_apigatewayv2_api.orders.id
  domain_name     = aws_apigatewayv2_domain_name.api.id
  stage           = aws_apigatewayv2_stage.default.id
  api_mapping_key = "v1"
}

# Violates APIGW-107: any API Gateway API, in any account, may invoke the function (no source_arn).
resource "aws_lambda_permission" "create_order" {
  statement_id  = "AllowApiGatewayInvoke"
  action        = "lambda:InvokeFunction"
  function_name = "create-order"
  principal     = "apigateway.amazonaws.com"
}

# Violates APIGW-901: HTTP API imported from OpenAPI 3 where GET /health has no security and there is no
# top-level security (GET /products has its own and passes).
resource "aws_apigatewayv2_api" "catalog" {
  name          = "catalog-http"
  protocol_type = "HTTP"
  body = jsonencode({
    openapi = "3.0.1"
    info    = { title = "catalog-http", version = "1.0" }
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
          security = [{ cognito = [] }]
          "x-amazon-apigateway-integration" = {
            type                 = "http_proxy"
            httpMethod           = "GET"
            uri                  = "https://catalog.example.com/products"
            payloadFormatVersion = "1.0"
          }
        }
      }
      "/health" = {
        get = {
          "x-amazon-apigateway-integration" = {
            type                 = "http_proxy"
            httpMethod           = "GET"
            uri                  = "https://catalog.example.com/health"
            payloadFormatVersion = "1.0"
          }
        }
      }
    }
  })
}
