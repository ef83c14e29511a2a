# Fixture rest-secure: A realistic orders REST API (plus a private admin API) that satisfies every catalog rule; only the APIGW-203 info notice for the REGIONAL API.

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
  name              = "orders-secure"
  orders_lambda_arn = "arn:aws:lambda:us-east-1:123456789012:function:orders-handler"
  authorizer_arn    = "arn:aws:lambda:us-east-1:123456789012:function:orders-authorizer"
  lambda_invoke_uri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${local.orders_lambda_arn}/invocations"
  allowed_cidrs     = ["203.0.113.0/24", "198.51.100.0/24"]
}

# Account-level role that lets API Gateway write execution logs to CloudWatch.
data "aws_iam_policy_document" "apigw_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["apigateway.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "apigw_cloudwatch" {
  name               = "${local.name}-apigw-cloudwatch"
  assume_role_policy = data.aws_iam_policy_document.apigw_assume.json
}

resource "aws_iam_role_policy_attachment" "apigw_cloudwatch" {
  role       = aws_iam_role.apigw_cloudwatch.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"
}

resource "aws_api_gateway_account" "this" {
  cloudwatch_role_arn = aws_iam_role.apigw_cloudwatch.arn
}

resource "aws_cloudwatch_log_group" "access" {
  name              = "/aws/apigateway/${local.name}/access"
  retention_in_days = 365
}

# Resource policy, allow-list pattern: deny callers outside the corporate ranges, then allow everyone else
# (passes APIGW-301). Literal resources keep the policy known at plan time.
data "aws_iam_policy_document" "orders" {
  statement {
    sid    = "DenyOutsideCorporateRanges"
    effect = "Deny"
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    actions   = ["execute-api:Invoke"]
    resources = ["execute-api:/*"]
    condition {
      test     = "NotIpAddress"
      variable = "aws:SourceIp"
      values   = local.allowed_cidrs
    }
  }
  statement {
    sid    = "AllowInvoke"
    effect = "Allow"
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    actions   = ["execute-api:Invoke"]
    resources = ["execute-api:/*"]
  }
}

# REGIONAL: the only finding of this fixture is the APIGW-203 info notice (exposure is visible, not a failure).
# The custom domain below fronts it, so the default execute-api endpoint is disabled (APIGW-204).
resource "aws_api_gateway_rest_api" "orders" {
  name                         = local.name
  description                  = "Orders API (secure fixture)"
  disable_execute_api_endpoint = true
  policy                       = data.aws_iam_policy_document.orders.json
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_request_validator" "body_and_params" {
  name                        = "body-and-params"
  rest_api_id                 = aws_api_gateway_rest_api.orders.id
  validate_request_body       = true
  validate_request_parameters = true
}

resource "aws_api_gateway_model" "order" {
  rest_api_id  = aws_api_gateway_rest_api.orders.id
  name         = "Order"
  content_type = "application/json"
  schema = jsonencode({
    "$schema" = "http://json-schema.org/draft-04/schema#"
    type      = "object"
    required  = ["item", "quantity"]
    properties = {
      item     = { type = "string" }
      quantity = { type = "integer", minimum = 1 }
    }
  })
}

# Lambda REQUEST authorizer (function managed elsewhere).
resource "aws_api_gateway_authorizer" "orders" {
  name                             = "orders-request"
  rest_api_id                      = aws_api_gateway_rest_api.orders.id
  type                             = "REQUEST"
  authorizer_uri                   = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${local.authorizer_arn}/invocations"
  identity_source                  = "method.request.header.Authorization"
  authorizer_result_ttl_in_seconds = 300
}

resource "aws_api_gateway_resource" "orders" {
  rest_api_id = aws_api_gateway_rest_api.orders.id
  parent_id   = aws_api_gateway_rest_api.orders.root_resource_id
  path_part   = "orders"
}

resource "aws_api_gateway_resource" "order" {
  rest_api_id = aws_api_gateway_rest_api.orders.id
  parent_id   = aws_api_gateway_resource.orders.id
  path_part   = "{orderId}"
}

# GET /orders: Lambda authorizer.
resource "aws_api_gateway_method" "list_orders" {
  rest_api_id   = aws_api_gateway_rest_api.orders.id
  resource_id   = aws_api_gateway_resource.orders.id
  http_method   = "GET"
  authorization = "CUSTOM"
  authorizer_id = aws_api_gateway_authorizer.orders.id
}

# POST /orders: Lambda authorizer and body validation.
resource "aws_api_gateway_method" "create_order" {
  rest_api_id          = aws_api_gateway_rest_api.orders.id
  resource_id          = aws_api_gateway_resource.orders.id
  http_method          = "POST"
  authorization        = "CUSTOM"
  authorizer_id        = aws_api_gateway_authorizer.orders.id
  request_validator_id = aws_api_gateway_request_validator.body_and_params.id
  request_models = {
    "application/json" = aws_api_gateway_model.order.name
  }
}

# GET /orders/{orderId}: IAM (SigV4) for internal services.
resource "aws_api_gateway_method" "get_order" {
  rest_api_id   = aws_api_gateway_rest_api.orders.id
  resource_id   = aws_api_gateway_resource.order.id
  http_method   = "GET"
  authorization = "AWS_IAM"
  request_parameters = {
    "method.request.path.orderId" = true
  }
}

# OPTIONS /orders: CORS preflight, NONE is the norm (exempt from APIGW-101).
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
  type                    = "AWS_PROXY"
  integration_http_method = "POST"
  uri                     = local.lambda_invoke_uri
}

resource "aws_api_gateway_integration" "create_order" {
  rest_api_id             = aws_api_gateway_rest_api.orders.id
  resource_id             = aws_api_gateway_resource.orders.id
  http_method             = aws_api_gateway_method.create_order.http_method
  type                    = "AWS_PROXY"
  integration_http_method = "POST"
  uri                     = local.lambda_invoke_uri
}

resource "aws_api_gateway_integration" "get_order" {
  rest_api_id             = aws_api_gateway_rest_api.orders.id
  resource_id             = aws_api_gateway_resource.order.id
  http_method             = aws_api_gateway_method.get_order.http_method
  type                    = "AWS_PROXY"
  integration_http_method = "POST"
  uri                     = local.lambda_invoke_uri
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

resource "aws_api_gateway_integration_response" "orders_options" {
  rest_api_id = aws_api_gateway_rest_api.orders.id
  resource_id = aws_api_gateway_resource.orders.id
  http_method = aws_api_gateway_method.orders_options.http_method
  status_code = aws_api_gateway_method_response.orders_options.status_code
  response_parameters = {
    "method.response.header.Access-Control-Allow-Origin"  = "'https://app.example.com'"
    "method.response.header.Access-Control-Allow-Methods" = "'GET,POST,OPTIONS'"
    "method.response.header.Access-Control-Allow-Headers" = "'Authorization,Content-Type'"
  }
  depends_on = [aws_api_gateway_integration.orders_options]
}

# CORS headers on 4XX errors name the one allowed origin (APIGW-703).
resource "aws_api_gateway_gateway_response" "default_4xx" {
  rest_api_id   = aws_api_gateway_rest_api.orders.id
  response_type = "DEFAULT_4XX"
  response_parameters = {
    "gatewayresponse.header.Access-Control-Allow-Origin" = "'https://app.example.com'"
  }
}

# API Gateway may invoke the handler only from this API.
resource "aws_lambda_permission" "orders" {
  statement_id  = "AllowOrdersApiInvoke"
  action        = "lambda:InvokeFunction"
  function_name = local.orders_lambda_arn
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_api_gateway_rest_api.orders.execution_arn}/*/*/orders*"
}

resource "aws_api_gateway_deployment" "orders" {
  rest_api_id = aws_api_gateway_rest_api.orders.id
  triggers = {
    redeployment = sha1(jsonencode([
      aws_api_gateway_resource.orders.id,
      aws_api_gateway_resource.order.id,
      aws_api_gateway_method.list_orders.id,
      aws_api_gateway_method.create_order.id,
      aws_api_gateway_method.get_order.id,
      aws_api_gateway_method.orders_options.id,
      aws_api_gateway_integration.list_orders.id,
      aws_api_gateway_integration.create_order.id,
      aws_api_gateway_integration.get_order.id,
      aws_api_gateway_integration.orders_options.id,
      aws_api_gateway_integration_response.orders_options.id,
      aws_api_gateway_gateway_response.default_4xx.id,
      aws_api_gateway_rest_api.orders.policy,
    ]))
  }
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_api_gateway_client_certificate" "backend" {
  description = "${local.name} backend client certificate"
}

# Stage: access logs to a log group (APIGW-003), X-Ray (APIGW-007), client certificate (APIGW-403).
resource "aws_api_gateway_stage" "prod" {
  rest_api_id           = aws_api_gateway_rest_api.orders.id
  deployment_id         = aws_api_gateway_deployment.orders.id
  stage_name            = "prod"
  xray_tracing_enabled  = true
  client_certificate_id = aws_api_gateway_client_certificate.backend.id
  cache_cluster_enabled = true
  cache_cluster_size    = "0.5"
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format = jsonencode({
      requestId      = "$context.requestId"
      extendedId     = "$context.extendedRequestId"
      sourceIp       = "$context.identity.sourceIp"
      caller         = "$context.identity.caller"
      user           = "$context.identity.user"
      requestTime    = "$context.requestTime"
      httpMethod     = "$context.httpMethod"
      resourcePath   = "$context.resourcePath"
      status         = "$context.status"
      protocol       = "$context.protocol"
      responseLength = "$context.responseLength"
    })
  }
  depends_on = [aws_api_gateway_account.this]
}

# Every method: execution logging INFO (APIGW-001), no data trace (APIGW-006), encrypted cache (APIGW-501),
# metrics (APIGW-009) and throttling (APIGW-601).
resource "aws_api_gateway_method_settings" "prod_all" {
  rest_api_id = aws_api_gateway_rest_api.orders.id
  stage_name  = aws_api_gateway_stage.prod.stage_name
  method_path = "*/*"
  settings {
    logging_level          = "INFO"
    data_trace_enabled     = false
    metrics_enabled        = true
    caching_enabled        = true
    cache_data_encrypted   = true
    cache_ttl_in_seconds   = 60
    throttling_rate_limit  = 100
    throttling_burst_limit = 50
  }
}

# Regional WAFv2 web ACL with the baseline managed rules and a rate limit.
resource "aws_wafv2_web_acl" "api" {
  name  = "orders-secure"
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

  rule {
    name     = "rate-limit"
    priority = 2
    action {
      block {}
    }
    statement {
      rate_based_statement {
        limit              = 2000
        aggregate_key_type = "IP"
      }
    }
    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "rate-limit"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "orders-secure"
    sampled_requests_enabled   = true
  }
}

# WAF on the stage, by reference (APIGW-201).
resource "aws_wafv2_web_acl_association" "prod" {
  resource_arn = aws_api_gateway_stage.prod.arn
  web_acl_arn  = aws_wafv2_web_acl.api.arn
}

# The web ACL's requests are logged to an S3 bucket managed elsewhere (APIGW-205).
resource "aws_wafv2_web_acl_logging_configuration" "api" {
  resource_arn            = aws_wafv2_web_acl.api.arn
  log_destination_configs = ["arn:aws:s3:::aws-waf-logs-orders"]
}

# Custom domain with TLS 1.2 (APIGW-401) and mutual TLS.
resource "aws_api_gateway_domain_name" "orders" {
  domain_name              = "orders.example.com"
  regional_certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
  security_policy          = "TLS_1_2"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
  mutual_tls_authentication {
    truststore_uri = "s3://example-orders-truststore/truststore.pem"
  }
}

resource "aws_api_gateway_base_path_mapping" "orders" {
  api_id      = aws_api_gateway_rest_api.orders.id
  stage_name  = aws_api_gateway_stage.prod.stage_name
  domain_name = aws_api_gateway_domain_name.orders.domain_name
}

# Partner metering: a key generated by API Gateway (APIGW-503) in a usage plan bounding rate and quota
# (APIGW-603).
resource "aws_api_gateway_api_key" "partner" {
  name = "${local.name}-partner"
}

resource "aws_api_gateway_usage_plan" "partner" {
  name = "${local.name}-partner"
  api_stages {
    api_id = aws_api_gateway_rest_api.orders.id
    stage  = aws_api_gateway_stage.prod.stage_name
  }
  throttle_settings {
    rate_limit  = 20
    burst_limit = 10
  }
  quota_settings {
    limit  = 100000
    period = "MONTH"
  }
}

resource "aws_api_gateway_usage_plan_key" "partner" {
  key_id        = aws_api_gateway_api_key.partner.id
  key_type      = "API_KEY"
  usage_plan_id = aws_api_gateway_usage_plan.partner.id
}

# Private admin API reachable only through the ops VPC endpoint: Deny StringNotEquals aws:SourceVpce, then
# Allow (passes APIGW-301/305). PRIVATE, so no APIGW-203 notice.
data "aws_iam_policy_document" "admin" {
  statement {
    sid    = "DenyOutsideOpsEndpoint"
    effect = "Deny"
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    actions   = ["execute-api:Invoke"]
    resources = ["execute-api:/*"]
    condition {
      test     = "StringNotEquals"
      variable = "aws:SourceVpce"
      values   = ["vpce-0a1b2c3d4e5f60718"]
    }
  }
  statement {
    sid    = "AllowInvoke"
    effect = "Allow"
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    actions   = ["execute-api:Invoke"]
    resources = ["execute-api:/*"]
  }
}

resource "aws_api_gateway_rest_api" "admin" {
  name        = "${local.name}-admin"
  description = "Orders admin API (private)"
  policy      = data.aws_iam_policy_document.admin.json
  endpoint_configuration {
    types            = ["PRIVATE"]
    vpc_endpoint_ids = ["vpce-0a1b2c3d4e5f60718"]
  }
}
