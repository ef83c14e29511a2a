# Fixture partial-access-logs: access logging written as `dynamic "access_log_settings"` blocks driven by a
# module-style settings variable (APIGW-003, APIGW-004). The plan leaves dynamic blocks out of its
# configuration; the source shows the for_each and a managed log group as the destination.

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

variable "access_logs" {
  description = "Access log settings per stage; null turns access logging off."
  type = map(object({
    retention_in_days = number
    format            = string
  }))
  default = {
    rest = { retention_in_days = 90, format = "{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\",\"status\":\"$context.status\"}" }
    http = { retention_in_days = 90, format = "{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\",\"status\":\"$context.status\"}" }
  }
}

resource "aws_cloudwatch_log_group" "access" {
  for_each          = var.access_logs
  name_prefix       = "/aws/apigateway/${each.key}-"
  retention_in_days = each.value.retention_in_days
}

resource "aws_api_gateway_rest_api" "orders" {
  name = "partial-access-logs-orders"
}

resource "aws_api_gateway_resource" "health" {
  rest_api_id = aws_api_gateway_rest_api.orders.id
  parent_id   = aws_api_gateway_rest_api.orders.root_resource_id
  path_part   = "health"
}

resource "aws_api_gateway_method" "health" {
  rest_api_id   = aws_api_gateway_rest_api.orders.id
  resource_id   = aws_api_gateway_resource.health.id
  http_method   = "GET"
  authorization = "AWS_IAM"
}

resource "aws_api_gateway_integration" "health" {
  rest_api_id = aws_api_gateway_rest_api.orders.id
  resource_id = aws_api_gateway_resource.health.id
  http_method = aws_api_gateway_method.health.http_method
  type        = "MOCK"
}

resource "aws_api_gateway_deployment" "orders" {
  rest_api_id = aws_api_gateway_rest_api.orders.id
  depends_on  = [aws_api_gateway_integration.health]
}

# Tests: REST stage with a dynamic access_log_settings block whose for_each and destination resolve from the
# variable and the managed log group: access logging is set, APIGW-003 passes.
resource "aws_api_gateway_stage" "pass_dynamic_logs" {
  rest_api_id   = aws_api_gateway_rest_api.orders.id
  deployment_id = aws_api_gateway_deployment.orders.id
  stage_name    = "prod"
  dynamic "access_log_settings" {
    for_each = lookup(var.access_logs, "rest", null) == null ? [] : [var.access_logs["rest"]]
    content {
      destination_arn = aws_cloudwatch_log_group.access["rest"].arn
      format          = access_log_settings.value.format
    }
  }
}

# Tests: the same dynamic block over a key the variable does not have: no block, APIGW-003 fails.
resource "aws_api_gateway_stage" "fail_dynamic_logs_off" {
  rest_api_id   = aws_api_gateway_rest_api.orders.id
  deployment_id = aws_api_gateway_deployment.orders.id
  stage_name    = "dev"
  dynamic "access_log_settings" {
    for_each = lookup(var.access_logs, "dev", null) == null ? [] : [var.access_logs["dev"]]
    content {
      destination_arn = aws_cloudwatch_log_group.access["rest"].arn
      format          = access_log_settings.value.format
    }
  }
}

resource "aws_apigatewayv2_api" "orders" {
  name          = "partial-access-logs-http"
  protocol_type = "HTTP"
}

# Tests: HTTP API stage with a dynamic access_log_settings block over the variable: APIGW-004 passes.
resource "aws_apigatewayv2_stage" "pass_dynamic_logs" {
  api_id      = aws_apigatewayv2_api.orders.id
  name        = "$default"
  auto_deploy = true
  dynamic "access_log_settings" {
    for_each = { for name, settings in var.access_logs : name => settings if name == "http" }
    content {
      destination_arn = aws_cloudwatch_log_group.access[access_log_settings.key].arn
      format          = access_log_settings.value.format
    }
  }
}
