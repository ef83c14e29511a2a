package apigw.rules.edge.execute_api_endpoint_disabled_test

import data.apigw.lib.result
import data.apigw.rules.edge.execute_api_endpoint_disabled as rule

_unknown_mark := {"set": true, "reason": "after_apply", "references": ["var.disable"]}

_link_mark := {"set": false, "reason": "link", "references": []}

_none := {"targets": [], "indices": [], "uncertain": false}

_mapped(address) := {"targets": [address], "indices": [0], "uncertain": false}

_uncertain := {"targets": [], "indices": [], "uncertain": true}

_rest(disable, mappings, unknown) := {
	"address": "aws_api_gateway_rest_api.api",
	"values": {"disable_execute_api_endpoint": disable},
	"unknown": unknown,
	"links": {"base_path_mappings": mappings},
}

_v2(disable, mappings, unknown) := {
	"address": "aws_apigatewayv2_api.http",
	"values": {"disable_execute_api_endpoint": disable, "protocol_type": "HTTP"},
	"unknown": unknown,
	"links": {"api_mappings": mappings},
}

_input(rest, v2) := {"resources": {
	"aws_api_gateway_rest_api": rest,
	"aws_apigatewayv2_api": v2,
}}

_blocking(findings, address) if {
	count(findings) == 1
	some finding in findings
	finding.unknown == false
	finding.severity == "medium"
	finding.address == address
}

_unverifiable(findings) if {
	count(findings) == 1
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
}

test_fail_rest_api_mapped_endpoint_enabled if {
	findings := result.objects(rule.deny) with input as _input([_rest(false, _mapped("aws_api_gateway_base_path_mapping.m"), {})], [])
	findings == {{
		"rule_id": "APIGW-204",
		"severity": "medium",
		"address": "aws_api_gateway_rest_api.api",
		"message": concat(" ", [
			"aws_api_gateway_rest_api.api is served through a custom domain (aws_api_gateway_base_path_mapping.m) but keeps its default",
			"execute-api endpoint: set disable_execute_api_endpoint = true so clients cannot bypass the domain's TLS and mTLS settings.",
		]),
		"unknown": false,
	}}
}

test_fail_rest_api_mapped_endpoint_unset if {
	_blocking(result.objects(rule.deny), "aws_api_gateway_rest_api.api") with input as _input([_rest(null, _mapped("aws_api_gateway_base_path_mapping.m"), {})], [])
}

test_fail_v2_api_mapped_endpoint_enabled if {
	_blocking(result.objects(rule.deny), "aws_apigatewayv2_api.http") with input as _input([], [_v2(false, _mapped("aws_apigatewayv2_api_mapping.m"), {})])
}

test_fail_v2_api_mapped_endpoint_unset if {
	findings := result.objects(rule.deny) with input as _input([], [_v2(null, _mapped("aws_apigatewayv2_api_mapping.m"), {})])
	_blocking(findings, "aws_apigatewayv2_api.http")
	some finding in findings
	contains(finding.message, "(aws_apigatewayv2_api_mapping.m)")
}

test_pass_rest_api_mapped_endpoint_disabled if {
	count(rule.deny) == 0 with input as _input([_rest(true, _mapped("aws_api_gateway_base_path_mapping.m"), {})], [])
}

test_pass_v2_api_mapped_endpoint_disabled if {
	count(rule.deny) == 0 with input as _input([], [_v2(true, _mapped("aws_apigatewayv2_api_mapping.m"), {})])
}

test_pass_no_custom_domain if {
	count(rule.deny) == 0 with input as _input([_rest(false, _none, {})], [_v2(null, _none, {})])
}

test_unknown_disable_flag_is_unverifiable if {
	api := _rest(null, _mapped("aws_api_gateway_base_path_mapping.m"), {"disable_execute_api_endpoint": _unknown_mark})
	_unverifiable(result.objects(rule.deny)) with input as _input([api], [])
}

test_uncertain_rest_mapping_is_unverifiable if {
	findings := result.objects(rule.deny) with input as _input([_rest(false, _uncertain, {"links.base_path_mappings": _link_mark})], [])
	_unverifiable(findings)
	some finding in findings
	contains(finding.message, "an aws_api_gateway_base_path_mapping might target it")
}

test_uncertain_v2_mapping_is_unverifiable if {
	_unverifiable(result.objects(rule.deny)) with input as _input([], [_v2(false, _uncertain, {"links.api_mappings": _link_mark})])
}

test_pass_uncertain_mapping_endpoint_disabled if {
	count(rule.deny) == 0 with input as _input([_rest(true, _uncertain, {"links.base_path_mappings": _link_mark})], [])
}

test_fail_resolved_mapping_beside_uncertain_one if {
	mappings := {"targets": ["aws_api_gateway_base_path_mapping.m"], "indices": [0], "uncertain": true}
	api := _rest(false, mappings, {"links.base_path_mappings": _link_mark})
	_blocking(result.objects(rule.deny), "aws_api_gateway_rest_api.api") with input as _input([api], [])
}
