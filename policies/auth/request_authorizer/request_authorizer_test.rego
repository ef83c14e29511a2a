package apigw.rules.auth.request_authorizer_test

import data.apigw.lib.result
import data.apigw.rules.auth.request_authorizer as rule

_authorizer(type, unknown) := {
	"address": "aws_api_gateway_authorizer.a",
	"values": {"name": "a", "type": type},
	"unknown": unknown,
	"links": {"rest_api": {"target": null, "index": null, "state": "absent"}},
}

_input(authorizer) := {"resources": {"aws_api_gateway_authorizer": [authorizer]}}

test_fail_token if {
	findings := result.objects(rule.deny) with input as _input(_authorizer("TOKEN", {}))
	findings == {{
		"rule_id": "APIGW-105",
		"severity": "low",
		"address": "aws_api_gateway_authorizer.a",
		"message": concat(" ", [
			"Authorizer aws_api_gateway_authorizer.a is a TOKEN Lambda authorizer: it sees only one identity header,",
			"not the method, path, query, source IP or stage of the request it authorizes; use type REQUEST.",
		]),
		"unknown": false,
	}}
}

test_fail_type_unset_defaults_to_token if {
	count(rule.deny) == 1 with input as _input(_authorizer(null, {}))
}

test_pass_request if {
	count(rule.deny) == 0 with input as _input(_authorizer("REQUEST", {}))
}

test_pass_cognito if {
	count(rule.deny) == 0 with input as _input(_authorizer("COGNITO_USER_POOLS", {}))
}

test_unknown_type_is_unverifiable if {
	unknown := {"type": {"set": true, "reason": "after_apply", "references": []}}
	findings := result.objects(rule.deny) with input as _input(_authorizer(null, unknown))
	count(findings) == 1
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
}
