package apigw.rules.policy.single_policy_source_test

import data.apigw.lib.result
import data.apigw.rules.policy.single_policy_source as rule

_unknown_mark := {"set": true, "reason": "after_apply", "references": ["data.aws_iam_policy_document.api.json"]}

_link_mark := {"set": false, "reason": "link", "references": []}

_parsed := {"state": "parsed", "error": null, "statements": []}

_absent := {"state": "absent", "error": null, "statements": []}

_unknown := {"state": "unknown", "error": null, "statements": []}

_api(policy, document, unknown) := {
	"address": "aws_api_gateway_rest_api.api",
	"values": {"policy": policy, "policy_document": document},
	"unknown": unknown,
}

_policy(link, unknown) := {
	"address": "aws_api_gateway_rest_api_policy.p",
	"values": {"policy_document": _parsed},
	"unknown": unknown,
	"links": {"rest_api": link},
}

_resolved := {"target": "aws_api_gateway_rest_api.api", "index": 0, "state": "resolved"}

_uncertain := {"target": null, "index": null, "state": "uncertain"}

_absent_link := {"target": null, "index": null, "state": "absent"}

_input(apis, policies) := {"resources": {
	"aws_api_gateway_rest_api": apis,
	"aws_api_gateway_rest_api_policy": policies,
}}

_policy_json := `{"Version":"2012-10-17","Statement":[]}`

test_fail_both_set if {
	findings := result.objects(rule.deny) with input as _input([_api(_policy_json, _parsed, {})], [_policy(_resolved, {})])
	findings == {{
		"rule_id": "APIGW-306",
		"severity": "low",
		"address": "aws_api_gateway_rest_api_policy.p",
		"message": concat(" ", [
			"aws_api_gateway_rest_api_policy.p and the policy argument of aws_api_gateway_rest_api.api both set the resource policy",
			"of the same API: each apply overwrites the other.",
		]),
		"unknown": false,
	}}
}

test_fail_api_policy_invalid if {
	invalid := {"state": "invalid", "error": "has no Statement", "statements": []}
	findings := result.objects(rule.deny) with input as _input([_api("{}", invalid, {})], [_policy(_resolved, {})])
	count(findings) == 1
	some finding in findings
	finding.unknown == false
}

test_fail_api_policy_set_by_reference if {
	findings := result.objects(rule.deny) with input as _input([_api(null, _unknown, {"policy": _unknown_mark})], [_policy(_resolved, {})])
	count(findings) == 1
	some finding in findings
	finding.unknown == false
	finding.severity == "low"
}

test_pass_api_without_policy if {
	count(rule.deny) == 0 with input as _input([_api(null, _absent, {})], [_policy(_resolved, {})])
}

test_pass_policy_for_api_elsewhere if {
	count(rule.deny) == 0 with input as _input([_api(_policy_json, _parsed, {})], [_policy(_absent_link, {})])
}

test_pass_uncertain_link_and_no_api_with_policy if {
	count(rule.deny) == 0 with input as _input([_api(null, _absent, {})], [_policy(_uncertain, {"links.rest_api": _link_mark})])
}

test_pass_api_policy_only if {
	count(rule.deny) == 0 with input as _input([_api(_policy_json, _parsed, {})], [])
}

test_unknown_api_policy_maybe_null_is_unverifiable if {
	mark := {"set": false, "reason": "after_apply", "references": ["var.policy"]}
	findings := result.objects(rule.deny) with input as _input([_api(null, _unknown, {"policy": mark})], [_policy(_resolved, {})])
	count(findings) == 1
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
}

test_uncertain_link_is_unverifiable if {
	findings := result.objects(rule.deny) with input as _input([_api(_policy_json, _parsed, {})], [_policy(_uncertain, {"links.rest_api": _link_mark})])
	count(findings) == 1
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
	contains(finding.message, "links.rest_api")
}
