package apigw.rules.log.access_log_format_test

import data.apigw.lib.result
import data.apigw.rules.log.access_log_format as rule

_full := "{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\",\"method\":\"$context.httpMethod\",\"status\":\"$context.status\"}"

_destination := "arn:aws:logs:us-east-1:123456789012:log-group:access"

_stage(type, format, unknown) := {
	"address": sprintf("%s.s", [type]),
	"values": {"access_log_settings": {"destination_arn": _destination, "format": format}},
	"unknown": unknown,
}

_input(stages) := {"resources": {
	"aws_api_gateway_stage": [s | some s in stages; startswith(s.address, "aws_api_gateway_stage.")],
	"aws_apigatewayv2_stage": [s | some s in stages; startswith(s.address, "aws_apigatewayv2_stage.")],
}}

_rest(format) := _stage("aws_api_gateway_stage", format, {})

_v2(format) := _stage("aws_apigatewayv2_stage", format, {})

test_fail_missing_status if {
	format := "$context.identity.sourceIp [$context.requestTime] \"$context.httpMethod $context.resourcePath\" $context.requestId"
	findings := result.objects(rule.deny) with input as _input([_rest(format)])
	findings == {{
		"rule_id": "APIGW-005",
		"severity": "low",
		"address": "aws_api_gateway_stage.s",
		"message": "Stage aws_api_gateway_stage.s writes access logs without $context.status in access_log_settings.format, so its log lines cannot tell who called what and with which result.",
		"unknown": false,
	}}
}

test_fail_request_id_only_lists_every_missing_field if {
	findings := result.objects(rule.deny) with input as _input([_v2("$context.requestId")])
	some finding in findings
	contains(finding.message, "without $context.identity.sourceIp, either $context.httpMethod or $context.routeKey, $context.status in")
}

test_fail_extended_request_id_is_not_request_id if {
	format := "{\"id\":\"$context.extendedRequestId\",\"ip\":\"$context.identity.sourceIp\",\"m\":\"$context.httpMethod\",\"s\":\"$context.status\"}"
	findings := result.objects(rule.deny) with input as _input([_rest(format)])
	some finding in findings
	contains(finding.message, "without $context.requestId in")
}

test_fail_integration_status_is_not_status if {
	format := "$context.requestId $context.identity.sourceIp $context.routeKey $context.integration.status $context.statusCode"
	findings := result.objects(rule.deny) with input as _input([_v2(format)])
	some finding in findings
	contains(finding.message, "without $context.status in")
}

test_fail_format_unset if {
	findings := result.objects(rule.deny) with input as _input([_v2(null)])
	count(findings) == 1
}

test_pass_json_format if {
	count(rule.deny) == 0 with input as _input([_rest(_full), _v2(_full)])
}

test_pass_clf_with_route_key if {
	format := "$context.identity.sourceIp - - [$context.requestTime] \"$context.eventType $context.routeKey\" $context.status $context.requestId"
	count(rule.deny) == 0 with input as _input([_v2(format)])
}

test_pass_no_access_logging_not_judged if {
	stages := [
		{"address": "aws_api_gateway_stage.s", "values": {"access_log_settings": null}, "unknown": {}},
		{"address": "aws_apigatewayv2_stage.s", "values": {"access_log_settings": {"destination_arn": "", "format": "x"}}, "unknown": {}},
	]
	count(rule.deny) == 0 with input as _input(stages)
}

test_pass_destination_by_reference_is_judged if {
	unknown := {"access_log_settings.destination_arn": {"set": true, "reason": "after_apply", "references": ["aws_cloudwatch_log_group.a.arn"]}}
	stage := object.union(_stage("aws_apigatewayv2_stage", _full, unknown), {"values": {"access_log_settings": {"destination_arn": null}}})
	count(rule.deny) == 0 with input as _input([stage])
	bad := object.union(stage, {"values": {"access_log_settings": {"format": "$context.requestId"}}})
	count(rule.deny) == 1 with input as _input([bad])
}

test_unknown_format_is_unverifiable if {
	unknown := {"access_log_settings.format": {"set": true, "reason": "after_apply", "references": ["terraform_data.format.output"]}}
	findings := result.objects(rule.deny) with input as _input([_stage("aws_apigatewayv2_stage", null, unknown)])
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
	startswith(finding.message, "Unverifiable: the plan does not know access_log_settings.format before apply")
}

test_pass_configured_fields if {
	config := {"rules": {"APIGW-005": {"params": {"required_fields": ["$context.requestId"]}}}}
	count(rule.deny) == 0 with input as _input([_v2("$context.requestId")]) with data.config as config
}

test_fail_configured_alternatives if {
	fields := [["$context.requestId", "$context.extendedRequestId"], "$context.identity.userArn", []]
	config := {"rules": {"APIGW-005": {"params": {"required_fields": fields}}}}
	findings := result.objects(rule.deny) with input as _input([_v2("$context.extendedRequestId")]) with data.config as config
	some finding in findings
	contains(finding.message, "without $context.identity.userArn in")
}

test_pass_configured_field_with_regex_characters if {
	config := {"rules": {"APIGW-005": {"params": {"required_fields": ["$context.authorizer.claims[sub]"]}}}}
	count(rule.deny) == 0 with input as _input([_v2("{\"sub\":\"$context.authorizer.claims[sub]\"}")]) with data.config as config
}

test_pass_ignores_wrongly_typed_parameter if {
	config := {"rules": {"APIGW-005": {"params": {"required_fields": "$context.requestId"}}}}
	count(rule.deny) == 0 with input as _input([_v2(_full)]) with data.config as config
}

test_unknown_dynamic_block_is_unverifiable if {
	stage := {
		"address": "aws_api_gateway_stage.s",
		"values": {"access_log_settings": null},
		"unknown": {"access_log_settings": {"set": false, "reason": "after_apply", "references": ["var.logs"]}},
	}
	findings := result.objects(rule.deny) with input as _input([stage])
	count(findings) == 1
	some finding in findings
	finding.unknown == true
	startswith(finding.message, "Unverifiable: the plan does not know access_log_settings before apply")
}

# Fields are searched for as text, not compiled as <field>([^A-Za-z0-9_]|$): each case holds a field, that
# expression (escaped by hand), a format, and whether the expression finds the field in it; the rule must agree.
_search_cases := [
	["$context.status", `\$context\.status([^A-Za-z0-9_]|$)`, "$context.status", true],
	["$context.status", `\$context\.status([^A-Za-z0-9_]|$)`, "", false],
	["$context.status", `\$context\.status([^A-Za-z0-9_]|$)`, "$context.statusCode", false],
	["$context.status", `\$context\.status([^A-Za-z0-9_]|$)`, "$context.status_x", false],
	["$context.status", `\$context\.status([^A-Za-z0-9_]|$)`, "$context.statusCode $context.status", true],
	["$context.status", `\$context\.status([^A-Za-z0-9_]|$)`, "$context.status$context.status", true],
	["$context.status", `\$context\.status([^A-Za-z0-9_]|$)`, "$context.status$context.statusX", true],
	["$context.status", `\$context\.status([^A-Za-z0-9_]|$)`, "$context.statusé", true],
	["aXa", `aXa([^A-Za-z0-9_]|$)`, "aXaXa", true],
	["aXa", `aXa([^A-Za-z0-9_]|$)`, "aXaXab", false],
	["", `([^A-Za-z0-9_]|$)`, "x", true],
]

test_fields_are_found_where_the_regular_expression_finds_them if {
	every search_case in _search_cases {
		[field, expression, format, found] := search_case
		regex.match(expression, format) == found
		config := {"rules": {"APIGW-005": {"params": {"required_fields": [field]}}}}
		count(rule.deny) == _findings_when_found[found] with input as _input([_v2(format)]) with data.config as config
	}
}

_findings_when_found := {true: 0, false: 1}
