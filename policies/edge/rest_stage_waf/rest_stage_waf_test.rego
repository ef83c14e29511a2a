package apigw.rules.edge.rest_stage_waf_test

import data.apigw.rules.edge.rest_stage_waf as rule

_unknown_mark := {"set": true, "reason": "after_apply", "references": []}

_link_mark := {"set": false, "reason": "link", "references": []}

_stage(links, values, unknown) := {
	"address": "aws_api_gateway_stage.s",
	"values": object.union({"stage_name": "prod", "web_acl_arn": null}, values),
	"unknown": unknown,
	"links": object.union(
		{
			"rest_api": {"target": "aws_api_gateway_rest_api.api", "index": 0, "state": "resolved"},
			"wafv2_associations": {"targets": [], "indices": [], "uncertain": false},
			"wafregional_associations": {"targets": [], "indices": [], "uncertain": false},
		},
		links,
	),
}

_api(types, unknown) := {
	"address": "aws_api_gateway_rest_api.api",
	"values": {"endpoint_configuration": {"types": types, "vpc_endpoint_ids": null}},
	"unknown": unknown,
}

_regional := _api(["REGIONAL"], {})

_private := _api(["PRIVATE"], {})

_input(stage, apis) := {"resources": {"aws_api_gateway_stage": [stage], "aws_api_gateway_rest_api": apis}}

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
	findings := rule.deny with input as _input(_stage({}, {}, {}), [_regional])
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
	_blocking(rule.deny) with input as _input(_stage({}, {}, {}), [_api(["EDGE"], {})])
}

test_fail_endpoint_configuration_unset if {
	api := {"address": "aws_api_gateway_rest_api.api", "values": {"endpoint_configuration": null}, "unknown": {}}
	_blocking(rule.deny) with input as _input(_stage({}, {}, {}), [api])
}

test_fail_empty_web_acl_arn if {
	_blocking(rule.deny) with input as _input(_stage({}, {"web_acl_arn": ""}, {}), [_regional])
}

test_fail_api_managed_elsewhere if {
	stage := _stage({"rest_api": {"target": null, "index": null, "state": "absent"}}, {}, {})
	_blocking(rule.deny) with input as _input(stage, [])
}

test_fail_private_api_when_exemption_off if {
	_blocking(rule.deny) with input as _input(_stage({}, {}, {}), [_private])
		with data.config as _config(false)
}

test_fail_unresolved_api_when_exemption_off_is_blocking if {
	stage := _stage({"rest_api": {"target": null, "index": null, "state": "uncertain"}}, {}, {"links.rest_api": _link_mark})
	_blocking(rule.deny) with input as _input(stage, [])
		with data.config as _config(false)
}

test_pass_wafv2_association if {
	links := {"wafv2_associations": {"targets": ["aws_wafv2_web_acl_association.a"], "indices": [0], "uncertain": false}}
	count(rule.deny) == 0 with input as _input(_stage(links, {}, {}), [_regional])
}

test_pass_wafregional_association if {
	links := {"wafregional_associations": {"targets": ["aws_wafregional_web_acl_association.a"], "indices": [0], "uncertain": false}}
	count(rule.deny) == 0 with input as _input(_stage(links, {}, {}), [_regional])
}

test_pass_known_web_acl_arn if {
	arn := "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/api/a1b2c3d4-5678-90ab-cdef-111111111111"
	count(rule.deny) == 0 with input as _input(_stage({}, {"web_acl_arn": arn}, {}), [_regional])
}

test_pass_private_api_exempt if {
	count(rule.deny) == 0 with input as _input(_stage({}, {}, {}), [_private])
}

test_pass_private_api_exempt_explicitly if {
	count(rule.deny) == 0 with input as _input(_stage({}, {}, {}), [_private])
		with data.config as _config(true)
}

test_pass_private_api_exempt_with_malformed_parameter if {
	count(rule.deny) == 0 with input as _input(_stage({}, {}, {}), [_private])
		with data.config as _config("no")
}

test_uncertain_wafv2_association_is_unverifiable if {
	links := {"wafv2_associations": {"targets": [], "indices": [], "uncertain": true}}
	stage := _stage(links, {}, {"links.wafv2_associations": _link_mark})
	_unverifiable(rule.deny) with input as _input(stage, [_regional])
}

test_uncertain_wafregional_association_is_unverifiable if {
	links := {"wafregional_associations": {"targets": [], "indices": [], "uncertain": true}}
	stage := _stage(links, {}, {"links.wafregional_associations": _link_mark})
	_unverifiable(rule.deny) with input as _input(stage, [_regional])
}

test_uncertain_api_link_is_unverifiable if {
	stage := _stage({"rest_api": {"target": null, "index": null, "state": "uncertain"}}, {}, {"links.rest_api": _link_mark})
	_unverifiable(rule.deny) with input as _input(stage, [_private])
}

test_unknown_endpoint_type_is_unverifiable if {
	api := _api(null, {"endpoint_configuration.types": _unknown_mark})
	_unverifiable(rule.deny) with input as _input(_stage({}, {}, {}), [api])
}

test_unknown_web_acl_arn_is_unverifiable if {
	_unverifiable(rule.deny) with input as _input(_stage({}, {}, {"web_acl_arn": _unknown_mark}), [_regional])
}
