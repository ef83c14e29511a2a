package apigw.rules.auth.rest_method_authorization_test

import data.apigw.lib.result
import data.apigw.lib.test.build
import data.apigw.rules.auth.rest_method_authorization as rule

_unknown_mark := {"set": true, "reason": "after_apply", "references": []}

_link_mark := {"set": false, "reason": "link", "references": []}

_resolved := {"target": "aws_api_gateway_rest_api.api", "index": 0, "state": "resolved"}

_method(http_method, authorization, api_key_required, unknown, rest_api) := {
	"address": "aws_api_gateway_method.m",
	"values": {"http_method": http_method, "authorization": authorization, "api_key_required": api_key_required},
	"unknown": unknown,
	"links": {"rest_api": rest_api},
}

_none(http_method) := _method(http_method, "NONE", false, {}, _resolved)

_no_policies := {"targets": [], "indices": [], "uncertain": false}

_api(types, document, policies, unknown) := {
	"address": "aws_api_gateway_rest_api.api",
	"values": {"endpoint_configuration": {"types": types, "vpc_endpoint_ids": null}, "policy_document": document},
	"unknown": unknown,
	"links": {"policies": policies},
}

_public_api := _api(["REGIONAL"], build.absent_policy, _no_policies, {})

_vpce_deny := build.policy_statement({
	"effect": "Deny",
	"conditions": [build.policy_condition("StringNotEquals", "aws:SourceVpce", ["vpce-0a1b2c3d4e5f60718"])],
})

_vpc_allow := build.policy_statement({"conditions": [build.policy_condition("StringEquals", "aws:SourceVpc", ["vpc-0123456789abcdef0"])]})

_open_allow := build.policy_statement({})

_policy(document, unknown) := {
	"address": "aws_api_gateway_rest_api_policy.p",
	"values": {"policy_document": document},
	"unknown": unknown,
	"links": {"rest_api": _resolved},
}

_linked_policy := {"targets": ["aws_api_gateway_rest_api_policy.p"], "indices": [0], "uncertain": false}

_input(method, apis, policies) := {"resources": {
	"aws_api_gateway_method": [method],
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

test_fail_none_get if {
	findings := result.objects(rule.deny) with input as _input(_none("GET"), [_public_api], [])
	findings == {{
		"rule_id": "APIGW-101",
		"severity": "high",
		"address": "aws_api_gateway_method.m",
		"message": concat(" ", [
			"Method aws_api_gateway_method.m has authorization \"NONE\":",
			"anyone who can reach the API can call it without credentials (an API key is not authentication).",
		]),
		"unknown": false,
	}}
}

test_fail_none_with_api_key if {
	method := _method("POST", "NONE", true, {}, _resolved)
	_blocking(result.objects(rule.deny)) with input as _input(method, [_public_api], [])
}

test_fail_none_any if {
	_blocking(result.objects(rule.deny)) with input as _input(_none("ANY"), [_public_api], [])
}

test_fail_lowercase_options_is_not_exempt if {
	_blocking(result.objects(rule.deny)) with input as _input(_none("options"), [_public_api], [])
}

# Whether a private, VPC-only API exempts the method is out of sight (lib/parent.rego).
test_api_managed_elsewhere_is_unverifiable if {
	method := _method("GET", "NONE", false, {}, {"target": null, "index": null, "state": "absent"})
	findings := result.objects(rule.deny) with input as _input(method, [], [])
	count(findings) == 1
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
	startswith(finding.message, "Unverifiable: the API this resource belongs to (")
}

test_fail_private_api_without_policy if {
	api := _api(["PRIVATE"], build.absent_policy, _no_policies, {})
	_blocking(result.objects(rule.deny)) with input as _input(_none("GET"), [api], [])
}

test_fail_private_api_open_policy if {
	api := _api(["PRIVATE"], build.parsed_policy([_open_allow]), _no_policies, {})
	_blocking(result.objects(rule.deny)) with input as _input(_none("GET"), [api], [])
}

test_fail_public_api_with_vpc_policy if {
	api := _api(["REGIONAL"], build.parsed_policy([_vpce_deny, _open_allow]), _no_policies, {})
	_blocking(result.objects(rule.deny)) with input as _input(_none("GET"), [api], [])
}

test_fail_unset_endpoint_configuration_with_vpc_policy if {
	api := object.union(_public_api, {"values": {"endpoint_configuration": null, "policy_document": build.parsed_policy([_vpce_deny])}})
	_blocking(result.objects(rule.deny)) with input as _input(_none("GET"), [api], [])
}

test_fail_private_api_invalid_policy if {
	api := _api(["PRIVATE"], {"state": "invalid", "error": "not valid JSON", "statements": []}, _no_policies, {})
	_blocking(result.objects(rule.deny)) with input as _input(_none("GET"), [api], [])
}

test_fail_unknown_endpoint_type_without_vpc_policy if {
	unknown := {"endpoint_configuration.types": _unknown_mark}
	api := _api(null, build.absent_policy, _no_policies, unknown)
	_blocking(result.objects(rule.deny)) with input as _input(_none("GET"), [api], [])
}

test_fail_unknown_policy_on_public_api if {
	api := _api(["EDGE"], {"state": "unknown", "error": null, "statements": []}, _no_policies, {"policy": _unknown_mark})
	_blocking(result.objects(rule.deny)) with input as _input(_none("GET"), [api], [])
}

test_pass_aws_iam if {
	count(rule.deny) == 0 with input as _input(_method("GET", "AWS_IAM", false, {}, _resolved), [_public_api], [])
}

test_pass_custom_authorizer if {
	count(rule.deny) == 0 with input as _input(_method("POST", "CUSTOM", false, {}, _resolved), [_public_api], [])
}

test_pass_cognito if {
	method := _method("GET", "COGNITO_USER_POOLS", false, {}, _resolved)
	count(rule.deny) == 0 with input as _input(method, [_public_api], [])
}

test_pass_options_preflight if {
	count(rule.deny) == 0 with input as _input(_none("OPTIONS"), [_public_api], [])
}

test_pass_private_api_vpce_deny if {
	api := _api(["PRIVATE"], build.parsed_policy([_vpce_deny, _open_allow]), _no_policies, {})
	count(rule.deny) == 0 with input as _input(_none("GET"), [api], [])
}

test_pass_private_api_vpc_policy_resource if {
	api := _api(["PRIVATE"], build.absent_policy, _linked_policy, {})
	policy := _policy(build.parsed_policy([_vpc_allow]), {})
	count(rule.deny) == 0 with input as _input(_none("POST"), [api], [policy])
}

test_pass_private_vpc_api_with_unknown_second_policy if {
	api := _api(["PRIVATE"], build.parsed_policy([_vpce_deny, _open_allow]), _linked_policy, {})
	policy := _policy({"state": "unknown", "error": null, "statements": []}, {"policy": _unknown_mark})
	count(rule.deny) == 0 with input as _input(_none("GET"), [api], [policy])
}

test_pass_authorization_unset if {
	# authorization is required by the provider; a model without it has nothing to judge.
	count(rule.deny) == 0 with input as _input(_method("GET", null, false, {}, _resolved), [_public_api], [])
}

test_unknown_authorization_is_unverifiable if {
	method := _method("GET", null, false, {"authorization": _unknown_mark}, _resolved)
	_unverifiable(result.objects(rule.deny)) with input as _input(method, [_public_api], [])
}

test_unknown_http_method_is_unverifiable if {
	method := _method(null, "NONE", false, {"http_method": _unknown_mark}, _resolved)
	_unverifiable(result.objects(rule.deny)) with input as _input(method, [_public_api], [])
}

test_uncertain_api_link_is_unverifiable if {
	method := _method("GET", "NONE", false, {"links.rest_api": _link_mark}, {"target": null, "index": null, "state": "uncertain"})
	_unverifiable(result.objects(rule.deny)) with input as _input(method, [_public_api], [])
}

test_unknown_policy_on_private_api_is_unverifiable if {
	api := _api(["PRIVATE"], {"state": "unknown", "error": null, "statements": []}, _no_policies, {"policy": _unknown_mark})
	findings := result.objects(rule.deny) with input as _input(_none("GET"), [api], [])
	_unverifiable(findings)
	some finding in findings
	contains(finding.message, "does not know aws_api_gateway_rest_api.api.policy before apply")
}

test_unknown_policy_resource_on_private_api_is_unverifiable if {
	api := _api(["PRIVATE"], build.absent_policy, _linked_policy, {})
	policy := _policy({"state": "unknown", "error": null, "statements": []}, {"policy": _unknown_mark})
	findings := result.objects(rule.deny) with input as _input(_none("GET"), [api], [policy])
	_unverifiable(findings)
	some finding in findings
	contains(finding.message, "does not know aws_api_gateway_rest_api_policy.p.policy before apply")
}

test_uncertain_policy_link_on_private_api_is_unverifiable if {
	policies := {"targets": [], "indices": [], "uncertain": true}
	api := _api(["PRIVATE"], build.absent_policy, policies, {"links.policies": _link_mark})
	_unverifiable(result.objects(rule.deny)) with input as _input(_none("GET"), [api], [])
}

test_unknown_endpoint_type_with_vpc_policy_is_unverifiable if {
	unknown := {"endpoint_configuration.types": _unknown_mark}
	api := _api(null, build.parsed_policy([_vpce_deny, _open_allow]), _no_policies, unknown)
	_unverifiable(result.objects(rule.deny)) with input as _input(_none("GET"), [api], [])
}

test_unknown_endpoint_type_and_policy_is_unverifiable if {
	unknown := {"endpoint_configuration": _unknown_mark, "policy": _unknown_mark}
	api := _api(null, {"state": "unknown", "error": null, "statements": []}, _no_policies, unknown)
	_unverifiable(result.objects(rule.deny)) with input as _input(_none("GET"), [api], [])
}
