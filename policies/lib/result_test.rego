package apigw.lib.result_test

import data.apigw.lib.result

_chain := [
	{"path": ["data", "apigw", "rules", "x", "deny"], "annotations": {"scope": "rule", "description": "d"}},
	{"path": ["data", "apigw", "rules", "x"], "annotations": {"scope": "package", "custom": {"id": "APIGW-999", "severity": "high"}}},
]

_subject := {"address": "aws_x.s", "unknown": {"a": {"set": false, "reason": "after_apply", "references": []}}}

_related := {"address": "aws_y.r", "unknown": {"b": {"set": true, "reason": "after_apply", "references": []}}}

# A finding is a row: rule_id, severity, address, message, unknown.
test_pass_known_paths_keep_severity_and_message if {
	result.fail(_chain, _subject, "bad", ["c"]) == ["APIGW-999", "high", "aws_x.s", "bad", false]
}

test_objects_names_the_fields_of_each_row if {
	rows := {result.fail(_chain, _subject, "bad", ["c"]), result.fail(_chain, _subject, "bad", ["a"])}
	result.objects(rows) == {
		{"rule_id": "APIGW-999", "severity": "high", "address": "aws_x.s", "message": "bad", "unknown": false},
		{
			"rule_id": "APIGW-999",
			"severity": "info",
			"address": "aws_x.s",
			"message": "Unverifiable: the plan does not know a before apply, so this could not be proved either way. If it resolves badly: bad",
			"unknown": true,
		},
	}
}

# The finding of result.fail with named fields (result.objects), as the other tests read it.
_fail(chain, subject, message, paths) := _object(result.fail(chain, subject, message, paths))

_object(row) := finding if some finding in result.objects({row})

test_fail_unknown_subject_path_is_unverifiable if {
	finding := _fail(_chain, _subject, "bad", ["a", "c"])
	finding.unknown == true
	finding.severity == "info"
	contains(finding.message, "a before apply")
	endswith(finding.message, "bad")
}

test_fail_unknown_related_path_names_the_related_resource if {
	finding := _fail(_chain, _subject, "bad", [[_related, "b"]])
	finding.unknown == true

	# As Terraform references the attribute: the address, then the attribute, each once.
	startswith(finding.message, "Unverifiable: the plan does not know aws_y.r.b before apply,")
}

# Terraform source: what the source does not know, and why, per value.
_hcl_subject := {"address": "aws_x.s", "unknown": {
	"a": {"set": false, "reason": "after_apply", "references": ["var.a"], "origins": ["variable"]},
	"d": {"set": false, "reason": "after_apply", "references": ["data.aws_x.d.id", "aws_y.r.id"], "origins": ["data", "resource"]},
	"l": {"set": false, "reason": "link", "references": [], "origins": []},
}}

test_fail_source_input_says_what_the_source_does_not_know if {
	finding := _fail(_chain, _hcl_subject, "bad", ["a"]) with input.input.kind as "hcl"
	finding.unknown == true
	finding.severity == "info"
	finding.message == "Unverifiable: a is not known from the source (a variable without a value), so this could not be proved either way. If it resolves badly: bad"
}

test_fail_source_input_names_each_value_with_its_origins if {
	finding := _fail(_chain, _hcl_subject, "bad", ["a", "d.x", "c"]) with input.input.kind as "cdktf"
	startswith(finding.message, concat("", [
		"Unverifiable: a (a variable without a value), d (a data source, read only when planning / a resource attribute known only after apply) ",
		"are not known from the source,",
	]))
}

test_fail_source_input_link_and_related_resource if {
	related := {"address": "aws_y.r", "unknown": {"p": {"set": true, "reason": "after_apply", "references": [], "origins": ["expression"]}}}
	finding := _fail(_chain, _hcl_subject, "bad", ["l", [related, "p"]]) with input.input.kind as "hcl"
	startswith(finding.message, concat("", [
		"Unverifiable: l (which resource it is depends on values not known), ",
		"aws_y.r.p (an expression policy-check does not evaluate) are not known from the source,",
	]))
}

test_fail_plan_input_keeps_the_plan_wording if {
	finding := _fail(_chain, _hcl_subject, "bad", ["a"]) with input.input.kind as "plan"
	startswith(finding.message, "Unverifiable: the plan does not know a before apply,")
}

test_pass_known_related_path_is_not_unverifiable if {
	finding := _fail(_chain, _subject, "bad", [[_related, "z"]])
	finding.unknown == false
}

test_pass_severity_override if {
	finding := _object(result.fail_with_severity(_chain, _subject, "low", "bad", []))
	finding.severity == "low"
	finding.rule_id == "APIGW-999"
}

_holder := {"address": "aws_x.h", "unknown": {"block": {"set": false, "reason": "after_apply", "references": []}}}

test_fail_path_inside_unknown_block_is_unverifiable_named_once if {
	finding := _fail(_chain, _holder, "bad", ["block.a", "block.b", "c"])
	finding.unknown == true
	startswith(finding.message, "Unverifiable: the plan does not know block before apply")
}

test_pass_path_sharing_a_prefix_only_is_known if {
	finding := _fail(_chain, _holder, "bad", ["blockade.a"])
	finding.unknown == false
}

test_fail_unreadable_value_says_so if {
	subject := {"address": "aws_x.s", "unknown": {"body": {"set": true, "reason": "unreadable", "references": []}}}
	finding := _fail(_chain, subject, "bad", ["body"])
	finding.unknown == true
	startswith(finding.message, "Unverifiable: policy-check cannot read body,")
}

# A library helper's [entity, path] pairs for the subject itself (the API when the API is the subject) name
# the subject's own path, as a plain path would.
test_pair_naming_the_subject_is_its_own_path if {
	finding := _fail(_chain, _subject, "bad", [[_subject, "a"]])
	finding.message == _fail(_chain, _subject, "bad", ["a"]).message
	contains(finding.message, "know a before apply")
}

# A mark with neither origins nor a reason the builder words still makes an unverifiable report, never none.
test_fail_source_input_without_a_worded_reason_is_still_unverifiable if {
	subject := {"address": "aws_x.s", "unknown": {"a": {"set": false, "reason": "other", "references": []}}}
	finding := _fail(_chain, subject, "bad", ["a"]) with input.input.kind as "hcl"
	startswith(finding.message, "Unverifiable: a is not known from the source, so")
}
