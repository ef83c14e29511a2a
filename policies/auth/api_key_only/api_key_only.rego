# METADATA
# title: API keys are not the only access control
# description: >-
#   An aws_api_gateway_method with api_key_required = true and authorization "NONE", or an aws_apigatewayv2_route
#   with api_key_required = true and authorization_type "NONE" (or unset), relies on the API key alone.
#   API keys identify clients for usage plans and throttling; they are long-lived shared strings that ship inside
#   apps and browsers, carry no user identity and cannot be scoped or revoked per caller, so they are not
#   authentication. Reported in addition to APIGW-101 (and APIGW-103/104 for routes).
# related_resources:
#   - description: Usage plans and API keys for REST APIs (API Gateway developer guide; API keys are not authentication)
#     ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html
#   - description: aws_api_gateway_method (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_method
#   - description: aws_apigatewayv2_route (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/apigatewayv2_route
# custom:
#   id: APIGW-102
#   severity: medium
#   kinds: [REST, HTTP, WS]
#   subjects: [aws_api_gateway_method, aws_apigatewayv2_route]
#   anchors:
#     security_hub: []
#     checkov: []
#     kics: []
#     trivy: []
#     other: [seed guidance]
#   remediation: |
#     Keep the API key for the usage plan, and authenticate callers with IAM, a Lambda authorizer or Cognito:
#
#         resource "aws_api_gateway_method" "post_orders" {
#           rest_api_id      = aws_api_gateway_rest_api.api.id
#           resource_id      = aws_api_gateway_resource.orders.id
#           http_method      = "POST"
#           authorization    = "AWS_IAM" # or "CUSTOM" with a Lambda authorizer, or "COGNITO_USER_POOLS"
#           api_key_required = true      # keep the key for the usage plan if you need one
#         }
#
#     For a WebSocket API, authorize the `$connect` route; messages on the other routes run on the authorized
#     connection:
#
#         resource "aws_apigatewayv2_route" "connect" {
#           api_id             = aws_apigatewayv2_api.ws.id
#           route_key          = "$connect"
#           authorization_type = "CUSTOM" # or "AWS_IAM"
#           authorizer_id      = aws_apigatewayv2_authorizer.lambda.id
#           api_key_required   = true
#         }
package apigw.rules.auth.api_key_only

import data.apigw.lib.model
import data.apigw.lib.result

# METADATA
# description: A method other than OPTIONS that requires an API key and no authorization.
deny contains result.fail(
	rego.metadata.chain(),
	method,
	concat("", [
		"Method ",
		method.address,
		" requires an API key but has authorization \"NONE\": API keys identify clients for usage plans, they do not authenticate callers.",
	]),
	["api_key_required", "authorization", "http_method"],
) if {
	some method in input.resources.aws_api_gateway_method
	_requires_key(method)
	_no_authorization(method)
	method.values.http_method != "OPTIONS"
}

# METADATA
# description: An HTTP or WebSocket route that requires an API key and no authorization.
deny contains result.fail(
	rego.metadata.chain(),
	route,
	concat("", [
		"Route ",
		route.address,
		" requires an API key but has authorization_type \"NONE\": API keys identify clients for usage plans, they do not authenticate callers.",
	]),
	["api_key_required", "authorization_type"],
) if {
	some route in input.resources.aws_apigatewayv2_route
	_requires_key(route)
	_no_route_authorization(route)
}

_requires_key(entity) if entity.values.api_key_required == true

_requires_key(entity) if model.unknown(entity, "api_key_required")

# Unset authorization_type is the provider default "NONE".
_no_route_authorization(route) if route.values.authorization_type in {"NONE", null}

_no_authorization(method) if method.values.authorization == "NONE"

_no_authorization(method) if model.unknown(method, "authorization")
