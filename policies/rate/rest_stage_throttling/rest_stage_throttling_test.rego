package apigw.rules.rate.rest_stage_throttling_test

import data.apigw.rules.rate.rest_stage_throttling as rule

_none := {"targets": [], "indices": [], "uncertain": false}

_one(address) := {"targets": [address], "indices": [0], "uncertain": false}

_stage(method_settings, usage_plans) := {
	"address": "aws_api_gateway_stage.s",
	"values": {"stage_name": "prod", "rest_api_id": null},
	"unknown": {},
	"links": {"method_settings": method_settings, "usage_plans": usage_plans},
}

_with_settings := _stage(_one("aws_api_gateway_method_settings.m"), _none)

_with_plan := _stage(_none, _one("aws_api_gateway_usage_plan.p"))

_settings(method_path, rate, burst, unknown) := {
	"address": "aws_api_gateway_method_settings.m",
	"values": {"method_path": method_path, "settings": {"throttling_rate_limit": rate, "throttling_burst_limit": burst}},
	"unknown": unknown,
}

_plan(throttle_settings, api_stages, unknown) := {
	"address": "aws_api_gateway_usage_plan.p",
	"values": {"name": "basic", "throttle_settings": throttle_settings, "api_stages": api_stages, "quota_settings": null},
	"unknown": unknown,
}

_entry(stage, api_id, throttle) := {"api_id": api_id, "stage": stage, "throttle": throttle}

_input(stage, settings, plans) := {"resources": {
	"aws_api_gateway_stage": [stage],
	"aws_api_gateway_method_settings": settings,
	"aws_api_gateway_usage_plan": plans,
}}

_message := concat("", [
	"Stage aws_api_gateway_stage.s sets no throttling limits: neither \"*/*\" method settings nor a usage plan ",
	"set a rate and burst limit above 0, so one client can exhaust the account's shared request quota.",
])

test_fail_nothing_throttles if {
	findings := rule.deny with input as _input(_stage(_none, _none), [], [])
	findings == {{
		"rule_id": "APIGW-601",
		"severity": "medium",
		"address": "aws_api_gateway_stage.s",
		"message": _message,
		"unknown": false,
	}}
}

test_fail_default_minus_one if {
	findings := rule.deny with input as _input(_with_settings, [_settings("*/*", -1, -1, {})], [])
	count(findings) == 1
}

test_fail_unset_limits if {
	count(rule.deny) == 1 with input as _input(_with_settings, [_settings("*/*", null, null, {})], [])
}

test_fail_only_rate_limit if {
	count(rule.deny) == 1 with input as _input(_with_settings, [_settings("*/*", 100, -1, {})], [])
}

test_fail_only_burst_limit if {
	count(rule.deny) == 1 with input as _input(_with_settings, [_settings("*/*", 0, 50, {})], [])
}

test_fail_only_one_method_throttled if {
	count(rule.deny) == 1 with input as _input(_with_settings, [_settings("items/GET", 100, 50, {})], [])
}

test_fail_usage_plan_without_throttle if {
	plan := _plan(null, [_entry("prod", null, [])], {})
	findings := rule.deny with input as _input(_with_plan, [], [plan])
	some finding in findings
	finding.unknown == false
}

test_fail_usage_plan_throttles_another_stage_entry if {
	entries := [
		_entry("dev", null, [{"path": "/items/GET", "rate_limit": 10, "burst_limit": 5}]),
		_entry("prod", null, []),
	]
	count(rule.deny) == 1 with input as _input(_with_plan, [], [_plan(null, entries, {})])
}

test_fail_usage_plan_entry_of_another_api if {
	stage := object.union(_with_plan, {"values": {"rest_api_id": "abc123"}})
	entries := [
		_entry("prod", "zzz999", [{"path": "/items/GET", "rate_limit": 10, "burst_limit": 5}]),
		_entry("prod", "abc123", []),
	]
	count(rule.deny) == 1 with input as _input(stage, [], [_plan(null, entries, {})])
}

test_pass_method_settings_limits if {
	count(rule.deny) == 0 with input as _input(_with_settings, [_settings("*/*", 100, 50, {})], [])
}

test_pass_usage_plan_throttle_settings if {
	plan := _plan({"rate_limit": 100, "burst_limit": 50}, [_entry("prod", null, [])], {})
	count(rule.deny) == 0 with input as _input(_with_plan, [], [plan])
}

test_pass_usage_plan_stage_throttle if {
	entries := [
		_entry("dev", null, []),
		_entry("prod", null, [{"path": "/items/GET", "rate_limit": 10, "burst_limit": 5}]),
	]
	count(rule.deny) == 0 with input as _input(_with_plan, [], [_plan(null, entries, {})])
}

test_pass_usage_plan_single_entry_with_unknown_stage_name if {
	entries := [_entry(null, null, [{"path": "*/*", "rate_limit": 10, "burst_limit": 5}])]
	count(rule.deny) == 0 with input as _input(_with_plan, [], [_plan(null, entries, {})])
}

test_pass_usage_plan_entry_of_same_api if {
	stage := object.union(_with_plan, {"values": {"rest_api_id": "abc123"}})
	entries := [
		_entry("prod", "abc123", [{"path": "/items/GET", "rate_limit": 10, "burst_limit": 5}]),
		_entry("prod", "zzz999", []),
	]
	count(rule.deny) == 0 with input as _input(stage, [], [_plan(null, entries, {})])
}

test_unknown_rate_limit_is_unverifiable if {
	unknown := {"settings.throttling_rate_limit": {"set": true, "reason": "after_apply", "references": []}}
	findings := rule.deny with input as _input(_with_settings, [_settings("*/*", null, 50, unknown)], [])
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
	startswith(finding.message, "Unverifiable: the plan does not know aws_api_gateway_method_settings.m: settings.throttling_rate_limit before apply")
}

test_unknown_method_path_is_unverifiable if {
	unknown := {"method_path": {"set": false, "reason": "after_apply", "references": []}}
	findings := rule.deny with input as _input(_with_settings, [_settings(null, 100, 50, unknown)], [])
	some finding in findings
	finding.unknown == true
}

test_unknown_usage_plan_throttle_is_unverifiable if {
	unknown := {"throttle_settings": {"set": false, "reason": "after_apply", "references": []}}
	findings := rule.deny with input as _input(_with_plan, [], [_plan(null, [_entry("prod", null, [])], unknown)])
	some finding in findings
	finding.unknown == true
}

test_uncertain_usage_plan_link_is_unverifiable if {
	stage := object.union(
		_stage(_none, {"targets": [], "indices": [], "uncertain": true}),
		{"unknown": {"links.usage_plans": {"set": false, "reason": "link", "references": []}}},
	)
	findings := rule.deny with input as _input(stage, [], [])
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
}
