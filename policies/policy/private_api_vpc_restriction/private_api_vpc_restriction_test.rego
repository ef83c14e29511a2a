package apigw.rules.policy.private_api_vpc_restriction_test

import data.apigw.lib.result
import data.apigw.lib.test.build
import data.apigw.rules.policy.private_api_vpc_restriction as rule

_vpce_deny := build.policy_statement({
	"effect": "Deny",
	"conditions": [build.policy_condition("StringNotEquals", "aws:SourceVpce", ["vpce-0a1b2c3d4e5f60718"])],
})

_vpc_allow := build.policy_statement({"conditions": [build.policy_condition("StringEquals", "aws:SourceVpc", ["vpc-0a1b2c3d"])]})

_open_allow := build.policy_statement({})

# A REST API with the endpoint types and own policy document, and no attached policy.
_api(types, document) := build.link_set(
	build.resource("aws_api_gateway_rest_api", "api", {
		"endpoint_configuration": {"types": types, "vpc_endpoint_ids": null},
		"policy_document": document,
	}),
	"policies",
	[],
)

_private(document) := _api(["PRIVATE"], document)

_policy(document) := build.resource("aws_api_gateway_rest_api_policy", "p", {"policy_document": document})

# A model of the API with the policy attached.
_attached(api, policy) := build.input_of([build.link_set(api, "policies", [policy]), policy])

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
	findings := result.objects(rule.deny) with input as build.input_of([_private(build.absent_policy)])
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
	findings := result.objects(rule.deny) with input as build.input_of([_private(build.parsed_policy([_open_allow]))])
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
	_blocking(result.objects(rule.deny)) with input as _attached(_private(build.absent_policy), _policy(build.parsed_policy([_open_allow])))
}

test_fail_ip_condition_is_not_vpc if {
	allow := build.policy_statement({"conditions": [build.policy_condition("IpAddress", "aws:SourceIp", ["10.0.0.0/8"])]})
	_blocking(result.objects(rule.deny)) with input as build.input_of([_private(build.parsed_policy([allow]))])
}

test_fail_allow_with_negative_vpce_operator if {
	allow := build.policy_statement({"conditions": [build.policy_condition("StringNotEquals", "aws:SourceVpce", ["vpce-0a1b2c3d4e5f60718"])]})
	_blocking(result.objects(rule.deny)) with input as build.input_of([_private(build.parsed_policy([allow]))])
}

test_fail_invalid_policy if {
	invalid := {"state": "invalid", "error": "has no Statement", "statements": []}
	_blocking(result.objects(rule.deny)) with input as build.input_of([_private(invalid)])
}

test_pass_vpce_deny if {
	count(rule.deny) == 0 with input as build.input_of([_private(build.parsed_policy([_vpce_deny, _open_allow]))])
}

test_pass_vpc_allow if {
	count(rule.deny) == 0 with input as build.input_of([_private(build.parsed_policy([_vpc_allow]))])
}

test_pass_linked_policy_restricts if {
	policy := _policy(build.parsed_policy([_vpce_deny, _open_allow]))
	count(rule.deny) == 0 with input as _attached(_private(build.absent_policy), policy)
}

test_pass_one_of_two_policies_restricts if {
	policy := _policy(build.parsed_policy([_vpc_allow]))
	count(rule.deny) == 0 with input as _attached(_private(build.parsed_policy([_open_allow])), policy)
}

test_pass_regional_api_without_policy if {
	count(rule.deny) == 0 with input as build.input_of([_api(["REGIONAL"], build.absent_policy)])
}

test_pass_unset_endpoint_configuration_is_edge if {
	api := object.union(_private(build.absent_policy), {"values": {"endpoint_configuration": null}})
	count(rule.deny) == 0 with input as build.input_of([api])
}

test_unknown_own_policy_is_unverifiable if {
	api := build.set_after_apply(_private(build.unknown_policy), ["policy"])
	_unverifiable(result.objects(rule.deny)) with input as build.input_of([api])
}

test_unknown_linked_policy_is_unverifiable if {
	policy := build.set_after_apply(_policy(build.unknown_policy), ["policy"])
	_unverifiable(result.objects(rule.deny)) with input as _attached(_private(build.absent_policy), policy)
}

test_uncertain_policy_link_is_unverifiable if {
	api := build.uncertain_link_set(_private(build.absent_policy), "policies", [])
	_unverifiable(result.objects(rule.deny)) with input as build.input_of([api])
}

test_unknown_endpoint_type_is_unverifiable if {
	api := build.set_after_apply(_api(null, build.absent_policy), ["endpoint_configuration.types"])
	_unverifiable(result.objects(rule.deny)) with input as build.input_of([api])
}

test_unknown_endpoint_configuration_is_unverifiable if {
	api := build.set_after_apply(object.union(_api(null, build.absent_policy), {"values": {"endpoint_configuration": null}}), ["endpoint_configuration"])
	_unverifiable(result.objects(rule.deny)) with input as build.input_of([api])
}

test_pass_unknown_endpoint_type_with_vpc_policy if {
	api := build.set_after_apply(_api(null, build.parsed_policy([_vpce_deny, _open_allow])), ["endpoint_configuration.types"])
	count(rule.deny) == 0 with input as build.input_of([api])
}
