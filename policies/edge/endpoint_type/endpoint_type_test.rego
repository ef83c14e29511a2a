package apigw.rules.edge.endpoint_type_test

import data.apigw.lib.result
import data.apigw.rules.edge.endpoint_type as rule

_unknown_mark := {"set": true, "reason": "after_apply", "references": ["var.types"]}

_api(configuration, unknown) := {
	"address": "aws_api_gateway_rest_api.api",
	"values": {"endpoint_configuration": configuration},
	"unknown": unknown,
}

_typed(types) := _api({"types": types, "vpc_endpoint_ids": null}, {})

_input(apis) := {"resources": {"aws_api_gateway_rest_api": apis}}

_config(allowed) := {"rules": {"APIGW-203": {"params": {"allowed_types": allowed}}}}

_notice(findings) if {
	count(findings) == 1
	some finding in findings
	finding.unknown == false
	finding.severity == "info"
	contains(finding.message, "reachable from the internet")
}

test_fail_regional_notice_by_default if {
	findings := result.objects(rule.deny) with input as _input([_typed(["REGIONAL"])])
	findings == {{
		"rule_id": "APIGW-203",
		"severity": "info",
		"address": "aws_api_gateway_rest_api.api",
		"message": concat(" ", [
			"aws_api_gateway_rest_api.api has endpoint type REGIONAL, reachable from the internet",
			"(informational, so every internet-facing API is visible in review).",
		]),
		"unknown": false,
	}}
}

test_fail_edge_notice_by_default if {
	_notice(result.objects(rule.deny)) with input as _input([_typed(["EDGE"])])
}

test_fail_unset_endpoint_configuration_is_edge if {
	findings := result.objects(rule.deny) with input as _input([_api(null, {})])
	_notice(findings)
	some finding in findings
	contains(finding.message, "has endpoint type EDGE,")
}

test_fail_empty_types_is_edge if {
	_notice(result.objects(rule.deny)) with input as _input([_typed([])])
}

test_fail_type_outside_narrowed_list if {
	findings := result.objects(rule.deny) with input as _input([_typed(["REGIONAL"])]) with data.config as _config(["PRIVATE"])
	findings == {{
		"rule_id": "APIGW-203",
		"severity": "info",
		"address": "aws_api_gateway_rest_api.api",
		"message": "aws_api_gateway_rest_api.api uses endpoint type REGIONAL, which is not among the allowed types (PRIVATE).",
		"unknown": false,
	}}
}

test_fail_unset_outside_narrowed_list if {
	findings := result.objects(rule.deny) with input as _input([_api(null, {})]) with data.config as _config(["private", "regional"])
	count(findings) == 1
	some finding in findings
	contains(finding.message, "endpoint type EDGE, which is not among the allowed types (PRIVATE, REGIONAL)")
}

test_fail_private_outside_narrowed_list if {
	findings := result.objects(rule.deny) with input as _input([_typed(["PRIVATE"])]) with data.config as _config(["REGIONAL"])
	count(findings) == 1
}

test_pass_private_by_default if {
	count(rule.deny) == 0 with input as _input([_typed(["PRIVATE"])])
}

test_pass_allowed_type_in_narrowed_list if {
	count(rule.deny) == 0 with input as _input([_typed(["REGIONAL"])]) with data.config as _config(["PRIVATE", "REGIONAL"])
}

test_pass_explicit_full_list_is_notice_mode if {
	count(rule.deny) == 0 with input as _input([_typed(["PRIVATE"])]) with data.config as _config(["EDGE", "REGIONAL", "PRIVATE"])
	_notice(result.objects(rule.deny)) with input as _input([_typed(["EDGE"])]) with data.config as _config(["EDGE", "REGIONAL", "PRIVATE"])
}

test_pass_parameter_of_wrong_type_keeps_default if {
	count(rule.deny) == 0 with input as _input([_typed(["PRIVATE"])]) with data.config as _config("PRIVATE")
}

test_unknown_types_is_unverifiable if {
	api := _api({"types": null, "vpc_endpoint_ids": null}, {"endpoint_configuration.types": _unknown_mark})
	findings := result.objects(rule.deny) with input as _input([api])
	count(findings) == 1
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
	contains(finding.message, "Unverifiable")
}

test_unknown_block_is_unverifiable if {
	findings := result.objects(rule.deny) with input as _input([_api(null, {"endpoint_configuration": _unknown_mark})]) with data.config as _config(["PRIVATE"])
	count(findings) == 1
	some finding in findings
	finding.unknown == true
}
