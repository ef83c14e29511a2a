package apigw.rules.edge.rest_stage_waf_test

import data.apigw.lib.result
import data.apigw.lib.test.build
import data.apigw.rules.edge.rest_stage_waf as rule

_api(types) := build.resource("aws_api_gateway_rest_api", "api", {"endpoint_configuration": {"types": types, "vpc_endpoint_ids": null}})

_regional := _api(["REGIONAL"])

_private := _api(["PRIVATE"])

# A stage of the API with no WAF association.
_stage(api, values) := build.link(
	build.link_set(
		build.link_set(
			build.resource("aws_api_gateway_stage", "s", object.union({"stage_name": "prod", "web_acl_arn": null}, values)),
			"wafv2_associations",
			[],
		),
		"wafregional_associations",
		[],
	),
	"rest_api",
	api,
)

_config(value) := {"rules": {"APIGW-201": {"params": {"exempt_private_apis": value}}}}

_blocking(findings) if {
	count(findings) == 1
	some finding in findings
	finding.unknown == false
	finding.severity == "medium"
}

_unverifiable(findings) if {
	count(findings) == 1
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
}

test_fail_no_association if {
	findings := result.objects(rule.deny) with input as build.input_of([_stage(_regional, {}), _regional])
	findings == {{
		"rule_id": "APIGW-201",
		"severity": "medium",
		"address": "aws_api_gateway_stage.s",
		"message": concat(" ", [
			"Stage aws_api_gateway_stage.s has no WAF web ACL: no aws_wafv2_web_acl_association or",
			"aws_wafregional_web_acl_association targets it, so attacks reach the backend unfiltered.",
		]),
		"unknown": false,
	}}
}

test_fail_edge_api if {
	_blocking(result.objects(rule.deny)) with input as build.input_of([_stage(_api(["EDGE"]), {}), _api(["EDGE"])])
}

test_fail_endpoint_configuration_unset if {
	api := build.resource("aws_api_gateway_rest_api", "api", {"endpoint_configuration": null})
	_blocking(result.objects(rule.deny)) with input as build.input_of([_stage(api, {}), api])
}

test_fail_empty_web_acl_arn if {
	_blocking(result.objects(rule.deny)) with input as build.input_of([_stage(_regional, {"web_acl_arn": ""}), _regional])
}

# Whether the API is PRIVATE (exempt) is out of sight (lib/parent.rego).
test_api_managed_elsewhere_is_unverifiable if {
	findings := result.objects(rule.deny) with input as build.input_of([build.absent_link(_stage(_regional, {}), "rest_api")])
	count(findings) == 1
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
	startswith(finding.message, "Unverifiable: the API this resource belongs to (")
}

test_fail_api_managed_elsewhere_when_exemption_off_is_blocking if {
	_blocking(result.objects(rule.deny)) with input as build.input_of([build.absent_link(_stage(_regional, {}), "rest_api")])
		with data.config as _config(false)
}

test_fail_private_api_when_exemption_off if {
	_blocking(result.objects(rule.deny)) with input as build.input_of([_stage(_private, {}), _private])
		with data.config as _config(false)
}

test_fail_unresolved_api_when_exemption_off_is_blocking if {
	_blocking(result.objects(rule.deny)) with input as build.input_of([build.uncertain_link(_stage(_private, {}), "rest_api")])
		with data.config as _config(false)
}

test_pass_wafv2_association if {
	association := build.resource("aws_wafv2_web_acl_association", "a", {})
	stage := build.link_set(_stage(_regional, {}), "wafv2_associations", [association])
	count(rule.deny) == 0 with input as build.input_of([stage, _regional, association])
}

test_pass_wafregional_association if {
	association := build.resource("aws_wafregional_web_acl_association", "a", {})
	stage := build.link_set(_stage(_regional, {}), "wafregional_associations", [association])
	count(rule.deny) == 0 with input as build.input_of([stage, _regional, association])
}

test_pass_known_web_acl_arn if {
	arn := "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/api/a1b2c3d4-5678-90ab-cdef-111111111111"
	count(rule.deny) == 0 with input as build.input_of([_stage(_regional, {"web_acl_arn": arn}), _regional])
}

test_pass_private_api_exempt if {
	count(rule.deny) == 0 with input as build.input_of([_stage(_private, {}), _private])
}

test_pass_private_api_exempt_explicitly if {
	count(rule.deny) == 0 with input as build.input_of([_stage(_private, {}), _private])
		with data.config as _config(true)
}

test_pass_private_api_exempt_with_malformed_parameter if {
	count(rule.deny) == 0 with input as build.input_of([_stage(_private, {}), _private])
		with data.config as _config("no")
}

test_uncertain_wafv2_association_is_unverifiable if {
	stage := build.uncertain_link_set(_stage(_regional, {}), "wafv2_associations", [])
	_unverifiable(result.objects(rule.deny)) with input as build.input_of([stage, _regional])
}

test_uncertain_wafregional_association_is_unverifiable if {
	stage := build.uncertain_link_set(_stage(_regional, {}), "wafregional_associations", [])
	_unverifiable(result.objects(rule.deny)) with input as build.input_of([stage, _regional])
}

test_uncertain_api_link_is_unverifiable if {
	_unverifiable(result.objects(rule.deny)) with input as build.input_of([build.uncertain_link(_stage(_private, {}), "rest_api"), _private])
}

test_unknown_endpoint_type_is_unverifiable if {
	api := build.set_after_apply(_api(null), ["endpoint_configuration.types"])
	_unverifiable(result.objects(rule.deny)) with input as build.input_of([_stage(api, {}), api])
}

test_unknown_web_acl_arn_is_unverifiable if {
	stage := build.set_after_apply(_stage(_regional, {}), ["web_acl_arn"])
	_unverifiable(result.objects(rule.deny)) with input as build.input_of([stage, _regional])
}
