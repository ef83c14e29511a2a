package apigw.rules.openapi.operation_authorization_test

import data.apigw.lib.result
import data.apigw.rules.openapi.operation_authorization as rule

_operation(path, method, secured) := {
	"path": path,
	"method": method,
	"secured": secured,
	"api_key_only": false,
	"request_validator": null,
	"accepts_body": method in {"post", "put", "patch"},
}

_key_only(path, method) := object.union(_operation(path, method, false), {"api_key_only": true})

_document(state, operations) := {
	"state": state,
	"error": null,
	"version": "3.0.1",
	"request_validator": null,
	"operations": operations,
}

_rest(document, unknown) := {
	"address": "aws_api_gateway_rest_api.api",
	"values": {"name": "orders", "body": "{}", "body_document": document},
	"unknown": unknown,
	"links": {},
}

_v2(protocol, document) := {
	"address": "aws_apigatewayv2_api.api",
	"values": {"name": "orders", "protocol_type": protocol, "body": "{}", "body_document": document},
	"unknown": {},
	"links": {},
}

_input(rest, v2) := {"resources": {"aws_api_gateway_rest_api": rest, "aws_apigatewayv2_api": v2}}

_blocking(findings, n) if {
	count(findings) == n
	every finding in findings {
		finding.severity == "high"
		finding.unknown == false
	}
}

_unverifiable(findings) if {
	count(findings) == 1
	some finding in findings
	finding.severity == "info"
	finding.unknown == true
}

test_fail_rest_open_operation if {
	document := _document("parsed", [_operation("/orders", "get", false), _operation("/orders", "post", true)])
	findings := result.objects(rule.deny) with input as _input([_rest(document, {})], [])
	findings == {{
		"rule_id": "APIGW-901",
		"severity": "high",
		"address": "aws_api_gateway_rest_api.api",
		"message": concat(" ", [
			"API aws_api_gateway_rest_api.api lets anyone call GET /orders: the operation in its OpenAPI body has no security requirement",
			"(own or inherited) and no x-amazon-apigateway-auth, so callers are never authenticated.",
		]),
		"unknown": false,
	}}
}

test_fail_one_finding_per_open_operation if {
	document := _document("parsed", [
		_operation("/orders", "get", false),
		_operation("/orders", "post", false),
		_operation("/orders/{id}", "delete", false),
		_operation("/health", "get", true),
	])
	findings := result.objects(rule.deny) with input as _input([_rest(document, {})], [])
	_blocking(findings, 3)
	some finding in findings
	contains(finding.message, "DELETE /orders/{id}")
}

test_fail_any_method_named_any if {
	document := _document("parsed", [_operation("/{proxy+}", "x-amazon-apigateway-any-method", false)])
	findings := result.objects(rule.deny) with input as _input([_rest(document, {})], [])
	_blocking(findings, 1)
	some finding in findings
	contains(finding.message, "call ANY /{proxy+}:")
}

test_fail_http_api if {
	document := _document("parsed", [_operation("/pets", "get", false)])
	findings := result.objects(rule.deny) with input as _input([], [_v2("HTTP", document)])
	_blocking(findings, 1)
	some finding in findings
	finding.address == "aws_apigatewayv2_api.api"
}

test_pass_all_operations_secured if {
	document := _document("parsed", [_operation("/orders", "get", true), _operation("/orders", "post", true)])
	count(rule.deny) == 0 with input as _input([_rest(document, {})], [_v2("HTTP", document)])
}

test_pass_options_preflight if {
	document := _document("parsed", [_operation("/orders", "options", false), _operation("/orders", "get", true)])
	count(rule.deny) == 0 with input as _input([_rest(document, {})], [])
}

test_pass_no_body if {
	count(rule.deny) == 0 with input as _input([_rest(_document("absent", []), {})], [_v2("HTTP", _document("absent", []))])
}

test_pass_websocket_api_is_not_judged if {
	document := _document("parsed", [_operation("/pets", "get", false)])
	count(rule.deny) == 0 with input as _input([], [_v2("WEBSOCKET", document)])
}

test_unknown_body_is_unverifiable if {
	unknown := {"body": {"set": true, "reason": "after_apply", "references": ["aws_lambda_function.f.invoke_arn"]}}
	findings := result.objects(rule.deny) with input as _input([_rest(_document("unknown", []), unknown)], [])
	_unverifiable(findings)
	some finding in findings
	finding.address == "aws_api_gateway_rest_api.api"
	contains(finding.message, "may define OpenAPI operations")
}

test_redacted_body_is_unverifiable if {
	sensitive := {"body": {"set": true, "reason": "sensitive", "references": []}}
	_unverifiable(result.objects(rule.deny)) with input as _input([_rest(_document("unknown", []), sensitive)], [])
}

test_unknown_protocol_type_is_unverifiable if {
	api := object.union(_v2(null, _document("parsed", [_operation("/pets", "get", false)])), {"unknown": {"protocol_type": {"set": false, "reason": "after_apply", "references": ["var.protocol"]}}})
	findings := result.objects(rule.deny) with input as _input([], [api])
	count(findings) == 1
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
}

test_unreadable_body_is_unverifiable if {
	rest := _rest(object.union(_document("unknown", []), {"error": "neither JSON nor YAML"}), {"body": {"set": true, "reason": "unreadable", "references": []}})
	findings := result.objects(rule.deny) with input as _input([rest], [])
	count(findings) == 1
	some finding in findings
	finding.unknown == true
	startswith(finding.message, "Unverifiable: policy-check cannot read body,")
}

test_fail_api_key_only_operation if {
	document := _document("parsed", [_key_only("/orders", "post"), _operation("/orders", "get", true)])
	findings := result.objects(rule.deny) with input as _input([_rest(document, {})], [_v2("HTTP", document)])
	_blocking(findings, 2)
	every finding in findings {
		contains(finding.message, "lets anyone with an API key call POST /orders:")
		contains(finding.message, "they do not authenticate callers")
	}
}

test_pass_api_key_only_options_preflight if {
	document := _document("parsed", [_key_only("/orders", "options")])
	count(rule.deny) == 0 with input as _input([_rest(document, {})], [])
}

# A body known but for what decides an operation's security (src/model/openapi.ts marks the fact unknown).

_mark := {"set": true, "reason": "after_apply", "references": []}

test_unknown_security_of_one_operation_is_unverifiable if {
	document := _document("parsed", [_operation("/secure", "get", true), _operation("/orders", "post", false)])
	findings := result.objects(rule.deny) with input as _input([_rest(document, {"body_document.operations.1.secured": _mark})], [])
	count(findings) == 1
	some finding in findings
	finding.unknown == true
	contains(finding.message, "body_document.operations.1.secured")
}

test_known_open_operation_beside_unknown_fact_of_another_stays_blocking if {
	document := _document("parsed", [_operation("/open", "get", false), _operation("/orders", "post", true)])
	findings := result.objects(rule.deny) with input as _input([_rest(document, {"body_document.operations.1.secured": _mark})], [])
	count(findings) == 1
	some finding in findings
	finding.unknown == false
}
