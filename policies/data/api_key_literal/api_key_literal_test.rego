package apigw.rules.data.api_key_literal_test

import data.apigw.lib.result
import data.apigw.rules.data.api_key_literal as rule

_key(value, literals, unknown) := {
	"address": "aws_api_gateway_api_key.k",
	"values": {"name": "partner", "enabled": true, "value": value},
	"unknown": unknown,
	"sensitive": ["value"],
	"literals": literals,
	"links": {},
}

_input(keys) := {"resources": {"aws_api_gateway_api_key": keys}}

test_fail_literal_value if {
	findings := result.objects(rule.deny) with input as _input([_key("(sensitive)", ["enabled", "name", "value"], {})])
	findings == {{
		"rule_id": "APIGW-503",
		"severity": "medium",
		"address": "aws_api_gateway_api_key.k",
		"message": concat(" ", [
			"API key aws_api_gateway_api_key.k has its value written into the configuration as a literal:",
			"the key is exposed to everyone who can read the code, its history and the plans, and cannot be rotated without a commit.",
		]),
		"unknown": false,
	}}
}

test_fail_message_never_contains_the_value if {
	findings := result.objects(rule.deny) with input as _input([_key("abcdefghij0123456789", ["value"], {})])
	count(findings) == 1
	every finding in findings {
		not contains(finding.message, "abcdefghij0123456789")
	}
}

test_pass_generated_key if {
	count(rule.deny) == 0 with input as _input([_key(null, ["enabled", "name"], {})])
}

test_pass_value_from_a_variable if {
	count(rule.deny) == 0 with input as _input([_key("(sensitive)", ["name"], {})])
}

test_pass_value_from_another_resource if {
	unknown := {"value": {"set": true, "reason": "after_apply", "references": ["random_password.k.result"]}}
	count(rule.deny) == 0 with input as _input([_key(null, ["name"], unknown)])
}
