package apigw.rules.policy.valid_policy_document_test

import data.apigw.lib.result
import data.apigw.rules.policy.valid_policy_document as rule

_unknown_mark := {"set": true, "reason": "after_apply", "references": []}

_invalid(error) := {"state": "invalid", "error": error, "statements": []}

_api(document, unknown) := {
	"address": "aws_api_gateway_rest_api.api",
	"values": {"policy_document": document},
	"unknown": unknown,
}

_policy(document, unknown) := {
	"address": "aws_api_gateway_rest_api_policy.p",
	"values": {"policy_document": document},
	"unknown": unknown,
}

_input(apis, policies) := {"resources": {
	"aws_api_gateway_rest_api": apis,
	"aws_api_gateway_rest_api_policy": policies,
}}

_blocking(findings) if {
	count(findings) == 1
	some finding in findings
	finding.unknown == false
	finding.severity == "high"
}

test_fail_no_statement if {
	findings := result.objects(rule.deny) with input as _input([_api(_invalid("has no Statement"), {})], [])
	findings == {{
		"rule_id": "APIGW-304",
		"severity": "high",
		"address": "aws_api_gateway_rest_api.api",
		"message": concat(" ", [
			"Resource policy of aws_api_gateway_rest_api.api is not a valid policy document (has no Statement):",
			"API Gateway rejects it at apply, leaving the API without the policy meant to restrict it.",
		]),
		"unknown": false,
	}}
}

test_fail_json_syntax_error_does_not_quote_the_policy if {
	error := `not valid JSON (Unexpected token 's', ..."atement": secretvalu"... is not valid JSON)`
	findings := result.objects(rule.deny) with input as _input([], [_policy(_invalid(error), {})])
	_blocking(findings)
	some finding in findings
	finding.address == "aws_api_gateway_rest_api_policy.p"
	contains(finding.message, "(not valid JSON)")
	not contains(finding.message, "secretvalu")
}

test_fail_malformed_statement if {
	findings := result.objects(rule.deny) with input as _input([_api(_invalid("Statement[1] has a malformed Condition"), {})], [])
	_blocking(findings)
	some finding in findings
	contains(finding.message, "(Statement[1] has a malformed Condition)")
}

test_fail_without_reason if {
	findings := result.objects(rule.deny) with input as _input([_api(_invalid(null), {})], [])
	_blocking(findings)
	some finding in findings
	contains(finding.message, "(unparsable)")
}

test_fail_both_carriers if {
	findings := result.objects(rule.deny) with input as _input([_api(_invalid("not a JSON object"), {})], [_policy(_invalid("has no Statement"), {})])
	{f.address | some f in findings} == {"aws_api_gateway_rest_api.api", "aws_api_gateway_rest_api_policy.p"}
}

test_pass_parsed_policy if {
	parsed := {"state": "parsed", "error": null, "statements": []}
	count(rule.deny) == 0 with input as _input([_api(parsed, {})], [_policy(parsed, {})])
}

test_pass_no_policy if {
	absent := {"state": "absent", "error": null, "statements": []}
	count(rule.deny) == 0 with input as _input([_api(absent, {})], [])
}

test_unknown_policy_is_unverifiable if {
	unknown := {"state": "unknown", "error": null, "statements": []}
	findings := result.objects(rule.deny) with input as _input([_api(unknown, {"policy": _unknown_mark})], [_policy(unknown, {"policy": _unknown_mark})])
	count(findings) == 2
	every finding in findings {
		finding.unknown == true
		finding.severity == "info"
		contains(finding.message, "Unverifiable")
	}
}
