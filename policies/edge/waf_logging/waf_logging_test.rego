package apigw.rules.edge.waf_logging_test

import data.apigw.lib.result
import data.apigw.lib.test.build
import data.apigw.rules.edge.waf_logging as rule

_stage := build.resource("aws_api_gateway_stage", "prod", {})

_association := build.resource("aws_wafv2_web_acl_association", "prod", {"web_acl": "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/api/1"})

_to_stage := build.link(_association, "stage", _stage)

_acl := build.resource("aws_wafv2_web_acl", "api", {})

_logging := build.resource("aws_wafv2_web_acl_logging_configuration", "api", {})

# A model of the ACL with its associations and logging configurations.
_model(associations, loggings) := build.input_of(array.flatten([
	[build.link_set(build.link_set(_acl, "associations", associations), "logging_configurations", loggings), _stage],
	associations,
	loggings,
]))

# An association whose web ACL is not in the input, with its stage link and web_acl_logging link.
_outside(stage_link, logging_link) := object.union(build.absent_link(_association, "web_acl"), {"links": {
	"stage": stage_link,
	"web_acl_logging": logging_link,
}})

_resolved_stage := {"target": _stage.address, "index": null, "state": "resolved"}

_absent := {"target": null, "index": null, "state": "absent"}

test_fail_acl_guarding_stage_without_logging if {
	findings := result.objects(rule.deny) with input as _model([_to_stage], [])
	findings == {{
		"rule_id": "APIGW-205",
		"severity": "medium",
		"address": "aws_wafv2_web_acl.api",
		"message": concat(" ", [
			"Web ACL aws_wafv2_web_acl.api guards stage aws_api_gateway_stage.prod but has no logging configuration",
			"(no aws_wafv2_web_acl_logging_configuration names it), so the requests it blocks or lets through leave no",
			"record to investigate an attack or tune its rules.",
		]),
		"unknown": false,
	}}
}

test_pass_acl_with_logging_configuration if {
	count(rule.deny) == 0 with input as _model([_to_stage], [_logging])
}

test_pass_acl_guarding_no_stage if {
	# An ACL of a load balancer or CloudFront distribution: not this pack's concern.
	count(rule.deny) == 0 with input as _model([], [])
}

test_acl_whose_logging_configuration_may_exist_is_unverifiable if {
	acl := build.uncertain_link_set(build.link_set(_acl, "associations", [_to_stage]), "logging_configurations", [])
	findings := result.objects(rule.deny) with input as build.input_of([acl, _stage, _to_stage])
	count(findings) == 1
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
	contains(finding.message, "links.logging_configurations")
}

test_acl_that_may_guard_a_stage_is_unverifiable if {
	association := build.uncertain_link(_association, "stage")
	findings := result.objects(rule.deny) with input as _model([association], [])
	count(findings) == 1
	some finding in findings
	finding.unknown == true
	contains(finding.message, "a REST API stage in the input (possibly)")
}

test_acl_outside_the_input_is_unverifiable if {
	findings := result.objects(rule.deny) with input as build.input_of([_stage, _outside(_resolved_stage, _absent)])
	findings == {{
		"rule_id": "APIGW-205",
		"severity": "info",
		"address": "aws_wafv2_web_acl_association.prod",
		"message": concat(" ", [
			"Unverifiable: the web ACL (web_acl_arn) is not in the input (managed elsewhere, or named by a variable",
			"or data source), so its kind and settings, on which this rule depends, could not be checked. If they make",
			"the rule apply: Web ACL association aws_wafv2_web_acl_association.prod guards stage aws_api_gateway_stage.prod",
			"with a web ACL that may have no logging configuration, so the requests it blocks or lets through would",
			"leave no record to investigate an attack or tune its rules.",
		]),
		"unknown": true,
	}}
}

test_acl_outside_the_input_possibly_guarding_a_stage_is_unverifiable if {
	stage_link := {"target": null, "index": null, "state": "uncertain"}
	findings := result.objects(rule.deny) with input as build.input_of([_stage, _outside(stage_link, _absent)])
	count(findings) == 1
	some finding in findings
	finding.unknown == true
	contains(finding.message, "a REST API stage in the input (possibly)")
}

test_pass_acl_outside_the_input_logged_here if {
	logged := {"target": _logging.address, "index": null, "state": "resolved"}
	count(rule.deny) == 0 with input as build.input_of([_stage, _logging, _outside(_resolved_stage, logged)])
}

test_pass_acl_outside_the_input_guarding_something_else if {
	count(rule.deny) == 0 with input as build.input_of([_outside(_absent, _absent)])
}

test_pass_association_with_acl_in_input if {
	# The ACL itself is judged (and here logged); its association is not reported again.
	association := build.link(_to_stage, "web_acl", _acl)
	count(rule.deny) == 0 with input as _model([association], [_logging])
}
