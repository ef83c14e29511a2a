package custom.regal.rules.apigw["link-traversal-in-library_test"]

import data.custom.regal.rules.apigw["link-traversal-in-library"] as rule

_rule_module := `package apigw.rules.log.example

deny contains stage.address if {
	some stage in input.resources.aws_api_gateway_stage
	some i in stage.links.method_settings.indices
	input.resources.aws_api_gateway_method_settings[i].values.method_path == "*/*"
}
`

test_link_set_traversal_in_a_rule_is_reported if {
	module := regal.parse_module("policies/log/example/example.rego", _rule_module)
	violations := rule.report with input as module
	count(violations) == 1
	some violation in violations
	violation.title == "link-traversal-in-library"
	violation.category == "apigw"
	violation.location.file == "policies/log/example/example.rego"
	violation.location.row == 5
	violation.location.text == "\tsome i in stage.links.method_settings.indices"
}

test_forward_link_index_in_a_rule_is_reported if {
	module := regal.parse_module("custom/acme/rule.rego", `package apigw.rules.acme.rule

validator(method) := input.resources.aws_api_gateway_request_validator[method.links.request_validator.index]
`)
	count(rule.report) == 1 with input as module
}

test_computed_link_name_is_reported if {
	module := regal.parse_module("policies/edge/example/example.rego", `package apigw.rules.edge.example

linked(entity, name) := [i | some i in entity.links[name].indices]
`)
	count(rule.report) == 1 with input as module
}

test_library_may_follow_links if {
	module := regal.parse_module("policies/lib/model.rego", _rule_module)
	count(rule.report) == 0 with input as module
}

test_rule_through_library_helper_passes if {
	module := regal.parse_module("policies/log/example/example.rego", `package apigw.rules.log.example

import data.apigw.lib.model

deny contains stage.address if {
	some stage in input.resources.aws_api_gateway_stage
	some settings in model.method_settings(stage)
	settings.values.method_path == "*/*"
	stage.links.api.state == "resolved"
}
`)
	count(rule.report) == 0 with input as module
}
