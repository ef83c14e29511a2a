package apigw.rules.policy.no_open_ip_condition_test

import data.apigw.lib.result
import data.apigw.lib.test.build
import data.apigw.rules.policy.no_open_ip_condition as rule

_unknown_mark := {"set": true, "reason": "after_apply", "references": []}

_open_ip := build.policy_condition("IpAddress", "aws:SourceIp", ["0.0.0.0/0"])

_statement(fields) := build.policy_statement(object.union({"conditions": [_open_ip]}, fields))

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

_api_with(statements) := _input([_api(build.parsed_policy(statements), {})], [])

_blocking(findings) if {
	count(findings) == 1
	some finding in findings
	finding.unknown == false
	finding.severity == "high"
}

test_fail_ipv4_everywhere if {
	findings := result.objects(rule.deny) with input as _api_with([_statement({})])
	findings == {{
		"rule_id": "APIGW-303",
		"severity": "high",
		"address": "aws_api_gateway_rest_api.api",
		"message": concat(" ", [
			"Resource policy of aws_api_gateway_rest_api.api allows every principal with only an IpAddress aws:SourceIp condition",
			"that includes 0.0.0.0/0 or ::/0 (Statement[0]), which admits the whole internet.",
		]),
		"unknown": false,
	}}
}

test_fail_ipv6_everywhere if {
	_blocking(result.objects(rule.deny)) with input as _api_with([_statement({"conditions": [build.policy_condition("IpAddress", "aws:SourceIp", ["::/0"])]})])
}

test_fail_everywhere_among_narrow_ranges if {
	condition := build.policy_condition("IpAddress", "aws:SourceIp", ["203.0.113.0/24", "0.0.0.0/0"])
	_blocking(result.objects(rule.deny)) with input as _api_with([_statement({"conditions": [condition]})])
}

test_fail_if_exists_and_key_case if {
	condition := build.policy_condition("IpAddressIfExists", "AWS:SOURCEIP", ["0.0.0.0/0"])
	_blocking(result.objects(rule.deny)) with input as _api_with([_statement({"conditions": [condition]})])
}

test_fail_policy_resource if {
	findings := result.objects(rule.deny) with input as _input([], [_policy(build.parsed_policy([_statement({})]), {})])
	_blocking(findings)
	some finding in findings
	finding.address == "aws_api_gateway_rest_api_policy.p"
}

test_fail_not_principal if {
	not_principal := {"any": false, "aws": ["arn:aws:iam::123456789012:root"], "service": [], "federated": []}
	statement := _statement({"principal": null, "not_principal": not_principal, "applies_to_everyone": true})
	_blocking(result.objects(rule.deny)) with input as _api_with([statement])
}

test_fail_lists_every_open_statement if {
	findings := result.objects(rule.deny) with input as _api_with([_statement({}), _statement({"actions": ["execute-api:*"]})])
	some finding in findings
	contains(finding.message, "(Statement[0], Statement[1])")
}

test_fail_unconditional_deny_does_not_narrow if {
	deny := _statement({"effect": "Deny", "conditions": [], "actions": ["execute-api:invalidatecache"]})
	_blocking(result.objects(rule.deny)) with input as _api_with([deny, _statement({})])
}

test_pass_narrow_range if {
	condition := build.policy_condition("IpAddress", "aws:SourceIp", ["203.0.113.0/24"])
	count(rule.deny) == 0 with input as _api_with([_statement({"conditions": [condition]})])
}

test_pass_another_restriction_too if {
	vpce := build.policy_condition("StringEquals", "aws:SourceVpce", ["vpce-0a1b2c3d4e5f60718"])
	count(rule.deny) == 0 with input as _api_with([_statement({"conditions": [_open_ip, vpce]})])
}

test_pass_second_ip_condition_narrows if {
	narrow := build.policy_condition("ForAnyValue:IpAddress", "aws:SourceIp", ["203.0.113.0/24"])
	count(rule.deny) == 0 with input as _api_with([_statement({"conditions": [_open_ip, narrow]})])
}

test_pass_not_ip_address if {
	condition := build.policy_condition("NotIpAddress", "aws:SourceIp", ["0.0.0.0/0"])
	count(rule.deny) == 0 with input as _api_with([_statement({"conditions": [condition]})])
}

test_pass_other_key if {
	condition := build.policy_condition("IpAddress", "aws:VpcSourceIp", ["0.0.0.0/0"])
	count(rule.deny) == 0 with input as _api_with([_statement({"conditions": [condition]})])
}

test_pass_named_principal if {
	principal := {"any": false, "aws": ["arn:aws:iam::123456789012:role/caller"], "service": [], "federated": []}
	count(rule.deny) == 0 with input as _api_with([_statement({"principal": principal, "applies_to_everyone": false})])
}

test_pass_no_condition_is_another_rule if {
	count(rule.deny) == 0 with input as _api_with([_statement({"conditions": []})])
}

test_pass_deny_statement if {
	count(rule.deny) == 0 with input as _api_with([_statement({"effect": "Deny"})])
}

test_pass_narrowed_by_conditional_deny if {
	# Whether a Deny narrows an Allow is worked out when the policy is parsed (src/model/policy-document.ts).
	deny := _statement({"effect": "Deny", "conditions": [build.policy_condition("NotIpAddress", "aws:SourceIp", ["203.0.113.0/24"])]})
	count(rule.deny) == 0 with input as _api_with([deny, _statement({"narrowed_by_conditional_deny": true})])
}

test_pass_denied_unconditionally if {
	# An unconditional Deny of Invoke to everyone overrides the Allow: IAM evaluates explicit Deny first.
	deny := _statement({"effect": "Deny", "conditions": []})
	count(rule.deny) == 0 with input as _api_with([deny, _statement({"denied_unconditionally": true})])
}

test_fail_every_operator_spelling if {
	# The model normalises IfExists and set prefixes into base_operator, so each spelling is judged alike.
	every operator in ["IpAddressIfExists", "ForAnyValue:IpAddress", "ForAllValues:IpAddressIfExists"] {
		condition := build.policy_condition(operator, "AWS:SOURCEIP", ["0.0.0.0/0"])
		count(rule.deny) == 1 with input as _api_with([_statement({"conditions": [condition]})])
	}
}

test_pass_no_policy if {
	absent := {"state": "absent", "error": null, "statements": []}
	count(rule.deny) == 0 with input as _input([_api(absent, {})], [])
}

test_pass_invalid_policy_is_another_rule if {
	invalid := {"state": "invalid", "error": "has no Statement", "statements": []}
	count(rule.deny) == 0 with input as _input([_api(invalid, {})], [_policy(invalid, {})])
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

# A policy known but for its aws:SourceIp values (src/model/policy-document.ts marks them unknown).

_unknown_ip := build.policy_condition("IpAddress", "aws:SourceIp", ["known-after-apply:aws_eip.office.public_ip"])

_values_unknown(i, j) := {sprintf("policy_document.statements.%d.conditions.%d.values", [i, j]): _unknown_mark}

test_unknown_source_ip_values_are_unverifiable if {
	document := build.parsed_policy([_statement({"conditions": [_unknown_ip]})])
	findings := result.objects(rule.deny) with input as _input([_api(document, _values_unknown(0, 0))], [])
	count(findings) == 1
	some finding in findings
	finding.unknown == true
	contains(finding.message, "policy_document.statements.0.conditions.0.values")
	contains(finding.message, "(Statement[0])")
}

test_unknown_values_beside_an_open_condition_still_unverifiable if {
	document := build.parsed_policy([_statement({"conditions": [_open_ip, _unknown_ip]})])
	findings := result.objects(rule.deny) with input as _input([], [_policy(document, _values_unknown(0, 1))])
	count(findings) == 1
	some finding in findings
	finding.unknown == true
}

test_certain_open_statement_wins_over_possibly_open_one if {
	document := build.parsed_policy([_statement({}), _statement({"conditions": [_unknown_ip]})])
	_blocking(result.objects(rule.deny)) with input as _input([_api(document, _values_unknown(1, 0))], [])
}

test_pass_unknown_values_of_another_condition_key if {
	vpce := build.policy_condition("StringEquals", "aws:SourceVpce", ["known-after-apply:aws_vpc_endpoint.e.id"])
	document := build.parsed_policy([_statement({"conditions": [vpce]})])
	count(rule.deny) == 0 with input as _input([_api(document, _values_unknown(0, 0))], [])
}
