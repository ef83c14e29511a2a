package apigw.rules.rate.rest_stage_throttling_test

import data.apigw.lib.result
import data.apigw.lib.test.build
import data.apigw.rules.rate.rest_stage_throttling as rule

_stage := build.resource("aws_api_gateway_stage", "s", {"stage_name": "prod", "rest_api_id": null})

_settings(method_path, rate, burst) := build.resource(
	"aws_api_gateway_method_settings",
	"m",
	{"method_path": method_path, "settings": {"throttling_rate_limit": rate, "throttling_burst_limit": burst}},
)

_plan(throttle_settings, api_stages) := build.resource(
	"aws_api_gateway_usage_plan",
	"p",
	{"name": "basic", "throttle_settings": throttle_settings, "api_stages": api_stages, "quota_settings": null},
)

_entry(stage, api_id, throttle) := {"api_id": api_id, "stage": stage, "throttle": throttle}

_throttle := [{"path": "/items/GET", "rate_limit": 10, "burst_limit": 5}]

# A model with the stage linked to the given method settings and usage plans.
_model(stage, settings, plans) := build.input_of(array.flatten([[build.link_set(build.link_set(stage, "method_settings", settings), "usage_plans", plans)], settings, plans]))

_message := concat("", [
	"Stage aws_api_gateway_stage.s sets no throttling limits: neither \"*/*\" method settings nor a usage plan ",
	"set a rate and burst limit above 0, so one client can exhaust the account's shared request quota.",
])

test_fail_nothing_throttles if {
	findings := result.objects(rule.deny) with input as _model(_stage, [], [])
	findings == {{
		"rule_id": "APIGW-601",
		"severity": "medium",
		"address": "aws_api_gateway_stage.s",
		"message": _message,
		"unknown": false,
	}}
}

test_fail_default_minus_one if {
	count(rule.deny) == 1 with input as _model(_stage, [_settings("*/*", -1, -1)], [])
}

test_fail_unset_limits if {
	count(rule.deny) == 1 with input as _model(_stage, [_settings("*/*", null, null)], [])
}

test_fail_only_rate_limit if {
	count(rule.deny) == 1 with input as _model(_stage, [_settings("*/*", 100, -1)], [])
}

test_fail_only_burst_limit if {
	count(rule.deny) == 1 with input as _model(_stage, [_settings("*/*", 0, 50)], [])
}

test_fail_only_one_method_throttled if {
	count(rule.deny) == 1 with input as _model(_stage, [_settings("items/GET", 100, 50)], [])
}

test_fail_usage_plan_without_throttle if {
	findings := result.objects(rule.deny) with input as _model(_stage, [], [_plan(null, [_entry("prod", null, [])])])
	{finding.unknown | some finding in findings} == {false}
}

test_fail_usage_plan_throttles_another_stage_entry if {
	entries := [_entry("dev", null, _throttle), _entry("prod", null, [])]
	count(rule.deny) == 1 with input as _model(_stage, [], [_plan(null, entries)])
}

test_fail_usage_plan_entry_of_another_api if {
	stage := object.union(_stage, {"values": {"rest_api_id": "abc123"}})
	entries := [_entry("prod", "zzz999", _throttle), _entry("prod", "abc123", [])]
	count(rule.deny) == 1 with input as _model(stage, [], [_plan(null, entries)])
}

test_pass_method_settings_limits if {
	count(rule.deny) == 0 with input as _model(_stage, [_settings("*/*", 100, 50)], [])
}

test_pass_usage_plan_throttle_settings if {
	plan := _plan({"rate_limit": 100, "burst_limit": 50}, [_entry("prod", null, [])])
	count(rule.deny) == 0 with input as _model(_stage, [], [plan])
}

test_pass_usage_plan_stage_throttle if {
	entries := [_entry("dev", null, []), _entry("prod", null, _throttle)]
	count(rule.deny) == 0 with input as _model(_stage, [], [_plan(null, entries)])
}

test_pass_usage_plan_single_entry_with_unknown_stage_name if {
	entries := [_entry(null, null, [{"path": "*/*", "rate_limit": 10, "burst_limit": 5}])]
	count(rule.deny) == 0 with input as _model(_stage, [], [_plan(null, entries)])
}

test_pass_usage_plan_entry_of_same_api if {
	stage := object.union(_stage, {"values": {"rest_api_id": "abc123"}})
	entries := [_entry("prod", "abc123", _throttle), _entry("prod", "zzz999", [])]
	count(rule.deny) == 0 with input as _model(stage, [], [_plan(null, entries)])
}

test_unknown_rate_limit_is_unverifiable if {
	settings := build.set_after_apply(_settings("*/*", null, 50), ["settings.throttling_rate_limit"])
	findings := result.objects(rule.deny) with input as _model(_stage, [settings], [])
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
	startswith(finding.message, "Unverifiable: the plan does not know aws_api_gateway_method_settings.m.settings.throttling_rate_limit before apply")
}

test_unknown_method_path_is_unverifiable if {
	findings := result.objects(rule.deny) with input as _model(_stage, [build.unknown(_settings(null, 100, 50), ["method_path"])], [])
	some finding in findings
	finding.unknown == true
}

test_unknown_usage_plan_throttle_is_unverifiable if {
	plan := build.unknown(_plan(null, [_entry("prod", null, [])]), ["throttle_settings"])
	findings := result.objects(rule.deny) with input as _model(_stage, [], [plan])
	some finding in findings
	finding.unknown == true
}

test_uncertain_usage_plan_link_is_unverifiable if {
	stage := build.uncertain_link_set(build.link_set(_stage, "method_settings", []), "usage_plans", [])
	findings := result.objects(rule.deny) with input as build.input_of([stage])
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
}
