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
# scope: document
# description: >-
#   True when the attribute has a known non-empty value, or will certainly be set after apply
#   (its configuration references another managed resource).
present(entity, path) if {
	v := value(entity, path)
	not v in {null, "", [], {}}
}

present(entity, path) if set_after_apply(entity, path)

# METADATA
# description: >-
#   True when the attribute is known only after apply but certain to be set: its configuration references
#   another managed resource (unknown[path].set).
set_after_apply(entity, path) if entity.unknown[path].set

# METADATA
# description: >-
#   Keys of the map at `attribute` whose values are known only after apply without a reference to another
#   managed resource setting them (a variable without a value, a data source, a function of unknowns): such a
#   value may be anything the configuration writes, a literal secret included.
unknown_unset_keys(entity, attribute) := {key |
	some path, mark in entity.unknown
	startswith(path, concat("", [attribute, "."]))
	not mark.set
	key := substring(path, count(attribute) + 1, -1)
}

# METADATA
# description: >-
#   The resources of one type that link to an entity through its link set links.<name>, in the link set's
#   order. Following a link set is written here only: rules call the named helpers below (a custom Regal rule,
#   .regal/rules/custom/apigw/link_traversal_in_library.rego, flags .indices outside policies/lib/).
linked(entity, name, type) := [input.resources[type][i] | some i in entity.links[name].indices]

# METADATA
# description: The aws_api_gateway_method_settings of a REST stage (every method path).
method_settings(stage) := linked(stage, "method_settings", "aws_api_gateway_method_settings")

# METADATA
# description: The aws_api_gateway_usage_plan resources whose api_stages name a REST stage.
usage_plans(stage) := linked(stage, "usage_plans", "aws_api_gateway_usage_plan")

# METADATA
# description: The aws_api_gateway_rest_api_policy resources attached to a REST API.
rest_api_policies(api) := linked(api, "policies", "aws_api_gateway_rest_api_policy")

# METADATA
# description: The aws_wafv2_web_acl_association resources of a WAFv2 web ACL.
web_acl_associations(acl) := linked(acl, "associations", "aws_wafv2_web_acl_association")

# METADATA
# description: The aws_apigatewayv2_api_mapping resources of an HTTP or WebSocket custom domain.
api_mappings(domain) := linked(domain, "api_mappings", "aws_apigatewayv2_api_mapping")

# METADATA
# description: The REST API an entity links to through links.rest_api, when resolved.
rest_api(entity) := input.resources.aws_api_gateway_rest_api[entity.links.rest_api.index]

# METADATA
# description: The aws_api_gateway_request_validator a method links to, when resolved.
request_validator(method) := input.resources.aws_api_gateway_request_validator[method.links.request_validator.index]

# METADATA
# description: True when a REST API's endpoint configuration is PRIVATE.
private_api(api) if "PRIVATE" in value(api, "endpoint_configuration.types")

# METADATA
# description: >-
#   What private_api reads, as [api, path] pairs for result.fail: a rule whose verdict turns on whether the
#   API is private lists these, so an endpoint type known only after apply makes the finding unverifiable.
private_api_paths(api) := [[api, "endpoint_configuration"], [api, "endpoint_configuration.types"]]

# METADATA
# scope: document
# description: True when a REST API is PRIVATE or may be (its endpoint types are known only after apply).
possibly_private_api(api) if private_api(api)

possibly_private_api(api) if {
	some [entity, path] in private_api_paths(api)
	unknown(entity, path)
}

# METADATA
# description: >-
#   Every parsed resource policy that applies to a REST API: its own `policy` attribute and each
#   aws_api_gateway_rest_api_policy linked to it.
policy_documents(api) := array.concat(
	[api.values.policy_document | api.values.policy_document.state != "absent"],
	[policy.values.policy_document | some policy in rest_api_policies(api)],
)

# METADATA
# description: >-
#   What policy_documents (and so api_restricted_to_vpc) read, as [entity, path] pairs for result.fail: the
#   API's own policy, its link to aws_api_gateway_rest_api_policy resources and each one's policy.
policy_document_paths(api) := array.concat(
	[[api, "policy"], [api, "links.policies"]],
	[[policy, "policy"] | some policy in rest_api_policies(api)],
)

# METADATA
# scope: document
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

# METADATA
# scope: document
# description: >-
#   True when the policies that apply to a REST API limit callers to VPCs, or may (a policy, or which policies
#   apply, is known only after apply).
possibly_api_restricted_to_vpc(api) if api_restricted_to_vpc(api)

possibly_api_restricted_to_vpc(api) if {
	some [entity, path] in policy_document_paths(api)
	unknown(entity, path)
}

# METADATA
# scope: document
# description: >-
#   Every resource that carries a resource policy, the subjects of the POLICY rules: aws_api_gateway_rest_api
#   with a `policy` attribute and aws_api_gateway_rest_api_policy (policy_document.state not "absent"). An
#   array, not a set: the compiled policy hashes a whole set element on every insertion and every step of an
#   iteration, and these elements are whole entities (each is its own address, so there is nothing to dedupe).
policy_carriers := array.concat(
	[carrier |
		some carrier in input.resources.aws_api_gateway_rest_api
		carrier.values.policy_document.state != "absent"
	],
	[carrier |
		some carrier in input.resources.aws_api_gateway_rest_api_policy
		carrier.values.policy_document.state != "absent"
	],
)

# METADATA
# scope: document
# description: An OpenAPI operation's method as findings name it (upper case; ANY for x-amazon-apigateway-any-method).
openapi_method(operation) := "ANY" if operation.method == "x-amazon-apigateway-any-method"

openapi_method(operation) := upper(operation.method) if operation.method != "x-amazon-apigateway-any-method"

# METADATA
# description: The aws_apigatewayv2_route resources of an HTTP or WebSocket API.
v2_routes(api) := linked(api, "routes", "aws_apigatewayv2_route")

# METADATA
# description: The HTTP or WebSocket API an entity links to through links.api, when resolved.
v2_api(entity) := input.resources.aws_apigatewayv2_api[entity.links.api.index]

# METADATA
# description: True when a v2 API is a WebSocket API.
websocket_api(api) if api.values.protocol_type == "WEBSOCKET"

# METADATA
# description: True when a v2 API is an HTTP API.
http_api(api) if api.values.protocol_type == "HTTP"

# METADATA
# scope: document
# description: >-
#   True when a v2 API is an HTTP API or may be one (its protocol_type is known only after apply): rules that
#   judge HTTP APIs list [api, "protocol_type"] among their paths, so the second case is unverifiable.
possibly_http_api(api) if http_api(api)

possibly_http_api(api) if api.unknown.protocol_type

# METADATA
# scope: document
# description: True when a v2 API is a WebSocket API or may be one (its protocol_type is known only after apply).
possibly_websocket_api(api) if websocket_api(api)

possibly_websocket_api(api) if api.unknown.protocol_type

# METADATA
# description: >-
#   What on_possibly_http_api and on_possibly_websocket_api read, for result.fail: the entity's link to its
#   v2 API and, when resolved, that API's protocol_type.
v2_api_protocol_paths(entity) := array.concat(["links.api"], [[api, "protocol_type"] | api := v2_api(entity)])

# METADATA
# scope: document
# description: >-
#   True when an entity (route, stage, integration) belongs to an HTTP API or may: its API is one or may be
#   one, or which API it belongs to is known only after apply.
on_possibly_http_api(entity) if possibly_http_api(v2_api(entity))

on_possibly_http_api(entity) if unknown(entity, "links.api")

# METADATA
# scope: document
# description: True when an entity belongs to a WebSocket API or may (as on_possibly_http_api).
on_possibly_websocket_api(entity) if possibly_websocket_api(v2_api(entity))

on_possibly_websocket_api(entity) if unknown(entity, "links.api")

# METADATA
# scope: document
# description: >-
#   True when an attribute has, or may have, a value: it is present, or it (or the block or map holding it)
#   is known only after apply. Rules that judge what a value is, once there is one, start here, so a value
#   the plan does not know is reported as unverifiable rather than passed.
maybe_present(entity, path) if present(entity, path)

maybe_present(entity, path) if unknown(entity, path)

# METADATA
# description: True when the value at a dotted path, or the block or map holding it, is known only after apply.
unknown(entity, path) if unknown_at(entity, path)

# METADATA
# scope: document
# description: >-
#   Where the value at a dotted path is known only after apply: the outermost of the block or map holding it
#   and the path itself that is in `unknown` (a `dynamic` block, a map with one unknown value); undefined
#   when the value is known.
unknown_at(entity, path) := path if {
	not contains(path, ".")
	entity.unknown[path]
}

# A dotted path: the shortest of the marked paths that are the path or hold it. An entity has few marks, so
# testing each is cheaper than building every prefix of the path.
unknown_at(entity, path) := holders[0] if {
	contains(path, ".")
	held := [key | some key, _ in entity.unknown; _holds(key, path)]
	count(held) > 0
	shortest := min([count(key) | some key in held])
	holders := [key | some key in held; count(key) == shortest]
}

_holds(key, path) if key == path

_holds(key, path) if startswith(path, concat("", [key, "."]))

# METADATA
# description: >-
#   The METADATA of the rule whose annotation chain is given (pass rego.metadata.chain()): the package
#   annotation that carries custom.id, where a rule's identity, severity and parameters are declared.
rule_annotations(chain) := annotations if {
	some entry in chain
	annotations := entry.annotations
	annotations.custom.id
}

# METADATA
# description: >-
#   A parameter of the calling rule (pass rego.metadata.chain()): data.config.rules[ID].params[name] from
#   .policy-check.yaml when it has the JSON type of the default, else the default that the rule's METADATA
#   declares (custom.parameters[name].default). The METADATA is the one place a parameter and its default
#   are written; the configuration schema and the rule's doc page are generated from it.
# scope: document
parameter(chain, name) := value if {
	value := data.config.rules[rule_annotations(chain).custom.id].params[name]
	type_name(value) == type_name(parameter_default(chain, name))
}

parameter(chain, name) := parameter_default(chain, name) if not _parameter_set(chain, name)

_parameter_set(chain, name) if {
	value := data.config.rules[rule_annotations(chain).custom.id].params[name]
	type_name(value) == type_name(parameter_default(chain, name))
}

# METADATA
# description: >-
#   The default of a parameter as the rule's METADATA declares it, for rules that fall back to it when a
#   configured value is of the right type but unusable (an invalid regular expression, an unknown severity).
parameter_default(chain, name) := rule_annotations(chain).custom.parameters[name].default

# METADATA
# description: >-
#   A rule parameter with its default written in the call: data.config.rules[rule_id].params[name] when the
#   configuration sets it with the same JSON type as the default, else the default. Kept for custom rules
#   written before parameters were declared in METADATA; new rules use parameter(rego.metadata.chain(), name).
# scope: document
param(rule_id, name, fallback) := value if {
	value := data.config.rules[rule_id].params[name]
	type_name(value) == type_name(fallback)
}

param(rule_id, name, fallback) := fallback if {
	not _param_set(rule_id, name, fallback)
}

_param_set(rule_id, name, fallback) if type_name(data.config.rules[rule_id].params[name]) == type_name(fallback)

# METADATA
# description: >-
#   A problem report for rule parameter name of rule_id when the configuration sets it to a string that is
#   not a valid RE2 regular expression (undefined otherwise). Rules list these in their invalid_params set;
#   apigw.main.invalid_params collects them, and the CLI refuses the configuration at the parameter's line.
# scope: document
invalid_regex_param(rule_id, name) := {"rule_id": rule_id, "param": name, "problem": "is not a valid RE2 regular expression"} if {
	value := data.config.rules[rule_id].params[name]
	is_string(value)
	not regex.is_valid(value)
}

# METADATA
# description: >-
#   The text a value known only after apply certainly starts with, when configuration shows one: a template's
#   literal start (`https://`), or `arn:` for an attribute that is an ARN by its provider schema. Undefined
#   when the value is known or nothing of it is (src/model/partial.ts).
known_prefix(entity, path) := entity.unknown[path].prefix

# METADATA
# scope: document
# description: >-
#   True when the value at a dotted path is a string that starts with `prefix` (ignoring case), known or by its
#   known prefix: `"https://${aws_lb.x.dns_name}"` starts with "https://" before apply.
starts_with(entity, path, prefix) if startswith(lower(value(entity, path)), lower(prefix))

starts_with(entity, path, prefix) if startswith(lower(known_prefix(entity, path)), lower(prefix))

# METADATA
# scope: document
# description: >-
#   True when the value at a dotted path starts with `prefix` (ignoring case) or may: it does, or it (or the
#   block holding it) is known only after apply and its known prefix, if any, does not rule it out. Rules that
#   fail a value for how it starts use this and list the path, so "may" is reported as unverifiable.
may_start_with(entity, path, prefix) if starts_with(entity, path, prefix)

may_start_with(entity, path, _) if {
	unknown(entity, path)
	not known_prefix(entity, path)
}

may_start_with(entity, path, prefix) if startswith(lower(prefix), lower(known_prefix(entity, path)))

# METADATA
# description: >-
#   The dotted path of the values of condition j of statement i of a policy carrier's policy, as the model
#   marks them unknown when the policy is known but for those values (src/model/policy-document.ts).
policy_condition_values_path(i, j) := concat("", ["policy_document.statements.", json.marshal(i), ".conditions.", json.marshal(j), ".values"])

# METADATA
# description: True when the values of condition j of statement i of a carrier's policy are known only after apply.
policy_condition_values_unknown(carrier, i, j) if carrier.unknown[policy_condition_values_path(i, j)]

# METADATA
# description: >-
#   The dotted path of a fact (`secured`, `request_validator`, `accepts_body`) of OpenAPI operation i of an
#   API's body, as the model marks it unknown when the body is known but for what decides that fact.
openapi_operation_path(i, fact) := concat("", ["body_document.operations.", json.marshal(i), ".", fact])

# METADATA
# description: >-
#   [openapi_operation_path(i, fact)] when the API marks that fact unknown, else []: what a rule adds to its
#   paths for an operation. An API with no unknown marks builds no path, so large bodies stay cheap to judge.
openapi_unknown_fact_paths(api, i, fact) := [] if {
	count(api.unknown) == 0
} else := [path |
	path := openapi_operation_path(i, fact)
	api.unknown[path]
]
