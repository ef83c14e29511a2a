package apigw.rules.auth.api_key_only_test

import data.apigw.lib.result
import data.apigw.rules.auth.api_key_only as rule

_unknown_mark := {"set": true, "reason": "after_apply", "references": []}

_method(http_method, authorization, api_key_required, unknown) := {
	"address": "aws_api_gateway_method.m",
	"values": {"http_method": http_method, "authorization": authorization, "api_key_required": api_key_required},
	"unknown": unknown,
	"links": {"rest_api": {"target": null, "index": null, "state": "absent"}},
}

_input(method) := {"resources": {"aws_api_gateway_method": [method]}}

_unverifiable(findings) if {
	count(findings) == 1
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
}

test_fail_key_without_authorization if {
	findings := result.objects(rule.deny) with input as _input(_method("POST", "NONE", true, {}))
	findings == {{
		"rule_id": "APIGW-102",
		"severity": "medium",
		"address": "aws_api_gateway_method.m",
		"message": concat(" ", [
			"Method aws_api_gateway_method.m requires an API key but has authorization \"NONE\":",
			"API keys identify clients for usage plans, they do not authenticate callers.",
		]),
		"unknown": false,
	}}
}

test_fail_key_on_any_method if {
	count(rule.deny) == 1 with input as _input(_method("ANY", "NONE", true, {}))
}

test_pass_key_with_iam if {
	count(rule.deny) == 0 with input as _input(_method("POST", "AWS_IAM", true, {}))
}

test_pass_key_with_custom_authorizer if {
	count(rule.deny) == 0 with input as _input(_method("GET", "CUSTOM", true, {}))
}

test_pass_no_key_no_authorization if {
	# APIGW-101's finding, not this rule's.
	count(rule.deny) == 0 with input as _input(_method("GET", "NONE", false, {}))
}

test_pass_key_unset if {
	count(rule.deny) == 0 with input as _input(_method("GET", "NONE", null, {}))
}

test_pass_options_preflight if {
	count(rule.deny) == 0 with input as _input(_method("OPTIONS", "NONE", true, {}))
}

test_unknown_key_is_unverifiable if {
	method := _method("GET", "NONE", null, {"api_key_required": _unknown_mark})
	_unverifiable(result.objects(rule.deny)) with input as _input(method)
}

test_unknown_authorization_is_unverifiable if {
	method := _method("GET", null, true, {"authorization": _unknown_mark})
	_unverifiable(result.objects(rule.deny)) with input as _input(method)
}

test_unknown_http_method_is_unverifiable if {
	method := _method(null, "NONE", true, {"http_method": _unknown_mark})
	_unverifiable(result.objects(rule.deny)) with input as _input(method)
}

test_pass_unknown_key_with_authorization if {
	method := _method("GET", "AWS_IAM", null, {"api_key_required": _unknown_mark})
	count(rule.deny) == 0 with input as _input(method)
}

_route(authorization_type, api_key_required, unknown) := {
	"address": "aws_apigatewayv2_route.r",
	"values": {"route_key": "$connect", "authorization_type": authorization_type, "api_key_required": api_key_required},
	"unknown": unknown,
	"links": {
		"api": {"target": null, "index": null, "state": "absent"},
		"authorizer": {"target": null, "index": null, "state": "absent"},
	},
}

_route_input(route) := {"resources": {"aws_apigatewayv2_route": [route]}}

test_fail_route_key_without_authorization if {
	findings := result.objects(rule.deny) with input as _route_input(_route("NONE", true, {}))
	findings == {{
		"rule_id": "APIGW-102",
		"severity": "medium",
		"address": "aws_apigatewayv2_route.r",
		"message": concat(" ", [
			"Route aws_apigatewayv2_route.r requires an API key but has authorization_type \"NONE\":",
			"API keys identify clients for usage plans, they do not authenticate callers.",
		]),
		"unknown": false,
	}}
}

test_fail_route_key_with_authorization_type_unset if {
	count(rule.deny) == 1 with input as _route_input(_route(null, true, {}))
}

test_pass_route_key_with_custom_authorizer if {
	count(rule.deny) == 0 with input as _route_input(_route("CUSTOM", true, {}))
}

test_pass_route_key_with_iam if {
	count(rule.deny) == 0 with input as _route_input(_route("AWS_IAM", true, {}))
}

test_pass_route_no_key if {
	count(rule.deny) == 0 with input as _route_input(_route("NONE", false, {}))
}

test_pass_route_key_unset if {
	count(rule.deny) == 0 with input as _route_input(_route(null, null, {}))
}

test_unknown_route_key_is_unverifiable if {
	route := _route("NONE", null, {"api_key_required": _unknown_mark})
	_unverifiable(result.objects(rule.deny)) with input as _route_input(route)
}

test_unknown_route_authorization_type_is_unverifiable if {
	route := _route(null, true, {"authorization_type": _unknown_mark})
	_unverifiable(result.objects(rule.deny)) with input as _route_input(route)
}

test_pass_unknown_route_key_with_authorization if {
	route := _route("JWT", null, {"api_key_required": _unknown_mark})
	count(rule.deny) == 0 with input as _route_input(route)
}
