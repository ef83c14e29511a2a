package apigw.rules.policy.private_api_vpc_restriction_test

import data.apigw.rules.policy.private_api_vpc_restriction as rule

_unknown_mark := {"set": true, "reason": "after_apply", "references": []}

_link_mark := {"set": false, "reason": "link", "references": []}

_absent := {"state": "absent", "error": null, "statements": []}

_no_links := {"targets": [], "indices": [], "uncertain": false}

_condition(operator, key, values) := {
	"operator": operator,
	"base_operator": lower(operator),
	"key": key,
	"key_lower": lower(key),
	"values": values,
}

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

_vpce_deny := _statement({"effect": "Deny", "conditions": [_condition("StringNotEquals", "aws:SourceVpce", ["vpce-0a1b2c3d4e5f60718"])]})

_vpc_allow := _statement({"conditions": [_condition("StringEquals", "aws:SourceVpc", ["vpc-0a1b2c3d"])]})

_open_allow := _statement({})

_parsed(statements) := {"state": "parsed", "error": null, "statements": statements}

_api(types, document, unknown, policies) := {
	"address": "aws_api_gateway_rest_api.api",
	"values": {"endpoint_configuration": {"types": types, "vpc_endpoint_ids": null}, "policy_document": document},
	"unknown": unknown,
	"links": {"policies": policies},
}

_private(document) := _api(["PRIVATE"], document, {}, _no_links)

_policy(document, unknown) := {
	"address": "aws_api_gateway_rest_api_policy.p",
	"values": {"policy_document": document},
	"unknown": unknown,
}

_linked := {"targets": ["aws_api_gateway_rest_api_policy.p"], "indices": [0], "uncertain": false}

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

_unverifiable(findings) if {
	count(findings) == 1
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
}

test_fail_no_policy if {
	findings := rule.deny with input as _input([_private(_absent)], [])
	findings == {{
		"rule_id": "APIGW-305",
		"severity": "high",
		"address": "aws_api_gateway_rest_api.api",
		"message": concat(" ", [
			"Private API aws_api_gateway_rest_api.api has no resource policy: AWS refuses to deploy it,",
			"and nothing limits invocation to your VPC endpoints (aws:SourceVpce or aws:SourceVpc).",
		]),
		"unknown": false,
	}}
}

test_fail_policy_without_vpc_condition if {
	findings := rule.deny with input as _input([_private(_parsed([_open_allow]))], [])
	findings == {{
		"rule_id": "APIGW-305",
		"severity": "high",
		"address": "aws_api_gateway_rest_api.api",
		"message": concat(" ", [
			"Resource policy of private API aws_api_gateway_rest_api.api does not limit invocation with aws:SourceVpce or aws:SourceVpc,",
			"so any VPC endpoint in any account may reach it.",
		]),
		"unknown": false,
	}}
}

test_fail_linked_policy_without_vpc_condition if {
	api := _api(["PRIVATE"], _absent, {}, _linked)
	_blocking(rule.deny) with input as _input([api], [_policy(_parsed([_open_allow]), {})])
}

test_fail_ip_condition_is_not_vpc if {
	allow := _statement({"conditions": [_condition("IpAddress", "aws:SourceIp", ["10.0.0.0/8"])]})
	_blocking(rule.deny) with input as _input([_private(_parsed([allow]))], [])
}

test_fail_allow_with_negative_vpce_operator if {
	allow := _statement({"conditions": [_condition("StringNotEquals", "aws:SourceVpce", ["vpce-0a1b2c3d4e5f60718"])]})
	_blocking(rule.deny) with input as _input([_private(_parsed([allow]))], [])
}

test_fail_invalid_policy if {
	invalid := {"state": "invalid", "error": "has no Statement", "statements": []}
	_blocking(rule.deny) with input as _input([_private(invalid)], [])
}

test_pass_vpce_deny if {
	count(rule.deny) == 0 with input as _input([_private(_parsed([_vpce_deny, _open_allow]))], [])
}

test_pass_vpc_allow if {
	count(rule.deny) == 0 with input as _input([_private(_parsed([_vpc_allow]))], [])
}

test_pass_linked_policy_restricts if {
	api := _api(["PRIVATE"], _absent, {}, _linked)
	count(rule.deny) == 0 with input as _input([api], [_policy(_parsed([_vpce_deny, _open_allow]), {})])
}

test_pass_one_of_two_policies_restricts if {
	api := _api(["PRIVATE"], _parsed([_open_allow]), {}, _linked)
	count(rule.deny) == 0 with input as _input([api], [_policy(_parsed([_vpc_allow]), {})])
}

test_pass_regional_api_without_policy if {
	count(rule.deny) == 0 with input as _input([_api(["REGIONAL"], _absent, {}, _no_links)], [])
}

test_pass_unset_endpoint_configuration_is_edge if {
	api := object.union(_private(_absent), {"values": {"endpoint_configuration": null}})
	count(rule.deny) == 0 with input as _input([api], [])
}

test_unknown_own_policy_is_unverifiable if {
	unknown := {"state": "unknown", "error": null, "statements": []}
	api := _api(["PRIVATE"], unknown, {"policy": _unknown_mark}, _no_links)
	_unverifiable(rule.deny) with input as _input([api], [])
}

test_unknown_linked_policy_is_unverifiable if {
	unknown := {"state": "unknown", "error": null, "statements": []}
	api := _api(["PRIVATE"], _absent, {}, _linked)
	_unverifiable(rule.deny) with input as _input([api], [_policy(unknown, {"policy": _unknown_mark})])
}

test_uncertain_policy_link_is_unverifiable if {
	api := _api(["PRIVATE"], _absent, {"links.policies": _link_mark}, {"targets": [], "indices": [], "uncertain": true})
	_unverifiable(rule.deny) with input as _input([api], [])
}

test_unknown_endpoint_type_is_unverifiable if {
	api := _api(null, _absent, {"endpoint_configuration.types": _unknown_mark}, _no_links)
	_unverifiable(rule.deny) with input as _input([api], [])
}

test_unknown_endpoint_configuration_is_unverifiable if {
	api := object.union(_api(null, _absent, {"endpoint_configuration": _unknown_mark}, _no_links), {"values": {"endpoint_configuration": null}})
	_unverifiable(rule.deny) with input as _input([api], [])
}

test_pass_unknown_endpoint_type_with_vpc_policy if {
	api := _api(null, _parsed([_vpce_deny, _open_allow]), {"endpoint_configuration.types": _unknown_mark}, _no_links)
	count(rule.deny) == 0 with input as _input([api], [])
}
