# METADATA
# title: OpenAPI operations require authorization
# description: >-
#   A REST API (aws_api_gateway_rest_api) or HTTP API (aws_apigatewayv2_api) defined by an OpenAPI body gets its
#   authorization from the document: an operation is protected by its own security requirement, else the
#   document's top-level one, or by x-amazon-apigateway-auth. An operation with none of them (or with an empty
#   requirement, which allows anonymous calls) is open to anyone on the internet, the same hole as a method with
#   authorization NONE but invisible to scanners that only read aws_api_gateway_method. A requirement naming
#   only apiKey schemes without x-amazon-apigateway-authtype or x-amazon-apigateway-authorizer is an API key
#   alone (api_key_required), not authorization, exactly as APIGW-101 and APIGW-102 treat a method with an API
#   key and authorization NONE. One finding per open operation, naming its method and path; CORS preflight
#   (options) operations are exempt. A body known only
#   after apply is unverifiable; a body that is not an OpenAPI document is not judged here.
# related_resources:
#   - description: x-amazon-apigateway-auth object (API Gateway developer guide)
#     ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/openapi-extensions-auth.html
#   - description: Security Requirement Object (OpenAPI Specification 3.0)
#     ref: https://spec.openapis.org/oas/v3.0.3#security-requirement-object
#   - description: aws_api_gateway_rest_api (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_rest_api
#   - description: aws_apigatewayv2_api (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/apigatewayv2_api
# custom:
#   id: APIGW-901
#   severity: high
#   kinds: [REST, HTTP]
#   subjects: [aws_api_gateway_rest_api, aws_apigatewayv2_api]
#   anchors:
#     security_hub: []
#     checkov: []
#     kics: []
#     trivy: []
#     other: []
#   remediation: |
#     Require an authorizer on every operation, for example with a top-level security requirement that each
#     operation inherits (OpenAPI 3, Lambda authorizer):
#
#         resource "aws_api_gateway_rest_api" "api" {
#           name = "orders"
#           body = jsonencode({
#             openapi  = "3.0.1"
#             info     = { title = "orders", version = "1" }
#             security = [{ sigv4 = [] }] # inherited by every operation
#             components = {
#               securitySchemes = {
#                 sigv4 = {
#                   type                         = "apiKey"
#                   name                         = "Authorization"
#                   in                           = "header"
#                   x-amazon-apigateway-authtype = "awsSigv4"
#                 }
#               }
#             }
#             paths = {
#               "/orders" = {
#                 get = {
#                   x-amazon-apigateway-integration = {
#                     type       = "aws_proxy"
#                     httpMethod = "POST"
#                     uri        = aws_lambda_function.orders.invoke_arn
#                   }
#                 }
#               }
#             }
#           })
#         }
package apigw.rules.openapi.operation_authorization

import data.apigw.lib.model
import data.apigw.lib.result

# METADATA
# description: An operation (other than options) of a parsed OpenAPI body that requires no authorization, or an API key alone.
deny contains result.fail(
	rego.metadata.chain(),
	api,
	_message(api, operation),
	array.concat(["body", "protocol_type"], model.openapi_unknown_fact_paths(api, i, "secured")),
) if {
	some api in _apis
	api.values.body_document.state == "parsed"
	some i, operation in api.values.body_document.operations
	operation.secured == false
	operation.method != "options"
}

# METADATA
# description: An OpenAPI body known only after apply, or one the model cannot read, whose operations cannot be judged.
deny contains result.fail(
	rego.metadata.chain(),
	api,
	concat("", ["API ", api.address, " may define OpenAPI operations that anyone can call without authorization."]),
	["body", "protocol_type"],
) if {
	some api in _apis
	api.values.body_document.state == "unknown"
}

# The subjects: REST APIs and HTTP APIs (WebSocket APIs cannot be defined by an OpenAPI body). A v2 API
# whose protocol_type is known only after apply may be an HTTP API: its findings are unverifiable.
# An array, not a set: the compiled policy hashes a whole entity at every step of iterating a set of them.
_apis := array.concat(
	input.resources.aws_api_gateway_rest_api,
	[api | some api in input.resources.aws_apigatewayv2_api; model.possibly_http_api(api)],
)

_message(api, operation) := concat("", [
	"API ",
	api.address,
	" lets anyone call ",
	model.openapi_method(operation),
	" ",
	operation.path,
	": the operation in its OpenAPI body has no security requirement (own or inherited) and no x-amazon-apigateway-auth, so callers are never authenticated.",
]) if {
	not operation.api_key_only
}

_message(api, operation) := concat("", [
	"API ",
	api.address,
	" lets anyone with an API key call ",
	model.openapi_method(operation),
	" ",
	operation.path,
	": the operation's OpenAPI security requires only an apiKey scheme with no x-amazon-apigateway-authtype",
	" or authorizer, and API keys identify clients for usage plans, they do not authenticate callers.",
]) if {
	operation.api_key_only
}
