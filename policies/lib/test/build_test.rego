# METADATA
# title: Model builders for rule tests
# description: >-
#   Builds model fragments (schema/model.json) for Rego tests, so a test names the resources it needs and the
#   links between them instead of writing out entities, unknown marks and list positions by hand. Links are
#   declared by target entity; input_of places each entity in its type's list and resolves the links to those
#   positions, as the model does. A _test.rego file: left out of the policy bundle and the npm package.
package apigw.lib.test.build

# METADATA
# description: An entity of the model with the given values, planned for creation; nothing unknown, no links.
resource(type, name, values) := {
	"address": sprintf("%s.%s", [type, name]),
	"type": type,
	"name": name,
	"module_address": "",
	"index": null,
	"actions": ["create"],
	"values": values,
	"unknown": {},
	"sensitive": [],
	"literals": [],
	"links": {},
}

# METADATA
# description: The entity with each of the dotted paths known only after apply, not certain to be set.
unknown(entity, paths) := object.union(entity, {"unknown": {path: _after_apply(false) | some path in paths}})

# METADATA
# description: >-
#   The entity with each of the dotted paths known only after apply but certain to be set (the
#   configuration references another managed resource).
set_after_apply(entity, paths) := object.union(entity, {"unknown": {path: _after_apply(true) | some path in paths}})

# METADATA
# description: The entity with a forward link links.<name> to the target entity (resolved).
link(entity, name, target) := object.union(entity, {"links": {name: {"target": target.address, "index": null, "state": "resolved"}}})

# METADATA
# description: The entity with a forward link links.<name> that nothing in the input can be (absent).
absent_link(entity, name) := object.union(entity, {"links": {name: {"target": null, "index": null, "state": "absent"}}})

# METADATA
# description: >-
#   The entity with a forward link links.<name> the plan cannot decide (uncertain), marked unknown as
#   links.<name> as the model marks it.
uncertain_link(entity, name) := object.union(entity, {
	"links": {name: {"target": null, "index": null, "state": "uncertain"}},
	"unknown": {concat(".", ["links", name]): _link_unknown},
})

# METADATA
# description: The entity with the link set links.<name> of the given entities (in that order); [] for none.
link_set(entity, name, targets) := object.union(entity, {"links": {name: {
	"targets": [target.address | some target in targets],
	"indices": [],
	"uncertain": false,
}}})

# METADATA
# description: >-
#   The entity with the link set links.<name> holding the given entities and possibly others the plan
#   cannot decide (uncertain, marked unknown as links.<name>).
uncertain_link_set(entity, name, targets) := object.union(link_set(entity, name, targets), {
	"links": {name: {"uncertain": true}},
	"unknown": {concat(".", ["links", name]): _link_unknown},
})

# METADATA
# description: >-
#   The model input holding the entities: input.resources.<type> lists each type's entities in the given
#   order, and every link names its targets' positions in those lists (index, indices).
input_of(entities) := {"resources": {type: [_resolved(entity, positions) |
	some entity in entities
	entity.type == type
] |
	some type in {entity.type | some entity in entities}
}} if {
	positions := {entity.address: i |
		some type in {entity.type | some entity in entities}
		some i, entity in [entity | some entity in entities; entity.type == type]
	}
}

# METADATA
# description: A resource policy the model parsed (policy_document with state parsed) holding the statements.
parsed_policy(statements) := {"state": "parsed", "error": null, "statements": statements}

# METADATA
# description: No resource policy (policy_document with state absent).
absent_policy := {"state": "absent", "error": null, "statements": []}

# METADATA
# description: A resource policy known only after apply (policy_document with state unknown).
unknown_policy := {"state": "unknown", "error": null, "statements": []}

# METADATA
# description: >-
#   A parsed policy statement: by default an Allow of execute-api:Invoke on every resource to everyone, without
#   conditions; `fields` replace any of it (the precomputed facts applies_to_everyone, covers_invoke,
#   narrowed_by_conditional_deny and denied_unconditionally too, which a test changing the principal or actions
#   sets to match).
policy_statement(fields) := object.union(
	{
		"sid": null,
		"effect": "Allow",
		"principal": {"any": true, "aws": ["*"], "service": [], "federated": []},
		"not_principal": null,
		"actions": ["execute-api:invoke"],
		"not_actions": [],
		"resources": ["execute-api:/*"],
		"not_resources": [],
		"conditions": [],
		"applies_to_everyone": true,
		"covers_invoke": true,
		"narrowed_by_conditional_deny": false,
		"denied_unconditionally": false,
	},
	fields,
)

# METADATA
# description: >-
#   A parsed policy condition, with base_operator (no set prefix, no IfExists, no IgnoreCase, lower case), its
#   modifiers and key_lower as the model derives them (for operators spelled as IAM documents them).
policy_condition(operator, key, values) := {
	"operator": operator,
	"base_operator": lower(trim_suffix(trim_suffix(_without_set_prefix(operator), "IfExists"), "IgnoreCase")),
	"set_operator": _set_operator(operator),
	"if_exists": endswith(operator, "IfExists"),
	"ignore_case": contains(operator, "IgnoreCase"),
	"key": key,
	"key_lower": lower(key),
	"values": values,
}

_without_set_prefix(operator) := trim_prefix(trim_prefix(operator, "ForAnyValue:"), "ForAllValues:")

_set_operator(operator) := lower(trim_suffix(operator, concat("", [":", _without_set_prefix(operator)]))) if {
	_without_set_prefix(operator) != operator
} else := null

_resolved(entity, positions) := object.union(entity, {"links": {name: _resolved_link(link, positions) |
	some name, link in entity.links
}})

_resolved_link(link, positions) := object.union(link, {"indices": [positions[target] | some target in link.targets]}) if {
	is_array(link.targets)
} else := object.union(link, {"index": positions[link.target]}) if {
	is_string(link.target)
} else := link

_after_apply(set) := {"set": set, "reason": "after_apply", "references": []}

_link_unknown := {"set": false, "reason": "link", "references": []}
