package apigw.rules.policy.no_wildcard_actions_test

import data.apigw.lib.result
import data.apigw.lib.test.build
import data.apigw.rules.policy.no_wildcard_actions as rule

_unknown_mark := {"set": true, "reason": "after_apply", "references": []}

# Granted to one role, not to everyone: the wildcard alone is the finding.
_statement(fields) := build.policy_statement(object.union(
	{"principal": {"any": false, "aws": ["arn:aws:iam::123456789012:role/caller"], "service": [], "federated": []}, "applies_to_everyone": false},
	fields,
))

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
	finding.severity == "medium"
}

test_fail_execute_api_wildcard if {
	findings := result.objects(rule.deny) with input as _api_with([_statement({"actions": ["execute-api:*"]})])
	findings == {{
		"rule_id": "APIGW-302",
		"severity": "medium",
		"address": "aws_api_gateway_rest_api.api",
		"message": concat(" ", [
			"Resource policy of aws_api_gateway_rest_api.api allows every action with a wildcard Action (Statement[0])",
			"instead of naming execute-api:Invoke.",
		]),
		"unknown": false,
	}}
}

test_fail_star_action if {
	_blocking(result.objects(rule.deny)) with input as _api_with([_statement({"actions": ["*"]})])
}

test_fail_wildcard_among_other_actions if {
	_blocking(result.objects(rule.deny)) with input as _api_with([_statement({"actions": ["execute-api:invoke", "execute-api:*"]})])
}

test_fail_both_wildcards_in_one_statement_listed_once if {
	findings := result.objects(rule.deny) with input as _api_with([_statement({"actions": ["*", "execute-api:*"]})])
	some finding in findings
	contains(finding.message, "(Statement[0])")
}

test_fail_lists_every_wildcard_statement if {
	findings := result.objects(rule.deny) with input as _api_with([
		_statement({"actions": ["*"]}),
		_statement({}),
		_statement({"actions": ["execute-api:*"]}),
	])
	some finding in findings
	contains(finding.message, "(Statement[0], Statement[2])")
}

test_fail_policy_resource if {
	findings := result.objects(rule.deny) with input as _input([], [_policy(build.parsed_policy([_statement({"actions": ["*"]})]), {})])
	_blocking(findings)
	some finding in findings
	finding.address == "aws_api_gateway_rest_api_policy.p"
}

test_fail_conditions_do_not_matter if {
	condition := {"operator": "IpAddress", "base_operator": "ipaddress", "set_operator": null, "if_exists": false, "ignore_case": false, "key": "aws:SourceIp", "key_lower": "aws:sourceip", "values": ["203.0.113.0/24"]}
	_blocking(result.objects(rule.deny)) with input as _api_with([_statement({"actions": ["*"], "conditions": [condition]})])
}

test_pass_invoke_only if {
	count(rule.deny) == 0 with input as _api_with([_statement({})])
}

test_pass_deny_with_wildcard if {
	count(rule.deny) == 0 with input as _api_with([_statement({"effect": "Deny", "actions": ["execute-api:*"]}), _statement({})])
}

test_pass_partial_wildcard_is_not_every_action if {
	count(rule.deny) == 0 with input as _api_with([_statement({"actions": ["execute-api:inv*"]})])
}

test_pass_not_action if {
	count(rule.deny) == 0 with input as _api_with([_statement({"actions": [], "not_actions": ["execute-api:invalidatecache"]})])
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
