package apigw.rules.auth.jwt_authorizer_claims_test

import data.apigw.lib.result
import data.apigw.rules.auth.jwt_authorizer_claims as rule

_unknown_mark := {"set": true, "reason": "after_apply", "references": []}

_unknown_unset_mark := {"set": false, "reason": "after_apply", "references": []}

_issuer := "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc"

_authorizer(type, jwt_configuration, unknown) := {
	"address": "aws_apigatewayv2_authorizer.a",
	"values": {"name": "a", "authorizer_type": type, "jwt_configuration": jwt_configuration},
	"unknown": unknown,
	"links": {"api": {"target": null, "index": null, "state": "absent"}},
}

_jwt(issuer, audience) := _authorizer("JWT", {"issuer": issuer, "audience": audience}, {})

_input(authorizer) := {"resources": {"aws_apigatewayv2_authorizer": [authorizer]}}

_message(problems) := sprintf("JWT authorizer aws_apigatewayv2_authorizer.a does not pin its tokens: %s.", [concat("; ", problems)])

_no_issuer := "the issuer is not set, so the authorizer cannot know whose tokens to trust"

_not_https := "the issuer is not an https:// URL, so the signing keys it serves can be tampered with in transit"

_no_audience := "the audience is empty, so tokens the issuer signed for any other application are accepted"

_single(findings, severity, unknown) := finding if {
	count(findings) == 1
	some finding in findings
	finding.severity == severity
	finding.unknown == unknown
}

test_fail_no_audience if {
	findings := result.objects(rule.deny) with input as _input(_jwt(_issuer, []))
	findings == {{
		"rule_id": "APIGW-106",
		"severity": "high",
		"address": "aws_apigatewayv2_authorizer.a",
		"message": _message([_no_audience]),
		"unknown": false,
	}}
}

test_fail_audience_unset if {
	finding := _single(result.objects(rule.deny), "high", false) with input as _input(_jwt(_issuer, null))
	finding.message == _message([_no_audience])
}

test_fail_audience_of_empty_strings if {
	finding := _single(result.objects(rule.deny), "high", false) with input as _input(_jwt(_issuer, [""]))
	finding.message == _message([_no_audience])
}

test_fail_http_issuer if {
	finding := _single(result.objects(rule.deny), "high", false) with input as _input(_jwt("http://idp.example.com", ["app"]))
	finding.message == _message([_not_https])
}

test_fail_issuer_without_scheme if {
	finding := _single(result.objects(rule.deny), "high", false) with input as _input(_jwt("cognito-idp.us-east-1.amazonaws.com/pool", ["app"]))
	finding.message == _message([_not_https])
}

test_fail_issuer_unset if {
	finding := _single(result.objects(rule.deny), "high", false) with input as _input(_jwt(null, ["app"]))
	finding.message == _message([_no_issuer])
}

test_fail_no_jwt_configuration if {
	finding := _single(result.objects(rule.deny), "high", false) with input as _input(_authorizer("JWT", null, {}))
	finding.message == _message([_no_issuer, _no_audience])
}

test_pass_https_issuer_and_audience if {
	count(rule.deny) == 0 with input as _input(_jwt(_issuer, ["app-client-id"]))
}

test_pass_audience_set_by_reference if {
	authorizer := _authorizer(
		"JWT",
		{"issuer": _issuer, "audience": [null]},
		{"jwt_configuration.audience": _unknown_mark},
	)
	count(rule.deny) == 0 with input as _input(authorizer)
}

test_pass_request_authorizer if {
	count(rule.deny) == 0 with input as _input(_authorizer("REQUEST", null, {}))
}

test_unknown_issuer_is_unverifiable if {
	authorizer := _authorizer("JWT", {"issuer": null, "audience": ["app"]}, {"jwt_configuration.issuer": _unknown_mark})
	finding := _single(result.objects(rule.deny), "info", true) with input as _input(authorizer)
	endswith(finding.message, _message([_not_https]))
}

test_unknown_audience_is_unverifiable if {
	authorizer := _authorizer("JWT", {"issuer": _issuer, "audience": null}, {"jwt_configuration.audience": _unknown_unset_mark})
	_single(result.objects(rule.deny), "info", true) with input as _input(authorizer)
}

test_certain_problem_wins_over_unknown if {
	# The audience is empty for sure: that is a blocking finding even though the issuer is unknown.
	authorizer := _authorizer("JWT", {"issuer": null, "audience": []}, {"jwt_configuration.issuer": _unknown_mark})
	finding := _single(result.objects(rule.deny), "high", false) with input as _input(authorizer)
	finding.message == _message([_no_audience])
}

test_dynamic_jwt_configuration_is_unverifiable if {
	authorizer := _authorizer("JWT", null, {"jwt_configuration": _unknown_mark})
	_single(result.objects(rule.deny), "info", true) with input as _input(authorizer)
}

test_unknown_type_is_unverifiable if {
	authorizer := _authorizer(null, {"issuer": "http://idp.example.com", "audience": ["app"]}, {"authorizer_type": _unknown_mark})
	_single(result.objects(rule.deny), "info", true) with input as _input(authorizer)
}

test_pass_unknown_issuer_with_literal_https_scheme if {
	mark := object.union(_unknown_mark, {"prefix": "https://"})
	authorizer := _authorizer("JWT", {"issuer": null, "audience": ["app"]}, {"jwt_configuration.issuer": mark})
	count(rule.deny) == 0 with input as _input(authorizer)
}
