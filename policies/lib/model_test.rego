package apigw.lib.model_test

import data.apigw.lib.model
import data.apigw.lib.test.build

_vpce_deny := build.policy_statement({"effect": "Deny", "conditions": [build.policy_condition("StringNotEquals", "aws:SourceVpce", ["vpce-0a1b2c3d4e5f60718"])]})

_api(types, document, policy_indices) := {
	"address": "aws_api_gateway_rest_api.api",
	"values": {"endpoint_configuration": {"types": types, "vpc_endpoint_ids": null}, "policy_document": document},
	"unknown": {},
	"links": {"policies": {"targets": ["aws_api_gateway_rest_api_policy.p" | some _ in policy_indices], "indices": policy_indices, "uncertain": false}},
}

_policy(document) := {"address": "aws_api_gateway_rest_api_policy.p", "values": {"policy_document": document}, "unknown": {}}

# value / present

test_value_reads_dotted_paths if {
	entity := {"values": {"access_log_settings": {"destination_arn": "arn:aws:logs:us-east-1:123456789012:log-group:x"}}}
	model.value(entity, "access_log_settings.destination_arn") == "arn:aws:logs:us-east-1:123456789012:log-group:x"
	model.value(entity, "access_log_settings.format") == null
	model.value(entity, "settings.logging_level") == null
}

test_present_known_value if {
	model.present({"values": {"a": "x"}, "unknown": {}}, "a")
}

test_present_set_by_reference if {
	model.present({"values": {"a": null}, "unknown": {"a": {"set": true, "reason": "after_apply", "references": []}}}, "a")
}

test_not_present_empty_or_unknown_unset if {
	not model.present({"values": {"a": ""}, "unknown": {}}, "a")
	not model.present({"values": {"a": []}, "unknown": {}}, "a")
	not model.present({"values": {"a": null}, "unknown": {"a": {"set": false, "reason": "after_apply", "references": []}}}, "a")
}

# rest_api / private_api

test_rest_api_follows_resolved_link if {
	api := _api(["PRIVATE"], build.absent_policy, [])
	method := {"links": {"rest_api": {"target": api.address, "index": 0, "state": "resolved"}}}
	model.rest_api(method).address == api.address with input as {"resources": {"aws_api_gateway_rest_api": [api]}}
}

test_rest_api_undefined_without_target if {
	method := {"links": {"rest_api": {"target": null, "index": null, "state": "uncertain"}}}
	not model.rest_api(method) with input as {"resources": {"aws_api_gateway_rest_api": [_api(["PRIVATE"], build.absent_policy, [])]}}
}

test_private_api if {
	model.private_api(_api(["PRIVATE"], build.absent_policy, []))
	not model.private_api(_api(["REGIONAL"], build.absent_policy, []))
	not model.private_api({"values": {"endpoint_configuration": null}})
}

# policy_documents / restricts_to_vpc / api_restricted_to_vpc

test_policy_documents_inline_and_attached if {
	inline := build.parsed_policy([_vpce_deny])
	attached := build.parsed_policy([build.policy_statement({})])
	api := _api(["PRIVATE"], inline, [0])
	model.policy_documents(api) == [inline, attached] with input as {"resources": {"aws_api_gateway_rest_api_policy": [_policy(attached)]}}
}

test_policy_documents_skip_absent_inline if {
	model.policy_documents(_api(["PRIVATE"], build.absent_policy, [])) == [] with input as {"resources": {"aws_api_gateway_rest_api_policy": []}}
}

test_restricts_to_vpc_every_operator_spelling if {
	operators := ["StringEqualsIgnoreCase", "StringLikeIfExists", "ForAnyValue:StringEquals", "ForAllValues:StringEqualsIgnoreCaseIfExists"]
	every operator in operators {
		model.restricts_to_vpc(build.policy_statement({"conditions": [build.policy_condition(operator, "AWS:SourceVPCE", ["vpce-0a1b2c3d4e5f60718"])]}))
	}
	negated := ["StringNotEqualsIgnoreCase", "StringNotLikeIfExists", "ForAnyValue:StringNotEquals", "ForAllValues:ArnNotLikeIfExists"]
	every operator in negated {
		model.restricts_to_vpc(build.policy_statement({"effect": "Deny", "conditions": [build.policy_condition(operator, "aws:sourcevpc", ["vpc-1"])]}))
	}
}

test_restricts_to_vpc if {
	model.restricts_to_vpc(_vpce_deny)
	model.restricts_to_vpc(build.policy_statement({"conditions": [build.policy_condition("StringEquals", "aws:SourceVpc", ["vpce-0a1b2c3d4e5f60718"])]}))
	not model.restricts_to_vpc(build.policy_statement({"conditions": [build.policy_condition("StringNotEquals", "aws:SourceVpc", ["vpce-0a1b2c3d4e5f60718"])]}))
	not model.restricts_to_vpc(build.policy_statement({"effect": "Deny", "conditions": [build.policy_condition("StringEquals", "aws:SourceVpce", ["vpce-0a1b2c3d4e5f60718"])]}))
	not model.restricts_to_vpc(build.policy_statement({"conditions": [build.policy_condition("IpAddress", "aws:SourceIp", ["vpce-0a1b2c3d4e5f60718"])]}))
}

test_api_restricted_to_vpc if {
	model.api_restricted_to_vpc(_api(["PRIVATE"], build.parsed_policy([_vpce_deny, build.policy_statement({})]), [])) with input as {"resources": {"aws_api_gateway_rest_api_policy": []}}
	not model.api_restricted_to_vpc(_api(["PRIVATE"], build.parsed_policy([build.policy_statement({})]), [])) with input as {"resources": {"aws_api_gateway_rest_api_policy": []}}
}

# policy_carriers

test_policy_carriers if {
	with_policy := _api(["REGIONAL"], build.parsed_policy([build.policy_statement({})]), [])
	without_policy := object.union(with_policy, {"address": "aws_api_gateway_rest_api.bare", "values": {"policy_document": build.absent_policy}})
	unknown := {"state": "unknown", "error": null, "statements": []}
	carriers := model.policy_carriers with input as {"resources": {
		"aws_api_gateway_rest_api": [with_policy, without_policy],
		"aws_api_gateway_rest_api_policy": [_policy(unknown), object.union(_policy(build.absent_policy), {"address": "aws_api_gateway_rest_api_policy.empty"})],
	}}
	{c.address | some c in carriers} == {"aws_api_gateway_rest_api.api", "aws_api_gateway_rest_api_policy.p"}
}

test_pass_param_default_and_override if {
	model.param("APIGW-999", "x", 3) == 3
	model.param("APIGW-999", "x", 3) == 5 with data.config as {"rules": {"APIGW-999": {"params": {"x": 5}}}}
	model.param("APIGW-999", "x", 3) == 3 with data.config as {"rules": {"APIGW-999": {"params": {"x": "five"}}}}
}

test_pass_v2_accessors if {
	api := {"values": {"protocol_type": "WEBSOCKET"}}
	route := {"links": {"api": {"index": 0}}}
	model.v2_api(route).values.protocol_type == "WEBSOCKET" with input as {"resources": {"aws_apigatewayv2_api": [api]}}
	model.websocket_api(api)
	not model.http_api(api)
	model.http_api({"values": {"protocol_type": "HTTP"}})
}

_parameter_chain := [
	{"path": ["data", "apigw", "rules", "x", "_p"]},
	{"path": ["data", "apigw", "rules", "x"], "annotations": {"scope": "package", "custom": {
		"id": "APIGW-999",
		"parameters": {"x": {"type": "integer", "default": 3, "description": "d"}},
	}}},
]

test_pass_parameter_default_from_metadata_and_override if {
	model.parameter(_parameter_chain, "x") == 3
	model.parameter(_parameter_chain, "x") == 5 with data.config as {"rules": {"APIGW-999": {"params": {"x": 5}}}}
	model.parameter(_parameter_chain, "x") == 3 with data.config as {"rules": {"APIGW-999": {"params": {"x": "five"}}}}
	model.parameter(_parameter_chain, "x") == 3 with data.config as {"rules": {"APIGW-998": {"params": {"x": 5}}}}
	model.parameter_default(_parameter_chain, "x") == 3 with data.config as {"rules": {"APIGW-999": {"params": {"x": 5}}}}
}

test_fail_undeclared_parameter_is_undefined if {
	not model.parameter(_parameter_chain, "y")
	not model.parameter(_parameter_chain, "y") with data.config as {"rules": {"APIGW-999": {"params": {"y": 5}}}}
}

test_pass_rule_annotations_is_the_package_annotation if {
	model.rule_annotations(_parameter_chain).custom.id == "APIGW-999"
}

_mark := {"set": false, "reason": "after_apply", "references": []}

test_unknown_at_names_the_outermost_unknown_holder if {
	entity := {"unknown": {"a": _mark, "a.b": _mark}}
	model.unknown_at(entity, "a.b.c") == "a"
	model.unknown(entity, "a")
	not model.unknown(entity, "ab.c")
	not model.unknown({"unknown": {}}, "a")
}

test_unknown_at_holders_end_at_a_path_segment if {
	entity := {"unknown": {"ab": _mark, "x.y": _mark, "x.y.z": _mark}}
	model.unknown_at(entity, "ab") == "ab"
	not model.unknown(entity, "abc")
	not model.unknown(entity, "abc.d")
	model.unknown_at(entity, "x.y.z.w") == "x.y"
	model.unknown_at(entity, "x.y") == "x.y"
	not model.unknown(entity, "x")
	not model.unknown(entity, "x.yz")
}

test_maybe_present if {
	model.maybe_present({"values": {"a": {"b": "x"}}, "unknown": {}}, "a.b")
	model.maybe_present({"values": {"a": null}, "unknown": {"a": _mark}}, "a.b")
	not model.maybe_present({"values": {"a": null}, "unknown": {}}, "a.b")
}

test_possibly_http_and_websocket_api if {
	model.possibly_http_api({"values": {"protocol_type": "HTTP"}, "unknown": {}})
	model.possibly_websocket_api({"values": {"protocol_type": null}, "unknown": {"protocol_type": _mark}})
	model.possibly_http_api({"values": {"protocol_type": null}, "unknown": {"protocol_type": _mark}})
	not model.possibly_http_api({"values": {"protocol_type": "WEBSOCKET"}, "unknown": {}})
}

# known_prefix / starts_with / may_start_with (values known in part)

_prefixed(prefix) := {"values": {"uri": null}, "unknown": {"uri": {"set": true, "reason": "after_apply", "references": [], "prefix": prefix}}}

test_known_prefix_of_unknown_value if {
	model.known_prefix(_prefixed("https://"), "uri") == "https://"
	not model.known_prefix({"values": {"uri": "https://x"}, "unknown": {}}, "uri")
}

test_starts_with_known_value_or_known_prefix if {
	model.starts_with({"values": {"uri": "HTTP://backend"}, "unknown": {}}, "uri", "http://")
	model.starts_with(_prefixed("http://backend."), "uri", "http://")
	not model.starts_with(_prefixed("http"), "uri", "http://")
	not model.starts_with({"values": {"uri": null}, "unknown": {"uri": {"set": true, "reason": "after_apply", "references": []}}}, "uri", "http://")
}

test_may_start_with_unless_the_known_prefix_rules_it_out if {
	model.may_start_with({"values": {"uri": null}, "unknown": {"uri": {"set": true, "reason": "after_apply", "references": []}}}, "uri", "http://")
	model.may_start_with(_prefixed("ht"), "uri", "http://")
	model.may_start_with(_prefixed("http://x"), "uri", "http://")
	not model.may_start_with(_prefixed("https://"), "uri", "http://")
	not model.may_start_with(_prefixed("arn:"), "uri", "http://")
	not model.may_start_with({"values": {"uri": "https://x"}, "unknown": {}}, "uri", "http://")
}

test_policy_condition_values_unknown if {
	path := model.policy_condition_values_path(1, 0)
	path == "policy_document.statements.1.conditions.0.values"
	model.policy_condition_values_unknown({"unknown": {path: {"set": true, "reason": "after_apply", "references": []}}}, 1, 0)
	not model.policy_condition_values_unknown({"unknown": {}}, 1, 0)
}

test_openapi_operation_path if {
	model.openapi_operation_path(2, "secured") == "body_document.operations.2.secured"
}

test_openapi_unknown_fact_paths_only_for_marked_facts if {
	mark := {"set": true, "reason": "after_apply", "references": []}
	api := {"unknown": {"body_document.operations.2.secured": mark}}
	model.openapi_unknown_fact_paths(api, 2, "secured") == ["body_document.operations.2.secured"]
	model.openapi_unknown_fact_paths(api, 1, "secured") == []
	model.openapi_unknown_fact_paths({"unknown": {}}, 2, "secured") == []
}
