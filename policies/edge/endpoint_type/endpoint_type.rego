# METADATA
# title: Endpoint type is one the organisation allows
# description: >-
#   Reports the endpoint type of every REST API (endpoint_configuration.types; unset means EDGE) against the
#   allow-list in the rule parameter allowed_types. With the default allow-list (EDGE, REGIONAL and PRIVATE)
#   nothing is forbidden and every EDGE or REGIONAL API is reported as an info notice, so internet-facing APIs
#   are visible in review; when the organisation narrows allowed_types (for example to PRIVATE only), an API
#   of any other type is the finding. An API meant for internal callers that is created EDGE or REGIONAL is
#   reachable from the whole internet.
# related_resources:
#   - description: AWS Config api-gw-endpoint-type-check
#     ref: https://docs.aws.amazon.com/config/latest/developerguide/api-gw-endpoint-type-check.html
#   - description: KICS API Gateway Endpoint Config is Not Private
#     ref: https://docs.kics.io/latest/queries/terraform-queries/aws/6b2739db-9c49-4db7-b980-7816e0c248c1/
#   - description: API endpoint types for REST APIs (API Gateway developer guide)
#     ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-endpoint-types.html
#   - description: aws_api_gateway_rest_api endpoint_configuration (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_rest_api#endpoint_configuration
# custom:
#   id: APIGW-203
#   severity: info
#   kinds: [REST]
#   subjects: [aws_api_gateway_rest_api]
#   parameters:
#     allowed_types:
#       type: array
#       items: {enum: [EDGE, REGIONAL, PRIVATE]}
#       default: [EDGE, REGIONAL, PRIVATE]
#       description: >-
#         Endpoint types the organisation allows. With all three, EDGE and REGIONAL APIs are reported as info
#         notices; any narrower list makes the other types findings.
#   anchors:
#     security_hub: []
#     checkov: []
#     kics: [API Gateway Endpoint Config is Not Private]
#     trivy: []
#     other: [AWS Config api-gw-endpoint-type-check]
#   remediation: |
#     Use an endpoint type the organisation allows; for internal APIs, PRIVATE (reachable only through
#     interface VPC endpoints):
#
#         resource "aws_api_gateway_rest_api" "internal" {
#           name = "internal"
#           endpoint_configuration {
#             types            = ["PRIVATE"]
#             vpc_endpoint_ids = [aws_vpc_endpoint.execute_api.id]
#           }
#         }
#
#     A `PRIVATE` API also needs a resource policy limiting callers to your VPC endpoints (APIGW-305).
package apigw.rules.edge.endpoint_type

import data.apigw.lib.model
import data.apigw.lib.result

# METADATA
# description: >-
#   Default allow-list: an EDGE or REGIONAL API is reported so its internet exposure is visible. Narrowed
#   allow-list: an API whose endpoint type is not in it.
deny contains result.fail(
	rego.metadata.chain(),
	api,
	_message(api.address, types),
	["endpoint_configuration", "endpoint_configuration.types"],
) if {
	some api in input.resources.aws_api_gateway_rest_api
	types := _flagged_types(api)
	count(types) > 0
}

# METADATA
# description: An API whose endpoint type is known only after apply, which might be one that is reported.
deny contains result.fail(
	rego.metadata.chain(),
	api,
	concat("", [api.address, " has an endpoint type known only after apply, which might expose it to the internet or fall outside the allowed types."]),
	["endpoint_configuration", "endpoint_configuration.types"],
) if {
	some api in input.resources.aws_api_gateway_rest_api
	_types_unknown(api)
}

_all_types := ["EDGE", "REGIONAL", "PRIVATE"]

# The allowed endpoint types (parameter allowed_types), upper-cased.
_allowed contains upper(t) if {
	some t in model.parameter(rego.metadata.chain(), "allowed_types")
}

_narrowed if {
	some t in _all_types
	not t in _allowed
}

_types_unknown(api) if model.unknown(api, "endpoint_configuration.types")

# endpoint_configuration unset (or without types) means the provider's default, EDGE.
_types(api) := api.values.endpoint_configuration.types if _types_set(api)

_types(api) := ["EDGE"] if not _types_set(api)

_types_set(api) if count(api.values.endpoint_configuration.types) > 0

_flagged_types(api) := [t |
	not _types_unknown(api)
	some t in _types(api)
	_flagged(t)
]

_flagged(t) if {
	not _narrowed
	t in {"EDGE", "REGIONAL"}
}

_flagged(t) if {
	_narrowed
	not upper(t) in _allowed
}

_message(address, types) := concat("", [
	address,
	" has endpoint type ",
	concat("/", types),
	", reachable from the internet (informational, so every internet-facing API is visible in review).",
]) if {
	not _narrowed
}

_message(address, types) := concat("", [
	address,
	" uses endpoint type ",
	concat("/", types),
	", which is not among the allowed types (",
	concat(", ", sort(_allowed)),
	").",
]) if {
	_narrowed
}
