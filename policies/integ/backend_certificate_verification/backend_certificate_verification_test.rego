package apigw.rules.integ.backend_certificate_verification_test

import data.apigw.lib.result
import data.apigw.rules.integ.backend_certificate_verification as rule

_unknown_mark := {"set": false, "reason": "after_apply", "references": []}

_integration(tls_config, unknown) := {
	"address": "aws_api_gateway_integration.i",
	"values": {"type": "HTTP_PROXY", "uri": "https://backend.example.com", "tls_config": tls_config},
	"unknown": unknown,
	"links": {},
}

_input(integration) := {"resources": {"aws_api_gateway_integration": [integration]}}

_unverifiable(findings) if {
	count(findings) == 1
	some finding in findings
	finding.severity == "info"
	finding.unknown == true
}

test_fail_skip_verification if {
	findings := result.objects(rule.deny) with input as _input(_integration({"insecure_skip_verification": true}, {}))
	findings == {{
		"rule_id": "APIGW-803",
		"severity": "high",
		"address": "aws_api_gateway_integration.i",
		"message": concat(" ", [
			"Integration aws_api_gateway_integration.i sets tls_config.insecure_skip_verification = true:",
			"API Gateway accepts any backend certificate, so whoever can intercept or redirect the traffic can impersonate the backend.",
		]),
		"unknown": false,
	}}
}

test_pass_verification_on if {
	count(rule.deny) == 0 with input as _input(_integration({"insecure_skip_verification": false}, {}))
}

test_pass_tls_config_unset if {
	count(rule.deny) == 0 with input as _input(_integration(null, {}))
}

test_pass_flag_unset if {
	count(rule.deny) == 0 with input as _input(_integration({"insecure_skip_verification": null}, {}))
}

test_unknown_flag_is_unverifiable if {
	unknown := {"tls_config.insecure_skip_verification": _unknown_mark}
	_unverifiable(result.objects(rule.deny)) with input as _input(_integration({"insecure_skip_verification": null}, unknown))
}

test_unknown_dynamic_tls_block_is_unverifiable if {
	_unverifiable(result.objects(rule.deny)) with input as _input(_integration(null, {"tls_config": _unknown_mark}))
}
