package apigw.rules.auth.websocket_connect_authorization_test

import data.apigw.lib.result
import data.apigw.rules.auth.websocket_connect_authorization as rule

_unknown_mark := {"set": true, "reason": "after_apply", "references": []}

_link_mark := {"set": false, "reason": "link", "references": []}

_resolved := {"target": "aws_apigatewayv2_api.a", "index": 0, "state": "resolved"}

_absent := {"target": null, "index": null, "state": "absent"}

_uncertain := {"target": null, "index": null, "state": "uncertain"}

_route(route_key, authorization_type, api_link, unknown) := {
	"address": "aws_apigatewayv2_route.r",
	"values": {"route_key": route_key, "authorization_type": authorization_type},
	"unknown": unknown,
	"links": {"api": api_link, "authorizer": _absent},
}

_api(protocol_type, unknown) := {
	"address": "aws_apigatewayv2_api.a",
	"values": {"protocol_type": protocol_type},
	"unknown": unknown,
}

# The API's reverse link to the route, as the model's linker writes it from the route's link.
_input(route, api) := {"resources": {
	"aws_apigatewayv2_route": [route],
	"aws_apigatewayv2_api": _linked_apis(api, route.links.api.state),
}}

# A route whose API is absent belongs to an API outside the input.
_linked_apis(_, "absent") := []

_linked_apis(api, state) := [_linked_api(api, state)] if state != "absent"

# The findings on the route (the API-level finding, no $connect route, is tested on its own below).
_on_route(findings) := {finding | some finding in findings; finding.address == "aws_apigatewayv2_route.r"}

_linked_api(api, "resolved") := object.union(api, {"links": {"routes": {"targets": ["aws_apigatewayv2_route.r"], "indices": [0], "uncertain": false}}})

_linked_api(api, "uncertain") := object.union(api, {
	"links": {"routes": {"targets": [], "indices": [], "uncertain": true}},
	"unknown": {"links.routes": _link_mark},
})

_ws := _api("WEBSOCKET", {})

_unverifiable(findings) if {
	count(findings) == 1
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
}

test_fail_connect_without_authorization if {
	findings := result.objects(rule.deny) with input as _input(_route("$connect", "NONE", _resolved, {}), _ws)
	findings == {{
		"rule_id": "APIGW-104",
		"severity": "high",
		"address": "aws_apigatewayv2_route.r",
		"message": concat(" ", [
			"WebSocket $connect route aws_apigatewayv2_route.r has no authorization (authorization_type is NONE or unset):",
			"anyone can open a connection and send messages to every route of the API.",
		]),
		"unknown": false,
	}}
}

test_fail_connect_authorization_unset if {
	count(rule.deny) == 1 with input as _input(_route("$connect", null, _resolved, {}), _ws)
}

test_fail_connect_jwt_is_not_websocket_authorization if {
	# WebSocket APIs support only IAM and Lambda (REQUEST) authorizers.
	count(rule.deny) == 1 with input as _input(_route("$connect", "JWT", _resolved, {}), _ws)
}

test_fail_connect_of_api_outside_input if {
	count(rule.deny) == 1 with input as _input(_route("$connect", "NONE", _absent, {}), _ws)
}

test_pass_connect_custom if {
	count(rule.deny) == 0 with input as _input(_route("$connect", "CUSTOM", _resolved, {}), _ws)
}

test_pass_connect_iam if {
	count(rule.deny) == 0 with input as _input(_route("$connect", "AWS_IAM", _resolved, {}), _ws)
}

test_pass_other_websocket_routes_never_flagged if {
	count(_on_route(result.objects(rule.deny))) == 0 with input as _input(_route("$default", "NONE", _resolved, {}), _ws)
	count(_on_route(result.objects(rule.deny))) == 0 with input as _input(_route("$disconnect", "NONE", _resolved, {}), _ws)
	count(_on_route(result.objects(rule.deny))) == 0 with input as _input(_route("sendMessage", null, _resolved, {}), _ws)
}

test_pass_http_api_not_judged if {
	count(rule.deny) == 0 with input as _input(_route("$connect", "NONE", _resolved, {}), _api("HTTP", {}))
}

# The API may be a WebSocket API and the route its $connect route (lib/parent.rego).
test_unknown_route_key_of_api_outside_input_is_unverifiable if {
	route := _route(null, "NONE", _absent, {"route_key": _unknown_mark})
	findings := result.objects(rule.deny) with input as _input(route, _ws)
	count(findings) == 1
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
	startswith(finding.message, "Unverifiable: the API this resource belongs to (")
}

test_fail_connect_route_of_api_outside_input if {
	# The route key $connect exists only on WebSocket APIs: the API's kind is known from the route.
	findings := result.objects(rule.deny) with input as _input(_route("$connect", "NONE", _absent, {}), _ws)
	some finding in findings
	finding.unknown == false
}

test_unknown_authorization_type_is_unverifiable if {
	route := _route("$connect", null, _resolved, {"authorization_type": _unknown_mark})
	_unverifiable(result.objects(rule.deny)) with input as _input(route, _ws)
}

test_unknown_route_key_is_unverifiable if {
	route := _route(null, "NONE", _resolved, {"route_key": _unknown_mark})
	_unverifiable(_on_route(result.objects(rule.deny))) with input as _input(route, _ws)
}

test_fail_connect_with_unknown_protocol_type if {
	# $connect exists only on WebSocket APIs: the protocol need not be known.
	api := _api(null, {"protocol_type": _unknown_mark})
	findings := result.objects(rule.deny) with input as _input(_route("$connect", "NONE", _resolved, {}), api)
	count(findings) == 1
	some finding in findings
	finding.severity == "high"
}

test_fail_connect_with_uncertain_api_link if {
	route := _route("$connect", "NONE", _uncertain, {"links.api": _link_mark})
	findings := _on_route(result.objects(rule.deny)) with input as _input(route, _ws)
	count(findings) == 1
	some finding in findings
	finding.unknown == false
}

test_unknown_route_key_with_unknown_protocol_type_is_unverifiable if {
	api := _api(null, {"protocol_type": _unknown_mark})
	route := _route(null, "NONE", _resolved, {"route_key": _unknown_mark})
	_unverifiable(_on_route(result.objects(rule.deny))) with input as _input(route, api)
}

test_unknown_route_key_with_uncertain_api_link_is_unverifiable if {
	route := _route(null, "NONE", _uncertain, {"route_key": _unknown_mark, "links.api": _link_mark})
	_unverifiable(_on_route(result.objects(rule.deny))) with input as _input(route, _ws)
}

test_pass_unknown_route_key_of_http_api if {
	route := _route(null, "NONE", _resolved, {"route_key": _unknown_mark})
	count(rule.deny) == 0 with input as _input(route, _api("HTTP", {}))
}

test_pass_unknown_route_key_with_authorization if {
	route := _route(null, "CUSTOM", _resolved, {"route_key": _unknown_mark})
	count(_on_route(result.objects(rule.deny))) == 0 with input as _input(route, _ws)
}

# WebSocket APIs without a $connect route (reported on the API).

_api_with_routes(protocol_type, unknown, routes) := object.union(_api(protocol_type, unknown), {"links": {"routes": {
	"targets": [route.address | some route in routes],
	"indices": numbers.range(0, count(routes) - 1),
	"uncertain": false,
}}})

_api_input(api, routes) := {"resources": {"aws_apigatewayv2_route": routes, "aws_apigatewayv2_api": [api]}}

_on_api(findings) := {finding | some finding in findings; finding.address == "aws_apigatewayv2_api.a"}

test_fail_websocket_api_without_connect_route if {
	routes := [_route("$default", "NONE", _resolved, {}), _route("sendMessage", null, _resolved, {})]
	findings := result.objects(rule.deny) with input as _api_input(_api_with_routes("WEBSOCKET", {}, routes), routes)
	findings == {{
		"rule_id": "APIGW-104",
		"severity": "high",
		"address": "aws_apigatewayv2_api.a",
		"message": concat(" ", [
			"WebSocket API aws_apigatewayv2_api.a has no $connect route: API Gateway accepts every connection without authorization,",
			"so anyone can connect and send messages to every route of the API.",
		]),
		"unknown": false,
	}}
}

test_fail_websocket_api_without_routes if {
	findings := result.objects(rule.deny) with input as _api_input(_api_with_routes("WEBSOCKET", {}, []), [])
	count(findings) == 1
	some finding in findings
	finding.severity == "high"
	finding.address == "aws_apigatewayv2_api.a"
}

test_pass_websocket_api_with_authorized_connect_route if {
	routes := [_route("$connect", "CUSTOM", _resolved, {}), _route("$default", "NONE", _resolved, {})]
	count(rule.deny) == 0 with input as _api_input(_api_with_routes("WEBSOCKET", {}, routes), routes)
}

test_pass_http_api_without_connect_route if {
	count(rule.deny) == 0 with input as _api_input(_api_with_routes("HTTP", {}, []), [])
}

test_websocket_api_with_unknown_protocol_type_is_unverifiable if {
	api := _api_with_routes(null, {"protocol_type": _unknown_mark}, [])
	_unverifiable(result.objects(rule.deny)) with input as _api_input(api, [])
}

test_websocket_api_with_uncertain_routes_is_unverifiable if {
	api := object.union(_api_with_routes("WEBSOCKET", {}, []), {
		"links": {"routes": {"targets": [], "indices": [], "uncertain": true}},
		"unknown": {"links.routes": _link_mark},
	})
	_unverifiable(result.objects(rule.deny)) with input as _api_input(api, [])
}

test_websocket_api_with_unknown_route_key_is_unverifiable if {
	routes := [_route(null, "CUSTOM", _resolved, {"route_key": _unknown_mark})]
	findings := _on_api(result.objects(rule.deny)) with input as _api_input(_api_with_routes("WEBSOCKET", {}, routes), routes)
	_unverifiable(findings)
	some finding in findings
	contains(finding.message, "route_key")
}
