package apigw.rules.auth.lambda_permission_source_test

import data.apigw.lib.result
import data.apigw.rules.auth.lambda_permission_source as rule

_unknown_mark := {"set": true, "reason": "after_apply", "references": []}

_absent := {"target": null, "index": null, "state": "absent"}

_resolved(address) := {"target": address, "index": 0, "state": "resolved"}

_permission(principal, source_arn, source_api_id, links, unknown) := {
	"address": "aws_lambda_permission.p",
	"values": {
		"action": "lambda:InvokeFunction",
		"function_name": "orders",
		"principal": principal,
		"source_arn": source_arn,
		"source_api_id": source_api_id,
	},
	"unknown": unknown,
	"links": object.union({"rest_api": _absent, "v2_api": _absent}, links),
}

_apigw := "apigateway.amazonaws.com"

_input(permission) := {"resources": {"aws_lambda_permission": [permission]}}

_message(problem) := sprintf("Lambda permission aws_lambda_permission.p lets API Gateway invoke the function %s.", [problem])

_single(findings, severity, unknown) := finding if {
	count(findings) == 1
	some finding in findings
	finding.severity == severity
	finding.unknown == unknown
}

test_fail_source_arn_missing if {
	findings := result.objects(rule.deny) with input as _input(_permission(_apigw, null, null, {}, {}))
	findings == {{
		"rule_id": "APIGW-107",
		"severity": "high",
		"address": "aws_lambda_permission.p",
		"message": _message("from any API in any account: source_arn is not set"),
		"unknown": false,
	}}
}

test_fail_wildcard_api_id if {
	permission := _permission(_apigw, "arn:aws:execute-api:us-east-1:123456789012:*/*/GET/orders", "*", {}, {})
	finding := _single(result.objects(rule.deny), "high", false) with input as _input(permission)
	finding.message == _message("from any API: the API ID in its source_arn is a wildcard")
}

test_fail_partial_wildcard_api_id if {
	permission := _permission(_apigw, "arn:aws:execute-api:us-east-1:123456789012:ab*/*", "ab*", {}, {})
	_single(result.objects(rule.deny), "high", false) with input as _input(permission)
}

test_fail_single_character_wildcard_api_id if {
	permission := _permission(_apigw, "arn:aws:execute-api:us-east-1:123456789012:a?cdef1234/*", "a?cdef1234", {}, {})
	finding := _single(result.objects(rule.deny), "high", false) with input as _input(permission)
	finding.message == _message("from any API: the API ID in its source_arn is a wildcard")
}

test_fail_wildcard_api_id_even_with_stage_reference if {
	# The ARN is known: its wildcard wins over the stage name it was built from.
	permission := _permission(
		_apigw,
		"arn:aws:execute-api:us-east-1:123456789012:*/prod/*",
		"*",
		{"rest_api": _resolved("aws_api_gateway_rest_api.api")},
		{},
	)
	_single(result.objects(rule.deny), "high", false) with input as _input(permission)
}

test_fail_not_an_execute_api_arn if {
	permission := _permission(_apigw, "arn:aws:s3:::bucket", null, {}, {})
	finding := _single(result.objects(rule.deny), "high", false) with input as _input(permission)
	finding.message == _message("through any API: its source_arn is not the execute-api ARN of one API")
}

test_pass_one_api_id if {
	permission := _permission(_apigw, "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/*/*", "a1b2c3d4e5", {}, {})
	count(rule.deny) == 0 with input as _input(permission)
}

test_pass_reference_to_rest_api if {
	permission := _permission(_apigw, null, null, {"rest_api": _resolved("aws_api_gateway_rest_api.api")}, {
		"source_arn": _unknown_mark,
		"source_api_id": _unknown_mark,
	})
	count(rule.deny) == 0 with input as _input(permission)
}

test_pass_reference_to_v2_stage if {
	permission := _permission(_apigw, null, null, {"v2_api": _resolved("aws_apigatewayv2_api.http")}, {
		"source_arn": _unknown_mark,
		"source_api_id": _unknown_mark,
	})
	count(rule.deny) == 0 with input as _input(permission)
}

test_pass_other_principal if {
	count(rule.deny) == 0 with input as _input(_permission("s3.amazonaws.com", null, null, {}, {}))
}

test_unknown_source_arn_is_unverifiable if {
	permission := _permission(_apigw, null, null, {}, {"source_arn": _unknown_mark, "source_api_id": _unknown_mark})
	_single(result.objects(rule.deny), "info", true) with input as _input(permission)
}

test_unknown_principal_is_unverifiable if {
	permission := _permission(null, null, null, {}, {"principal": _unknown_mark})
	_single(result.objects(rule.deny), "info", true) with input as _input(permission)
}

test_pass_unknown_principal_with_one_api if {
	permission := _permission(null, "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/*", "a1b2c3d4e5", {}, {"principal": _unknown_mark})
	count(rule.deny) == 0 with input as _input(permission)
}
