# METADATA
# title: HTTP and WebSocket stages set throttling limits
# description: >-
#   A stage of an HTTP or WebSocket API (aws_apigatewayv2_stage) needs default_route_settings with
#   throttling_rate_limit > 0 and throttling_burst_limit > 0. Without stage limits every route is bounded only
#   by the account-level quota shared by all APIs in the region: one client or a flood of connections and
#   messages can starve the other APIs and run up backend and Lambda costs.
# related_resources:
#   - description: Protect your HTTP API (throttling)
#     ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-protect.html
#   - description: aws_apigatewayv2_stage (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/apigatewayv2_stage
# custom:
#   id: APIGW-602
#   severity: medium
#   kinds: [HTTP, WS]
#   subjects: [aws_apigatewayv2_stage]
#   anchors:
#     security_hub: []
#     checkov: []
#     kics: []
#     trivy: []
#     other: []
#   remediation: |
#     Set stage-wide limits in the default route settings:
#
#         resource "aws_apigatewayv2_stage" "prod" {
#           api_id      = aws_apigatewayv2_api.http.id
#           name        = "$default"
#           auto_deploy = true
#
#           default_route_settings {
#             throttling_rate_limit    = 100
#             throttling_burst_limit   = 50
#             detailed_metrics_enabled = true
#           }
#         }
package apigw.rules.rate.v2_stage_throttling

import data.apigw.lib.model
import data.apigw.lib.result

# METADATA
# description: An HTTP or WebSocket stage whose default route settings lack a positive rate or burst limit.
deny contains result.fail(
	rego.metadata.chain(),
	stage,
	concat("", [
		"Stage ",
		stage.address,
		" sets no throttling limits: default_route_settings.throttling_rate_limit and throttling_burst_limit are not both above 0, so one client can exhaust the account's shared request quota.",
	]),
	[
		"default_route_settings",
		"default_route_settings.throttling_rate_limit",
		"default_route_settings.throttling_burst_limit",
	],
) if {
	some stage in input.resources.aws_apigatewayv2_stage
	not _throttled(stage)
}

_throttled(stage) if {
	_positive(model.value(stage, "default_route_settings.throttling_rate_limit"))
	_positive(model.value(stage, "default_route_settings.throttling_burst_limit"))
}

_positive(limit) if {
	is_number(limit)
	limit > 0
}
