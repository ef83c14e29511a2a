# A small REST API: one GET method, one stage, */* method settings and an optional WAF association.

resource "aws_api_gateway_rest_api" "this" {
  name   = var.name
  policy = var.policy
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_resource" "items" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  parent_id   = aws_api_gateway_rest_api.this.root_resource_id
  path_part   = "items"
}

# Judged by APIGW-101/102 through var.authorization and var.api_key_required.
resource "aws_api_gateway_method" "get_items" {
  rest_api_id      = aws_api_gateway_rest_api.this.id
  resource_id      = aws_api_gateway_resource.items.id
  http_method      = "GET"
  authorization    = var.authorization
  api_key_required = var.api_key_required
}

resource "aws_api_gateway_integration" "get_items" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  resource_id = aws_api_gateway_resource.items.id
  http_method = aws_api_gateway_method.get_items.http_method
  type        = "MOCK"
}

resource "aws_api_gateway_deployment" "this" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  triggers = {
    redeployment = sha1(jsonencode([
      aws_api_gateway_resource.items.id,
      aws_api_gateway_method.get_items.id,
      aws_api_gateway_integration.get_items.id,
    ]))
  }
  lifecycle {
    create_before_destroy = true
  }
}

# Judged by APIGW-001 (via method settings), 003, 007, 201 (via association); not by 403: the only
# integration is MOCK, which never sees a client certificate.
resource "aws_api_gateway_stage" "this" {
  rest_api_id           = aws_api_gateway_rest_api.this.id
  deployment_id         = aws_api_gateway_deployment.this.id
  stage_name            = "live"
  xray_tracing_enabled  = var.xray_tracing_enabled
  client_certificate_id = var.client_certificate_id
  cache_cluster_enabled = var.caching_enabled
  cache_cluster_size    = var.caching_enabled ? "0.5" : null
  access_log_settings {
    destination_arn = var.access_log_destination_arn
    format          = "$context.requestId $context.identity.sourceIp $context.httpMethod $context.resourcePath $context.status"
  }
}

# Judged by APIGW-006 and APIGW-501; links the stage for APIGW-001.
resource "aws_api_gateway_method_settings" "all" {
  rest_api_id = aws_api_gateway_rest_api.this.id
  stage_name  = aws_api_gateway_stage.this.stage_name
  method_path = "*/*"
  settings {
    logging_level        = var.logging_level
    metrics_enabled      = true
    data_trace_enabled   = var.data_trace_enabled
    caching_enabled      = var.caching_enabled
    cache_data_encrypted = var.cache_data_encrypted
  }
}

resource "aws_wafv2_web_acl_association" "this" {
  count        = var.enable_waf ? 1 : 0
  resource_arn = aws_api_gateway_stage.this.arn
  web_acl_arn  = var.web_acl_arn
}
