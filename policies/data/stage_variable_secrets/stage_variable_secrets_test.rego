package apigw.rules.data.stage_variable_secrets_test

import data.apigw.lib.result
import data.apigw.rules.data.stage_variable_secrets as rule

_unknown_mark(set) := {"set": set, "reason": "after_apply", "references": []}

_rest(variables, unknown) := {
	"address": "aws_api_gateway_stage.s",
	"values": {"stage_name": "prod", "variables": variables},
	"unknown": unknown,
}

_v2(variables, unknown) := {
	"address": "aws_apigatewayv2_stage.s",
	"values": {"name": "prod", "stage_variables": variables},
	"unknown": unknown,
}

_input(rest, v2) := {"resources": {"aws_api_gateway_stage": rest, "aws_apigatewayv2_stage": v2}}

_config(params) := {"rules": {"APIGW-502": {"params": params}}}

_addresses(findings) := {f.address | some f in findings}

_blocking(findings, n) if {
	count(findings) == n
	every finding in findings {
		finding.severity == "high"
		finding.unknown == false
	}
}

test_fail_rest_literal_password if {
	findings := result.objects(rule.deny) with input as _input([_rest({"db_password": "hunter2", "region": "eu-west-1"}, {})], [])
	findings == {{
		"rule_id": "APIGW-502",
		"severity": "high",
		"address": "aws_api_gateway_stage.s",
		"message": concat(" ", [
			"Stage aws_api_gateway_stage.s sets stage variable \"db_password\", whose name marks it as a secret, to a value set in the configuration:",
			"stage variables are plain text to anyone who can read the stage, and are stored in Terraform state.",
		]),
		"unknown": false,
	}}
}

test_fail_message_never_contains_the_value if {
	findings := result.objects(rule.deny) with input as _input([_rest({"API_KEY": "sk_live_abc123"}, {})], [_v2({"authToken": "tok-987"}, {})])
	_blocking(findings, 2)
	every finding in findings {
		not contains(finding.message, "sk_live_abc123")
		not contains(finding.message, "tok-987")
	}
}

test_fail_v2_stage_variable if {
	findings := result.objects(rule.deny) with input as _input([], [_v2({"client_secret": "s3cr3t"}, {})])
	_blocking(findings, 1)
	_addresses(findings) == {"aws_apigatewayv2_stage.s"}
}

test_fail_redacted_sensitive_value if {
	_blocking(result.objects(rule.deny), 1) with input as _input([_rest({"private_key": "(sensitive)"}, {})], [])
}

test_fail_one_finding_per_stage_naming_every_secret_variable if {
	findings := result.objects(rule.deny) with input as _input([_rest({"password": "a", "Credentials": "b", "api-key": "c", "region": "d"}, {})], [])
	findings == {{
		"rule_id": "APIGW-502",
		"severity": "high",
		"address": "aws_api_gateway_stage.s",
		"message": concat(" ", [
			"Stage aws_api_gateway_stage.s sets stage variables \"Credentials\", \"api-key\", \"password\", whose names mark them as secrets,",
			"to values set in the configuration: stage variables are plain text to anyone who can read the stage, and are stored in Terraform state.",
		]),
		"unknown": false,
	}}
}

test_fail_custom_pattern if {
	findings := result.objects(rule.deny) with input as _input([_rest({"db_password": "a", "signing_salt": "b"}, {})], [])
		with data.config as _config({"secret_name_pattern": "salt"})
	_blocking(findings, 1)
	some finding in findings
	contains(finding.message, "signing_salt")
}

# The default pattern is matched without a regular expression: exactly as RE2 matches it (a configured
# pattern of the same meaning, written differently, is matched by regex.match), Unicode case folding included.
test_default_pattern_matches_as_the_regular_expression if {
	variables := {key: "v" | some key in [
		"DB_PASSWORD", "pa\u017f\u017fword", "api_\u212aey", "ApiKey", "Private-Key", "tokenizer_mode", "credentials", "SECRET",
		"pr\u0130vate_key", "region", "ap\u0131_key", "api__key",
	]}
	findings := result.objects(rule.deny) with input as _input([_rest(variables, {})], [])
	some finding in findings
	every key in ["DB_PASSWORD", "pa\u017f\u017fword", "api_\u212aey", "ApiKey", "Private-Key", "tokenizer_mode", "credentials", "SECRET"] {
		contains(finding.message, concat("", ["\"", key, "\""]))
	}
	every key in ["pr\u0130vate_key", "region", "ap\u0131_key", "api__key"] {
		not contains(finding.message, concat("", ["\"", key, "\""]))
	}
	findings == result.objects(rule.deny) with input as _input([_rest(variables, {})], [])
		with data.config as _config({"secret_name_pattern": "(?i)(?:pass(word)?|secret|token|api[_-]?key|private[_-]?key|credential)"})
}

test_fail_invalid_pattern_keeps_default if {
	findings := result.objects(rule.deny) with input as _input([_rest({"db_password": "a"}, {})], [])
		with data.config as _config({"secret_name_pattern": "(unclosed"})
	_blocking(findings, 1)
}

test_fail_pattern_of_wrong_type_keeps_default if {
	findings := result.objects(rule.deny) with input as _input([_rest({"db_password": "a"}, {})], [])
		with data.config as _config({"secret_name_pattern": ["password"]})
	_blocking(findings, 1)
}

test_pass_no_secret_names if {
	count(rule.deny) == 0 with input as _input([_rest({"lambda_alias": "live", "backend_url": "https://example.com"}, {})], [])
}

test_pass_variables_unset if {
	count(rule.deny) == 0 with input as _input([_rest(null, {})], [_v2(null, {})])
}

test_pass_empty_value if {
	count(rule.deny) == 0 with input as _input([_rest({"db_password": ""}, {})], [])
}

test_pass_value_from_another_resource if {
	stage := _rest({"db_password": null}, {"variables.db_password": _unknown_mark(true)})
	count(rule.deny) == 0 with input as _input([stage], [])
}

test_whole_map_unknown_is_unverifiable if {
	findings := result.objects(rule.deny) with input as _input([], [_v2(null, {"stage_variables": _unknown_mark(true)})])
	count(findings) == 1
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
	startswith(finding.message, "Unverifiable: the plan does not know stage_variables before apply")
}

test_whole_rest_map_unknown_is_unverifiable if {
	findings := result.objects(rule.deny) with input as _input([_rest(null, {"variables": _unknown_mark(false)})], [])
	count(findings) == 1
	some finding in findings
	finding.unknown == true
}

test_unknown_mark_wins_over_a_placeholder_value_and_an_unset_unknown_is_unverifiable if {
	stage := _rest({"db_password": "${unknown}"}, {"variables.db_password": _unknown_mark(false)})
	findings := result.objects(rule.deny) with input as _input([stage], [])
	count(findings) == 1
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
	contains(finding.message, "db_password")
	not contains(finding.message, "${unknown}")
}

test_pass_unknown_value_set_by_another_managed_resource if {
	stage := _v2({"client_secret_arn": "${unknown}"}, {"stage_variables.client_secret_arn": _unknown_mark(true)})
	count(rule.deny) == 0 with input as _input([], [stage])
}

test_unset_unknown_beside_a_literal_secret_adds_no_second_finding if {
	stage := _rest({"db_password": "hunter2-literal", "api_token": null}, {"variables.api_token": _unknown_mark(false)})
	findings := result.objects(rule.deny) with input as _input([stage], [])
	count(findings) == 1
	some finding in findings
	finding.unknown == false
}

test_unset_unknown_with_an_innocent_name_passes if {
	stage := _rest({"ttl": null}, {"variables.ttl": _unknown_mark(false)})
	count(rule.deny) == 0 with input as _input([stage], [])
}
