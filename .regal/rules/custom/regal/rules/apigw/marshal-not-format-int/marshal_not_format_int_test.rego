package custom.regal.rules.apigw["marshal-not-format-int_test"]

import data.custom.regal.rules.apigw["marshal-not-format-int"] as rule

test_format_int_in_a_message_is_reported if {
	module := regal.parse_module("policies/policy/example/example.rego", `package apigw.rules.policy.example

deny contains concat("", ["Statement ", format_int(i, 10), " allows everyone."]) if {
	some i, statement in input.statements
}
`)
	violations := rule.report with input as module
	count(violations) == 1
	some violation in violations
	violation.title == "marshal-not-format-int"
	violation.category == "apigw"
	violation.location.row == 3
}

test_format_int_with_an_output_argument_is_reported if {
	module := regal.parse_module("policies/lib/example.rego", `package apigw.lib.example

statement_path(i) := path if {
	format_int(i, 10, text)
	path := concat("", ["statements.", text])
}
`)
	count(rule.report) == 1 with input as module
}

test_json_marshal_passes if {
	module := regal.parse_module("policies/lib/example.rego", `package apigw.lib.example

statement_path(i) := concat("", ["statements.", json.marshal(i)])
`)
	count(rule.report) == 0 with input as module
}

test_format_int_in_a_rego_test_passes if {
	module := regal.parse_module("policies/lib/example_test.rego", `package apigw.lib.example_test

test_path if format_int(1, 10) == "1"
`)
	count(rule.report) == 0 with input as module
}
