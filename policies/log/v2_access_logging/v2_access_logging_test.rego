package apigw.rules.log.v2_access_logging_test

import data.apigw.lib.result
import data.apigw.rules.log.v2_access_logging as rule

_stage(settings, unknown) := {
	"address": "aws_apigatewayv2_stage.s",
	"values": {"name": "prod", "access_log_settings": settings},
	"unknown": unknown,
}

_input(stage) := {"resources": {"aws_apigatewayv2_stage": [stage]}}

test_fail_no_access_log_settings if {
	findings := result.objects(rule.deny) with input as _input(_stage(null, {}))
	findings == {{
		"rule_id": "APIGW-004",
		"severity": "medium",
		"address": "aws_apigatewayv2_stage.s",
		"message": "Stage aws_apigatewayv2_stage.s has no access logging (no access_log_settings block with a non-empty destination_arn), so nothing records who called which route and with what result.",
		"unknown": false,
	}}
}

test_fail_empty_destination if {
	findings := result.objects(rule.deny) with input as _input(_stage({"destination_arn": "", "format": "$context.requestId"}, {}))
	count(findings) == 1
}

test_fail_destination_unset if {
	findings := result.objects(rule.deny) with input as _input(_stage({"destination_arn": null, "format": "$context.requestId"}, {}))
	some finding in findings
	finding.severity == "medium"
}

test_pass_literal_destination if {
	settings := {"destination_arn": "arn:aws:logs:us-east-1:123456789012:log-group:access", "format": "$context.requestId"}
	count(rule.deny) == 0 with input as _input(_stage(settings, {}))
}

test_pass_destination_by_reference if {
	unknown := {"access_log_settings.destination_arn": {
		"set": true, "reason": "after_apply",
		"references": ["aws_cloudwatch_log_group.access.arn", "aws_cloudwatch_log_group.access"],
	}}
	count(rule.deny) == 0 with input as _input(_stage({"destination_arn": null, "format": "$context.requestId"}, unknown))
}

test_unknown_destination_is_unverifiable if {
	unknown := {"access_log_settings.destination_arn": {"set": false, "reason": "after_apply", "references": []}}
	findings := result.objects(rule.deny) with input as _input(_stage({"destination_arn": null, "format": "$context.requestId"}, unknown))
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
}

test_unknown_dynamic_block_is_unverifiable if {
	unknown := {"access_log_settings": {"set": false, "reason": "after_apply", "references": []}}
	findings := result.objects(rule.deny) with input as _input(_stage(null, unknown))
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
}
