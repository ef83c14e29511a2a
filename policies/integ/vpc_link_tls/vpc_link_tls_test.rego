package apigw.rules.integ.vpc_link_tls_test

import data.apigw.lib.result
import data.apigw.rules.integ.vpc_link_tls as rule

_unknown_mark(set, reason) := {"set": set, "reason": reason, "references": []}

_link(state, index) := {"target": null, "index": index, "state": state}

_integration(connection_type, tls_config, unknown, api) := {
	"address": "aws_apigatewayv2_integration.i",
	"values": {
		"integration_type": "HTTP_PROXY",
		"integration_uri": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/internal/abc/def",
		"connection_type": connection_type,
		"tls_config": tls_config,
	},
	"unknown": unknown,
	"links": {"api": api},
}

_http := _link("resolved", 0)

_input(integration) := {"resources": {
	"aws_apigatewayv2_integration": [integration],
	"aws_apigatewayv2_api": [
		{"address": "aws_apigatewayv2_api.http", "values": {"protocol_type": "HTTP"}, "unknown": {}},
		{"address": "aws_apigatewayv2_api.ws", "values": {"protocol_type": "WEBSOCKET"}, "unknown": {}},
	],
}}

_one(findings, severity, unknown) if {
	count(findings) == 1
	some finding in findings
	finding.severity == severity
	finding.unknown == unknown
}

test_fail_vpc_link_without_tls_config if {
	findings := result.objects(rule.deny) with input as _input(_integration("VPC_LINK", null, {}, _http))
	findings == {{
		"rule_id": "APIGW-801",
		"severity": "medium",
		"address": "aws_apigatewayv2_integration.i",
		"message": concat(" ", [
			"Integration aws_apigatewayv2_integration.i reaches its private backend through a VPC link without TLS:",
			"tls_config.server_name_to_verify is not set, so requests and their credentials cross the VPC unencrypted.",
		]),
		"unknown": false,
	}}
}

test_fail_empty_server_name if {
	_one(result.objects(rule.deny), "medium", false) with input as _input(_integration("VPC_LINK", {"server_name_to_verify": ""}, {}, _http))
}

# Whether the API is a WebSocket API (exempt) is out of sight (lib/parent.rego).
test_api_outside_the_input_is_unverifiable if {
	findings := result.objects(rule.deny) with input as _input(_integration("VPC_LINK", null, {}, _link("absent", null)))
	count(findings) == 1
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
	startswith(finding.message, "Unverifiable: the API this resource belongs to (")
}

test_pass_server_name_set if {
	integration := _integration("VPC_LINK", {"server_name_to_verify": "backend.internal.example.com"}, {}, _http)
	count(rule.deny) == 0 with input as _input(integration)
}

test_pass_server_name_set_by_reference if {
	unknown := {"tls_config.server_name_to_verify": _unknown_mark(true, "after_apply")}
	integration := _integration("VPC_LINK", {"server_name_to_verify": null}, unknown, _http)
	count(rule.deny) == 0 with input as _input(integration)
}

test_pass_internet_integration if {
	count(rule.deny) == 0 with input as _input(_integration("INTERNET", null, {}, _http))
}

test_pass_connection_type_unset if {
	count(rule.deny) == 0 with input as _input(_integration(null, null, {}, _http))
}

test_pass_websocket_api if {
	count(rule.deny) == 0 with input as _input(_integration("VPC_LINK", null, {}, _link("resolved", 1)))
}

test_unknown_server_name_is_unverifiable if {
	unknown := {"tls_config.server_name_to_verify": _unknown_mark(false, "after_apply")}
	_one(result.objects(rule.deny), "info", true) with input as _input(_integration("VPC_LINK", {"server_name_to_verify": null}, unknown, _http))
}

test_unknown_dynamic_tls_block_is_unverifiable if {
	unknown := {"tls_config": _unknown_mark(false, "after_apply")}
	_one(result.objects(rule.deny), "info", true) with input as _input(_integration("VPC_LINK", null, unknown, _http))
}

test_unknown_connection_type_is_unverifiable if {
	unknown := {"connection_type": _unknown_mark(false, "after_apply")}
	_one(result.objects(rule.deny), "info", true) with input as _input(_integration(null, null, unknown, _http))
}

test_uncertain_api_is_unverifiable if {
	integration := _integration("VPC_LINK", null, {"links.api": _unknown_mark(false, "link")}, _link("uncertain", null))
	_one(result.objects(rule.deny), "info", true) with input as _input(integration)
}
