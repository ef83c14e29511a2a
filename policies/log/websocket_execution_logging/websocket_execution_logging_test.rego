package apigw.rules.log.websocket_execution_logging_test

import data.apigw.lib.result
import data.apigw.rules.log.websocket_execution_logging as rule

_linked := {"target": "aws_apigatewayv2_api.a", "index": 0, "state": "resolved"}

_stage(settings, unknown, link) := {
	"address": "aws_apigatewayv2_stage.s",
	"values": {"name": "prod", "default_route_settings": settings, "route_settings": []},
	"unknown": unknown,
	"links": {"api": link},
}

_api(protocol, unknown) := {
	"address": "aws_apigatewayv2_api.a",
	"values": {"protocol_type": protocol},
	"unknown": unknown,
}

_input(stage, api) := {"resources": {
	"aws_apigatewayv2_stage": [stage],
	"aws_apigatewayv2_api": [api],
}}

_ws := _api("WEBSOCKET", {})

_level(level) := {"logging_level": level, "data_trace_enabled": false}

test_fail_no_default_route_settings if {
	findings := result.objects(rule.deny) with input as _input(_stage(null, {}, _linked), _ws)
	findings == {{
		"rule_id": "APIGW-002",
		"severity": "medium",
		"address": "aws_apigatewayv2_stage.s",
		"message": "WebSocket stage aws_apigatewayv2_stage.s has no execution logging: default_route_settings.logging_level is not ERROR or INFO, so connections, authorizer decisions and integration errors leave no trace.",
		"unknown": false,
	}}
}

test_fail_logging_off if {
	findings := result.objects(rule.deny) with input as _input(_stage(_level("OFF"), {}, _linked), _ws)
	count(findings) == 1
}

test_fail_logging_unset if {
	findings := result.objects(rule.deny) with input as _input(_stage(_level(null), {}, _linked), _ws)
	some finding in findings
	finding.severity == "medium"
}

test_fail_route_settings_only if {
	stage := object.union(
		_stage(null, {}, _linked),
		{"values": {"route_settings": [{"route_key": "$connect", "logging_level": "INFO"}]}},
	)
	findings := result.objects(rule.deny) with input as _input(stage, _ws)
	count(findings) == 1
}

test_pass_error_level if {
	count(rule.deny) == 0 with input as _input(_stage(_level("ERROR"), {}, _linked), _ws)
}

test_pass_info_level if {
	count(rule.deny) == 0 with input as _input(_stage(_level("INFO"), {}, _linked), _ws)
}

test_pass_http_api_not_judged if {
	count(rule.deny) == 0 with input as _input(_stage(null, {}, _linked), _api("HTTP", {}))
}

# A literal API ID of an API managed elsewhere: it may be a WebSocket API (lib/parent.rego).
test_api_outside_input_is_unverifiable if {
	absent := {"target": null, "index": null, "state": "absent"}
	findings := result.objects(rule.deny) with input as _input(_stage(null, {}, absent), _ws)
	count(findings) == 1
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
	startswith(finding.message, "Unverifiable: the API this resource belongs to (")
}

test_unknown_level_is_unverifiable if {
	unknown := {"default_route_settings.logging_level": {"set": true, "reason": "after_apply", "references": []}}
	findings := result.objects(rule.deny) with input as _input(_stage(_level(null), unknown, _linked), _ws)
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
}

test_unknown_dynamic_block_is_unverifiable if {
	unknown := {"default_route_settings": {"set": false, "reason": "after_apply", "references": []}}
	findings := result.objects(rule.deny) with input as _input(_stage(null, unknown, _linked), _ws)
	some finding in findings
	finding.unknown == true
}

test_unknown_protocol_is_unverifiable if {
	unknown := {"protocol_type": {"set": false, "reason": "after_apply", "references": []}}
	findings := result.objects(rule.deny) with input as _input(_stage(null, {}, _linked), _api(null, unknown))
	some finding in findings
	finding.unknown == true
	startswith(finding.message, "Unverifiable: the plan does not know aws_apigatewayv2_api.a.protocol_type before apply")
}

test_uncertain_api_link_is_unverifiable if {
	uncertain := {"target": null, "index": null, "state": "uncertain"}
	unknown := {"links.api": {"set": false, "reason": "link", "references": []}}
	findings := result.objects(rule.deny) with input as _input(_stage(null, unknown, uncertain), _ws)
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
}

test_pass_uncertain_api_link_but_logging if {
	uncertain := {"target": null, "index": null, "state": "uncertain"}
	unknown := {"links.api": {"set": false, "reason": "link", "references": []}}
	count(rule.deny) == 0 with input as _input(_stage(_level("INFO"), unknown, uncertain), _ws)
}
