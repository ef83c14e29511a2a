package apigw.rules.openapi.request_validation_test

import data.apigw.lib.result
import data.apigw.rules.openapi.request_validation as rule

_operation(method, validator) := {
	"path": "/orders",
	"method": method,
	"secured": true,
	"api_key_only": false,
	"request_validator": validator,
	"accepts_body": method in {"post", "put", "patch", "x-amazon-apigateway-any-method"},
}

_document(state, validator, operations) := {
	"state": state,
	"error": null,
	"version": "3.0.1",
	"request_validator": validator,
	"operations": operations,
}

_rest(document, unknown) := {
	"address": "aws_api_gateway_rest_api.api",
	"values": {"name": "orders", "body": "{}", "body_document": document},
	"unknown": unknown,
	"links": {},
}

_input(document, unknown) := {"resources": {"aws_api_gateway_rest_api": [_rest(document, unknown)]}}

_one(findings, severity, unknown) if {
	count(findings) == 1
	some finding in findings
	finding.severity == severity
	finding.unknown == unknown
}

test_fail_no_validator_anywhere if {
	findings := result.objects(rule.deny) with input as _input(_document("parsed", null, [_operation("get", null), _operation("post", null)]), {})
	findings == {{
		"rule_id": "APIGW-902",
		"severity": "low",
		"address": "aws_api_gateway_rest_api.api",
		"message": concat(" ", [
			"REST API aws_api_gateway_rest_api.api does not validate requests to POST /orders: the operation accepts a request body but neither it",
			"nor the top level of the OpenAPI body sets x-amazon-apigateway-request-validator, so malformed payloads reach the backend.",
		]),
		"unknown": false,
	}}
}

test_fail_validator_only_on_get if {
	_one(result.objects(rule.deny), "low", false) with input as _input(_document("parsed", null, [_operation("get", "params"), _operation("put", null)]), {})
}

test_fail_empty_validator_names if {
	_one(result.objects(rule.deny), "low", false) with input as _input(_document("parsed", "", [_operation("patch", "")]), {})
}

test_pass_document_without_operations if {
	count(rule.deny) == 0 with input as _input(_document("parsed", null, []), {})
}

test_pass_only_operations_without_a_body if {
	count(rule.deny) == 0 with input as _input(_document("parsed", null, [_operation("get", null), _operation("delete", null)]), {})
}

test_fail_get_with_a_request_body if {
	get_with_body := object.union(_operation("get", null), {"accepts_body": true})
	findings := result.objects(rule.deny) with input as _input(_document("parsed", null, [get_with_body, _operation("post", "body")]), {})
	_one(findings, "low", false)
	some finding in findings
	contains(finding.message, "requests to GET /orders:")
}

test_fail_one_finding_per_unvalidated_body_operation if {
	findings := result.objects(rule.deny) with input as _input(_document("parsed", null, [_operation("post", "body"), _operation("put", null), _operation("x-amazon-apigateway-any-method", null)]), {})
	count(findings) == 2
	{finding.message | some finding in findings; contains(finding.message, "requests to PUT /orders:")} != set()
	{finding.message | some finding in findings; contains(finding.message, "requests to ANY /orders:")} != set()
}

test_pass_top_level_validator if {
	count(rule.deny) == 0 with input as _input(_document("parsed", "all", [_operation("post", null)]), {})
}

test_pass_validator_on_every_body_operation if {
	count(rule.deny) == 0 with input as _input(_document("parsed", null, [_operation("post", "body"), _operation("put", "all"), _operation("get", null)]), {})
}

test_pass_no_body if {
	count(rule.deny) == 0 with input as _input(_document("absent", null, []), {})
}

test_unreadable_body_is_unverifiable if {
	document := object.union(_document("unknown", null, []), {"error": "neither JSON nor YAML"})
	findings := result.objects(rule.deny) with input as _input(document, {"body": {"set": true, "reason": "unreadable", "references": []}})
	_one(findings, "info", true)
}

test_pass_http_apis_are_not_judged if {
	api := {
		"address": "aws_apigatewayv2_api.api",
		"values": {"protocol_type": "HTTP", "body_document": _document("parsed", null, [_operation("post", null)])},
		"unknown": {},
	}
	count(rule.deny) == 0 with input as {"resources": {"aws_api_gateway_rest_api": [], "aws_apigatewayv2_api": [api]}}
}

test_unknown_body_is_unverifiable if {
	unknown := {"body": {"set": true, "reason": "after_apply", "references": ["aws_lambda_function.f.invoke_arn"]}}
	_one(result.objects(rule.deny), "info", true) with input as _input(_document("unknown", null, []), unknown)
}

test_redacted_body_is_unverifiable if {
	sensitive := {"body": {"set": true, "reason": "sensitive", "references": []}}
	_one(result.objects(rule.deny), "info", true) with input as _input(_document("unknown", null, []), sensitive)
}

# A body known but for what decides a validator (src/model/openapi.ts marks the fact unknown).

_mark := {"set": true, "reason": "after_apply", "references": []}

test_unknown_operation_validator_is_unverifiable if {
	document := _document("parsed", null, [_operation("post", null)])
	_one(result.objects(rule.deny), "info", true) with input as _input(document, {"body_document.operations.0.request_validator": _mark})
}

test_unknown_top_level_validator_is_unverifiable if {
	document := _document("parsed", null, [_operation("post", null)])
	_one(result.objects(rule.deny), "info", true) with input as _input(document, {"body_document.request_validator": _mark})
}

test_pass_known_validator_beside_unknown_integration if {
	count(rule.deny) == 0 with input as _input(_document("parsed", "all", [_operation("post", null)]), {})
}
