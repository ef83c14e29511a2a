package apigw.rules.input.request_body_validation_test

import data.apigw.lib.result
import data.apigw.rules.input.request_body_validation as rule

_unknown_mark := {"set": true, "reason": "after_apply", "references": []}

_link_mark := {"set": false, "reason": "link", "references": []}

_absent := {"target": null, "index": null, "state": "absent"}

_resolved := {"target": "aws_api_gateway_request_validator.v", "index": 0, "state": "resolved"}

_method(http_method, validator_id, validator_link, unknown) := {
	"address": "aws_api_gateway_method.m",
	"values": {"http_method": http_method, "authorization": "AWS_IAM", "request_validator_id": validator_id},
	"unknown": unknown,
	"links": {"rest_api": _absent, "authorizer": _absent, "request_validator": validator_link},
}

_validator(body, unknown) := {
	"address": "aws_api_gateway_request_validator.v",
	"values": {"id": "v1", "name": "v", "validate_request_body": body, "validate_request_parameters": true},
	"unknown": unknown,
}

_input(method, validators) := {"resources": {
	"aws_api_gateway_method": [method],
	"aws_api_gateway_request_validator": validators,
}}

_linked(http_method) := _method(http_method, "v1", _resolved, {})

_single(findings, severity, unknown) := finding if {
	count(findings) == 1
	some finding in findings
	finding.severity == severity
	finding.unknown == unknown
}

test_fail_post_without_validator if {
	findings := result.objects(rule.deny) with input as _input(_method("POST", null, _absent, {}), [])
	findings == {{
		"rule_id": "APIGW-701",
		"severity": "medium",
		"address": "aws_api_gateway_method.m",
		"message": concat(" ", [
			"Method aws_api_gateway_method.m accepts a request body but has no request validator (request_validator_id is not set):",
			"API Gateway passes any payload to the backend unchecked.",
		]),
		"unknown": false,
	}}
}

test_fail_put_and_patch_without_validator if {
	_single(result.objects(rule.deny), "medium", false) with input as _input(_method("PUT", null, _absent, {}), [])
	_single(result.objects(rule.deny), "medium", false) with input as _input(_method("PATCH", "", _absent, {}), [])
}

test_fail_validator_checks_only_parameters if {
	findings := result.objects(rule.deny) with input as _input(_linked("POST"), [_validator(false, {})])
	finding := _single(findings, "medium", false)
	finding.message == concat(" ", [
		"Method aws_api_gateway_method.m accepts a request body but its request validator aws_api_gateway_request_validator.v",
		"does not validate it (validate_request_body is not true): API Gateway passes any payload to the backend unchecked.",
	])
}

test_fail_validator_body_unset if {
	_single(result.objects(rule.deny), "medium", false) with input as _input(_linked("POST"), [_validator(null, {})])
}

test_pass_validator_checks_body if {
	count(rule.deny) == 0 with input as _input(_linked("POST"), [_validator(true, {})])
}

test_pass_validator_managed_elsewhere if {
	# A literal validator ID the input does not hold: plausibly a body validator.
	count(rule.deny) == 0 with input as _input(_method("PUT", "abc123", _absent, {}), [])
}

test_pass_get_without_validator if {
	count(rule.deny) == 0 with input as _input(_method("GET", null, _absent, {}), [])
}

test_pass_other_methods_not_judged if {
	# Only POST, PUT and PATCH are judged (the catalog's list).
	count(rule.deny) == 0 with input as _input(_method("DELETE", null, _absent, {}), [])
	count(rule.deny) == 0 with input as _input(_method("OPTIONS", null, _absent, {}), [])
}

test_unknown_http_method_is_unverifiable if {
	method := _method(null, null, _absent, {"http_method": _unknown_mark})
	_single(result.objects(rule.deny), "info", true) with input as _input(method, [])
}

test_unknown_validator_body_is_unverifiable if {
	_single(result.objects(rule.deny), "info", true) with input as _input(_linked("POST"), [_validator(null, {"validate_request_body": _unknown_mark})])
}

test_uncertain_validator_link_is_unverifiable if {
	uncertain := {"target": null, "index": null, "state": "uncertain"}
	method := _method("POST", null, uncertain, {
		"request_validator_id": _unknown_mark,
		"links.request_validator": _link_mark,
	})
	finding := _single(result.objects(rule.deny), "info", true) with input as _input(method, [_validator(true, {})])
	contains(finding.message, "cannot tell which request validator")
}

test_unknown_unset_validator_id_is_unverifiable if {
	# Unknown, and not from a reference to another resource: it may stay unset.
	method := _method("POST", null, _absent, {"request_validator_id": {"set": false, "reason": "after_apply", "references": []}})
	finding := _single(result.objects(rule.deny), "info", true) with input as _input(method, [])
	contains(finding.message, "request_validator_id is not set")
}

test_pass_validator_set_by_reference_outside_input if {
	method := _method("POST", null, _absent, {"request_validator_id": _unknown_mark})
	count(rule.deny) == 0 with input as _input(method, [])
}
