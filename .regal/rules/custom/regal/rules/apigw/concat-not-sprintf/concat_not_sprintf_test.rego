package custom.regal.rules.apigw["concat-not-sprintf_test"]

import data.custom.regal.rules.apigw["concat-not-sprintf"] as rule

test_sprintf_in_a_rule_is_reported if {
	module := regal.parse_module("policies/log/example/example.rego", `package apigw.rules.log.example

deny contains sprintf("Stage %s has no logs.", [stage.address]) if {
	some stage in input.resources.aws_api_gateway_stage
}
`)
	violations := rule.report with input as module
	count(violations) == 1
	some violation in violations
	violation.title == "concat-not-sprintf"
	violation.category == "apigw"
	violation.location.row == 3
}

test_sprintf_in_a_helper_is_reported if {
	module := regal.parse_module("policies/lib/example.rego", `package apigw.lib.example

statement_path(i) := sprintf("Statement[%d]", [i])
`)
	count(rule.report) == 1 with input as module
}

test_concat_passes if {
	module := regal.parse_module("policies/log/example/example.rego", `package apigw.rules.log.example

deny contains concat("", ["Stage ", stage.address, " has no logs, statement ", json.marshal(1)]) if {
	some stage in input.resources.aws_api_gateway_stage
}
`)
	count(rule.report) == 0 with input as module
}

test_sprintf_in_a_rego_test_passes if {
	module := regal.parse_module("policies/lib/example_test.rego", `package apigw.lib.example_test

test_path if sprintf("Statement[%d]", [1]) == "Statement[1]"
`)
	count(rule.report) == 0 with input as module
}
