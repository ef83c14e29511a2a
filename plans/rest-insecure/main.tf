# Fixture rest-insecure: A realistic orders REST API (plus a private and an OpenAPI-defined API) that breaks every REST-applicable catalog rule.

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

# Orders API, regional, with a resource policy that lets anyone invoke it.
# Violates APIGW-301 (Allow "*" without condition), APIGW-302 (Allow execute-api:* for the ops account),
# APIGW-303 (Allow whose only restriction is aws:SourceIp 0.0.0.0/0), APIGW-203 (REGIONAL: info notice) and
# APIGW-204 (mapped to a custom domain below, default execute-api endpoint still enabled).
resource "aws_api_gateway_rest_api" "orders" {
  name        = "orders-insecure"
  description = "Orders API (insecure fixture)"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "execute-api:/*"
      },
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::123456789012:role/orders-ops" }
        Action    = "execute-api:*"
        Resource  = "execute-api:/*"
      },
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "execute-api:Invoke"
        Resource  = "execute-api:/*/GET/orders"
        Condition = { IpAddress = { "aws:SourceIp" = ["0.0.0.0/0"] } }
      },
    ]
  })
}

# A second resource policy on the same API, left over from a migration: it overwrites the inline one on
# every apply (APIGW-306) and has no Statement (APIGW-304).
resource "aws_api_gateway_rest_api_policy" "orders_override" {
  rest_api_id = aws_api_gateway_rest_api.orders.id
  policy = jsonencode({
    Version = "2012-10-17"
  })
}

# Account settings without a CloudWatch role: execution logging silently does nothing (APIGW-008).
resource "aws_api_gateway_account" "this" {}

# Lambda TOKEN authorizer (APIGW-105, low), used by DELETE /orders/{orderId}.
resource "aws_api_gateway_authorizer" "orders_token" {
  name            = "orders-token"
  rest_api_id     = aws_api_gateway_rest_api.orders.id
  type            = "TOKEN"
  authorizer_uri  = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:orders-authorizer/invocations"
  identity_source = "method.request.header.Authorization"
}

resource "aws_api_gateway_resource" "orders" {
  rest_api_id = aws_api_gateway_rest_api.orders.id
  parent_id   = aws_api_gateway_rest_api.orders.root_resource_id
  path_part   = "orders"
}

# Violates APIGW-101: GET /orders open to anyone.
resource "aws_api_gateway_method" "list_orders" {
  rest_api_id   = aws_api_gateway_rest_api.orders.id
  resource_id   = aws_api_gateway_resource.orders.id
  http_method   = "GET"
  authorization = "NONE"
}

# Violates APIGW-101 and APIGW-102: POST /orders protected only by an API key; APIGW-701: no request
# validator for its body.
resource "aws_api_gateway_method" "create_order" {
  rest_api_id      = aws_api_gateway_rest_api.orders.id
  resource_id      = aws_api_gateway_resource.orders.id
  http_method      = "POST"
  authorization    = "NONE"
  api_key_required = true
}

# CORS preflight: NONE is fine for OPTIONS (exempt from APIGW-101/102).
resource "aws_api_gateway_method" "orders_options" {
  rest_api_id   = aws_api_gateway_rest_api.orders.id
  resource_id   = aws_api_gateway_resource.orders.id
  http_method   = "OPTIONS"
  authorization = "NONE"
}

resource "aws_api_gateway_resource" "order" {
  rest_api_id = aws_api_gateway_rest_api.orders.id
  parent_id   = aws_api_gateway_resource.orders.id
  path_part   = "{orderId}"
}

# DELETE /orders/{orderId}: TOKEN authorizer (authorization passes APIGW-101; the authorizer fails APIGW-105).
resource "aws_api_gateway_method" "cancel_order" {
  rest_api_id   = aws_api_gateway_rest_api.orders.id
  resource_id   = aws_api_gateway_resource.order.id
  http_method   = "DELETE"
  authorization = "CUSTOM"
  authorizer_id = aws_api_gateway_authorizer.orders_token.id
  request_parameters = {
    "method.request.path.orderId" = true
  }
}

# Violates APIGW-802: plain http:// backend.
resource "aws_api_gateway_integration" "list_orders" {
  rest_api_id             = aws_api_gateway_rest_api.orders.id
  resource_id             = aws_api_gateway_resource.orders.id
  http_method             = aws_api_gateway_method.list_orders.http_method
  type                    = "HTTP_PROXY"
  integration_http_method = "GET"
  uri                     = "http://orders.internal.example.com/orders"
}

# Violates APIGW-802: plain http:// backend.
resource "aws_api_gateway_integration" "create_order" {
  rest_api_id             = aws_api_gateway_rest_api.orders.id
  resource_id             = aws_api_gateway_resource.orders.id
  http_method             = aws_api_gateway_method.create_order.http_method
  type                    = "HTTP_PROXY"
  integration_http_method = "POST"
  uri                     = "http://orders.internal.example.com/orders"
}

# Violates APIGW-803: HTTPS backend, but its certificate is not verified.
resource "aws_api_gateway_integration" "cancel_order" {
  rest_api_id             = aws_api_gateway_rest_api.orders.id
  resource_id             = aws_api_gateway_resource.order.id
  http_method             = aws_api_gateway_method.cancel_order.http_method
  type                    = "HTTP_PROXY"
  integration_http_method = "DELETE"
  uri                     = "https://orders.internal.example.com/orders/{orderId}"
  request_parameters = {
    "integration.request.path.orderId" = "method.request.path.orderId"
  }
  tls_config {
    insecure_skip_verification = true
  }
}

resource "aws_api_gateway_integration" "orders_options" {
  rest_api_id = aws_api_gateway_rest_api.orders.id
  resource_id = aws_api_gateway_resource.orders.id
  http_method = aws_api_gateway_method.orders_options.http_method
  type        = "MOCK"
  request_templates = {
    "application/json" = jsonencode({ statusCode = 200 })
  }
}

# Declares the CORS headers (boolean values: never an APIGW-703 finding).
resource "aws_api_gateway_method_response" "orders_options" {
  rest_api_id = aws_api_gateway_rest_api.orders.id
  resource_id = aws_api_gateway_resource.orders.id
  http_method = aws_api_gateway_method.orders_options.http_method
  status_code = "200"
  response_parameters = {
    "method.response.header.Access-Control-Allow-Origin"  = true
    "method.response.header.Access-Control-Allow-Methods" = true
    "method.response.header.Access-Control-Allow-Headers" = true
  }
}

# Violates APIGW-703: the preflight answers Access-Control-Allow-Origin '*'.
resource "aws_api_gateway_integration_response" "orders_options" {
  rest_api_id = aws_api_gateway_rest_api.orders.id
  resource_id = aws_api_gateway_resource.orders.id
  http_method = aws_api_gateway_method.orders_options.http_method
  status_code = aws_api_gateway_method_response.orders_options.status_code
  response_parameters = {
    "method.response.header.Access-Control-Allow-Origin"  = "'*'"
    "method.response.header.Access-Control-Allow-Methods" = "'GET,POST,DELETE,OPTIONS'"
    "method.response.header.Access-Control-Allow-Headers" = "'Authorization,Content-Type,X-Api-Key'"
  }
  depends_on = [aws_api_gateway_integration.orders_options]
}

# Violates APIGW-703: 4XX error responses also allow any origin.
resource "aws_api_gateway_gateway_response" "default_4xx" {
  rest_api_id   = aws_api_gateway_rest_api.orders.id
  response_type = "DEFAULT_4XX"
  response_parameters = {
    "gatewayresponse.header.Access-Control-Allow-Origin" = "'*'"
  }
}

# Violates APIGW-107: API Gateway may invoke the handler from any API in any account (no source_arn).
resource "aws_lambda_permission" "orders_handler" {
  statement_id  = "AllowApiGatewayInvoke"
  action        = "lambda:InvokeFunction"
  function_name = "orders-handler"
  principal     = "apigateway.amazonaws.com"
}

resource "aws_api_gateway_deployment" "orders" {
  rest_api_id = aws_api_gateway_rest_api.orders.id
  triggers = {
    redeployment = sha1(jsonencode([
      aws_api_gateway_resource.orders.id,
      aws_api_gateway_method.list_orders.id,
      aws_api_gateway_method.create_order.id,
      aws_api_gateway_method.orders_options.id,
      aws_api_gateway_resource.order.id,
      aws_api_gateway_method.cancel_order.id,
      aws_api_gateway_integration.list_orders.id,
      aws_api_gateway_integration.create_order.id,
      aws_api_gateway_integration.cancel_order.id,
      aws_api_gateway_integration.orders_options.id,
      aws_api_gateway_integration_response.orders_options.id,
    ]))
  }
  lifecycle {
    create_before_destroy = true
  }
}

# Violates APIGW-001 (logging OFF in */* settings), APIGW-003 (no access logs), APIGW-007 (X-Ray off),
# APIGW-009 (metrics off in */* settings), APIGW-201 (no WAF association), APIGW-403 (no client
# certificate), APIGW-502 (a database password in a stage variable) and APIGW-601 (no throttling in */*
# settings; the usage plan covering it has no throttle).
resource "aws_api_gateway_stage" "prod" {
  rest_api_id           = aws_api_gateway_rest_api.orders.id
  deployment_id         = aws_api_gateway_deployment.orders.id
  stage_name            = "prod"
  xray_tracing_enabled  = false
  cache_cluster_enabled = true
  cache_cluster_size    = "0.5"
  variables = {
    backend_host = "orders.internal.example.com"
    db_password  = "DO-NOT-PRINT-rest-insecure-db-password"
  }
}

# Violates APIGW-006 (data trace on) and APIGW-501 (cache not encrypted); its logging_level OFF,
# metrics_enabled false and missing throttling make the stage fail APIGW-001, APIGW-009 and APIGW-601.
resource "aws_api_gateway_method_settings" "prod_all" {
  rest_api_id = aws_api_gateway_rest_api.orders.id
  stage_name  = aws_api_gateway_stage.prod.stage_name
  method_path = "*/*"
  settings {
    logging_level        = "OFF"
    data_trace_enabled   = true
    metrics_enabled      = false
    caching_enabled      = true
    cache_data_encrypted = false
    cache_ttl_in_seconds = 300
  }
}

resource "aws_cloudwatch_log_group" "staging_access" {
  name              = "/aws/apigateway/orders-insecure/staging"
  retention_in_days = 30
}

# Staging stage: access logs whose format omits $context.status (APIGW-005, low), behind a web ACL
# without a rate-based rule (APIGW-202 on the ACL; APIGW-201 passes). No method settings (APIGW-001,
# APIGW-009, APIGW-601), X-Ray unset (APIGW-007), no client certificate (APIGW-403).
resource "aws_api_gateway_stage" "staging" {
  rest_api_id   = aws_api_gateway_rest_api.orders.id
  deployment_id = aws_api_gateway_deployment.orders.id
  stage_name    = "staging"
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.staging_access.arn
    format          = "$context.requestId $context.identity.sourceIp $context.httpMethod $context.resourcePath"
  }
}

# Violates APIGW-202: the managed common rule set but no rate-based rule.
resource "aws_wafv2_web_acl" "staging" {
  name  = "orders-insecure-staging"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  rule {
    name     = "aws-common"
    priority = 1
    override_action {
      none {}
    }
    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesCommonRuleSet"
        vendor_name = "AWS"
      }
    }
    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "aws-common"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "orders-insecure-staging"
    sampled_requests_enabled   = true
  }
}

resource "aws_wafv2_web_acl_association" "staging" {
  resource_arn = aws_api_gateway_stage.staging.arn
  web_acl_arn  = aws_wafv2_web_acl.staging.arn
}

# Violates APIGW-401: custom domain still accepting TLS 1.0; APIGW-402 (low): no mutual TLS.
resource "aws_api_gateway_domain_name" "orders" {
  domain_name              = "orders.example.com"
  regional_certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
  security_policy          = "TLS_1_0"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_base_path_mapping" "orders" {
  api_id      = aws_api_gateway_rest_api.orders.id
  stage_name  = aws_api_gateway_stage.prod.stage_name
  domain_name = aws_api_gateway_domain_name.orders.domain_name
}

# API key and usage plan for the key-only POST.
# Violates APIGW-503: the key value is written into configuration.
resource "aws_api_gateway_api_key" "partner" {
  name  = "orders-partner"
  value = "DO-NOT-PRINT-rest-insecure-partner-key"
}

# Violates APIGW-603 (low): neither throttle nor quota; covers the prod stage without a throttle.
resource "aws_api_gateway_usage_plan" "partner" {
  name = "orders-partner"
  api_stages {
    api_id = aws_api_gateway_rest_api.orders.id
    stage  = aws_api_gateway_stage.prod.stage_name
  }
}

resource "aws_api_gateway_usage_plan_key" "partner" {
  key_id        = aws_api_gateway_api_key.partner.id
  key_type      = "API_KEY"
  usage_plan_id = aws_api_gateway_usage_plan.partner.id
}

# Internal API: PRIVATE without any resource policy (APIGW-305). PRIVATE, so no APIGW-203 notice.
resource "aws_api_gateway_rest_api" "internal" {
  name = "orders-insecure-internal"
  endpoint_configuration {
    types            = ["PRIVATE"]
    vpc_endpoint_ids = ["vpce-0a1b2c3d4e5f60718"]
  }
}

# Catalog API imported from OpenAPI (no endpoint_configuration: EDGE, APIGW-203 info). GET /products has
# its own security; POST /products has none (APIGW-901) and no request validator applies anywhere
# (APIGW-902, low).
resource "aws_api_gateway_rest_api" "catalog" {
  name = "orders-insecure-catalog"
  body = jsonencode({
    openapi = "3.0.1"
    info    = { title = "catalog", version = "1.0" }
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
      "/products" = {
        get = {
          security  = [{ sigv4 = [] }]
          responses = { "200" = { description = "products" } }
          "x-amazon-apigateway-integration" = {
            type       = "http_proxy"
            httpMethod = "GET"
            uri        = "https://catalog.internal.example.com/products"
          }
        }
        post = {
          requestBody = {
            required = true
            content  = { "application/json" = { schema = { type = "object" } } }
          }
          responses = { "201" = { description = "created" } }
          "x-amazon-apigateway-integration" = {
            type       = "http_proxy"
            httpMethod = "POST"
            uri        = "https://catalog.internal.example.com/products"
          }
        }
      }
    }
  })
}
