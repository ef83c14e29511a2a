# METADATA
# title: Full request/response data tracing is off
# description: >-
#   Method settings must not set settings.data_trace_enabled = true, on all methods ("*/*") or on a single
#   method. Data tracing writes full request and response bodies and headers to CloudWatch Logs: passwords,
#   bearer tokens, API keys and personal data end up readable by anyone who can read the execution logs.
#   AWS recommends it only for temporary troubleshooting.
# related_resources:
#   - description: Checkov CKV_AWS_276
#     ref: https://github.com/bridgecrewio/checkov/blob/main/checkov/terraform/checks/resource/aws/APIGatewayMethodSettingsDataTrace.py
#   - description: Set up CloudWatch logging for REST APIs in API Gateway (data tracing warning)
#     ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
#   - description: aws_api_gateway_method_settings (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_method_settings
# custom:
#   id: APIGW-006
#   severity: high
#   family: LOG
#   kinds: [REST]
#   subjects: [aws_api_gateway_method_settings]
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
#           settings {
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
	sprintf("Method settings %s turn on full data tracing (data_trace_enabled = true): request and response bodies, credentials and personal data included, end up in CloudWatch Logs.", [settings.address]),
	["settings", "settings.data_trace_enabled"],
) if {
	some settings in input.resources.aws_api_gateway_method_settings
	_may_trace(settings)
}

_may_trace(settings) if model.value(settings, "settings.data_trace_enabled") == true

_may_trace(settings) if settings.unknown["settings.data_trace_enabled"]

_may_trace(settings) if settings.unknown.settings
