# METADATA
# title: Access log format records who called what
# description: >-
#   A stage that writes access logs (aws_api_gateway_stage or aws_apigatewayv2_stage with an access log
#   destination) must use an access_log_settings.format that records the request ID, the caller's source IP,
#   the method or route key and the response status ($context.requestId, $context.identity.sourceIp,
#   $context.httpMethod or $context.routeKey, $context.status). A log without them cannot answer who called
#   what and with which result, nor be correlated with execution logs and backend traces. The required
#   fields are configurable (parameter required_fields: a list whose entries are a field or a list of
#   alternative fields).
# related_resources:
#   - description: API Gateway access logging variables ($context reference for REST APIs)
#     ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#context-variable-reference
#   - description: Customizing HTTP API access logs
#     ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html
#   - description: aws_api_gateway_stage (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_stage
#   - description: aws_apigatewayv2_stage (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/apigatewayv2_stage
# custom:
#   id: APIGW-005
#   severity: low
#   kinds: [REST, HTTP, WS]
#   subjects: [aws_api_gateway_stage, aws_apigatewayv2_stage]
#   parameters:
#     required_fields:
#       type: array
#       items:
#         type: array
#         items: {type: string}
#         minItems: 1
#       default:
#         - ["$context.requestId"]
#         - ["$context.identity.sourceIp"]
#         - ["$context.httpMethod", "$context.routeKey"]
#         - ["$context.status"]
#       description: >-
#         The fields the access log format must contain. Each entry lists alternative $context variables, of
#         which one is enough.
#   anchors:
#     security_hub: []
#     checkov: []
#     kics: []
#     trivy: []
#     other: []
#   remediation: |
#     Log at least the request ID, source IP, method (or route key) and status in the access log format:
#
#         resource "aws_api_gateway_stage" "prod" {
#           rest_api_id   = aws_api_gateway_rest_api.api.id
#           deployment_id = aws_api_gateway_deployment.this.id
#           stage_name    = "prod"
#
#           access_log_settings {
#             destination_arn = aws_cloudwatch_log_group.access.arn
#             format = jsonencode({
#               requestId    = "$context.requestId"
#               sourceIp     = "$context.identity.sourceIp"
#               caller       = "$context.identity.caller"
#               requestTime  = "$context.requestTime"
#               httpMethod   = "$context.httpMethod"
#               resourcePath = "$context.resourcePath"
#               status       = "$context.status"
#               responseLen  = "$context.responseLength"
#             })
#           }
#         }
#
#     For HTTP and WebSocket stages, use `$context.routeKey` (or `$context.httpMethod` for HTTP APIs) in the same
#     `access_log_settings` block of `aws_apigatewayv2_stage`.
package apigw.rules.log.access_log_format

import data.apigw.lib.model
import data.apigw.lib.result

# Each entry is one required field, or a list of alternative fields of which one is enough.
_required_fields := model.parameter(rego.metadata.chain(), "required_fields")

# METADATA
# description: >-
#   A stage with access logging whose format lacks a required field. A stage whose access_log_settings
#   block is known only after apply (a `dynamic` block over an unknown collection) may log in any format:
#   unverifiable.
deny contains result.fail(
	rego.metadata.chain(),
	stage,
	concat("", [
		"Stage ",
		stage.address,
		" writes access logs without ",
		concat(", ", missing),
		" in access_log_settings.format, so its log lines cannot tell who called what and with which result.",
	]),
	["access_log_settings.format"],
) if {
	some stage in array.concat(input.resources.aws_api_gateway_stage, input.resources.aws_apigatewayv2_stage)
	model.maybe_present(stage, "access_log_settings.destination_arn")
	missing := _missing(model.value(stage, "access_log_settings.format"))
	count(missing) > 0
}

# The required entries that the format does not contain, named for the message.
_missing(format) := [description |
	some [description, fields] in _required
	not _has_any(format, fields)
]

# The required entries, worked out once per evaluation: how the message names each, and its alternatives.
_required := [[_describe(alternatives), alternatives] |
	some entry in _required_fields
	alternatives := _alternatives(entry)
	count(alternatives) > 0
]

_describe(alternatives) := alternatives[0] if count(alternatives) == 1

_describe(alternatives) := concat("", ["either ", concat(" or ", alternatives)]) if count(alternatives) > 1

_alternatives(entry) := [entry] if is_string(entry)

_alternatives(entry) := [field | some field in entry; is_string(field)] if is_array(entry)

_has_any(format, fields) if {
	is_string(format)
	some field in fields
	_has(format, field)
}

# The format holds the field followed by its end or a character that cannot continue a name ($context.status
# is not in $context.statusCode): what the regular expression <field>([^A-Za-z0-9_]|$) finds. Searched for as
# text: opa-wasm compiles each expression again in every evaluation (the engine evaluates a big model batch by
# batch), and compiling these took most of this rule's CPU. split finds every occurrence of a field that
# cannot overlap itself; the others (a proper prefix that is also a suffix, as in "a.a", and the empty field)
# are matched with the expression.
_has(format, field) if {
	not _self_overlapping[field]
	parts := split(format, field)
	some i, part in parts
	i > 0
	_ends_name(_next_character(parts, i, part, field))
}

_has(format, field) if {
	_self_overlapping[field]
	regex.match(concat("", [_escape(field), "([^A-Za-z0-9_]|$)"]), format)
}

# The character after the field's occurrence before parts[i]: the part's first, the field's own when the next
# occurrence follows at once, none at the end of the format.
_next_character(_, _, part, _) := substring(part, 0, 1) if part != ""

_next_character(parts, i, "", field) := substring(field, 0, 1) if i < count(parts) - 1

_next_character(parts, i, "", _) := "" if i == count(parts) - 1

_ends_name("")

_ends_name(character) if {
	character != ""
	not contains("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_", character)
}

_self_overlapping contains field if {
	some entry in _required_fields
	some field in _alternatives(entry)
	_overlaps(field)
}

_overlaps("")

_overlaps(field) if {
	count(field) > 1
	some k in numbers.range(1, count(field) - 1)
	substring(field, 0, k) == substring(field, count(field) - k, k)
}

_escape(field) := strings.replace_n(
	{
		"\\": "\\\\", ".": "\\.", "$": "\\$", "^": "\\^", "*": "\\*", "+": "\\+", "?": "\\?",
		"(": "\\(", ")": "\\)", "[": "\\[", "]": "\\]", "{": "\\{", "}": "\\}", "|": "\\|",
	},
	field,
)
