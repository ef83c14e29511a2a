package apigw.rules.input.rest_cors_any_origin_test

import data.apigw.lib.result
import data.apigw.rules.input.rest_cors_any_origin as rule

_unknown_mark := {"set": true, "reason": "after_apply", "references": []}

_response(type, parameters, unknown) := {
	"address": sprintf("%s.r", [type]),
	"values": {"status_code": "200", "response_parameters": parameters},
	"unknown": unknown,
	"links": {"rest_api": {"target": null, "index": null, "state": "absent"}},
}

_integration(parameters, unknown) := _response("aws_api_gateway_integration_response", parameters, unknown)

_gateway(parameters, unknown) := _response("aws_api_gateway_gateway_response", parameters, unknown)

_method(parameters, unknown) := _response("aws_api_gateway_method_response", parameters, unknown)

_input(responses) := {"resources": {
	"aws_api_gateway_integration_response": [r | some r in responses; r.address == "aws_api_gateway_integration_response.r"],
	"aws_api_gateway_gateway_response": [r | some r in responses; r.address == "aws_api_gateway_gateway_response.r"],
	"aws_api_gateway_method_response": [r | some r in responses; r.address == "aws_api_gateway_method_response.r"],
}}

_single(findings, severity, unknown) := finding if {
	count(findings) == 1
	some finding in findings
	finding.severity == severity
	finding.unknown == unknown
}

test_fail_integration_response_any_origin if {
	parameters := {
		"method.response.header.Access-Control-Allow-Origin": "'*'",
		"method.response.header.Access-Control-Allow-Methods": "'GET,OPTIONS'",
	}
	findings := result.objects(rule.deny) with input as _input([_integration(parameters, {})])
	findings == {{
		"rule_id": "APIGW-703",
		"severity": "low",
		"address": "aws_api_gateway_integration_response.r",
		"message": concat(" ", [
			"Response aws_api_gateway_integration_response.r sets Access-Control-Allow-Origin to '*' (response_parameters):",
			"scripts on any website can read what this response returns to a visitor's browser.",
		]),
		"unknown": false,
	}}
}

test_fail_gateway_response_any_origin if {
	parameters := {"gatewayresponse.header.Access-Control-Allow-Origin": "'*'"}
	finding := _single(result.objects(rule.deny), "low", false) with input as _input([_gateway(parameters, {})])
	finding.address == "aws_api_gateway_gateway_response.r"
}

test_fail_header_name_case_insensitive if {
	parameters := {"method.response.header.access-control-allow-origin": "'*'"}
	_single(result.objects(rule.deny), "low", false) with input as _input([_integration(parameters, {})])
}

test_pass_listed_origin if {
	parameters := {"method.response.header.Access-Control-Allow-Origin": "'https://app.example.com'"}
	count(rule.deny) == 0 with input as _input([_integration(parameters, {})])
}

test_pass_origin_from_request_mapping if {
	# A mapping expression that echoes a request header is not a static wildcard.
	parameters := {"method.response.header.Access-Control-Allow-Origin": "method.request.header.Origin"}
	count(rule.deny) == 0 with input as _input([_integration(parameters, {})])
}

test_pass_wrong_prefix_for_type if {
	# A gateway response reads gatewayresponse.* keys; a method.response key there sets nothing.
	parameters := {"method.response.header.Access-Control-Allow-Origin": "'*'"}
	count(rule.deny) == 0 with input as _input([_gateway(parameters, {})])
}

test_pass_method_response_booleans_never_fail if {
	parameters := {"method.response.header.Access-Control-Allow-Origin": true}
	count(rule.deny) == 0 with input as _input([_method(parameters, {})])
}

test_pass_method_response_unknown_never_fails if {
	count(rule.deny) == 0 with input as _input([_method(null, {"response_parameters": _unknown_mark})])
}

test_pass_no_parameters if {
	count(rule.deny) == 0 with input as _input([_integration(null, {}), _gateway({}, {})])
}

test_unknown_parameters_is_unverifiable if {
	_single(result.objects(rule.deny), "info", true) with input as _input([_integration(null, {"response_parameters": _unknown_mark})])
}

test_unknown_origin_value_is_unverifiable if {
	unknown := {"response_parameters.gatewayresponse.header.Access-Control-Allow-Origin": _unknown_mark}
	parameters := {"gatewayresponse.header.Access-Control-Allow-Methods": "'GET'"}
	_single(result.objects(rule.deny), "info", true) with input as _input([_gateway(parameters, unknown)])
}

test_pass_other_unknown_header if {
	unknown := {"response_parameters.method.response.header.Access-Control-Allow-Methods": _unknown_mark}
	parameters := {"method.response.header.Access-Control-Allow-Origin": "'https://app.example.com'"}
	count(rule.deny) == 0 with input as _input([_integration(parameters, unknown)])
}
