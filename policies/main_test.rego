package apigw.main_test

import data.apigw.lib.result
import data.apigw.main

test_pass_collects_every_rule_package_deny_set if {
	rules := {
		"log": {"a": {"deny": {{"rule_id": "APIGW-900"}}}, "b": {"deny": set()}},
		"auth": {"c": {"deny": {{"rule_id": "APIGW-901"}, {"rule_id": "APIGW-902"}}}},
	}
	findings := main.findings with data.apigw.rules as rules
	count(findings) == 3
	{f | some f in findings} == {{"rule_id": "APIGW-900"}, {"rule_id": "APIGW-901"}, {"rule_id": "APIGW-902"}}
}

test_fail_insecure_stage_reaches_the_entrypoint if {
	stage := {
		"address": "aws_api_gateway_stage.s",
		"values": {"stage_name": "prod", "xray_tracing_enabled": false},
		"unknown": {},
		"links": {"method_settings": {"targets": [], "indices": [], "uncertain": false}},
	}
	findings := main.findings with input as {"resources": {"aws_api_gateway_stage": [stage]}}
	some finding in result.objects(findings)
	finding.rule_id == "APIGW-007"
	finding.address == "aws_api_gateway_stage.s"
}

test_invalid_params_reports_an_invalid_secret_name_pattern if {
	params := {"APIGW-502": {"params": {"secret_name_pattern": "(unclosed"}}}
	problems := main.invalid_params with data.config.rules as params
	problems == {{"rule_id": "APIGW-502", "param": "secret_name_pattern", "problem": "is not a valid RE2 regular expression"}}
}

test_invalid_params_is_empty_for_a_valid_or_absent_pattern if {
	count(main.invalid_params) == 0 with data.config.rules as {"APIGW-502": {"params": {"secret_name_pattern": "(?i)salt"}}}
	count(main.invalid_params) == 0 with data.config.rules as {}
}
