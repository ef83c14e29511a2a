package apigw.rules.tls.custom_domain_tls_test

import data.apigw.lib.result
import data.apigw.rules.tls.custom_domain_tls as rule

_unknown_mark := {"set": true, "reason": "after_apply", "references": []}

_v1(policy, unknown) := {
	"address": "aws_api_gateway_domain_name.d",
	"values": {"domain_name": "api.example.com", "security_policy": policy},
	"unknown": unknown,
	"links": {"base_path_mappings": {"targets": [], "indices": [], "uncertain": false}},
}

_v2(configuration, unknown) := {
	"address": "aws_apigatewayv2_domain_name.d",
	"values": {"domain_name": "api.example.com", "domain_name_configuration": configuration},
	"unknown": unknown,
	"links": {},
}

_v2_policy(policy) := _v2({"certificate_arn": null, "endpoint_type": "REGIONAL", "security_policy": policy}, {})

_input(v1, v2) := {"resources": {"aws_api_gateway_domain_name": v1, "aws_apigatewayv2_domain_name": v2}}

_config(params) := {"rules": {"APIGW-401": {"params": params}}}

_blocking(findings) if {
	count(findings) == 1
	some finding in findings
	finding.unknown == false
	finding.severity == "high"
}

_unverifiable(findings) if {
	count(findings) == 1
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
}

test_fail_v1_tls_1_0 if {
	findings := result.objects(rule.deny) with input as _input([_v1("TLS_1_0", {})], [])
	findings == {{
		"rule_id": "APIGW-401",
		"severity": "high",
		"address": "aws_api_gateway_domain_name.d",
		"message": concat(" ", [
			"Custom domain aws_api_gateway_domain_name.d uses security policy TLS_1_0, which is not a TLS 1.2+ policy:",
			"clients can negotiate TLS 1.0/1.1 and weak ciphers.",
		]),
		"unknown": false,
	}}
}

test_fail_v1_unset if {
	findings := result.objects(rule.deny) with input as _input([_v1(null, {"certificate_arn": _unknown_mark})], [])
	_blocking(findings)
	some finding in findings
	contains(finding.message, "sets no security_policy")
}

test_fail_v1_unknown_enhanced_name if {
	_blocking(result.objects(rule.deny)) with input as _input([_v1("SecurityPolicy_TLS10_2019", {})], [])
}

test_fail_v1_prefix_is_case_sensitive if {
	_blocking(result.objects(rule.deny)) with input as _input([_v1("securitypolicy_tls13_1_3_2025_09", {})], [])
}

test_fail_v2_tls_1_0 if {
	findings := result.objects(rule.deny) with input as _input([], [_v2_policy("TLS_1_0")])
	_blocking(findings)
	some finding in findings
	finding.address == "aws_apigatewayv2_domain_name.d"
}

test_fail_v2_configuration_unset if {
	findings := result.objects(rule.deny) with input as _input([], [_v2(null, {})])
	_blocking(findings)
	some finding in findings
	contains(finding.message, "sets no security_policy")
}

test_fail_v2_policy_unset if {
	_blocking(result.objects(rule.deny)) with input as _input([], [_v2_policy(null)])
}

test_fail_tls_1_2_when_configuration_requires_tls13 if {
	params := {"allowed_policies": [], "allowed_prefixes": ["SecurityPolicy_TLS13_"]}
	_blocking(result.objects(rule.deny)) with input as _input([_v1("TLS_1_2", {})], [])
		with data.config as _config(params)
}

test_pass_v1_tls_1_2 if {
	count(rule.deny) == 0 with input as _input([_v1("TLS_1_2", {})], [])
}

test_pass_v1_enhanced_tls12 if {
	count(rule.deny) == 0 with input as _input([_v1("SecurityPolicy_TLS12_PFS_2025_EDGE", {})], [])
}

test_pass_v1_enhanced_tls13 if {
	count(rule.deny) == 0 with input as _input([_v1("SecurityPolicy_TLS13_1_3_2025_09", {})], [])
}

test_pass_v2_tls_1_2 if {
	count(rule.deny) == 0 with input as _input([], [_v2_policy("TLS_1_2")])
}

test_pass_configured_allow_list if {
	params := {"allowed_policies": ["TLS_1_2"], "allowed_prefixes": ["SecurityPolicy_TLS13_"]}
	count(rule.deny) == 0 with input as _input([_v1("SecurityPolicy_TLS13_1_3_2025_09", {})], [_v2_policy("TLS_1_2")])
		with data.config as _config(params)
}

test_malformed_parameters_keep_the_defaults if {
	params := {"allowed_policies": "TLS_1_0", "allowed_prefixes": [1, "SecurityPolicy_TLS13_"]}
	findings := result.objects(rule.deny) with input as _input([_v1("TLS_1_0", {}), object.union(_v1("SecurityPolicy_TLS13_1_3_2025_09", {}), {"address": "aws_api_gateway_domain_name.e"})], [_v2_policy("TLS_1_2")])
		with data.config as _config(params)
	{f.address | some f in findings} == {"aws_api_gateway_domain_name.d"}
}

test_unknown_v1_policy_is_unverifiable if {
	findings := result.objects(rule.deny) with input as _input([_v1(null, {"security_policy": _unknown_mark})], [])
	_unverifiable(findings)
	some finding in findings
	contains(finding.message, "may use a security policy")
}

test_unknown_v2_policy_is_unverifiable if {
	domain := _v2({"certificate_arn": null, "endpoint_type": "REGIONAL", "security_policy": null}, {"domain_name_configuration.security_policy": _unknown_mark})
	_unverifiable(result.objects(rule.deny)) with input as _input([], [domain])
}

test_unknown_v2_configuration_is_unverifiable if {
	_unverifiable(result.objects(rule.deny)) with input as _input([], [_v2(null, {"domain_name_configuration": _unknown_mark})])
}
