package apigw.rules.log.detailed_metrics_test

import data.apigw.rules.log.detailed_metrics as rule

_no_links := {"targets": [], "indices": [], "uncertain": false}

_rest_stage(links) := {
	"address": "aws_api_gateway_stage.s",
	"values": {"stage_name": "prod"},
	"unknown": {},
	"links": {"method_settings": links},
}

_linked := _rest_stage({"targets": ["aws_api_gateway_method_settings.m"], "indices": [0], "uncertain": false})

_settings(method_path, settings, unknown) := {
	"address": "aws_api_gateway_method_settings.m",
	"values": {"method_path": method_path, "settings": settings},
	"unknown": unknown,
}

_rest_input(stage, settings) := {"resources": {
	"aws_api_gateway_stage": [stage],
	"aws_api_gateway_method_settings": settings,
	"aws_apigatewayv2_stage": [],
}}

_v2_stage(settings, unknown) := {
	"address": "aws_apigatewayv2_stage.s",
	"values": {"name": "prod", "default_route_settings": settings},
	"unknown": unknown,
}

_v2_input(stage) := {"resources": {"aws_api_gateway_stage": [], "aws_apigatewayv2_stage": [stage]}}

test_fail_rest_no_method_settings if {
	findings := rule.deny with input as _rest_input(_rest_stage(_no_links), [])
	findings == {{
		"rule_id": "APIGW-009",
		"severity": "low",
		"address": "aws_api_gateway_stage.s",
		"message": "Stage aws_api_gateway_stage.s has no detailed CloudWatch metrics: no aws_api_gateway_method_settings with method_path \"*/*\" sets metrics_enabled = true.",
		"unknown": false,
	}}
}

test_fail_rest_metrics_false if {
	findings := rule.deny with input as _rest_input(_linked, [_settings("*/*", {"metrics_enabled": false}, {})])
	count(findings) == 1
}

test_fail_rest_metrics_unset if {
	findings := rule.deny with input as _rest_input(_linked, [_settings("*/*", {"metrics_enabled": null, "logging_level": "INFO"}, {})])
	some finding in findings
	finding.severity == "low"
	finding.unknown == false
}

test_fail_rest_only_one_method_has_metrics if {
	findings := rule.deny with input as _rest_input(_linked, [_settings("items/GET", {"metrics_enabled": true}, {})])
	count(findings) == 1
}

test_pass_rest_metrics_enabled if {
	count(rule.deny) == 0 with input as _rest_input(_linked, [_settings("*/*", {"metrics_enabled": true}, {})])
}

test_unknown_rest_metrics_flag_is_unverifiable if {
	unknown := {"settings.metrics_enabled": {"set": true, "reason": "after_apply", "references": []}}
	findings := rule.deny with input as _rest_input(_linked, [_settings("*/*", {"metrics_enabled": null}, unknown)])
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
	startswith(finding.message, "Unverifiable: the plan does not know aws_api_gateway_method_settings.m: settings.metrics_enabled before apply")
}

test_unknown_rest_method_path_is_unverifiable if {
	unknown := {"method_path": {"set": false, "reason": "after_apply", "references": []}}
	findings := rule.deny with input as _rest_input(_linked, [_settings(null, {"metrics_enabled": true}, unknown)])
	some finding in findings
	finding.unknown == true
}

test_uncertain_rest_link_is_unverifiable if {
	stage := object.union(
		_rest_stage({"targets": [], "indices": [], "uncertain": true}),
		{"unknown": {"links.method_settings": {"set": false, "reason": "link", "references": []}}},
	)
	findings := rule.deny with input as _rest_input(stage, [])
	some finding in findings
	finding.unknown == true
}

test_fail_v2_no_default_route_settings if {
	findings := rule.deny with input as _v2_input(_v2_stage(null, {}))
	findings == {{
		"rule_id": "APIGW-009",
		"severity": "low",
		"address": "aws_apigatewayv2_stage.s",
		"message": "Stage aws_apigatewayv2_stage.s has no detailed CloudWatch metrics: default_route_settings.detailed_metrics_enabled is not true, so per-route errors and latency are not measured.",
		"unknown": false,
	}}
}

test_fail_v2_detailed_metrics_false if {
	count(rule.deny) == 1 with input as _v2_input(_v2_stage({"detailed_metrics_enabled": false}, {}))
}

test_pass_v2_detailed_metrics_enabled if {
	count(rule.deny) == 0 with input as _v2_input(_v2_stage({"detailed_metrics_enabled": true}, {}))
}

test_unknown_v2_flag_is_unverifiable if {
	unknown := {"default_route_settings.detailed_metrics_enabled": {"set": true, "reason": "after_apply", "references": []}}
	findings := rule.deny with input as _v2_input(_v2_stage({"detailed_metrics_enabled": null}, unknown))
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
}

test_unknown_v2_dynamic_block_is_unverifiable if {
	unknown := {"default_route_settings": {"set": false, "reason": "after_apply", "references": []}}
	findings := rule.deny with input as _v2_input(_v2_stage(null, unknown))
	some finding in findings
	finding.unknown == true
}
