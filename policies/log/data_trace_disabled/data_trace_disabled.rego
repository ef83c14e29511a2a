# METADATA
# title: Full request/response data tracing is off
# description: >-
#   REST method settings must not set settings.data_trace_enabled = true, on all methods ("*/*") or on a
#   single method; HTTP and WebSocket stages must not set data_trace_enabled = true in default_route_settings
#   or in any route_settings block. Data tracing writes full request and response bodies and headers (REST)
#   or message payloads (WebSocket) to CloudWatch Logs: passwords, bearer tokens, API keys and personal data
#   end up readable by anyone who can read the execution logs. AWS recommends it only for temporary
#   troubleshooting.
# related_resources:
#   - description: Checkov CKV_AWS_276
#     ref: https://github.com/bridgecrewio/checkov/blob/main/checkov/terraform/checks/resource/aws/APIGatewayMethodSettingsDataTrace.py
#   - description: Set up CloudWatch logging for REST APIs in API Gateway (data tracing warning)
#     ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
#   - description: aws_api_gateway_method_settings (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_method_settings
#   - description: aws_apigatewayv2_stage (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/apigatewayv2_stage
# custom:
#   id: APIGW-006
#   severity: high
#   kinds: [REST, HTTP, WS]
#   subjects: [aws_api_gateway_method_settings, aws_apigatewayv2_stage]
#   anchors:
#     security_hub: []
#     checkov: [CKV_AWS_276]
#     kics: []
#     trivy: []
#     other: []
#   remediation: |
#     Turn data tracing off (or remove the attribute: the default is off) and keep execution logging at
#     ERROR or INFO, which logs metadata without bodies:
#
#         resource "aws_api_gateway_method_settings" "all" {
#           rest_api_id = aws_api_gateway_rest_api.api.id
#           stage_name  = aws_api_gateway_stage.prod.stage_name
#           method_path = "*/*"
#
#           settings {
#             logging_level      = "ERROR" # execution logging without bodies
#             data_trace_enabled = false   # or remove the attribute: off by default
#           }
#         }
#
#         # HTTP and WebSocket stages: the default route settings and every route_settings block
#         resource "aws_apigatewayv2_stage" "prod" {
#           api_id = aws_apigatewayv2_api.ws.id
#           name   = "prod"
#
#           default_route_settings {
#             logging_level      = "ERROR"
#             data_trace_enabled = false
#           }
#
#           route_settings {
#             route_key          = "$connect"
#             logging_level      = "ERROR"
#             data_trace_enabled = false
#           }
#         }
package apigw.rules.log.data_trace_disabled

import data.apigw.lib.model
import data.apigw.lib.result

# METADATA
# description: REST method settings that turn on full request/response data tracing.
deny contains result.fail(
	rego.metadata.chain(),
	settings,
	concat("", ["Method settings ", settings.address, " turn on full data tracing (data_trace_enabled = true): request and response bodies, credentials and personal data included, end up in CloudWatch Logs."]),
	["settings", "settings.data_trace_enabled"],
) if {
	some settings in input.resources.aws_api_gateway_method_settings
	_may_trace(settings)
}

# METADATA
# description: HTTP and WebSocket stages that turn on data tracing for the default route or for one route.
deny contains result.fail(
	rego.metadata.chain(),
	stage,
	concat("", [
		"Stage ",
		stage.address,
		" turns on full data tracing (data_trace_enabled = true in default_route_settings or route_settings): message payloads, credentials and personal data included, end up in CloudWatch Logs.",
	]),
	_v2_paths(stage),
) if {
	some stage in input.resources.aws_apigatewayv2_stage
	_v2_may_trace(stage)
}

_may_trace(settings) if model.value(settings, "settings.data_trace_enabled") == true

_may_trace(settings) if model.unknown(settings, "settings.data_trace_enabled")

_v2_unknown_paths := [
	"default_route_settings",
	"default_route_settings.data_trace_enabled",
	"route_settings",
	"route_settings.data_trace_enabled",
]

_v2_traces(stage) if model.value(stage, "default_route_settings.data_trace_enabled") == true

_v2_traces(stage) if {
	some route in stage.values.route_settings
	route.data_trace_enabled == true
}

_v2_may_trace(stage) if _v2_traces(stage)

_v2_may_trace(stage) if {
	some path in _v2_unknown_paths
	model.unknown(stage, path)
}

# A known true is a finding whatever else is unknown; otherwise it depends on the unknown settings.
_v2_paths(stage) := [] if _v2_traces(stage)

_v2_paths(stage) := _v2_unknown_paths if not _v2_traces(stage)
