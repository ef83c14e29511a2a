package apigw.rules.tls.rest_client_certificate_test

import data.apigw.lib.result
import data.apigw.lib.test.build
import data.apigw.rules.tls.rest_client_certificate as rule

_message := "Stage aws_api_gateway_stage.s presents no client certificate to its backends (client_certificate_id is not set), so a backend cannot tell requests relayed by API Gateway from direct calls that bypass it."

# A REST API whose integrations the model summarised: has_http_integration as given.
_api(has_http) := build.resource("aws_api_gateway_rest_api", "api", {"has_http_integration": has_http})

_stage_values(client_certificate_id) := {"stage_name": "prod", "client_certificate_id": client_certificate_id}

# A stage of the API (resolved link) with the given client_certificate_id.
_stage(name, client_certificate_id, api) := build.link(
	build.resource("aws_api_gateway_stage", name, _stage_values(client_certificate_id)),
	"rest_api",
	api,
)

_input(stage, api) := build.input_of([api, stage])

_config(value) := {"rules": {"APIGW-403": {"params": {"all_stages": value}}}}

test_fail_client_certificate_unset_on_api_with_http_integration if {
	api := _api(true)
	findings := result.objects(rule.deny) with input as _input(_stage("s", null, api), api)
	findings == {{
		"rule_id": "APIGW-403",
		"severity": "medium",
		"address": "aws_api_gateway_stage.s",
		"message": _message,
		"unknown": false,
	}}
}

test_fail_client_certificate_empty if {
	api := _api(true)
	findings := result.objects(rule.deny) with input as _input(_stage("s", "", api), api)
	some finding in findings
	finding.severity == "medium"
	finding.unknown == false
}

test_fail_only_stages_without_certificate_reported if {
	api := _api(true)
	entities := [api, _stage("with", "abc123", api), _stage("without", null, api)]
	findings := result.objects(rule.deny) with input as build.input_of(entities)
	{f.address | some f in findings} == {"aws_api_gateway_stage.without"}
}

test_pass_literal_certificate_id if {
	api := _api(true)
	count(rule.deny) == 0 with input as _input(_stage("s", "abc123", api), api)
}

test_pass_certificate_reference if {
	api := _api(true)
	stage := build.set_after_apply(_stage("s", null, api), ["client_certificate_id"])
	count(rule.deny) == 0 with input as _input(stage, api)
}

test_unknown_certificate_not_from_reference_is_unverifiable if {
	api := _api(true)
	stage := build.unknown(_stage("s", null, api), ["client_certificate_id"])
	findings := result.objects(rule.deny) with input as _input(stage, api)
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
	startswith(finding.message, "Unverifiable: the plan does not know client_certificate_id before apply")
}

# Lambda, AWS service and MOCK integrations never receive the certificate.
test_pass_api_without_http_integration if {
	api := _api(false)
	count(rule.deny) == 0 with input as _input(_stage("s", null, api), api)
}

test_all_stages_judges_api_without_http_integration if {
	api := _api(false)
	findings := result.objects(rule.deny) with input as _input(_stage("s", null, api), api) with data.config as _config(true)
	findings == {{
		"rule_id": "APIGW-403",
		"severity": "medium",
		"address": "aws_api_gateway_stage.s",
		"message": _message,
		"unknown": false,
	}}
}

test_all_stages_off_by_config_keeps_default if {
	api := _api(false)
	count(rule.deny) == 0 with input as _input(_stage("s", null, api), api) with data.config as _config(false)
}

# An integration type, the OpenAPI body, or which API an integration belongs to is known only after apply.
test_api_that_may_have_http_integration_is_unverifiable if {
	api := build.unknown(_api(false), ["has_http_integration"])
	findings := result.objects(rule.deny) with input as _input(_stage("s", null, api), api)
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
	contains(finding.message, "aws_api_gateway_rest_api.api.has_http_integration")
}

test_stage_whose_api_is_uncertain_is_unverifiable if {
	stage := build.uncertain_link(build.resource("aws_api_gateway_stage", "s", _stage_values(null)), "rest_api")
	findings := result.objects(rule.deny) with input as build.input_of([stage])
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
}

test_stage_whose_api_is_outside_the_input_is_unverifiable if {
	stage := build.absent_link(build.resource("aws_api_gateway_stage", "s", _stage_values(null)), "rest_api")
	findings := result.objects(rule.deny) with input as build.input_of([stage])
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
	startswith(finding.message, "Unverifiable: the API this resource belongs to (")
}

test_all_stages_stage_whose_api_is_outside_the_input_fails if {
	stage := build.absent_link(build.resource("aws_api_gateway_stage", "s", _stage_values(null)), "rest_api")
	findings := result.objects(rule.deny) with input as build.input_of([stage]) with data.config as _config(true)
	some finding in findings
	finding.unknown == false
	finding.severity == "medium"
}
