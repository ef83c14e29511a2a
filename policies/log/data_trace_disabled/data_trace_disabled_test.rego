package apigw.rules.log.data_trace_disabled_test

import data.apigw.lib.result
import data.apigw.rules.log.data_trace_disabled as rule

_settings(address, method_path, settings, unknown) := {
	"address": address,
	"values": {"method_path": method_path, "settings": settings},
	"unknown": unknown,
}

_input(all_settings) := {"resources": {"aws_api_gateway_method_settings": all_settings}}

_unknown_flag := {"settings.data_trace_enabled": {
	"set": true,
	"reason": "after_apply",
	"references": ["terraform_data.trace_flag.output", "terraform_data.trace_flag"],
}}

test_fail_data_trace_all_methods if {
	values := {"logging_level": "INFO", "data_trace_enabled": true}
	settings := _settings("aws_api_gateway_method_settings.m", "*/*", values, {})
	findings := result.objects(rule.deny) with input as _input([settings])
	findings == {{
		"rule_id": "APIGW-006",
		"severity": "high",
		"address": "aws_api_gateway_method_settings.m",
		"message": "Method settings aws_api_gateway_method_settings.m turn on full data tracing (data_trace_enabled = true): request and response bodies, credentials and personal data included, end up in CloudWatch Logs.",
		"unknown": false,
	}}
}

test_fail_data_trace_one_method if {
	settings := _settings("aws_api_gateway_method_settings.m", "items/GET", {"data_trace_enabled": true}, {})
	findings := result.objects(rule.deny) with input as _input([settings])
	some finding in findings
	finding.severity == "high"
	finding.unknown == false
}

test_fail_only_tracing_settings_reported if {
	all_settings := [
		_settings("aws_api_gateway_method_settings.off", "*/*", {"data_trace_enabled": false}, {}),
		_settings("aws_api_gateway_method_settings.on", "items/GET", {"data_trace_enabled": true}, {}),
	]
	findings := result.objects(rule.deny) with input as _input(all_settings)
	{f.address | some f in findings} == {"aws_api_gateway_method_settings.on"}
}

test_pass_data_trace_false if {
	values := {"logging_level": "INFO", "data_trace_enabled": false}
	settings := _settings("aws_api_gateway_method_settings.m", "*/*", values, {})
	count(rule.deny) == 0 with input as _input([settings])
}

test_pass_data_trace_unset if {
	values := {"logging_level": "ERROR", "data_trace_enabled": null}
	settings := _settings("aws_api_gateway_method_settings.m", "*/*", values, {})
	count(rule.deny) == 0 with input as _input([settings])
}

test_pass_no_settings_block if {
	count(rule.deny) == 0 with input as _input([_settings("aws_api_gateway_method_settings.m", "*/*", null, {})])
}

test_unknown_flag_is_unverifiable if {
	settings := _settings("aws_api_gateway_method_settings.m", "*/*", {"data_trace_enabled": null}, _unknown_flag)
	findings := result.objects(rule.deny) with input as _input([settings])
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
	startswith(finding.message, "Unverifiable: the plan does not know settings.data_trace_enabled before apply")
}

test_unknown_settings_block_is_unverifiable if {
	unknown := {"settings": {"set": false, "reason": "after_apply", "references": []}}
	findings := result.objects(rule.deny) with input as _input([_settings("aws_api_gateway_method_settings.m", "*/*", null, unknown)])
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
}

_stage(default_settings, route_settings, unknown) := {
	"address": "aws_apigatewayv2_stage.s",
	"values": {"name": "prod", "default_route_settings": default_settings, "route_settings": route_settings},
	"unknown": unknown,
}

_v2_input(stage) := {"resources": {"aws_apigatewayv2_stage": [stage]}}

test_fail_v2_default_route_data_trace if {
	stage := _stage({"logging_level": "INFO", "data_trace_enabled": true}, [], {})
	findings := result.objects(rule.deny) with input as _v2_input(stage)
	findings == {{
		"rule_id": "APIGW-006",
		"severity": "high",
		"address": "aws_apigatewayv2_stage.s",
		"message": concat("", [
			"Stage aws_apigatewayv2_stage.s turns on full data tracing (data_trace_enabled = true in default_route_settings or route_settings): ",
			"message payloads, credentials and personal data included, end up in CloudWatch Logs.",
		]),
		"unknown": false,
	}}
}

test_fail_v2_one_route_data_trace if {
	routes := [
		{"route_key": "$default", "data_trace_enabled": false},
		{"route_key": "$connect", "data_trace_enabled": true},
	]
	findings := result.objects(rule.deny) with input as _v2_input(_stage({"data_trace_enabled": false}, routes, {}))
	some finding in findings
	finding.severity == "high"
	finding.unknown == false
}

test_fail_v2_known_true_despite_unknown_route if {
	unknown := {"route_settings.data_trace_enabled": {"set": true, "reason": "after_apply", "references": []}}
	findings := result.objects(rule.deny) with input as _v2_input(_stage({"data_trace_enabled": true}, [{"data_trace_enabled": null}], unknown))
	some finding in findings
	finding.severity == "high"
	finding.unknown == false
}

test_pass_v2_data_trace_false if {
	routes := [{"route_key": "$connect", "logging_level": "INFO", "data_trace_enabled": false}]
	count(rule.deny) == 0 with input as _v2_input(_stage({"logging_level": "INFO", "data_trace_enabled": false}, routes, {}))
}

test_pass_v2_no_settings if {
	count(rule.deny) == 0 with input as _v2_input(_stage(null, [], {}))
}

test_unknown_v2_default_flag_is_unverifiable if {
	findings := result.objects(rule.deny) with input as _v2_input(_stage({"data_trace_enabled": null}, [], {"default_route_settings.data_trace_enabled": {
		"set": true,
		"reason": "after_apply",
		"references": ["terraform_data.trace_flag.output"],
	}}))
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
	startswith(finding.message, "Unverifiable: the plan does not know default_route_settings.data_trace_enabled before apply")
}

test_unknown_v2_dynamic_route_settings_is_unverifiable if {
	unknown := {"route_settings": {"set": false, "reason": "after_apply", "references": []}}
	findings := result.objects(rule.deny) with input as _v2_input(_stage(null, [], unknown))
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
}
