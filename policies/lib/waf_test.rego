package apigw.lib.waf_test

import data.apigw.lib.test.build
import data.apigw.lib.waf

_stage(web_acl_arn) := build.link_set(
	build.link_set(build.resource("aws_api_gateway_stage", "prod", {"web_acl_arn": web_acl_arn}), "wafv2_associations", []),
	"wafregional_associations",
	[],
)

_association(name) := build.resource("aws_wafv2_web_acl_association", name, {})

_acl := build.resource("aws_wafv2_web_acl", "acl", {})

test_stage_web_acl if {
	not waf.stage_web_acl(_stage(null)).guarded
	not waf.stage_web_acl(_stage("")).guarded
	waf.stage_web_acl(_stage("arn:aws:wafv2:us-east-1:123456789012:regional/webacl/a/1")).guarded
	waf.stage_web_acl(build.link_set(_stage(null), "wafv2_associations", [_association("a")])).guarded
	waf.stage_web_acl(build.link_set(_stage(null), "wafregional_associations", [_association("a")])).guarded
	waf.stage_web_acl(_stage(null)).paths == ["links.wafv2_associations", "links.wafregional_associations", "web_acl_arn"]
}

test_acl_guarding_a_stage_depends_on_nothing_uncertain if {
	association := build.link(_association("a"), "stage", _stage(null))
	model := build.input_of([association, build.link_set(_acl, "associations", [association]), _stage(null)])
	acl := model.resources.aws_wafv2_web_acl[0]
	waf.acl_stages(acl) == ["aws_api_gateway_stage.prod"] with input as model
	waf.possibly_guards_stage(acl) with input as model
	waf.acl_stage_paths(acl) == [] with input as model
}

test_acl_with_an_uncertain_stage_link_possibly_guards_one if {
	association := build.uncertain_link(_association("a"), "stage")
	model := build.input_of([association, build.link_set(_acl, "associations", [association])])
	acl := model.resources.aws_wafv2_web_acl[0]
	waf.acl_stages(acl) == [] with input as model
	waf.possibly_guards_stage(acl) with input as model
	waf.acl_stage_paths(acl) == ["links.associations", [model.resources.aws_wafv2_web_acl_association[0], "links.stage"]] with input as model
}

test_acl_with_uncertain_associations_possibly_guards_a_stage if {
	waf.possibly_guards_stage(build.uncertain_link_set(_acl, "associations", [])) with input as build.input_of([])
	not waf.possibly_guards_stage(build.link_set(_acl, "associations", [])) with input as build.input_of([])
}
