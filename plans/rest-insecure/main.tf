# Fixture rest-insecure: A realistic orders REST API that breaks every covered rule (APIGW-001/003/006/007/101/102/201/301/401/403/501).

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
# Violates APIGW-301 (Allow "*" without condition).
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
    ]
  })
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

# Violates APIGW-101 and APIGW-102: POST /orders protected only by an API key.
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

resource "aws_api_gateway_integration" "list_orders" {
  rest_api_id             = aws_api_gateway_rest_api.orders.id
  resource_id             = aws_api_gateway_resource.orders.id
  http_method             = aws_api_gateway_method.list_orders.http_method
  type                    = "HTTP_PROXY"
  integration_http_method = "GET"
  uri                     = "http://orders.internal.example.com/orders"
}

resource "aws_api_gateway_integration" "create_order" {
  rest_api_id             = aws_api_gateway_rest_api.orders.id
  resource_id             = aws_api_gateway_resource.orders.id
  http_method             = aws_api_gateway_method.create_order.http_method
  type                    = "HTTP_PROXY"
  integration_http_method = "POST"
  uri                     = "http://orders.internal.example.com/orders"
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

resource "aws_api_gateway_deployment" "orders" {
  rest_api_id = aws_api_gateway_rest_api.orders.id
  triggers = {
    redeployment = sha1(jsonencode([
      aws_api_gateway_resource.orders.id,
      aws_api_gateway_method.list_orders.id,
      aws_api_gateway_method.create_order.id,
      aws_api_gateway_method.orders_options.id,
      aws_api_gateway_integration.list_orders.id,
      aws_api_gateway_integration.create_order.id,
      aws_api_gateway_integration.orders_options.id,
    ]))
  }
  lifecycle {
    create_before_destroy = true
  }
}

# Violates APIGW-001 (logging OFF in */* settings), APIGW-003 (no access logs), APIGW-007 (X-Ray off),
# APIGW-201 (no WAF association), APIGW-403 (no client certificate).
resource "aws_api_gateway_stage" "prod" {
  rest_api_id           = aws_api_gateway_rest_api.orders.id
  deployment_id         = aws_api_gateway_deployment.orders.id
  stage_name            = "prod"
  xray_tracing_enabled  = false
  cache_cluster_enabled = true
  cache_cluster_size    = "0.5"
  variables = {
    backend_host = "orders.internal.example.com"
  }
}

# Violates APIGW-006 (data trace on) and APIGW-501 (cache not encrypted); its logging_level OFF is what
# makes the stage fail APIGW-001.
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

# Violates APIGW-401: custom domain still accepting TLS 1.0.
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
resource "aws_api_gateway_api_key" "partner" {
  name = "orders-partner"
}

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
