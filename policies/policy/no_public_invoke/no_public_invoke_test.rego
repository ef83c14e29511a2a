package apigw.rules.policy.no_public_invoke_test

import data.apigw.lib.result
import data.apigw.lib.test.build
import data.apigw.rules.policy.no_public_invoke as rule

_unknown_mark := {"set": true, "reason": "after_apply", "references": []}

_vpce := build.policy_condition("StringNotEquals", "aws:SourceVpce", ["vpce-0a1b2c3d4e5f60718"])

_ip := build.policy_condition("NotIpAddress", "aws:SourceIp", ["203.0.113.0/24"])

_open := build.policy_statement({})

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

test_fail_inline_policy_allows_everyone if {
	findings := result.objects(rule.deny) with input as _api_with([_open])
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
	findings := result.objects(rule.deny) with input as _input([], [_policy(build.parsed_policy([_open]), {})])
	_blocking(findings)
	some finding in findings
	finding.address == "aws_api_gateway_rest_api_policy.p"
}

test_fail_both_carriers if {
	findings := result.objects(rule.deny) with input as _input([_api(build.parsed_policy([_open]), {})], [_policy(build.parsed_policy([_open]), {})])
	{f.address | some f in findings} == {"aws_api_gateway_rest_api.api", "aws_api_gateway_rest_api_policy.p"}
}

test_fail_lists_every_open_statement if {
	findings := result.objects(rule.deny) with input as _api_with([_open, build.policy_statement({"actions": ["execute-api:*"]})])
	some finding in findings
	contains(finding.message, "(Statement[0], Statement[1])")
}

# Which statements apply to everyone, cover execute-api:Invoke or are narrowed by a conditional Deny is worked
# out when the policy is parsed (src/model/policy-document.ts, tested in test/model/policy-document.test.ts);
# the rule reads those facts.

test_pass_conditional_allow if {
	allow := build.policy_statement({"conditions": [build.policy_condition("IpAddress", "aws:SourceIp", ["203.0.113.0/24"])]})
	count(rule.deny) == 0 with input as _api_with([allow])
}

test_pass_narrowed_by_conditional_deny if {
	deny := build.policy_statement({"effect": "Deny", "conditions": [_vpce]})
	count(rule.deny) == 0 with input as _api_with([deny, build.policy_statement({"narrowed_by_conditional_deny": true})])
}

test_pass_denied_unconditionally if {
	# An unconditional Deny of Invoke to everyone overrides the Allow (explicit Deny wins); which Allow statements
	# it covers is worked out when the policy is parsed (src/model/policy-document.ts).
	deny := build.policy_statement({"effect": "Deny"})
	count(rule.deny) == 0 with input as _api_with([deny, build.policy_statement({"denied_unconditionally": true})])
}

test_fail_only_the_allow_a_deny_does_not_cover if {
	deny := build.policy_statement({"effect": "Deny", "resources": ["execute-api:/prod/*"]})
	covered := build.policy_statement({"resources": ["execute-api:/prod/GET/*"], "denied_unconditionally": true})
	findings := result.objects(rule.deny) with input as _api_with([deny, covered, _open])
	_blocking(findings)
	some finding in findings
	contains(finding.message, "(Statement[2])")
}

test_pass_not_for_everyone if {
	principal := {"any": false, "aws": ["arn:aws:iam::123456789012:role/caller"], "service": [], "federated": []}
	count(rule.deny) == 0 with input as _api_with([build.policy_statement({"principal": principal, "applies_to_everyone": false})])
}

test_pass_other_action if {
	count(rule.deny) == 0 with input as _api_with([build.policy_statement({"actions": ["execute-api:invalidatecache"], "covers_invoke": false})])
}

test_pass_deny_only if {
	count(rule.deny) == 0 with input as _api_with([build.policy_statement({"effect": "Deny"})])
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
	findings := result.objects(rule.deny) with input as _input([_api(unknown, {"policy": _unknown_mark})], [_policy(unknown, {"policy": _unknown_mark})])
	count(findings) == 2
	every finding in findings {
		finding.unknown == true
		finding.severity == "info"
		contains(finding.message, "Unverifiable")
	}
}
