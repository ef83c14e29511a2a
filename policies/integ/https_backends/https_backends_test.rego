package apigw.rules.integ.https_backends_test

import data.apigw.lib.result
import data.apigw.rules.integ.https_backends as rule

_unknown_mark := {"set": true, "reason": "after_apply", "references": ["aws_lb.backend.dns_name"]}

_rest(type, uri, unknown) := {
	"address": "aws_api_gateway_integration.i",
	"values": {"type": type, "uri": uri, "http_method": "GET"},
	"unknown": unknown,
	"links": {},
}

_v2(type, uri, unknown) := {
	"address": "aws_apigatewayv2_integration.i",
	"values": {"integration_type": type, "integration_uri": uri},
	"unknown": unknown,
	"links": {},
}

_input(rest, v2) := {"resources": {"aws_api_gateway_integration": rest, "aws_apigatewayv2_integration": v2}}

_one(findings, severity, unknown) if {
	count(findings) == 1
	some finding in findings
	finding.severity == severity
	finding.unknown == unknown
}

test_fail_rest_http_proxy if {
	findings := result.objects(rule.deny) with input as _input([_rest("HTTP_PROXY", "http://backend.example.com/{proxy}", {})], [])
	findings == {{
		"rule_id": "APIGW-802",
		"severity": "high",
		"address": "aws_api_gateway_integration.i",
		"message": concat(" ", [
			"Integration aws_api_gateway_integration.i calls its backend over plain HTTP (uri starts with http://):",
			"requests, credentials and responses cross the network unencrypted and can be read or altered in transit.",
		]),
		"unknown": false,
	}}
}

test_fail_rest_http if {
	_one(result.objects(rule.deny), "high", false) with input as _input([_rest("HTTP", "http://backend.example.com/orders", {})], [])
}

test_fail_scheme_in_upper_case if {
	_one(result.objects(rule.deny), "high", false) with input as _input([_rest("HTTP", "HTTP://backend.example.com/orders", {})], [])
}

test_fail_v2_http_proxy if {
	findings := result.objects(rule.deny) with input as _input([], [_v2("HTTP_PROXY", "http://backend.example.com", {})])
	_one(findings, "high", false)
	some finding in findings
	finding.address == "aws_apigatewayv2_integration.i"
	contains(finding.message, "integration_uri starts with http://")
}

test_pass_rest_https if {
	count(rule.deny) == 0 with input as _input([_rest("HTTP_PROXY", "https://backend.example.com/{proxy}", {})], [])
}

test_pass_v2_https if {
	count(rule.deny) == 0 with input as _input([], [_v2("HTTP_PROXY", "https://backend.example.com", {})])
}

test_pass_v2_private_integration_listener_arn if {
	uri := "arn:aws:elasticloadbalancing:eu-west-1:123456789012:listener/app/internal/abc/def"
	count(rule.deny) == 0 with input as _input([], [_v2("HTTP_PROXY", uri, {})])
}

test_pass_lambda_integrations if {
	uri := "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:f/invocations"
	count(rule.deny) == 0 with input as _input([_rest("AWS_PROXY", uri, {})], [_v2("AWS_PROXY", uri, {})])
}

test_pass_mock_without_uri if {
	count(rule.deny) == 0 with input as _input([_rest("MOCK", null, {})], [])
}

test_pass_v2_http_type_is_not_judged if {
	count(rule.deny) == 0 with input as _input([], [_v2("HTTP", "http://backend.example.com", {})])
}

test_pass_uri_unset if {
	count(rule.deny) == 0 with input as _input([_rest("HTTP_PROXY", null, {})], [_v2("HTTP_PROXY", null, {})])
}

test_unknown_rest_uri_is_unverifiable if {
	_one(result.objects(rule.deny), "info", true) with input as _input([_rest("HTTP_PROXY", null, {"uri": _unknown_mark})], [])
}

test_unknown_v2_uri_is_unverifiable if {
	_one(result.objects(rule.deny), "info", true) with input as _input([], [_v2("HTTP_PROXY", null, {"integration_uri": _unknown_mark})])
}

test_unknown_type_is_unverifiable if {
	_one(result.objects(rule.deny), "info", true) with input as _input([_rest(null, "http://backend.example.com", {"type": _unknown_mark})], [])
}

test_unknown_uri_of_lambda_integration_is_not_reported if {
	count(rule.deny) == 0 with input as _input([_rest("AWS_PROXY", null, {"uri": _unknown_mark})], [])
}

# Values known in part: the known prefix of an unknown uri decides.

_prefixed(prefix) := {"uri": {"set": true, "reason": "after_apply", "references": ["aws_lb.backend.dns_name"], "prefix": prefix}}

test_fail_literal_http_scheme_with_unknown_host_is_certain if {
	_one(result.objects(rule.deny), "high", false) with input as _input([_rest("HTTP_PROXY", null, _prefixed("http://"))], [])
}

test_pass_literal_https_scheme_with_unknown_host if {
	count(rule.deny) == 0 with input as _input([_rest("HTTP_PROXY", null, _prefixed("https://"))], [])
}

test_pass_arn_attribute_is_never_http if {
	v2 := _v2("HTTP_PROXY", null, {"integration_uri": {"set": true, "reason": "after_apply", "references": [], "prefix": "arn:"}})
	count(rule.deny) == 0 with input as _input([], [v2])
}
