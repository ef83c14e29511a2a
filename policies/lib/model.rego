# METADATA
# title: Model helpers
# description: >-
#   Small accessors over the typed model (schema/model.json) shared by rules: values by dotted path,
#   presence that counts values set by reference, linked resources, and resource policy facts.
package apigw.lib.model

# METADATA
# description: The value at a dotted path of an entity's values, null when absent or unknown.
value(entity, path) := object.get(entity.values, split(path, "."), null)

# METADATA
# description: >-
#   True when the attribute has a known non-empty value, or will certainly be set after apply
#   (its configuration references another managed resource).
present(entity, path) if {
	v := value(entity, path)
	not v in {null, "", [], {}}
}

present(entity, path) if entity.unknown[path].set

# METADATA
# description: The REST API an entity links to through links.rest_api, when resolved.
rest_api(entity) := input.resources.aws_api_gateway_rest_api[entity.links.rest_api.target]

# METADATA
# description: True when a REST API's endpoint configuration is PRIVATE.
private_api(api) if "PRIVATE" in api.values.endpoint_configuration.types

# METADATA
# description: >-
#   Every parsed resource policy that applies to a REST API: its own `policy` attribute and each
#   aws_api_gateway_rest_api_policy linked to it.
policy_documents(api) := array.concat(
	[doc | doc := api.values.policy_document; doc.state != "absent"],
	[doc |
		some address in api.links.policies.targets
		doc := input.resources.aws_api_gateway_rest_api_policy[address].values.policy_document
	],
)

# METADATA
# description: True when a parsed policy statement limits callers to VPCs or VPC endpoints.
restricts_to_vpc(statement) if {
	statement.effect == "Allow"
	some condition in statement.conditions
	condition.key_lower in {"aws:sourcevpce", "aws:sourcevpc"}
	condition.base_operator in {"stringequals", "stringlike", "arnequals", "arnlike"}
}

restricts_to_vpc(statement) if {
	statement.effect == "Deny"
	some condition in statement.conditions
	condition.key_lower in {"aws:sourcevpce", "aws:sourcevpc"}
	condition.base_operator in {"stringnotequals", "stringnotlike", "arnnotequals", "arnnotlike"}
}

# METADATA
# description: True when any policy that applies to the API limits callers to VPCs or VPC endpoints.
api_restricted_to_vpc(api) if {
	some doc in policy_documents(api)
	doc.state == "parsed"
	some statement in doc.statements
	restricts_to_vpc(statement)
}
