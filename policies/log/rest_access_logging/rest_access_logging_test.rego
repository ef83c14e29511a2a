package apigw.rules.log.rest_access_logging_test

import data.apigw.lib.result
import data.apigw.rules.log.rest_access_logging as rule

_stage(address, access_log_settings, unknown) := {
	"address": address,
	"values": {"stage_name": "prod", "access_log_settings": access_log_settings},
	"unknown": unknown,
}

_input(stages) := {"resources": {"aws_api_gateway_stage": stages}}

_arn := "arn:aws:logs:us-east-1:123456789012:log-group:/aws/apigateway/access"

_by_reference := {"access_log_settings.destination_arn": {
	"set": true,
	"reason": "after_apply",
	"references": ["aws_cloudwatch_log_group.access.arn", "aws_cloudwatch_log_group.access"],
}}

test_fail_no_access_log_settings if {
	findings := result.objects(rule.deny) with input as _input([_stage("aws_api_gateway_stage.s", null, {})])
	findings == {{
		"rule_id": "APIGW-003",
		"severity": "medium",
		"address": "aws_api_gateway_stage.s",
		"message": "Stage aws_api_gateway_stage.s has no access logging (no access_log_settings block with a non-empty destination_arn), so no request leaves a record of who called which method and with what result.",
		"unknown": false,
	}}
}

test_fail_empty_destination_arn if {
	stage := _stage("aws_api_gateway_stage.s", {"destination_arn": "", "format": "$context.requestId"}, {})
	findings := result.objects(rule.deny) with input as _input([stage])
	some finding in findings
	finding.severity == "medium"
	finding.unknown == false
}

test_fail_destination_arn_unset if {
	stage := _stage("aws_api_gateway_stage.s", {"destination_arn": null, "format": "$context.requestId"}, {})
	count(rule.deny) == 1 with input as _input([stage])
}

test_fail_only_stages_without_destination if {
	stages := [
		_stage("aws_api_gateway_stage.logged", {"destination_arn": _arn, "format": null}, {}),
		_stage("aws_api_gateway_stage.silent", null, {}),
	]
	findings := result.objects(rule.deny) with input as _input(stages)
	{f.address | some f in findings} == {"aws_api_gateway_stage.silent"}
}

test_pass_literal_arn if {
	stage := _stage("aws_api_gateway_stage.s", {"destination_arn": _arn, "format": null}, {})
	count(rule.deny) == 0 with input as _input([stage])
}

test_pass_log_group_reference if {
	stage := _stage("aws_api_gateway_stage.s", {"destination_arn": null, "format": "$context.requestId"}, _by_reference)
	count(rule.deny) == 0 with input as _input([stage])
}

test_pass_no_stages if {
	count(rule.deny) == 0 with input as _input([])
}

test_unknown_destination_not_from_reference_is_unverifiable if {
	unknown := {"access_log_settings.destination_arn": {"set": false, "reason": "after_apply", "references": []}}
	stage := _stage("aws_api_gateway_stage.s", {"destination_arn": null, "format": null}, unknown)
	findings := result.objects(rule.deny) with input as _input([stage])
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
	startswith(finding.message, "Unverifiable: the plan does not know access_log_settings.destination_arn before apply")
}

test_unknown_dynamic_block_is_unverifiable if {
	unknown := {"access_log_settings": {"set": false, "reason": "after_apply", "references": []}}
	findings := result.objects(rule.deny) with input as _input([_stage("aws_api_gateway_stage.s", null, unknown)])
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
}
