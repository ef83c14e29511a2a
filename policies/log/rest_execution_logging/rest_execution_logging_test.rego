package apigw.rules.log.rest_execution_logging_test

import data.apigw.lib.result
import data.apigw.lib.test.build
import data.apigw.rules.log.rest_execution_logging as rule

_settings(method_path, level) := build.resource(
	"aws_api_gateway_method_settings",
	"m",
	{"method_path": method_path, "settings": {"logging_level": level}},
)

_stage := build.resource("aws_api_gateway_stage", "s", {"stage_name": "prod"})

# A model with the stage linked to the given method settings.
_model(stage, settings) := build.input_of(array.concat([build.link_set(stage, "method_settings", settings)], settings))

test_fail_no_method_settings if {
	findings := result.objects(rule.deny) with input as _model(_stage, [])
	findings == {{
		"rule_id": "APIGW-001",
		"severity": "medium",
		"address": "aws_api_gateway_stage.s",
		"message": "Stage aws_api_gateway_stage.s has no execution logging: no aws_api_gateway_method_settings with method_path \"*/*\" sets logging_level to ERROR or INFO.",
		"unknown": false,
	}}
}

test_fail_logging_off if {
	findings := result.objects(rule.deny) with input as _model(_stage, [_settings("*/*", "OFF")])
	{finding.severity | some finding in findings} == {"medium"}
}

test_fail_logging_unset if {
	findings := result.objects(rule.deny) with input as _model(_stage, [_settings("*/*", null)])
	{finding.severity | some finding in findings} == {"medium"}
}

test_fail_only_one_method_logs if {
	findings := result.objects(rule.deny) with input as _model(_stage, [_settings("users/GET", "INFO")])
	{finding.severity | some finding in findings} == {"medium"}
}

test_pass_error_level if {
	count(rule.deny) == 0 with input as _model(_stage, [_settings("*/*", "ERROR")])
}

test_pass_info_level if {
	count(rule.deny) == 0 with input as _model(_stage, [_settings("*/*", "INFO")])
}

test_unknown_level_is_unverifiable if {
	findings := result.objects(rule.deny) with input as _model(_stage, [build.set_after_apply(_settings("*/*", null), ["settings.logging_level"])])
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
	startswith(finding.message, "Unverifiable: the plan does not know aws_api_gateway_method_settings.m.settings.logging_level before apply")
}

# Issue 13: with method_path unknown and logging_level = INFO, APIGW-001 reported a definite medium finding
# (it skipped the settings) while APIGW-009 reported it unverifiable. The library's one meaning: unverifiable.
test_unknown_method_path_is_unverifiable if {
	findings := result.objects(rule.deny) with input as _model(_stage, [build.unknown(_settings(null, "INFO"), ["method_path"])])
	count(findings) == 1
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
	startswith(finding.message, "Unverifiable: the plan does not know aws_api_gateway_method_settings.m.method_path before apply")
}

test_uncertain_link_is_unverifiable if {
	findings := result.objects(rule.deny) with input as build.input_of([build.uncertain_link_set(_stage, "method_settings", [])])
	some finding in findings
	finding.unknown == true
}
