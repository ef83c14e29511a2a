package custom.regal.rules.apigw["literal-regex_test"]

import data.custom.regal.rules.apigw["literal-regex"] as rule

test_a_literal_pattern_in_a_rule_is_reported if {
	module := regal.parse_module("policies/log/example/example.rego", `package apigw.rules.log.example

deny contains stage.address if {
	some stage in input.resources.aws_api_gateway_stage
	regex.match("^prod", stage.values.stage_name)
}
`)
	violations := rule.report with input as module
	count(violations) == 1
	some violation in violations
	violation.title == "literal-regex"
	violation.category == "apigw"
	violation.location.row == 5
}

test_a_literal_pattern_in_a_helper_is_reported if {
	module := regal.parse_module("policies/lib/example.rego", `package apigw.lib.example

wildcard(s) if regex.find_n("[*?]", s, 1) != []
`)
	count(rule.report) == 1 with input as module
}

test_replace_is_reported_by_its_second_argument if {
	literal := regal.parse_module("policies/lib/example.rego", `package apigw.lib.example

plain(s) := regex.replace(s, "[^a-z]", "")
`)
	count(rule.report) == 1 with input as literal
	built := regal.parse_module("policies/lib/example.rego", `package apigw.lib.example

plain(s, pattern) := regex.replace("a literal subject", pattern, "")
`)
	count(rule.report) == 0 with input as built
}

test_a_pattern_built_at_run_time_passes if {
	module := regal.parse_module("policies/data/example/example.rego", `package apigw.rules.data.example

deny contains key if {
	some key, _ in input.resources.aws_api_gateway_stage[_].values.variables
	regex.match(data.config.rules["APIGW-000"].params.pattern, key)
	regex.match(concat("", [key, "$"]), "x")
}
`)
	count(rule.report) == 0 with input as module
}

test_a_string_builtin_passes if {
	module := regal.parse_module("policies/log/example/example.rego", `package apigw.rules.log.example

deny contains stage.address if {
	some stage in input.resources.aws_api_gateway_stage
	startswith(stage.values.stage_name, "prod")
}
`)
	count(rule.report) == 0 with input as module
}

test_a_rego_test_passes if {
	module := regal.parse_module("policies/lib/example_test.rego", `package apigw.lib.example_test

test_pattern if regex.match("^a", "abc")
`)
	count(rule.report) == 0 with input as module
}
