# METADATA
# title: Stage variables hold no secrets
# description: >-
#   A stage variable (aws_api_gateway_stage.variables, aws_apigatewayv2_stage.stage_variables) whose name looks
#   like a secret (parameter secret_name_pattern, default
#   (?i)(pass(word)?|secret|token|api[_-]?key|private[_-]?key|credential)) must not carry a value known in the
#   plan (one finding per stage, naming the variables). Stage variables are plain configuration: anyone allowed apigateway:GET on the stage reads them in the
#   console, the API and exports, and they sit unencrypted in Terraform state. A value the plan knows (a literal,
#   a variable, or a sensitive value) is a finding; a value known only after apply comes from another resource
#   and is not judged. A whole map known only after apply (a plan makes the map unknown when any value is,
#   hiding a literal secret next to it) is unverifiable. Findings name the variable, never its value.
# related_resources:
#   - description: Prowler apigateway_restapi_no_secrets_in_stage_variables (runtime only)
#     ref: https://github.com/prowler-cloud/prowler/tree/master/prowler/providers/aws/services/apigateway/apigateway_restapi_no_secrets_in_stage_variables
#   - description: Setting up stage variables for a REST API (API Gateway developer guide)
#     ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/stage-variables.html
#   - description: aws_api_gateway_stage (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_stage
#   - description: aws_apigatewayv2_stage (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/apigatewayv2_stage
# custom:
#   id: APIGW-502
#   severity: high
#   kinds: [REST, HTTP, WS]
#   subjects: [aws_api_gateway_stage, aws_apigatewayv2_stage]
#   parameters:
#     secret_name_pattern:
#       type: string
#       minLength: 1
#       default: '(?i)(pass(word)?|secret|token|api[_-]?key|private[_-]?key|credential)'
#       description: RE2 regular expression for stage variable names that hold secrets.
#   anchors:
#     security_hub: []
#     checkov: []
#     kics: []
#     trivy: []
#     other: [Prowler apigateway_restapi_no_secrets_in_stage_variables]
#   remediation: |
#     Keep the secret in Secrets Manager (or SSM Parameter Store) and let the backend read it; pass at most
#     its name or ARN in the stage variable:
#
#         resource "aws_secretsmanager_secret" "db" {
#           name = "orders/db"
#         }
#
#         resource "aws_api_gateway_stage" "prod" {
#           rest_api_id   = aws_api_gateway_rest_api.api.id
#           deployment_id = aws_api_gateway_deployment.api.id
#           stage_name    = "prod"
#           variables = {
#             db_secret_arn = aws_secretsmanager_secret.db.arn # the backend reads the secret itself
#           }
#         }
package apigw.rules.data.stage_variable_secrets

import data.apigw.lib.model
import data.apigw.lib.result

# METADATA
# description: A REST stage with stage variables that have secret-looking names and values known in the plan.
deny contains result.fail(
	rego.metadata.chain(),
	stage,
	_message(stage, keys),
	[concat("", ["variables.", key]) | some key in keys],
) if {
	some stage in input.resources.aws_api_gateway_stage
	keys := _secret_keys(stage, "variables")
	count(keys) > 0
}

# METADATA
# description: An HTTP or WebSocket stage with stage variables that have secret-looking names and values known in the plan.
deny contains result.fail(
	rego.metadata.chain(),
	stage,
	_message(stage, keys),
	[concat("", ["stage_variables.", key]) | some key in keys],
) if {
	some stage in input.resources.aws_apigatewayv2_stage
	keys := _secret_keys(stage, "stage_variables")
	count(keys) > 0
}

# METADATA
# description: >-
#   A stage whose whole variables map is known only after apply: its names and the values written next to
#   the unknown one are out of sight, so a secret among them cannot be ruled out.
deny contains result.fail(
	rego.metadata.chain(),
	stage,
	_unknown_map_message(stage),
	[attribute],
) if {
	some stage in array.concat(input.resources.aws_api_gateway_stage, input.resources.aws_apigatewayv2_stage)
	some attribute in ["variables", "stage_variables"]
	model.unknown(stage, attribute)
}

# Parameter secret_name_pattern. The CLI refuses an invalid regular expression (invalid_params); evaluated
# without that check, the rule keeps the default.
# A secret-named value known only after apply and set by nothing the plan can see (a Terraform source scan's
# variable without a value, a data source such as a Secrets Manager secret string) may be a secret written
# into the stage: unverifiable, never a silent pass. A value set by another managed resource (a secret's ARN)
# is not written into the configuration and passes; a stage with a definite finding needs no second one.
deny contains result.fail(
	rego.metadata.chain(),
	stage,
	_unknown_values_message(stage, keys),
	[concat("", [attribute, ".", key]) | some key in keys],
) if {
	some stage in array.concat(input.resources.aws_api_gateway_stage, input.resources.aws_apigatewayv2_stage)
	some attribute in ["variables", "stage_variables"]
	keys := {key | some key in model.unknown_unset_keys(stage, attribute); _secret_name(key)}
	count(keys) > 0
	count(_secret_keys(stage, attribute)) == 0
}

_configured_pattern := model.parameter(rego.metadata.chain(), "secret_name_pattern")

# METADATA
# description: The configured secret_name_pattern, when it is not a valid regular expression.
invalid_params contains model.invalid_regex_param(model.rule_annotations(rego.metadata.chain()).custom.id, "secret_name_pattern")

# The default needs no validity check: regex.is_valid compiles its pattern on every call (opa-wasm caches
# only regex.match's compilations), in every evaluation, and the engine evaluates a big model batch by batch.
_pattern := _default_pattern if _configured_pattern == _default_pattern

_pattern := _configured_pattern if {
	_configured_pattern != _default_pattern
	regex.is_valid(_configured_pattern)
}

_pattern := _default_pattern if {
	_configured_pattern != _default_pattern
	not regex.is_valid(_configured_pattern)
}

_default_pattern := model.parameter_default(rego.metadata.chain(), "secret_name_pattern")

# A name the pattern matches. The default pattern is matched without a regular expression: opa-wasm compiles
# an expression once per evaluation, and compiling this one (case-insensitive, in RE2 built to WebAssembly)
# took most of this rule's CPU with the engine evaluating a big model batch by batch. Any other pattern is
# matched as the RE2 expression it is (the default too, should METADATA ever change it without this).
_secret_name(key) if {
	_pattern == _words_pattern
	_default_secret_name(key)
}

_secret_name(key) if {
	_pattern != _words_pattern
	regex.match(_pattern, key)
}

_words_pattern := "(?i)(pass(word)?|secret|token|api[_-]?key|private[_-]?key|credential)"

# What _words_pattern matches: a name holding one of the alternatives in any case. (?i) folds a letter with its Unicode case variants: besides ASCII upper case,
# the long s (U+017F) is an s and the Kelvin sign (U+212A, which lower makes a k) a k; the dotted capital I
# (U+0130), which lower would make an i, is no i to (?i). The tests check both against the default pattern.
_default_secret_name(key) if {
	folded := lower(strings.replace_n(_case_variants, key))
	some word in _default_words
	contains(folded, word)
}

_case_variants := {"ſ": "s", "İ": "ı"}

_default_words := [
	"pass", "secret", "token", "apikey", "api_key", "api-key",
	"privatekey", "private_key", "private-key", "credential",
]

# Names of the stage's variables that look like secrets and hold a non-empty value known in the plan
# (a sensitive value counts: known, only hidden from output). Values known only after apply are null in the
# model and listed in unknown (per variable; a whole unknown map is the rule above). Per variable, only natively
# compiled builtins: sprintf runs in JavaScript and leaves about 4 KiB on the evaluator's heap per call.
_secret_keys(stage, attribute) := {key |
	some key, value in model.value(stage, attribute)
	is_string(value)
	value != ""
	not model.unknown(stage, concat(".", [attribute, key]))
	_secret_name(key)
}

# One finding per stage, naming every offending variable (never a value).
_message(stage, keys) := concat("", [
	"Stage ",
	stage.address,
	" sets stage variable \"",
	key,
	"\", whose name marks it as a secret, to a value set in the configuration: stage variables are plain text to anyone who can read the stage, and are stored in Terraform state.",
]) if {
	count(keys) == 1
	some key in keys
}

_message(stage, keys) := concat("", [
	"Stage ",
	stage.address,
	" sets stage variables ",
	concat(", ", [concat("", ["\"", key, "\""]) | some key in sort(keys)]),
	", whose names mark them as secrets, to values set in the configuration: stage variables are plain text to anyone who can read the stage, and are stored in Terraform state.",
]) if {
	count(keys) > 1
}

_unknown_map_message(stage) := concat("", [
	"Stage ",
	stage.address,
	" has stage variables the plan does not know (the whole map is known only after apply when any value is), so a secret written into the configuration next to them cannot be ruled out.",
])

_unknown_values_message(stage, keys) := concat("", [
	"Stage ",
	stage.address,
	" sets stage variables ",
	concat(", ", [concat("", ["\"", key, "\""]) | some key in sort(keys)]),
	", whose names mark them as secrets, to values not known before apply and not set by another managed resource, so a secret written into the configuration cannot be ruled out.",
])
