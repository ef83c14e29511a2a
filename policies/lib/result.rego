# METADATA
# title: Finding builder
# description: >-
#   Builds every finding from the calling rule's own METADATA (rule ID and severity), so rules never repeat
#   their identity, and turns a failure that depends on values known only after apply into an
#   unverifiable report (severity info, unknown true) instead of a blocking finding.
package apigw.lib.result

import data.apigw.lib.model

# METADATA
# description: >-
#   A finding for the rule whose annotation chain is given (pass rego.metadata.chain()). `paths` lists what
#   the failure depends on: dotted paths on the subject (`access_log_settings.destination_arn`,
#   `links.method_settings`) or [entity, path] pairs for related resources (a pair naming the subject is its path).
fail(chain, subject, message, paths) := _finding(chain, subject, _rule(chain).custom.severity, message, paths)

# METADATA
# description: Like fail, with a severity other than the rule's default (one rule ID, two severities).
fail_with_severity(chain, subject, severity, message, paths) := _finding(chain, subject, severity, message, paths)

_finding(chain, subject, severity, message, paths) := {
	"rule_id": _rule(chain).custom.id,
	"severity": _severity(severity, unknown_paths),
	"address": subject.address,
	"message": _message(message, unknown_paths, unreadable_paths),
	"unknown": count(unknown_paths) > 0,
} if {
	named := [name |
		some path in paths
		name := _unknown_path(subject, path)
	]
	unknown_paths := [name | some i, name in named; not name in array.slice(named, 0, i)]
	unreadable_paths := [path |
		some path in paths
		is_string(path)
		subject.unknown[path].reason == "unreadable"
	]
}

# The annotation that carries the rule's identity: the package annotation of the rule.
_rule(chain) := model.rule_annotations(chain)

# Named where the plan stops knowing it: the path, or the block or map holding it (model.unknown_at).
_unknown_path(subject, path) := model.unknown_at(subject, path) if is_string(path)

_unknown_path(subject, path) := sprintf("%s: %s", [path[0].address, model.unknown_at(path[0], path[1])]) if {
	is_array(path)
	path[0].address != subject.address
}

# A pair that names the subject itself (a library helper's paths for the API when the API is the subject) is
# one of the subject's own paths.
_unknown_path(subject, path) := model.unknown_at(subject, path[1]) if {
	is_array(path)
	path[0].address == subject.address
}

_severity(severity, unknown_paths) := severity if count(unknown_paths) == 0

_severity(_, unknown_paths) := "info" if count(unknown_paths) > 0

_message(message, unknown_paths, _) := message if count(unknown_paths) == 0

_message(message, unknown_paths, unreadable_paths) := sprintf(
	"Unverifiable: the plan does not know %s before apply, so this could not be proved either way. If it resolves badly: %s",
	[concat(", ", unknown_paths), message],
) if {
	count(unknown_paths) > 0
	count(unreadable_paths) == 0
}

# A known value the model could not read (an OpenAPI body that is not JSON or YAML): not a timing question.
_message(message, unknown_paths, unreadable_paths) := sprintf(
	"Unverifiable: policy-check cannot read %s, so this could not be proved either way. If it resolves badly: %s",
	[concat(", ", unknown_paths), message],
) if {
	count(unreadable_paths) > 0
}
