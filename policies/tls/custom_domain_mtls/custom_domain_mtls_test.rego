package apigw.rules.tls.custom_domain_mtls_test

import data.apigw.rules.tls.custom_domain_mtls as rule

_unknown_mark(set) := {"set": set, "reason": "after_apply", "references": []}

_no_links := {"targets": [], "indices": [], "uncertain": false}

_mtls(uri) := {"truststore_uri": uri, "truststore_version": null}

_v1(mtls, unknown) := {
	"address": "aws_api_gateway_domain_name.d",
	"values": {"domain_name": "api.example.com", "security_policy": "TLS_1_2", "mutual_tls_authentication": mtls},
	"unknown": unknown,
	"links": {"base_path_mappings": _no_links},
}

_v2(mtls, unknown, mapping_indices) := {
	"address": "aws_apigatewayv2_domain_name.d",
	"values": {"domain_name": "http.example.com", "mutual_tls_authentication": mtls},
	"unknown": unknown,
	"links": {"api_mappings": {"targets": [], "indices": mapping_indices, "uncertain": false}},
}

_api(protocol) := {"address": sprintf("aws_apigatewayv2_api.%s", [lower(protocol)]), "values": {"protocol_type": protocol}, "unknown": {}}

_mapping(state, index) := {
	"address": "aws_apigatewayv2_api_mapping.m",
	"values": {},
	"unknown": {},
	"links": {"api": {"target": null, "index": index, "state": state}},
}

_input(v1, v2) := {"resources": {
	"aws_api_gateway_domain_name": v1,
	"aws_apigatewayv2_domain_name": v2,
	"aws_apigatewayv2_api": [_api("HTTP"), _api("WEBSOCKET")],
	"aws_apigatewayv2_api_mapping": [],
}}

_with_mappings(v2, mappings) := object.union(_input([], [v2]), {"resources": {"aws_apigatewayv2_api_mapping": mappings}})

_config(params) := {"rules": {"APIGW-402": {"params": params}}}

_one(findings, severity, unknown) if {
	count(findings) == 1
	some finding in findings
	finding.severity == severity
	finding.unknown == unknown
}

test_fail_v1_without_mtls if {
	findings := rule.deny with input as _input([_v1(null, {})], [])
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
	_one(rule.deny, "low", false) with input as _input([_v1(_mtls(""), {})], [])
}

test_fail_v2_without_mtls if {
	findings := rule.deny with input as _input([], [_v2(null, {}, [])])
	_one(findings, "low", false)
	some finding in findings
	finding.address == "aws_apigatewayv2_domain_name.d"
}

test_fail_severity_raised_to_high if {
	_one(rule.deny, "high", false) with input as _input([_v1(null, {})], [])
		with data.config as _config({"severity": "high"})
}

test_fail_invalid_severity_keeps_low if {
	_one(rule.deny, "low", false) with input as _input([_v1(null, {})], [])
		with data.config as _config({"severity": "urgent"})
}

test_fail_severity_of_wrong_type_keeps_low if {
	_one(rule.deny, "low", false) with input as _input([], [_v2(null, {}, [])])
		with data.config as _config({"severity": 3})
}

test_fail_v2_mapped_to_http_api if {
	_one(rule.deny, "low", false) with input as _with_mappings(_v2(null, {}, [0]), [_mapping("resolved", 0)])
}

test_fail_v2_mapped_to_http_and_websocket_apis if {
	domain := _v2(null, {}, [0, 1])
	_one(rule.deny, "low", false) with input as _with_mappings(domain, [_mapping("resolved", 1), _mapping("resolved", 0)])
}

test_fail_v2_mapping_api_unresolved if {
	_one(rule.deny, "low", false) with input as _with_mappings(_v2(null, {}, [0]), [_mapping("absent", null)])
}

test_pass_v1_with_truststore if {
	count(rule.deny) == 0 with input as _input([_v1(_mtls("s3://truststores/api.pem"), {})], [])
}

test_pass_v2_with_truststore if {
	count(rule.deny) == 0 with input as _input([], [_v2(_mtls("s3://truststores/api.pem"), {}, [])])
}

test_pass_truststore_set_by_reference if {
	domain := _v1(_mtls(null), {"mutual_tls_authentication.truststore_uri": _unknown_mark(true)})
	count(rule.deny) == 0 with input as _input([domain], [])
}

test_pass_v2_websocket_only_domain if {
	count(rule.deny) == 0 with input as _with_mappings(_v2(null, {}, [0]), [_mapping("resolved", 1)])
}

test_unknown_truststore_is_unverifiable if {
	domain := _v1(_mtls(null), {"mutual_tls_authentication.truststore_uri": _unknown_mark(false)})
	_one(rule.deny, "info", true) with input as _input([domain], [])
}

test_unknown_dynamic_block_is_unverifiable if {
	domain := _v2(null, {"mutual_tls_authentication": _unknown_mark(false)}, [])
	_one(rule.deny, "info", true) with input as _input([], [domain])
		with data.config as _config({"severity": "high"})
}
