package apigw.rules.tls.rest_client_certificate_test

import data.apigw.rules.tls.rest_client_certificate as rule

_stage(address, client_certificate_id, unknown) := {
	"address": address,
	"values": {"stage_name": "prod", "client_certificate_id": client_certificate_id},
	"unknown": unknown,
}

_input(stages) := {"resources": {"aws_api_gateway_stage": stages}}

test_fail_client_certificate_unset if {
	findings := rule.deny with input as _input([_stage("aws_api_gateway_stage.s", null, {})])
	findings == {{
		"rule_id": "APIGW-403",
		"severity": "medium",
		"address": "aws_api_gateway_stage.s",
		"message": "Stage aws_api_gateway_stage.s presents no client certificate to its backends (client_certificate_id is not set), so a backend cannot tell requests relayed by API Gateway from direct calls that bypass it.",
		"unknown": false,
	}}
}

test_fail_client_certificate_empty if {
	findings := rule.deny with input as _input([_stage("aws_api_gateway_stage.s", "", {})])
	some finding in findings
	finding.severity == "medium"
	finding.unknown == false
}

test_fail_only_stages_without_certificate_reported if {
	stages := [_stage("aws_api_gateway_stage.with", "abc123", {}), _stage("aws_api_gateway_stage.without", null, {})]
	findings := rule.deny with input as _input(stages)
	{f.address | some f in findings} == {"aws_api_gateway_stage.without"}
}

test_pass_literal_certificate_id if {
	count(rule.deny) == 0 with input as _input([_stage("aws_api_gateway_stage.s", "abc123", {})])
}

test_pass_certificate_reference if {
	unknown := {"client_certificate_id": {
		"set": true,
		"reason": "after_apply",
		"references": ["aws_api_gateway_client_certificate.c.id", "aws_api_gateway_client_certificate.c"],
	}}
	count(rule.deny) == 0 with input as _input([_stage("aws_api_gateway_stage.s", null, unknown)])
}

test_unknown_certificate_not_from_reference_is_unverifiable if {
	unknown := {"client_certificate_id": {"set": false, "reason": "after_apply", "references": []}}
	findings := rule.deny with input as _input([_stage("aws_api_gateway_stage.s", null, unknown)])
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
	startswith(finding.message, "Unverifiable: the plan does not know client_certificate_id before apply")
}
