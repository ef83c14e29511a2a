package apigw.lib.links_test

# Following links, and the paths of what the library reads through them (policies/lib/model.rego).

import data.apigw.lib.model
import data.apigw.lib.test.build

_api(types) := build.resource("aws_api_gateway_rest_api", "api", {
	"endpoint_configuration": {"types": types},
	"policy_document": {"state": "absent", "error": null, "statements": []},
})

_policy(name) := build.resource("aws_api_gateway_rest_api_policy", name, {"policy_document": {"state": "unknown", "error": null, "statements": []}})

test_linked_follows_a_link_set_in_order if {
	api := build.link_set(_api(["PRIVATE"]), "policies", [_policy("b"), _policy("a")])
	resources := build.input_of([_policy("a"), _policy("b"), api])
	resolved := resources.resources.aws_api_gateway_rest_api[0]
	[policy.address | some policy in model.rest_api_policies(resolved)] == [
		"aws_api_gateway_rest_api_policy.b",
		"aws_api_gateway_rest_api_policy.a",
	] with input as resources
}

test_policy_document_paths_name_every_policy_source if {
	api := build.link_set(_api(["PRIVATE"]), "policies", [_policy("a")])
	resources := build.input_of([_policy("a"), api])
	resolved := resources.resources.aws_api_gateway_rest_api[0]
	paths := model.policy_document_paths(resolved) with input as resources
	paths == [[resolved, "policy"], [resolved, "links.policies"], [_policy("a"), "policy"]]
}

test_possibly_private_api if {
	model.possibly_private_api(_api(["PRIVATE"]))
	model.possibly_private_api(build.unknown(_api(null), ["endpoint_configuration.types"]))
	model.possibly_private_api(build.unknown(_api(null), ["endpoint_configuration"]))
	not model.possibly_private_api(_api(["REGIONAL"]))
}

test_possibly_api_restricted_to_vpc if {
	# An attached policy known only after apply, or which policies apply not known: possibly restricted.
	with_unknown_policy := build.link_set(_api(["PRIVATE"]), "policies", [build.unknown(_policy("a"), ["policy"])])
	resources := build.input_of([build.unknown(_policy("a"), ["policy"]), with_unknown_policy])
	model.possibly_api_restricted_to_vpc(resources.resources.aws_api_gateway_rest_api[0]) with input as resources
	model.possibly_api_restricted_to_vpc(build.uncertain_link_set(_api(["PRIVATE"]), "policies", [])) with input as build.input_of([])
	not model.possibly_api_restricted_to_vpc(build.link_set(_api(["PRIVATE"]), "policies", [])) with input as build.input_of([])
}

_v2_api(protocol) := build.resource("aws_apigatewayv2_api", "api", {"protocol_type": protocol})

_route := build.resource("aws_apigatewayv2_route", "r", {})

test_on_possibly_http_or_websocket_api if {
	http_model := build.input_of([_v2_api("HTTP"), build.link(_route, "api", _v2_api("HTTP"))])
	model.on_possibly_http_api(http_model.resources.aws_apigatewayv2_route[0]) with input as http_model
	not model.on_possibly_websocket_api(http_model.resources.aws_apigatewayv2_route[0]) with input as http_model

	unknown := build.input_of([build.unknown(_v2_api(null), ["protocol_type"]), build.link(_route, "api", _v2_api(null))])
	model.on_possibly_http_api(unknown.resources.aws_apigatewayv2_route[0]) with input as unknown
	model.on_possibly_websocket_api(unknown.resources.aws_apigatewayv2_route[0]) with input as unknown

	uncertain := build.uncertain_link(_route, "api")
	model.on_possibly_http_api(uncertain) with input as build.input_of([])
	model.on_possibly_websocket_api(uncertain) with input as build.input_of([])
}

test_v2_api_protocol_paths if {
	resources := build.input_of([_v2_api("HTTP"), build.link(_route, "api", _v2_api("HTTP"))])
	model.v2_api_protocol_paths(resources.resources.aws_apigatewayv2_route[0]) == ["links.api", [_v2_api("HTTP"), "protocol_type"]] with input as resources
	model.v2_api_protocol_paths(build.uncertain_link(_route, "api")) == ["links.api"] with input as build.input_of([])
}
