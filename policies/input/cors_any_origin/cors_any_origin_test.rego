package apigw.rules.input.cors_any_origin_test

import data.apigw.lib.result
import data.apigw.rules.input.cors_any_origin as rule

_unknown_mark := {"set": true, "reason": "after_apply", "references": []}

_api(cors, unknown) := {
	"address": "aws_apigatewayv2_api.a",
	"values": {"name": "a", "protocol_type": "HTTP", "cors_configuration": cors},
	"unknown": unknown,
	"links": {},
}

_cors(origins, credentials) := {"allow_origins": origins, "allow_credentials": credentials, "allow_methods": ["GET"], "allow_headers": null}

_input(api) := {"resources": {"aws_apigatewayv2_api": [api]}}

_single(findings, severity, unknown) := finding if {
	count(findings) == 1
	some finding in findings
	finding.severity == severity
	finding.unknown == unknown
}

test_fail_any_origin_with_credentials if {
	findings := result.objects(rule.deny) with input as _input(_api(_cors(["*"], true), {}))
	findings == {{
		"rule_id": "APIGW-702",
		"severity": "high",
		"address": "aws_apigatewayv2_api.a",
		"message": concat(" ", [
			"API aws_apigatewayv2_api.a allows any origin with credentials (a wildcard in cors_configuration.allow_origins, allow_credentials = true):",
			"any website a signed-in user visits can call the API as that user and read the responses.",
		]),
		"unknown": false,
	}}
}

test_fail_any_origin_without_credentials_is_low if {
	findings := result.objects(rule.deny) with input as _input(_api(_cors(["https://app.example.com", "*"], false), {}))
	findings == {{
		"rule_id": "APIGW-702",
		"severity": "low",
		"address": "aws_apigatewayv2_api.a",
		"message": concat(" ", [
			"API aws_apigatewayv2_api.a allows any origin (cors_configuration.allow_origins contains a wildcard):",
			"scripts on any website can call the API from a visitor's browser and read the responses.",
		]),
		"unknown": false,
	}}
}

test_fail_any_origin_credentials_unset_is_low if {
	_single(result.objects(rule.deny), "low", false) with input as _input(_api(_cors(["*"], null), {}))
}

test_fail_scheme_wildcard_with_credentials if {
	_single(result.objects(rule.deny), "high", false) with input as _input(_api(_cors(["https://*"], true), {}))
	_single(result.objects(rule.deny), "low", false) with input as _input(_api(_cors(["http://*"], false), {}))
}

test_pass_listed_origins_with_credentials if {
	count(rule.deny) == 0 with input as _input(_api(_cors(["https://app.example.com", "https://*.example.com"], true), {}))
}

test_pass_no_cors if {
	count(rule.deny) == 0 with input as _input(_api(null, {}))
}

test_pass_empty_origins if {
	count(rule.deny) == 0 with input as _input(_api(_cors(null, true), {}))
}

test_unknown_origins_with_credentials_is_unverifiable if {
	api := _api(_cors(null, true), {"cors_configuration.allow_origins": _unknown_mark})
	finding := _single(result.objects(rule.deny), "info", true) with input as _input(api)
	contains(finding.message, "with credentials")
}

test_unknown_origins_without_credentials_is_unverifiable if {
	api := _api(_cors(["https://app.example.com", null], false), {"cors_configuration.allow_origins": _unknown_mark})
	finding := _single(result.objects(rule.deny), "info", true) with input as _input(api)
	not contains(finding.message, "with credentials")
}

test_known_wildcard_among_unknown_origins if {
	# The known "*" decides it, whatever the unknown element becomes.
	api := _api(_cors(["*", null], false), {"cors_configuration.allow_origins": _unknown_mark})
	_single(result.objects(rule.deny), "low", false) with input as _input(api)
}

test_unknown_credentials_with_any_origin_is_unverifiable if {
	api := _api(_cors(["*"], null), {"cors_configuration.allow_credentials": _unknown_mark})
	_single(result.objects(rule.deny), "info", true) with input as _input(api)
}

test_dynamic_cors_block_is_unverifiable if {
	api := _api(null, {"cors_configuration": _unknown_mark})
	_single(result.objects(rule.deny), "info", true) with input as _input(api)
}

test_pass_unknown_credentials_with_listed_origins if {
	api := _api(_cors(["https://app.example.com"], null), {"cors_configuration.allow_credentials": _unknown_mark})
	count(rule.deny) == 0 with input as _input(api)
}
