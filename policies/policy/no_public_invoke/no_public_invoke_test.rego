package apigw.rules.policy.no_public_invoke_test

import data.apigw.rules.policy.no_public_invoke as rule

_unknown_mark := {"set": true, "reason": "after_apply", "references": []}

_statement(fields) := object.union(
	{
		"sid": null,
		"effect": "Allow",
		"principal": {"any": true, "aws": ["*"], "service": [], "federated": []},
		"not_principal": null,
		"actions": ["execute-api:invoke"],
		"not_actions": [],
		"resources": ["execute-api:/*"],
		"not_resources": [],
		"conditions": [],
	},
	fields,
)

_condition(operator, key, values) := {
	"operator": operator,
	"base_operator": lower(operator),
	"key": key,
	"key_lower": lower(key),
	"values": values,
}

_vpce := _condition("StringNotEquals", "aws:SourceVpce", ["vpce-0a1b2c3d4e5f60718"])

_ip := _condition("NotIpAddress", "aws:SourceIp", ["203.0.113.0/24"])

_open := _statement({})

_parsed(statements) := {"state": "parsed", "error": null, "statements": statements}

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

_api_with(statements) := _input([_api(_parsed(statements), {})], [])

_blocking(findings) if {
	count(findings) == 1
	some finding in findings
	finding.unknown == false
	finding.severity == "high"
}

test_fail_inline_policy_allows_everyone if {
	findings := rule.deny with input as _api_with([_open])
	findings == {{
		"rule_id": "APIGW-301",
		"severity": "high",
		"address": "aws_api_gateway_rest_api.api",
		"message": concat(" ", [
			"Resource policy of aws_api_gateway_rest_api.api lets any principal invoke the API without a Condition (Statement[0]),",
			"and no Deny with a Condition narrows it.",
		]),
		"unknown": false,
	}}
}

test_fail_policy_resource_allows_everyone if {
	findings := rule.deny with input as _input([], [_policy(_parsed([_open]), {})])
	_blocking(findings)
	some finding in findings
	finding.address == "aws_api_gateway_rest_api_policy.p"
}

test_fail_both_carriers if {
	findings := rule.deny with input as _input([_api(_parsed([_open]), {})], [_policy(_parsed([_open]), {})])
	{f.address | some f in findings} == {"aws_api_gateway_rest_api.api", "aws_api_gateway_rest_api_policy.p"}
}

test_fail_lists_every_open_statement if {
	findings := rule.deny with input as _api_with([_open, _statement({"actions": ["execute-api:*"]})])
	some finding in findings
	contains(finding.message, "(Statement[0], Statement[1])")
}

test_fail_aws_star_principal if {
	principal := {"any": true, "aws": ["*", "arn:aws:iam::123456789012:root"], "service": [], "federated": []}
	_blocking(rule.deny) with input as _api_with([_statement({"principal": principal})])
}

test_fail_not_principal if {
	not_principal := {"any": false, "aws": ["arn:aws:iam::123456789012:root"], "service": [], "federated": []}
	_blocking(rule.deny) with input as _api_with([_statement({"principal": null, "not_principal": not_principal})])
}

test_fail_wildcard_actions if {
	every action in ["*", "execute-api:*", "execute-api:inv*", "execute-api:invok?", "*:invoke"] {
		_blocking(rule.deny) with input as _api_with([_statement({"actions": ["execute-api:invalidatecache", action]})])
	}
}

test_fail_not_action if {
	_blocking(rule.deny) with input as _api_with([_statement({"actions": [], "not_actions": ["execute-api:invalidatecache"]})])
}

test_fail_unconditional_deny_does_not_narrow if {
	_blocking(rule.deny) with input as _api_with([_statement({"effect": "Deny", "resources": ["*"]}), _open])
}

test_fail_deny_on_narrower_resources if {
	deny := _statement({"effect": "Deny", "resources": ["execute-api:/*/POST/*"], "conditions": [_ip]})
	_blocking(rule.deny) with input as _api_with([deny, _open])
}

test_fail_deny_for_one_principal if {
	principal := {"any": false, "aws": ["arn:aws:iam::123456789012:root"], "service": [], "federated": []}
	deny := _statement({"effect": "Deny", "principal": principal, "conditions": [_ip]})
	_blocking(rule.deny) with input as _api_with([deny, _open])
}

test_fail_deny_of_other_action if {
	deny := _statement({"effect": "Deny", "actions": ["execute-api:invalidatecache"], "conditions": [_ip]})
	_blocking(rule.deny) with input as _api_with([deny, _open])
}

test_fail_allow_without_resources_and_specific_deny if {
	allow := _statement({"resources": [], "not_resources": ["execute-api:/*/GET/health"]})
	deny := _statement({"effect": "Deny", "resources": ["arn:aws:execute-api:*:*:*/*"], "conditions": [_ip]})
	_blocking(rule.deny) with input as _api_with([deny, allow])
}

test_pass_conditional_allow if {
	allow := _statement({"conditions": [_condition("IpAddress", "aws:SourceIp", ["203.0.113.0/24"])]})
	count(rule.deny) == 0 with input as _api_with([allow])
}

test_pass_vpce_deny_then_allow if {
	deny := _statement({"effect": "Deny", "conditions": [_vpce]})
	count(rule.deny) == 0 with input as _api_with([deny, _open])
}

test_pass_deny_anywhere_in_the_document if {
	deny := _statement({"effect": "Deny", "conditions": [_vpce]})
	count(rule.deny) == 0 with input as _api_with([_open, deny])
}

test_pass_ip_deny_with_star_resource if {
	deny := _statement({"effect": "Deny", "resources": ["*"], "conditions": [_ip]})
	allow := _statement({"resources": ["arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/*"]})
	count(rule.deny) == 0 with input as _api_with([deny, allow])
}

test_pass_deny_covers_allow_resources_by_wildcard if {
	deny := _statement({"effect": "Deny", "resources": ["arn:aws:execute-api:us-east-1:*:a1b2c3d4e5/*"], "conditions": [_ip]})
	allow := _statement({"resources": [
		"arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/*",
		"arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/POST/orders",
	]})
	count(rule.deny) == 0 with input as _api_with([deny, allow])
}

test_pass_deny_with_wildcard_action if {
	deny := _statement({"effect": "Deny", "actions": ["execute-api:*"], "conditions": [_vpce]})
	count(rule.deny) == 0 with input as _api_with([deny, _open])
}

test_pass_named_principal if {
	principal := {"any": false, "aws": ["arn:aws:iam::123456789012:role/caller"], "service": [], "federated": []}
	count(rule.deny) == 0 with input as _api_with([_statement({"principal": principal})])
}

test_pass_other_action if {
	count(rule.deny) == 0 with input as _api_with([_statement({"actions": ["execute-api:invalidatecache"]})])
}

test_pass_not_action_excluding_invoke if {
	count(rule.deny) == 0 with input as _api_with([_statement({"actions": [], "not_actions": ["execute-api:*"]})])
}

test_pass_deny_only if {
	count(rule.deny) == 0 with input as _api_with([_statement({"effect": "Deny"})])
}

test_pass_no_policy if {
	absent := {"state": "absent", "error": null, "statements": []}
	count(rule.deny) == 0 with input as _input([_api(absent, {})], [])
}

test_pass_invalid_policy_is_another_rule if {
	invalid := {"state": "invalid", "error": "not valid JSON", "statements": []}
	count(rule.deny) == 0 with input as _input([_api(invalid, {})], [_policy(invalid, {})])
}

test_unknown_policy_is_unverifiable if {
	unknown := {"state": "unknown", "error": null, "statements": []}
	findings := rule.deny with input as _input([_api(unknown, {"policy": _unknown_mark})], [_policy(unknown, {"policy": _unknown_mark})])
	count(findings) == 2
	every finding in findings {
		finding.unknown == true
		finding.severity == "info"
		contains(finding.message, "Unverifiable")
	}
}
