package apigw.rules.edge.waf_baseline_rules_test

import data.apigw.lib.result
import data.apigw.lib.test.build
import data.apigw.rules.edge.waf_baseline_rules as rule

_stage := build.resource("aws_api_gateway_stage", "prod", {})

# An association of the ACL; its stage link is set by the caller.
_association := build.resource("aws_wafv2_web_acl_association", "prod", {})

_to_stage := build.link(_association, "stage", _stage)

_acl(groups, rate) := build.resource("aws_wafv2_web_acl", "api", {"managed_rule_groups": groups, "has_rate_based_rule": rate})

# A model of the ACL with the associations.
_model(acl, associations) := build.input_of(array.concat([build.link_set(acl, "associations", associations), _stage], associations))

_guarding(groups, rate) := _model(_acl(groups, rate), [_to_stage])

_blocking(findings) if {
	count(findings) == 1
	some finding in findings
	finding.unknown == false
	finding.severity == "medium"
}

_unverifiable(findings) if {
	count(findings) == 1
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
}

test_fail_no_rules if {
	findings := result.objects(rule.deny) with input as _guarding([], false)
	findings == {{
		"rule_id": "APIGW-202",
		"severity": "medium",
		"address": "aws_wafv2_web_acl.api",
		"message": concat(" ", [
			"Web ACL aws_wafv2_web_acl.api guards stage aws_api_gateway_stage.prod but lacks a baseline managed rule group",
			"(AWSManagedRulesCommonRuleSet or AWSManagedRulesKnownBadInputsRuleSet) and a rate_based_statement rule,",
			"so injection payloads, known bad inputs or request floods reach the API unfiltered.",
		]),
		"unknown": false,
	}}
}

test_fail_managed_groups_without_rate_rule if {
	findings := result.objects(rule.deny) with input as _guarding(["AWSManagedRulesCommonRuleSet"], false)
	_blocking(findings)
	some finding in findings
	contains(finding.message, "but lacks a rate_based_statement rule,")
}

test_fail_rate_rule_without_baseline_group if {
	findings := result.objects(rule.deny) with input as _guarding(["AWSManagedRulesSQLiRuleSet", "AWSManagedRulesAmazonIpReputationList"], true)
	_blocking(findings)
	some finding in findings
	contains(finding.message, "but lacks a baseline managed rule group")
	not contains(finding.message, "rate_based_statement")
}

test_pass_common_rule_set_and_rate_rule if {
	count(rule.deny) == 0 with input as _guarding(["AWSManagedRulesCommonRuleSet"], true)
}

test_pass_known_bad_inputs_and_rate_rule if {
	count(rule.deny) == 0 with input as _guarding(["AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesKnownBadInputsRuleSet"], true)
}

test_pass_acl_not_associated if {
	count(rule.deny) == 0 with input as _model(_acl([], false), [])
}

test_pass_association_to_something_else if {
	count(rule.deny) == 0 with input as _model(_acl([], false), [build.absent_link(_association, "stage")])
}

test_unknown_rules_are_unverifiable if {
	acl := build.set_after_apply(_acl([], false), ["managed_rule_groups", "has_rate_based_rule"])
	_unverifiable(result.objects(rule.deny)) with input as _model(acl, [_to_stage])
}

test_pass_unknown_rules_already_sufficient if {
	acl := build.set_after_apply(_acl(["AWSManagedRulesCommonRuleSet"], true), ["managed_rule_groups", "has_rate_based_rule"])
	count(rule.deny) == 0 with input as _model(acl, [_to_stage])
}

test_uncertain_stage_link_is_unverifiable if {
	findings := result.objects(rule.deny) with input as _model(_acl([], false), [build.uncertain_link(_association, "stage")])
	_unverifiable(findings)
	some finding in findings
	contains(finding.message, "a REST API stage in the input (possibly)")
}

test_uncertain_association_is_unverifiable if {
	_unverifiable(result.objects(rule.deny)) with input as build.input_of([build.uncertain_link_set(_acl([], false), "associations", [])])
}

test_fail_resolved_stage_beside_uncertain_association if {
	acl := build.uncertain_link_set(_acl([], false), "associations", [_to_stage])
	_blocking(result.objects(rule.deny)) with input as build.input_of([acl, _to_stage, _stage])
}
