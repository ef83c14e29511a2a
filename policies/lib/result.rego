# METADATA
# title: Finding builder
# description: >-
#   Builds every finding from the calling rule's own METADATA (rule ID and severity), so rules never repeat
#   their identity, and turns a failure that depends on values known only after apply into an
#   unverifiable report (severity info, unknown true) instead of a blocking finding.
package apigw.lib.result

import data.apigw.lib.model
import data.apigw.lib.parent

# METADATA
# description: >-
#   A finding for the rule whose annotation chain is given (pass rego.metadata.chain()), as a row:
#   [rule_id, severity, address, message, unknown]. `paths` lists what the failure depends on: dotted paths on
#   the subject (`access_log_settings.destination_arn`, `links.method_settings`) or [entity, path] pairs for
#   related resources (a pair naming the subject is its path). A row, not an object: the compiled policy hashes
#   and compares every finding when it adds it to a deny set, iterates the set and returns the findings, and an
#   object costs a sorted copy of its keys per comparison and its keys in every hash and in the JSON it returns
#   (rows: 15-20% less evaluation CPU at 10,000 and 100,000 API Gateway resources). Tests read rows with `objects`.
fail(chain, subject, message, paths) := _finding(rule.custom.id, subject, rule.custom.severity, message, paths) if {
	rule := _rule(chain)
}

# METADATA
# description: Like fail, with a severity other than the rule's default (one rule ID, two severities).
fail_with_severity(chain, subject, severity, message, paths) := _finding(_rule(chain).custom.id, subject, severity, message, paths)

# METADATA
# description: >-
#   The findings (rows of fail) as objects with named fields: rule_id, severity, address, message, unknown.
#   For tests: `findings := result.objects(rule.deny) with input as ...`.
objects(findings) := {finding |
	some row in findings
	finding := {"rule_id": row[0], "severity": row[1], "address": row[2], "message": row[3], "unknown": row[4]}
}

# Most findings depend on no unknown value: their row is built without working out the unverifiable message.
_finding(id, subject, severity, message, paths) := [id, severity, subject.address, message, false] if {
	not _depends_on_unknown(subject, paths)
} else := [id, "info", subject.address, _message(message, unknowns), true] if {
	described := [d |
		some path in paths
		d := _described(subject, path)
	]
	unknowns := [d | some i, d in described; not d.name in [e.name | some e in array.slice(described, 0, i)]]
}

# Whether a path is unknown, as _described finds it without describing it (every finding asks; few are unknown).
_depends_on_unknown(subject, paths) if {
	some path in paths
	is_string(path)
	model.unknown(subject, path)
}

_depends_on_unknown(subject, paths) if {
	some [entity, path] in paths
	entity.address != subject.address
	model.unknown(entity, path)
}

_depends_on_unknown(subject, paths) if {
	some [entity, path] in paths
	entity.address == subject.address
	model.unknown(subject, path)
}

# The annotation that carries the rule's identity: the package annotation of the rule.
_rule(chain) := model.rule_annotations(chain)

# An unknown path as messages name it, with its mark: the path, or the block or map holding it
# (model.unknown_at); on a related resource, the attribute as Terraform references it (`aws_x.y.policy`).
_described(subject, path) := {"name": at, "mark": subject.unknown[at]} if {
	is_string(path)
	at := model.unknown_at(subject, path)
}

_described(subject, path) := {"name": concat("", [path[0].address, ".", at]), "mark": path[0].unknown[at]} if {
	is_array(path)
	path[0].address != subject.address
	at := model.unknown_at(path[0], path[1])
}

# A pair that names the subject itself (a library helper's paths for the API when the API is the subject) is
# one of the subject's own paths.
_described(subject, path) := {"name": at, "mark": subject.unknown[at]} if {
	is_array(path)
	path[0].address == subject.address
	at := model.unknown_at(subject, path[1])
}

# A known value the model could not read (an OpenAPI body that is not JSON or YAML): not a timing question.
_message(message, unknowns) := concat("", [
	"Unverifiable: policy-check cannot read ",
	_names(unknowns),
	", so this could not be proved either way. If it resolves badly: ",
	message,
]) if {
	_unreadable(unknowns)
}

_message(message, unknowns) := concat("", [
	"Unverifiable: the plan does not know ",
	_names(unknowns),
	" before apply, so this could not be proved either way. If it resolves badly: ",
	message,
]) if {
	count(unknowns) > 0
	not _unreadable(unknowns)
	not _outside(unknowns)
	not _from_source
}

# Terraform source (HCL, CDKTF): what the source does not know, and why, per value.
_message(message, unknowns) := concat("", [
	"Unverifiable: ",
	_not_known(unknowns),
	", so this could not be proved either way. If it resolves badly: ",
	message,
]) if {
	count(unknowns) > 0
	not _unreadable(unknowns)
	not _outside(unknowns)
	_from_source
}

# A resource the subject names is not in the input (lib/parent.rego): its settings are out of sight, not late,
# whatever the input.
_message(message, unknowns) := concat("", [
	"Unverifiable: ",
	concat(" and ", [parent.described(d.name) | some d in unknowns; d.mark.reason == "outside_input"]),
	" is not in the input (managed elsewhere, or named by a variable or data source), so its kind and settings, on which this rule depends, could not be checked. If they make the rule apply: ",
	message,
]) if {
	_outside(unknowns)
	not _unreadable(unknowns)
}

# One value: "X is not known from the source (why)"; several: "X (why), Y (why) are not known from the source".
_not_known(unknowns) := concat("", [d.name, " is not known from the source", _why_suffix(d)]) if {
	count(unknowns) == 1
	d := unknowns[0]
}

_not_known(unknowns) := concat("", [concat(", ", [concat("", [d.name, _why_suffix(d)]) | some d in unknowns]), " are not known from the source"]) if {
	count(unknowns) > 1
}

_names(unknowns) := concat(", ", [d.name | some d in unknowns])

_outside(unknowns) if {
	some d in unknowns
	d.mark.reason == "outside_input"
}

_unreadable(unknowns) if {
	some d in unknowns
	d.mark.reason == "unreadable"
}

_from_source if input.input.kind in {"hcl", "cdktf"}

_why_suffix(d) := concat("", [" (", concat(" / ", [_origin_text[o] | some o in d.mark.origins]), ")"]) if count(d.mark.origins) > 0

_why_suffix(d) := concat("", [" (", _reason_text[d.mark.reason], ")"]) if {
	count(object.get(d.mark, "origins", [])) == 0
	_reason_text[d.mark.reason]
}

_why_suffix(d) := "" if {
	count(object.get(d.mark, "origins", [])) == 0
	not _reason_text[d.mark.reason]
}

_origin_text := {
	"variable": "a variable without a value",
	"data": "a data source, read only when planning",
	"resource": "a resource attribute known only after apply",
	"module": "an output of a module the scan does not read",
	"expression": "an expression policy-check does not evaluate",
}

_reason_text := {
	"after_apply": "known only after apply",
	"link": "which resource it is depends on values not known",
}
