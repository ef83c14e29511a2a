package apigw.lib.test.input_of_test

import data.apigw.lib.test.build

_api := build.resource("aws_api_gateway_rest_api", "api", {})

_stage(name) := build.link(build.resource("aws_api_gateway_stage", name, {"stage_name": name}), "rest_api", _api)

_settings(name) := build.resource("aws_api_gateway_method_settings", name, {"method_path": "*/*"})

test_entities_are_listed_by_type_in_order if {
	model := build.input_of([_settings("a"), _stage("prod"), _stage("dev"), _api])
	[stage.address | some stage in model.resources.aws_api_gateway_stage] == ["aws_api_gateway_stage.prod", "aws_api_gateway_stage.dev"]
	count(model.resources.aws_api_gateway_method_settings) == 1
	count(model.resources.aws_api_gateway_rest_api) == 1
	object.keys(model.resources) == {"aws_api_gateway_stage", "aws_api_gateway_method_settings", "aws_api_gateway_rest_api"}
}

test_links_resolve_to_positions if {
	stage := build.link_set(_stage("dev"), "method_settings", [_settings("b")])
	model := build.input_of([_stage("prod"), stage, _settings("a"), _settings("b"), _api])
	resolved := model.resources.aws_api_gateway_stage[1]
	resolved.links.method_settings == {"targets": ["aws_api_gateway_method_settings.b"], "indices": [1], "uncertain": false}
	resolved.links.rest_api == {"target": "aws_api_gateway_rest_api.api", "index": 0, "state": "resolved"}
}

test_uncertain_and_absent_links_keep_no_position if {
	stage := build.uncertain_link(build.uncertain_link_set(_stage("prod"), "usage_plans", []), "rest_api")
	model := build.input_of([stage])
	resolved := model.resources.aws_api_gateway_stage[0]
	resolved.links.rest_api == {"target": null, "index": null, "state": "uncertain"}
	resolved.links.usage_plans == {"targets": [], "indices": [], "uncertain": true}
	resolved.unknown["links.rest_api"].reason == "link"
	resolved.unknown["links.usage_plans"].reason == "link"
	build.absent_link(stage, "rest_api").links.rest_api.state == "absent"
}

test_unknown_marks if {
	entity := build.set_after_apply(build.unknown(_settings("a"), ["method_path"]), ["settings.logging_level"])
	entity.unknown == {
		"method_path": {"set": false, "reason": "after_apply", "references": []},
		"settings.logging_level": {"set": true, "reason": "after_apply", "references": []},
	}
}
