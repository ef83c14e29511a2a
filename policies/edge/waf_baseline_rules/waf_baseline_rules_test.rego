package apigw.rules.edge.waf_baseline_rules_test

import data.apigw.rules.edge.waf_baseline_rules as rule

_unknown_mark := {"set": true, "reason": "after_apply", "references": ["var.rules"]}

_link_mark := {"set": false, "reason": "link", "references": []}

_linked := {"targets": ["aws_wafv2_web_acl_association.prod"], "indices": [0], "uncertain": false}

_acl(groups, rate, unknown, associations) := {
	"address": "aws_wafv2_web_acl.api",
	"values": {"managed_rule_groups": groups, "has_rate_based_rule": rate},
	"unknown": unknown,
	"links": {"associations": associations},
}

_association(state, target, unknown) := {
	"address": "aws_wafv2_web_acl_association.prod",
	"values": {},
	"unknown": unknown,
	"links": {"stage": {"target": target, "index": 0, "state": state}},
}

_to_stage := _association("resolved", "aws_api_gateway_stage.prod", {})

_input(acl, associations) := {"resources": {
	"aws_wafv2_web_acl": [acl],
	"aws_wafv2_web_acl_association": associations,
}}

_guarding(groups, rate) := _input(_acl(groups, rate, {}, _linked), [_to_stage])

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
	findings := rule.deny with input as _guarding([], false)
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
	findings := rule.deny with input as _guarding(["AWSManagedRulesCommonRuleSet"], false)
	_blocking(findings)
	some finding in findings
	contains(finding.message, "but lacks a rate_based_statement rule,")
}

test_fail_rate_rule_without_baseline_group if {
	findings := rule.deny with input as _guarding(["AWSManagedRulesSQLiRuleSet", "AWSManagedRulesAmazonIpReputationList"], true)
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
	acl := _acl([], false, {}, {"targets": [], "indices": [], "uncertain": false})
	count(rule.deny) == 0 with input as _input(acl, [])
}

test_pass_association_to_something_else if {
	association := _association("absent", null, {})
	count(rule.deny) == 0 with input as _input(_acl([], false, {}, _linked), [association])
}

test_unknown_rules_are_unverifiable if {
	unknown := {"managed_rule_groups": _unknown_mark, "has_rate_based_rule": _unknown_mark}
	_unverifiable(rule.deny) with input as _input(_acl([], false, unknown, _linked), [_to_stage])
}

test_pass_unknown_rules_already_sufficient if {
	unknown := {"managed_rule_groups": _unknown_mark, "has_rate_based_rule": _unknown_mark}
	count(rule.deny) == 0 with input as _input(_acl(["AWSManagedRulesCommonRuleSet"], true, unknown, _linked), [_to_stage])
}

test_uncertain_stage_link_is_unverifiable if {
	association := _association("uncertain", null, {"links.stage": _link_mark})
	findings := rule.deny with input as _input(_acl([], false, {}, _linked), [association])
	_unverifiable(findings)
	some finding in findings
	contains(finding.message, "a REST API stage in the input (possibly)")
}

test_uncertain_association_is_unverifiable if {
	acl := _acl([], false, {"links.associations": _link_mark}, {"targets": [], "indices": [], "uncertain": true})
	_unverifiable(rule.deny) with input as _input(acl, [])
}

test_fail_resolved_stage_beside_uncertain_association if {
	acl := _acl([], false, {"links.associations": _link_mark}, object.union(_linked, {"uncertain": true}))
	_blocking(rule.deny) with input as _input(acl, [_to_stage])
}
