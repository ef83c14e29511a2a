package apigw.rules.rate.usage_plan_limits_test

import data.apigw.lib.result
import data.apigw.rules.rate.usage_plan_limits as rule

_plan(throttle, quota, unknown) := {
	"address": "aws_api_gateway_usage_plan.p",
	"values": {"name": "basic", "api_stages": [], "throttle_settings": throttle, "quota_settings": quota},
	"unknown": unknown,
}

_throttle(rate, burst) := {"rate_limit": rate, "burst_limit": burst}

_quota(limit, period) := {"limit": limit, "offset": 0, "period": period}

_input(plan) := {"resources": {"aws_api_gateway_usage_plan": [plan]}}

_after_apply(set) := {"set": set, "reason": "after_apply", "references": []}

test_fail_nothing_bounded if {
	findings := result.objects(rule.deny) with input as _input(_plan(null, null, {}))
	findings == {{
		"rule_id": "APIGW-603",
		"severity": "low",
		"address": "aws_api_gateway_usage_plan.p",
		"message": concat("", [
			"Usage plan aws_api_gateway_usage_plan.p has no throttle_settings with rate_limit and burst_limit above 0 ",
			"and no quota_settings with limit and period, so API keys on it are not bounded in how fast or how much they can call the API.",
		]),
		"unknown": false,
	}}
}

test_fail_no_quota if {
	findings := result.objects(rule.deny) with input as _input(_plan(_throttle(50, 20), null, {}))
	some finding in findings
	contains(finding.message, "has no quota_settings with limit and period, so")
}

test_fail_no_throttle if {
	findings := result.objects(rule.deny) with input as _input(_plan(null, _quota(1000, "MONTH"), {}))
	some finding in findings
	contains(finding.message, "has no throttle_settings with rate_limit and burst_limit above 0, so")
}

test_fail_burst_defaults_to_zero if {
	count(rule.deny) == 1 with input as _input(_plan(_throttle(50, 0), _quota(1000, "MONTH"), {}))
}

test_pass_rate_and_quota if {
	count(rule.deny) == 0 with input as _input(_plan(_throttle(50.5, 20), _quota(1000, "MONTH"), {}))
}

test_pass_limits_by_reference if {
	unknown := {
		"throttle_settings.rate_limit": _after_apply(true),
		"quota_settings.limit": _after_apply(true),
	}
	count(rule.deny) == 0 with input as _input(_plan(_throttle(null, 20), _quota(null, "DAY"), unknown))
}

test_unknown_throttle_is_unverifiable if {
	unknown := {"throttle_settings": _after_apply(false)}
	findings := result.objects(rule.deny) with input as _input(_plan(null, _quota(1000, "WEEK"), unknown))
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
	startswith(finding.message, "Unverifiable: the plan does not know throttle_settings before apply")
}

test_fail_missing_throttle_despite_unknown_quota if {
	unknown := {"quota_settings": _after_apply(false)}
	findings := result.objects(rule.deny) with input as _input(_plan(null, null, unknown))
	some finding in findings
	finding.unknown == false
	finding.severity == "low"
}
