# An HTTP or WebSocket API with its routes, integrations and one stage, all from typed inputs.

resource "aws_apigatewayv2_api" "this" {
  name                       = var.api.name
  protocol_type              = var.api.protocol_type
  route_selection_expression = var.api.route_selection_expression
  description                = var.api.description
}

resource "aws_apigatewayv2_integration" "this" {
  for_each = var.routes

  api_id               = aws_apigatewayv2_api.this.id
  integration_type     = each.value.integration.type
  integration_uri      = each.value.integration.uri
  integration_method   = each.value.integration.method
  connection_type      = each.value.integration.connection_type
  connection_id        = each.value.integration.connection_id
  timeout_milliseconds = each.value.integration.timeout_ms

  dynamic "tls_config" {
    for_each = each.value.integration.tls_config == null ? [] : [each.value.integration.tls_config]
    content {
      server_name_to_verify = tls_config.value.server_name_to_verify
    }
  }
}

resource "aws_apigatewayv2_route" "this" {
  for_each = var.routes

  api_id             = aws_apigatewayv2_api.this.id
  route_key          = each.value.route_key
  authorization_type = each.value.authorization_type
  authorizer_id      = each.value.authorizer_id
  api_key_required   = each.value.api_key_required
  target             = "integrations/${aws_apigatewayv2_integration.this[each.key].id}"
}

resource "aws_apigatewayv2_stage" "this" {
  api_id      = aws_apigatewayv2_api.this.id
  name        = var.stage.name
  auto_deploy = var.stage.auto_deploy

  access_log_settings {
    destination_arn = var.stage.access_log_destination_arn
    format          = var.stage.access_log_format
  }

  default_route_settings {
    throttling_burst_limit   = var.stage.default_route_settings.throttling_burst_limit
    throttling_rate_limit    = var.stage.default_route_settings.throttling_rate_limit
    detailed_metrics_enabled = var.stage.default_route_settings.detailed_metrics_enabled
    data_trace_enabled       = var.stage.default_route_settings.data_trace_enabled
    logging_level            = var.stage.default_route_settings.logging_level
  }
}
