# METADATA
# title: Detailed CloudWatch metrics are enabled
# description: >-
#   REST API stages need aws_api_gateway_method_settings for all methods ("*/*") with
#   settings.metrics_enabled = true; HTTP and WebSocket stages need
#   default_route_settings.detailed_metrics_enabled = true. Without per-method (per-route) metrics, a spike of
#   4xx from credential stuffing, 5xx from a failing backend or throttling on one endpoint is averaged away
#   in the API-wide numbers and no alarm can target it.
# related_resources:
#   - description: Checkov CKV2_AWS_4
#     ref: https://docs.prismacloud.io/en/enterprise-edition/policy-reference/aws-policies/aws-logging-policies/ensure-api-gateway-stage-have-logging-level-defined-as-appropiate
#   - description: API Gateway metrics for REST APIs
#     ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-metrics-and-dimensions.html
#   - description: aws_api_gateway_method_settings (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_method_settings
#   - description: aws_apigatewayv2_stage (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/apigatewayv2_stage
# custom:
#   id: APIGW-009
#   severity: low
#   kinds: [REST, HTTP, WS]
#   subjects: [aws_api_gateway_stage, aws_apigatewayv2_stage]
#   anchors:
#     security_hub: []
#     checkov: [CKV2_AWS_4]
#     kics: []
#     trivy: []
#     other: [Terrascan]
#   remediation: |
#     REST: enable metrics in the stage's "*/*" method settings. HTTP and WebSocket: enable detailed metrics
#     in the stage's default route settings:
#
#         # REST API stage
#         resource "aws_api_gateway_method_settings" "all" {
#           rest_api_id = aws_api_gateway_rest_api.api.id
#           stage_name  = aws_api_gateway_stage.prod.stage_name
#           method_path = "*/*"
#
#           settings {
#             metrics_enabled = true
#             logging_level   = "ERROR"
#           }
#         }
#
#         # HTTP or WebSocket API stage
#         resource "aws_apigatewayv2_stage" "prod" {
#           api_id = aws_apigatewayv2_api.http.id
#           name   = "prod"
#
#           default_route_settings {
#             detailed_metrics_enabled = true
#             throttling_rate_limit    = 100
#             throttling_burst_limit   = 50
#           }
#         }
package apigw.rules.log.detailed_metrics

import data.apigw.lib.method_settings
import data.apigw.lib.model
import data.apigw.lib.result

# METADATA
# description: A REST stage without "*/*" method settings that enable metrics.
deny contains result.fail(
	rego.metadata.chain(),
	stage,
	concat("", ["Stage ", stage.address, " has no detailed CloudWatch metrics: no aws_api_gateway_method_settings with method_path \"*/*\" sets metrics_enabled = true."]),
	metrics.paths,
) if {
	some stage in input.resources.aws_api_gateway_stage
	metrics := method_settings.all_methods(stage, ["metrics_enabled"])
	not _rest_metrics(metrics)
}

# METADATA
# description: An HTTP or WebSocket stage whose default route settings do not enable detailed metrics.
deny contains result.fail(
	rego.metadata.chain(),
	stage,
	concat("", ["Stage ", stage.address, " has no detailed CloudWatch metrics: default_route_settings.detailed_metrics_enabled is not true, so per-route errors and latency are not measured."]),
	["default_route_settings", "default_route_settings.detailed_metrics_enabled"],
) if {
	some stage in input.resources.aws_apigatewayv2_stage
	model.value(stage, "default_route_settings.detailed_metrics_enabled") != true
}

_rest_metrics(metrics) if {
	some settings in metrics.values
	settings.metrics_enabled == true
}
