# METADATA
# title: Usage plans bound both rate and quota
# description: >-
#   An aws_api_gateway_usage_plan needs throttle_settings with rate_limit and burst_limit (above 0, the
#   provider's value for "not set") and quota_settings with limit and period. A plan without throttling lets
#   each API key send as fast as the stage allows; a plan without a quota lets a leaked or abused key make
#   unlimited requests per day, week or month.
# related_resources:
#   - description: Usage plans and API keys for REST APIs in API Gateway
#     ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html
#   - description: KICS API Gateway Stage Without API Gateway UsagePlan Associated
#     ref: https://docs.kics.io/latest/queries/terraform-queries/aws/c999cf62-0920-40f8-8dda-0caccd66ed7e/
#   - description: aws_api_gateway_usage_plan (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_usage_plan
# custom:
#   id: APIGW-603
#   severity: low
#   kinds: [REST]
#   subjects: [aws_api_gateway_usage_plan]
#   anchors:
#     security_hub: []
#     checkov: []
#     kics: [API Gateway Stage Without API Gateway UsagePlan Associated, API Gateway Deployment Without API Gateway UsagePlan Associated]
#     trivy: []
#     other: [seed guidance]
#   remediation: |
#     Bound both the request rate and the request count of every key on the plan:
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
#
#           quota_settings {
#             limit  = 100000
#             period = "MONTH"
#           }
#         }
package apigw.rules.rate.usage_plan_limits

import data.apigw.lib.model
import data.apigw.lib.result

# METADATA
# description: A usage plan without a positive rate and burst limit, or without a quota limit and period.
deny contains result.fail(
	rego.metadata.chain(),
	plan,
	concat("", [
		"Usage plan ",
		plan.address,
		" has ",
		concat(" and ", [part.description | some part in missing]),
		", so API keys on it are not bounded in how fast or how much they can call the API.",
	]),
	_paths(missing),
) if {
	some plan in input.resources.aws_api_gateway_usage_plan
	missing := [part | some part in _parts(plan); not part.bounded]
	count(missing) > 0
}

_parts(plan) := [
	_part(plan, "no throttle_settings with rate_limit and burst_limit above 0", _throttled(plan), [
		"throttle_settings",
		"throttle_settings.rate_limit",
		"throttle_settings.burst_limit",
	]),
	_part(plan, "no quota_settings with limit and period", _quota(plan), [
		"quota_settings",
		"quota_settings.limit",
		"quota_settings.period",
	]),
]

_part(plan, description, bounded, paths) := {
	"description": description,
	"bounded": bounded,
	"paths": paths,
	"unknown": _any_unknown(plan, paths),
}

default _throttled(_) := false

_throttled(plan) if {
	_limit(plan, "throttle_settings.rate_limit")
	_limit(plan, "throttle_settings.burst_limit")
}

# A limit above 0, or one set from a reference (present even though its value is known only after apply).
_limit(plan, path) if {
	value := model.value(plan, path)
	is_number(value)
	value > 0
}

_limit(plan, path) if model.set_after_apply(plan, path)

default _quota(_) := false

_quota(plan) if {
	model.present(plan, "quota_settings.limit")
	model.present(plan, "quota_settings.period")
}

default _any_unknown(_, _) := false

_any_unknown(plan, paths) if {
	some path in paths
	model.unknown(plan, path)
}

# A part that is missing for certain makes the finding certain; otherwise it depends on what is unknown.
_paths(missing) := [] if {
	some part in missing
	not part.unknown
}

_paths(missing) := [path | some part in missing; some path in part.paths] if {
	every part in missing {
		part.unknown
	}
}
