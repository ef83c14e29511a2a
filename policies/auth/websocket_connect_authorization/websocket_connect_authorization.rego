# METADATA
# title: WebSocket $connect routes specify an authorization type
# description: >-
#   The $connect route of a WebSocket API (aws_apigatewayv2_route with route_key "$connect") needs
#   authorization_type AWS_IAM or CUSTOM (a Lambda authorizer). A WebSocket API authorizes a client once, when it
#   connects; every message after that runs on the open connection. With NONE or unset, anyone can open a
#   connection and send messages to every route. A WebSocket API (aws_apigatewayv2_api) with no $connect route at
#   all is just as open: API Gateway accepts every connection, so it is reported on the API. Other WebSocket
#   routes cannot carry an authorizer and are never reported.
# related_resources:
#   - description: AWS Security Hub APIGateway.8 (refined to $connect routes)
#     ref: https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-8
#   - description: Controlling access to WebSocket APIs (API Gateway developer guide)
#     ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-control-access.html
#   - description: aws_apigatewayv2_route (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/apigatewayv2_route
# custom:
#   id: APIGW-104
#   severity: high
#   kinds: [WS]
#   subjects: [aws_apigatewayv2_route, aws_apigatewayv2_api]
#   anchors:
#     security_hub: [APIGateway.8]
#     checkov: []
#     kics: []
#     trivy: []
#     other: []
#   remediation: |
#     Authorize the $connect route with a Lambda authorizer (REQUEST type) or IAM:
#
#         resource "aws_apigatewayv2_authorizer" "connect" {
#           api_id           = aws_apigatewayv2_api.ws.id
#           name             = "connect"
#           authorizer_type  = "REQUEST"
#           authorizer_uri   = aws_lambda_function.authorizer.invoke_arn
#           identity_sources = ["route.request.header.Authorization"]
#         }
#
#         resource "aws_apigatewayv2_route" "connect" {
#           api_id             = aws_apigatewayv2_api.ws.id
#           route_key          = "$connect"
#           target             = "integrations/${aws_apigatewayv2_integration.connect.id}"
#           authorization_type = "CUSTOM" # or "AWS_IAM"
#           authorizer_id      = aws_apigatewayv2_authorizer.connect.id
#         }
package apigw.rules.auth.websocket_connect_authorization

import data.apigw.lib.model
import data.apigw.lib.parent
import data.apigw.lib.result

# METADATA
# description: >-
#   A route with route key $connect whose authorization_type is not AWS_IAM or CUSTOM. Only WebSocket APIs accept
#   that route key, so its API need not be in the input; a route linked to a known HTTP API is left alone.
deny contains result.fail(
	rego.metadata.chain(),
	route,
	_message(route),
	["authorization_type"],
) if {
	some route in input.resources.aws_apigatewayv2_route
	route.values.route_key == "$connect"
	not _authorized(route)
	not _http_api_route(route)
}

# METADATA
# description: A route of a WebSocket API whose route key is unknown before apply (it may be $connect).
deny contains result.fail(
	rego.metadata.chain(),
	route,
	_message(route),
	array.concat(["authorization_type", "route_key"], model.v2_api_protocol_paths(route)),
) if {
	some each in input.resources.aws_apigatewayv2_route
	route := parent.judged(each)
	model.unknown(route, "route_key")
	not _authorized(route)
	model.on_possibly_websocket_api(route)
}

# METADATA
# description: >-
#   A WebSocket API with no $connect route among its routes. A route whose route key is known only after apply,
#   or routes whose API is known only after apply, may be its $connect route: the finding is then unverifiable.
deny contains result.fail(
	rego.metadata.chain(),
	api,
	concat("", [
		"WebSocket API ",
		api.address,
		" has no $connect route: API Gateway accepts every connection without authorization, so anyone can connect and send messages to every route of the API.",
	]),
	array.concat(["protocol_type", "links.routes"], [[route, "route_key"] | some route in model.v2_routes(api); model.unknown(route, "route_key")]),
) if {
	some api in input.resources.aws_apigatewayv2_api
	model.possibly_websocket_api(api)
	not _has_connect_route(api)
}

_has_connect_route(api) if {
	some route in model.v2_routes(api)
	route.values.route_key == "$connect"
}

_message(route) := concat("", [
	"WebSocket $connect route ",
	route.address,
	" has no authorization (authorization_type is NONE or unset): anyone can open a connection and send messages to every route of the API.",
])

_authorized(route) if route.values.authorization_type in {"AWS_IAM", "CUSTOM"}

_http_api_route(route) if model.http_api(model.v2_api(route))
