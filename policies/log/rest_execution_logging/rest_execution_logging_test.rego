package apigw.rules.log.rest_execution_logging_test

import data.apigw.rules.log.rest_execution_logging as rule

_stage(links) := {
	"address": "aws_api_gateway_stage.s",
	"values": {"stage_name": "prod"},
	"unknown": {},
	"links": object.union({"method_settings": {"targets": [], "indices": [], "uncertain": false}}, links),
}

_settings(method_path, level, unknown) := {
	"address": "aws_api_gateway_method_settings.m",
	"values": {"method_path": method_path, "settings": {"logging_level": level}},
	"unknown": unknown,
}

_input(stage, settings) := {"resources": {
	"aws_api_gateway_stage": [stage],
	"aws_api_gateway_method_settings": settings,
}}

_linked := _stage({"method_settings": {"targets": ["aws_api_gateway_method_settings.m"], "indices": [0], "uncertain": false}})

test_fail_no_method_settings if {
	findings := rule.deny with input as _input(_stage({}), [])
	findings == {{
		"rule_id": "APIGW-001",
		"severity": "medium",
		"address": "aws_api_gateway_stage.s",
		"message": "Stage aws_api_gateway_stage.s has no execution logging: no aws_api_gateway_method_settings with method_path \"*/*\" sets logging_level to ERROR or INFO.",
		"unknown": false,
	}}
}

test_fail_logging_off if {
	findings := rule.deny with input as _input(_linked, [_settings("*/*", "OFF", {})])
	count(findings) == 1
}

test_fail_logging_unset if {
	findings := rule.deny with input as _input(_linked, [_settings("*/*", null, {})])
	count(findings) == 1
}

test_fail_only_one_method_logs if {
	findings := rule.deny with input as _input(_linked, [_settings("users/GET", "INFO", {})])
	count(findings) == 1
}

test_pass_error_level if {
	count(rule.deny) == 0 with input as _input(_linked, [_settings("*/*", "ERROR", {})])
}

test_pass_info_level if {
	count(rule.deny) == 0 with input as _input(_linked, [_settings("*/*", "INFO", {})])
}

test_unknown_level_is_unverifiable if {
	unknown := {"settings.logging_level": {"set": true, "reason": "after_apply", "references": []}}
	findings := rule.deny with input as _input(_linked, [_settings("*/*", null, unknown)])
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
}

test_uncertain_link_is_unverifiable if {
	stage := object.union(
		_stage({"method_settings": {"targets": [], "indices": [], "uncertain": true}}),
		{"unknown": {"links.method_settings": {"set": false, "reason": "link", "references": []}}},
	)
	findings := rule.deny with input as _input(stage, [])
	some finding in findings
	finding.unknown == true
}
