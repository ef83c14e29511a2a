package apigw.rules.log.account_cloudwatch_role_test

import data.apigw.lib.result
import data.apigw.rules.log.account_cloudwatch_role as rule

_account(role, unknown) := {
	"address": "aws_api_gateway_account.this",
	"values": {"id": null, "cloudwatch_role_arn": role},
	"unknown": unknown,
}

_input(accounts) := {"resources": {"aws_api_gateway_account": accounts}}

test_fail_role_unset if {
	findings := result.objects(rule.deny) with input as _input([_account(null, {})])
	findings == {{
		"rule_id": "APIGW-008",
		"severity": "medium",
		"address": "aws_api_gateway_account.this",
		"message": "API Gateway account settings aws_api_gateway_account.this have no cloudwatch_role_arn, so REST and WebSocket execution logging in this account and region silently writes nothing.",
		"unknown": false,
	}}
}

test_fail_role_empty if {
	count(rule.deny) == 1 with input as _input([_account("", {})])
}

test_pass_literal_role if {
	count(rule.deny) == 0 with input as _input([_account("arn:aws:iam::123456789012:role/apigw-cloudwatch", {})])
}

test_pass_role_by_reference if {
	unknown := {"cloudwatch_role_arn": {
		"set": true, "reason": "after_apply",
		"references": ["aws_iam_role.apigw_cloudwatch.arn", "aws_iam_role.apigw_cloudwatch"],
	}}
	count(rule.deny) == 0 with input as _input([_account(null, unknown)])
}

test_pass_no_account_resource if {
	count(rule.deny) == 0 with input as _input([])
}

test_unknown_role_is_unverifiable if {
	unknown := {"cloudwatch_role_arn": {"set": false, "reason": "after_apply", "references": []}}
	findings := result.objects(rule.deny) with input as _input([_account(null, unknown)])
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
}
