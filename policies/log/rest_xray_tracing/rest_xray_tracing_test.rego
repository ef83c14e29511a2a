package apigw.rules.log.rest_xray_tracing_test

import data.apigw.lib.result
import data.apigw.rules.log.rest_xray_tracing as rule

_stage(address, xray, unknown) := {
	"address": address,
	"values": {"stage_name": "prod", "xray_tracing_enabled": xray},
	"unknown": unknown,
}

_input(stages) := {"resources": {"aws_api_gateway_stage": stages}}

test_fail_xray_unset if {
	findings := result.objects(rule.deny) with input as _input([_stage("aws_api_gateway_stage.s", null, {})])
	findings == {{
		"rule_id": "APIGW-007",
		"severity": "low",
		"address": "aws_api_gateway_stage.s",
		"message": "Stage aws_api_gateway_stage.s does not have X-Ray tracing enabled (xray_tracing_enabled is not true), so requests cannot be traced through the authorizer, integration and backend.",
		"unknown": false,
	}}
}

test_fail_xray_false if {
	findings := result.objects(rule.deny) with input as _input([_stage("aws_api_gateway_stage.s", false, {})])
	some finding in findings
	finding.severity == "low"
	finding.unknown == false
}

test_fail_only_untraced_stages_reported if {
	stages := [_stage("aws_api_gateway_stage.on", true, {}), _stage("aws_api_gateway_stage.off", false, {})]
	findings := result.objects(rule.deny) with input as _input(stages)
	{f.address | some f in findings} == {"aws_api_gateway_stage.off"}
}

test_pass_xray_true if {
	count(rule.deny) == 0 with input as _input([_stage("aws_api_gateway_stage.s", true, {})])
}

test_unknown_flag_is_unverifiable if {
	unknown := {"xray_tracing_enabled": {
		"set": true,
		"reason": "after_apply",
		"references": ["terraform_data.xray_flag.output", "terraform_data.xray_flag"],
	}}
	findings := result.objects(rule.deny) with input as _input([_stage("aws_api_gateway_stage.s", null, unknown)])
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
	startswith(finding.message, "Unverifiable: the plan does not know xray_tracing_enabled before apply")
}
