package apigw.rules.tls.custom_domain_mtls_test

import data.apigw.lib.result
import data.apigw.lib.test.build
import data.apigw.rules.tls.custom_domain_mtls as rule

_mtls(uri) := {"truststore_uri": uri, "truststore_version": null}

_v1(mtls) := build.link_set(
	build.resource("aws_api_gateway_domain_name", "d", {"domain_name": "api.example.com", "security_policy": "TLS_1_2", "mutual_tls_authentication": mtls}),
	"base_path_mappings",
	[],
)

# An HTTP or WebSocket domain with the given API mappings.
_v2(mtls, mappings) := build.link_set(
	build.resource("aws_apigatewayv2_domain_name", "d", {"domain_name": "http.example.com", "mutual_tls_authentication": mtls}),
	"api_mappings",
	mappings,
)

_http := build.resource("aws_apigatewayv2_api", "http", {"protocol_type": "HTTP"})

_websocket := build.resource("aws_apigatewayv2_api", "websocket", {"protocol_type": "WEBSOCKET"})

# An API mapping to the API.
_mapping(name, api) := build.link(build.resource("aws_apigatewayv2_api_mapping", name, {}), "api", api)

# A model of the domain and its mappings, with both APIs.
_model(domain, mappings) := build.input_of(array.concat([domain, _http, _websocket], mappings))

_config(params) := {"rules": {"APIGW-402": {"params": params}}}

_one(findings, severity, unknown) if {
	count(findings) == 1
	some finding in findings
	finding.severity == severity
	finding.unknown == unknown
}

test_fail_v1_without_mtls if {
	findings := result.objects(rule.deny) with input as _model(_v1(null), [])
	findings == {{
		"rule_id": "APIGW-402",
		"severity": "low",
		"address": "aws_api_gateway_domain_name.d",
		"message": concat(" ", [
			"Custom domain aws_api_gateway_domain_name.d does not require mutual TLS: mutual_tls_authentication.truststore_uri is not set,",
			"so any client that reaches the domain can connect without a trusted client certificate.",
		]),
		"unknown": false,
	}}
}

test_fail_v1_empty_truststore_uri if {
	_one(result.objects(rule.deny), "low", false) with input as _model(_v1(_mtls("")), [])
}

test_fail_v2_without_mtls if {
	findings := result.objects(rule.deny) with input as _model(_v2(null, []), [])
	_one(findings, "low", false)
	{finding.address | some finding in findings} == {"aws_apigatewayv2_domain_name.d"}
}

test_fail_severity_raised_to_high if {
	_one(result.objects(rule.deny), "high", false) with input as _model(_v1(null), [])
		with data.config as _config({"severity": "high"})
}

test_fail_invalid_severity_keeps_low if {
	_one(result.objects(rule.deny), "low", false) with input as _model(_v1(null), [])
		with data.config as _config({"severity": "urgent"})
}

test_fail_severity_of_wrong_type_keeps_low if {
	_one(result.objects(rule.deny), "low", false) with input as _model(_v2(null, []), [])
		with data.config as _config({"severity": 3})
}

test_fail_v2_mapped_to_http_api if {
	mappings := [_mapping("m", _http)]
	_one(result.objects(rule.deny), "low", false) with input as _model(_v2(null, mappings), mappings)
}

test_fail_v2_mapped_to_http_and_websocket_apis if {
	mappings := [_mapping("ws", _websocket), _mapping("http", _http)]
	_one(result.objects(rule.deny), "low", false) with input as _model(_v2(null, mappings), mappings)
}

test_fail_v2_mapping_api_unresolved if {
	mappings := [build.absent_link(build.resource("aws_apigatewayv2_api_mapping", "m", {}), "api")]
	_one(result.objects(rule.deny), "low", false) with input as _model(_v2(null, mappings), mappings)
}

test_pass_v1_with_truststore if {
	count(rule.deny) == 0 with input as _model(_v1(_mtls("s3://truststores/api.pem")), [])
}

test_pass_v2_with_truststore if {
	count(rule.deny) == 0 with input as _model(_v2(_mtls("s3://truststores/api.pem"), []), [])
}

test_pass_truststore_set_by_reference if {
	domain := build.set_after_apply(_v1(_mtls(null)), ["mutual_tls_authentication.truststore_uri"])
	count(rule.deny) == 0 with input as _model(domain, [])
}

test_pass_v2_websocket_only_domain if {
	mappings := [_mapping("m", _websocket)]
	count(rule.deny) == 0 with input as _model(_v2(null, mappings), mappings)
}

test_unknown_truststore_is_unverifiable if {
	domain := build.unknown(_v1(_mtls(null)), ["mutual_tls_authentication.truststore_uri"])
	_one(result.objects(rule.deny), "info", true) with input as _model(domain, [])
}

test_unknown_dynamic_block_is_unverifiable if {
	domain := build.unknown(_v2(null, []), ["mutual_tls_authentication"])
	_one(result.objects(rule.deny), "info", true) with input as _model(domain, [])
		with data.config as _config({"severity": "high"})
}
