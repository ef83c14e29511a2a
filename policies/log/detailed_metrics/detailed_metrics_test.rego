package apigw.rules.log.detailed_metrics_test

import data.apigw.lib.result
import data.apigw.lib.test.build
import data.apigw.rules.log.detailed_metrics as rule

_rest_stage := build.resource("aws_api_gateway_stage", "s", {"stage_name": "prod"})

_settings(method_path, settings) := build.resource(
	"aws_api_gateway_method_settings",
	"m",
	{"method_path": method_path, "settings": settings},
)

# A model with the REST stage linked to the given method settings.
_rest_model(stage, settings) := build.input_of(array.concat([build.link_set(stage, "method_settings", settings)], settings))

_v2_stage(settings) := build.resource("aws_apigatewayv2_stage", "s", {"name": "prod", "default_route_settings": settings})

test_fail_rest_no_method_settings if {
	findings := result.objects(rule.deny) with input as _rest_model(_rest_stage, [])
	findings == {{
		"rule_id": "APIGW-009",
		"severity": "low",
		"address": "aws_api_gateway_stage.s",
		"message": "Stage aws_api_gateway_stage.s has no detailed CloudWatch metrics: no aws_api_gateway_method_settings with method_path \"*/*\" sets metrics_enabled = true.",
		"unknown": false,
	}}
}

test_fail_rest_metrics_false if {
	count(rule.deny) == 1 with input as _rest_model(_rest_stage, [_settings("*/*", {"metrics_enabled": false})])
}

test_fail_rest_metrics_unset if {
	findings := result.objects(rule.deny) with input as _rest_model(_rest_stage, [_settings("*/*", {"metrics_enabled": null, "logging_level": "INFO"})])
	{[finding.severity, finding.unknown] | some finding in findings} == {["low", false]}
}

test_fail_rest_only_one_method_has_metrics if {
	count(rule.deny) == 1 with input as _rest_model(_rest_stage, [_settings("items/GET", {"metrics_enabled": true})])
}

test_pass_rest_metrics_enabled if {
	count(rule.deny) == 0 with input as _rest_model(_rest_stage, [_settings("*/*", {"metrics_enabled": true})])
}

test_unknown_rest_metrics_flag_is_unverifiable if {
	settings := build.set_after_apply(_settings("*/*", {"metrics_enabled": null}), ["settings.metrics_enabled"])
	findings := result.objects(rule.deny) with input as _rest_model(_rest_stage, [settings])
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
	startswith(finding.message, "Unverifiable: the plan does not know aws_api_gateway_method_settings.m.settings.metrics_enabled before apply")
}

test_unknown_rest_method_path_is_unverifiable if {
	settings := build.unknown(_settings(null, {"metrics_enabled": true}), ["method_path"])
	findings := result.objects(rule.deny) with input as _rest_model(_rest_stage, [settings])
	some finding in findings
	finding.unknown == true
}

test_uncertain_rest_link_is_unverifiable if {
	findings := result.objects(rule.deny) with input as build.input_of([build.uncertain_link_set(_rest_stage, "method_settings", [])])
	some finding in findings
	finding.unknown == true
}

test_fail_v2_no_default_route_settings if {
	findings := result.objects(rule.deny) with input as build.input_of([_v2_stage(null)])
	findings == {{
		"rule_id": "APIGW-009",
		"severity": "low",
		"address": "aws_apigatewayv2_stage.s",
		"message": "Stage aws_apigatewayv2_stage.s has no detailed CloudWatch metrics: default_route_settings.detailed_metrics_enabled is not true, so per-route errors and latency are not measured.",
		"unknown": false,
	}}
}

test_fail_v2_detailed_metrics_false if {
	count(rule.deny) == 1 with input as build.input_of([_v2_stage({"detailed_metrics_enabled": false})])
}

test_pass_v2_detailed_metrics_enabled if {
	count(rule.deny) == 0 with input as build.input_of([_v2_stage({"detailed_metrics_enabled": true})])
}

test_unknown_v2_flag_is_unverifiable if {
	stage := build.set_after_apply(_v2_stage({"detailed_metrics_enabled": null}), ["default_route_settings.detailed_metrics_enabled"])
	findings := result.objects(rule.deny) with input as build.input_of([stage])
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
}

test_unknown_v2_dynamic_block_is_unverifiable if {
	findings := result.objects(rule.deny) with input as build.input_of([build.unknown(_v2_stage(null), ["default_route_settings"])])
	some finding in findings
	finding.unknown == true
}
