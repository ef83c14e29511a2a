package apigw.rules.auth.http_route_authorization_test

import data.apigw.lib.result
import data.apigw.rules.auth.http_route_authorization as rule

_unknown_mark := {"set": true, "reason": "after_apply", "references": []}

_link_mark := {"set": false, "reason": "link", "references": []}

_resolved := {"target": "aws_apigatewayv2_api.a", "index": 0, "state": "resolved"}

_route(authorization_type, api_link, unknown) := {
	"address": "aws_apigatewayv2_route.r",
	"values": {"route_key": "GET /orders", "authorization_type": authorization_type},
	"unknown": unknown,
	"links": {"api": api_link, "authorizer": {"target": null, "index": null, "state": "absent"}},
}

_api(protocol_type, unknown) := {
	"address": "aws_apigatewayv2_api.a",
	"values": {"protocol_type": protocol_type},
	"unknown": unknown,
}

_input(route, api) := {"resources": {
	"aws_apigatewayv2_route": [route],
	"aws_apigatewayv2_api": [api],
}}

_http := _api("HTTP", {})

_unverifiable(findings) if {
	count(findings) == 1
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
}

test_fail_authorization_none if {
	findings := result.objects(rule.deny) with input as _input(_route("NONE", _resolved, {}), _http)
	findings == {{
		"rule_id": "APIGW-103",
		"severity": "high",
		"address": "aws_apigatewayv2_route.r",
		"message": concat(" ", [
			"Route aws_apigatewayv2_route.r of an HTTP API has no authorization (authorization_type is NONE or unset):",
			"anyone who can reach the API can call it without credentials.",
		]),
		"unknown": false,
	}}
}

test_fail_authorization_unset if {
	count(rule.deny) == 1 with input as _input(_route(null, _resolved, {}), _http)
}

test_pass_jwt if {
	count(rule.deny) == 0 with input as _input(_route("JWT", _resolved, {}), _http)
}

test_pass_custom if {
	count(rule.deny) == 0 with input as _input(_route("CUSTOM", _resolved, {}), _http)
}

test_pass_iam if {
	count(rule.deny) == 0 with input as _input(_route("AWS_IAM", _resolved, {}), _http)
}

test_pass_websocket_route_not_judged if {
	count(rule.deny) == 0 with input as _input(_route("NONE", _resolved, {}), _api("WEBSOCKET", {}))
}

test_api_not_in_input_is_unverifiable if {
	# A literal API ID of an API managed elsewhere: it may be an HTTP API (lib/parent.rego).
	absent := {"target": null, "index": null, "state": "absent"}
	findings := result.objects(rule.deny) with input as _input(_route("NONE", absent, {}), _http)
	count(findings) == 1
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
	startswith(finding.message, "Unverifiable: the API this resource belongs to (")
}

test_pass_connect_route_of_api_not_in_input if {
	# $connect exists only on WebSocket APIs (APIGW-104 judges it).
	absent := {"target": null, "index": null, "state": "absent"}
	route := object.union(_route("NONE", absent, {}), {"values": {"route_key": "$connect"}})
	count(rule.deny) == 0 with input as _input(route, _http)
}

test_pass_authorized_route_of_api_not_in_input if {
	absent := {"target": null, "index": null, "state": "absent"}
	count(rule.deny) == 0 with input as _input(_route("JWT", absent, {}), _http)
}

test_unknown_authorization_type_is_unverifiable if {
	route := _route(null, _resolved, {"authorization_type": _unknown_mark})
	_unverifiable(result.objects(rule.deny)) with input as _input(route, _http)
}

test_unknown_protocol_type_is_unverifiable if {
	api := _api(null, {"protocol_type": _unknown_mark})
	_unverifiable(result.objects(rule.deny)) with input as _input(_route("NONE", _resolved, {}), api)
}

test_uncertain_api_link_is_unverifiable if {
	uncertain := {"target": null, "index": null, "state": "uncertain"}
	route := _route("NONE", uncertain, {"links.api": _link_mark})
	_unverifiable(result.objects(rule.deny)) with input as _input(route, _http)
}

test_pass_uncertain_api_link_with_authorization if {
	uncertain := {"target": null, "index": null, "state": "uncertain"}
	route := _route("JWT", uncertain, {"links.api": _link_mark})
	count(rule.deny) == 0 with input as _input(route, _http)
}
