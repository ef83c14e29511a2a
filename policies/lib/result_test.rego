package apigw.lib.result_test

import data.apigw.lib.result

_chain := [
	{"path": ["data", "apigw", "rules", "x", "deny"], "annotations": {"scope": "rule", "description": "d"}},
	{"path": ["data", "apigw", "rules", "x"], "annotations": {"scope": "package", "custom": {"id": "APIGW-999", "severity": "high"}}},
]

_subject := {"address": "aws_x.s", "unknown": {"a": {"set": false, "reason": "after_apply", "references": []}}}

_related := {"address": "aws_y.r", "unknown": {"b": {"set": true, "reason": "after_apply", "references": []}}}

test_pass_known_paths_keep_severity_and_message if {
	result.fail(_chain, _subject, "bad", ["c"]) == {
		"rule_id": "APIGW-999",
		"severity": "high",
		"address": "aws_x.s",
		"message": "bad",
		"unknown": false,
	}
}

test_fail_unknown_subject_path_is_unverifiable if {
	finding := result.fail(_chain, _subject, "bad", ["a", "c"])
	finding.unknown == true
	finding.severity == "info"
	contains(finding.message, "a before apply")
	endswith(finding.message, "bad")
}

test_fail_unknown_related_path_names_the_related_resource if {
	finding := result.fail(_chain, _subject, "bad", [[_related, "b"]])
	finding.unknown == true
	contains(finding.message, "aws_y.r: b")
}

test_pass_known_related_path_is_not_unverifiable if {
	finding := result.fail(_chain, _subject, "bad", [[_related, "z"]])
	finding.unknown == false
}

test_pass_severity_override if {
	finding := result.fail_with_severity(_chain, _subject, "low", "bad", [])
	finding.severity == "low"
	finding.rule_id == "APIGW-999"
}

_holder := {"address": "aws_x.h", "unknown": {"block": {"set": false, "reason": "after_apply", "references": []}}}

test_fail_path_inside_unknown_block_is_unverifiable_named_once if {
	finding := result.fail(_chain, _holder, "bad", ["block.a", "block.b", "c"])
	finding.unknown == true
	startswith(finding.message, "Unverifiable: the plan does not know block before apply")
}

test_pass_path_sharing_a_prefix_only_is_known if {
	finding := result.fail(_chain, _holder, "bad", ["blockade.a"])
	finding.unknown == false
}

test_fail_unreadable_value_says_so if {
	subject := {"address": "aws_x.s", "unknown": {"body": {"set": true, "reason": "unreadable", "references": []}}}
	finding := result.fail(_chain, subject, "bad", ["body"])
	finding.unknown == true
	startswith(finding.message, "Unverifiable: policy-check cannot read body,")
}

# A library helper's [entity, path] pairs for the subject itself (the API when the API is the subject) name
# the subject's own path, as a plain path would.
test_pair_naming_the_subject_is_its_own_path if {
	finding := result.fail(_chain, _subject, "bad", [[_subject, "a"]])
	finding.message == result.fail(_chain, _subject, "bad", ["a"]).message
	contains(finding.message, "know a before apply")
}
