# METADATA
# title: REST stages set throttling limits
# description: >-
#   A REST API stage needs its own throttling limits: aws_api_gateway_method_settings for all methods ("*/*")
#   with settings.throttling_rate_limit > 0 and settings.throttling_burst_limit > 0 (-1, the default, means
#   no stage limit), or a usage plan in the input that names the stage with throttle_settings or a throttle
#   on that api_stages entry. Without them one client (or a flood) can consume the whole account-level
#   quota shared by every API in the region and run up backend and Lambda costs.
# related_resources:
#   - description: Throttle requests to your REST APIs for better throughput in API Gateway
#     ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
#   - description: aws_api_gateway_method_settings (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_method_settings
#   - description: aws_api_gateway_usage_plan (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_usage_plan
# custom:
#   id: APIGW-601
#   severity: medium
#   kinds: [REST]
#   subjects: [aws_api_gateway_stage]
#   anchors:
#     security_hub: []
#     checkov: []
#     kics: []
#     trivy: []
#     other: [seed guidance]
#   remediation: |
#     Set stage-wide throttling in the "*/*" method settings (or attach a usage plan with throttle_settings):
#
#         resource "aws_api_gateway_method_settings" "all" {
#           rest_api_id = aws_api_gateway_rest_api.api.id
#           stage_name  = aws_api_gateway_stage.prod.stage_name
#           method_path = "*/*"
#
#           settings {
#             logging_level          = "ERROR"
#             throttling_rate_limit  = 100
#             throttling_burst_limit = 50
#           }
#         }
#
#     Or, for APIs called with API keys, a usage plan covering the stage:
#
#         resource "aws_api_gateway_usage_plan" "basic" {
#           name = "basic"
#
#           api_stages {
#             api_id = aws_api_gateway_rest_api.api.id
#             stage  = aws_api_gateway_stage.prod.stage_name
#           }
#
#           throttle_settings {
#             rate_limit  = 50
#             burst_limit = 20
#           }
#         }
package apigw.rules.rate.rest_stage_throttling

import data.apigw.lib.method_settings
import data.apigw.lib.model
import data.apigw.lib.result

# METADATA
# description: A REST stage with no positive throttling limits from "*/*" method settings or a usage plan.
deny contains result.fail(
	rego.metadata.chain(),
	stage,
	concat("", [
		"Stage ",
		stage.address,
		" sets no throttling limits: neither \"*/*\" method settings nor a usage plan set a rate and burst limit above 0, so one client can exhaust the account's shared request quota.",
	]),
	array.flatten([["links.method_settings", "links.usage_plans"], throttling.paths, _plan_paths(stage)]),
) if {
	some stage in input.resources.aws_api_gateway_stage
	throttling := method_settings.all_methods(stage, ["throttling_rate_limit", "throttling_burst_limit"])
	not _throttled(stage, throttling)
}

_throttled(_, throttling) if {
	some settings in throttling.values
	_positive(settings.throttling_rate_limit)
	_positive(settings.throttling_burst_limit)
}

_throttled(stage, _) if {
	some plan in model.usage_plans(stage)
	_plan_throttles(plan, stage)
}

_positive(limit) if {
	is_number(limit)
	limit > 0
}

# The plan's own throttle_settings apply to every stage it names.
_plan_throttles(plan, _) if {
	_positive(model.value(plan, "throttle_settings.rate_limit"))
	_positive(model.value(plan, "throttle_settings.burst_limit"))
}

# A throttle on the plan's api_stages entry for this stage.
_plan_throttles(plan, stage) if {
	some entry in plan.values.api_stages
	_names_stage(plan, entry, stage)
	some throttle in entry.throttle
	_positive(throttle.rate_limit)
	_positive(throttle.burst_limit)
}

# The linked plan names the stage; the entry is the one for it when its stage name is the stage's (and
# the API IDs do not differ where both are known), or when the plan has a single entry.
_names_stage(_, entry, stage) if {
	entry.stage == stage.values.stage_name
	not _different_api(entry, stage)
}

_names_stage(plan, _, _) if count(plan.values.api_stages) == 1

_different_api(entry, stage) if {
	is_string(entry.api_id)
	is_string(stage.values.rest_api_id)
	entry.api_id != stage.values.rest_api_id
}

_plan_paths(stage) := [[plan, path] |
	some plan in model.usage_plans(stage)
	some path in [
		"throttle_settings",
		"throttle_settings.rate_limit",
		"throttle_settings.burst_limit",
		"api_stages",
		"api_stages.stage",
		"api_stages.throttle",
		"api_stages.throttle.rate_limit",
		"api_stages.throttle.burst_limit",
	]
]
