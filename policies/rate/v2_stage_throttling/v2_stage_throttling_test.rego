package apigw.rules.rate.v2_stage_throttling_test

import data.apigw.lib.result
import data.apigw.rules.rate.v2_stage_throttling as rule

_stage(settings, unknown) := {
	"address": "aws_apigatewayv2_stage.s",
	"values": {"name": "prod", "default_route_settings": settings, "route_settings": []},
	"unknown": unknown,
}

_limits(rate, burst) := {"throttling_rate_limit": rate, "throttling_burst_limit": burst}

_input(stage) := {"resources": {"aws_apigatewayv2_stage": [stage]}}

test_fail_no_default_route_settings if {
	findings := result.objects(rule.deny) with input as _input(_stage(null, {}))
	findings == {{
		"rule_id": "APIGW-602",
		"severity": "medium",
		"address": "aws_apigatewayv2_stage.s",
		"message": concat("", [
			"Stage aws_apigatewayv2_stage.s sets no throttling limits: default_route_settings.throttling_rate_limit and throttling_burst_limit ",
			"are not both above 0, so one client can exhaust the account's shared request quota.",
		]),
		"unknown": false,
	}}
}

test_fail_limits_unset if {
	count(rule.deny) == 1 with input as _input(_stage(_limits(null, null), {}))
}

test_fail_only_rate if {
	count(rule.deny) == 1 with input as _input(_stage(_limits(100, null), {}))
}

test_fail_zero_burst if {
	count(rule.deny) == 1 with input as _input(_stage(_limits(100, 0), {}))
}

test_fail_route_settings_only if {
	stage := object.union(_stage(null, {}), {"values": {"route_settings": [object.union({"route_key": "GET /"}, _limits(100, 50))]}})
	count(rule.deny) == 1 with input as _input(stage)
}

test_pass_both_limits if {
	count(rule.deny) == 0 with input as _input(_stage(_limits(100.5, 50), {}))
}

test_unknown_limit_is_unverifiable if {
	unknown := {"default_route_settings.throttling_burst_limit": {"set": true, "reason": "after_apply", "references": []}}
	findings := result.objects(rule.deny) with input as _input(_stage(_limits(100, null), unknown))
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
}

test_unknown_dynamic_block_is_unverifiable if {
	unknown := {"default_route_settings": {"set": false, "reason": "after_apply", "references": []}}
	findings := result.objects(rule.deny) with input as _input(_stage(null, unknown))
	some finding in findings
	finding.unknown == true
}
