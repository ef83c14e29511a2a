# METADATA
# title: HTTP routes specify an authorization type
# description: >-
#   An aws_apigatewayv2_route of an HTTP API needs authorization_type AWS_IAM, CUSTOM (a Lambda authorizer) or JWT.
#   With NONE, or unset (the provider default NONE), anyone who can reach the API endpoint calls the route and its
#   backend without credentials. An API key (api_key_required) is not honoured on HTTP APIs at all.
# related_resources:
#   - description: AWS Security Hub APIGateway.8
#     ref: https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-8
#   - description: Checkov CKV_AWS_309
#     ref: https://github.com/bridgecrewio/checkov/blob/main/checkov/terraform/checks/resource/aws/APIGatewayV2RouteDefinesAuthorizationType.py
#   - description: aws_apigatewayv2_route (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/apigatewayv2_route
# custom:
#   id: APIGW-103
#   severity: high
#   kinds: [HTTP]
#   subjects: [aws_apigatewayv2_route]
#   anchors:
#     security_hub: [APIGateway.8]
#     checkov: [CKV_AWS_309]
#     kics: []
#     trivy: []
#     other: []
#   remediation: |
#     Authorize the route with a JWT authorizer, a Lambda authorizer (CUSTOM) or IAM:
#
#         resource "aws_apigatewayv2_authorizer" "jwt" {
#           api_id           = aws_apigatewayv2_api.http.id
#           name             = "cognito"
#           authorizer_type  = "JWT"
#           identity_sources = ["$request.header.Authorization"]
#
#           jwt_configuration {
#             issuer   = "https://cognito-idp.us-east-1.amazonaws.com/${aws_cognito_user_pool.pool.id}"
#             audience = [aws_cognito_user_pool_client.app.id]
#           }
#         }
#
#         resource "aws_apigatewayv2_route" "get_orders" {
#           api_id             = aws_apigatewayv2_api.http.id
#           route_key          = "GET /orders"
#           target             = "integrations/${aws_apigatewayv2_integration.orders.id}"
#           authorization_type = "JWT" # or "AWS_IAM", or "CUSTOM" with a Lambda authorizer
#           authorizer_id      = aws_apigatewayv2_authorizer.jwt.id
#         }
package apigw.rules.auth.http_route_authorization

import data.apigw.lib.model
import data.apigw.lib.parent
import data.apigw.lib.result

# METADATA
# description: A route of an HTTP API whose authorization_type is not AWS_IAM, CUSTOM or JWT.
deny contains result.fail(
	rego.metadata.chain(),
	route,
	concat("", [
		"Route ",
		route.address,
		" of an HTTP API has no authorization (authorization_type is NONE or unset): anyone who can reach the API can call it without credentials.",
	]),
	array.concat(["authorization_type"], model.v2_api_protocol_paths(route)),
) if {
	some each in input.resources.aws_apigatewayv2_route
	route := parent.judged(each)
	not route.values.authorization_type in {"AWS_IAM", "CUSTOM", "JWT"}
	not route.values.route_key in _websocket_only_route_keys
	model.on_possibly_http_api(route)
}

# Route keys only WebSocket APIs accept: such a route is not on an HTTP API, whatever its api_id names.
_websocket_only_route_keys := {"$connect", "$disconnect"}
