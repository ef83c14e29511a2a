# METADATA
# title: Private integrations use TLS
# description: >-
#   An HTTP API integration through a VPC link (aws_apigatewayv2_integration with connection_type "VPC_LINK")
#   must set tls_config.server_name_to_verify. Without tls_config API Gateway sends the request, with its
#   headers, tokens and body, to the private load balancer or Cloud Map service unencrypted, readable by anything
#   that can observe traffic inside the VPC; with it API Gateway uses TLS and verifies the backend certificate
#   against that name. Integrations of WebSocket APIs are not judged (tls_config is an HTTP API feature).
# related_resources:
#   - description: AWS Security Hub APIGateway.10
#     ref: https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-10
#   - description: Working with private integrations for HTTP APIs (API Gateway developer guide)
#     ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-private.html
#   - description: aws_apigatewayv2_integration (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/apigatewayv2_integration
# custom:
#   id: APIGW-801
#   severity: medium
#   kinds: [HTTP]
#   subjects: [aws_apigatewayv2_integration]
#   anchors:
#     security_hub: [APIGateway.10]
#     checkov: []
#     kics: []
#     trivy: []
#     other: []
#   remediation: |
#     Serve HTTPS on the private listener and name the host its certificate is issued for:
#
#         resource "aws_apigatewayv2_integration" "private" {
#           api_id             = aws_apigatewayv2_api.http.id
#           integration_type   = "HTTP_PROXY"
#           integration_method = "ANY"
#           integration_uri    = aws_lb_listener.https.arn # an HTTPS listener
#           connection_type    = "VPC_LINK"
#           connection_id      = aws_apigatewayv2_vpc_link.private.id
#
#           tls_config {
#             server_name_to_verify = "backend.internal.example.com"
#           }
#         }
package apigw.rules.integ.vpc_link_tls

import data.apigw.lib.model
import data.apigw.lib.parent
import data.apigw.lib.result

# METADATA
# description: A VPC link integration of an HTTP API (or of an API the model cannot place) without TLS.
deny contains result.fail(
	rego.metadata.chain(),
	integration,
	concat("", [
		"Integration ",
		integration.address,
		" reaches its private backend through a VPC link without TLS: tls_config.server_name_to_verify is not set, so requests and their credentials cross the VPC unencrypted.",
	]),
	["connection_type", "tls_config", "tls_config.server_name_to_verify", "links.api"],
) if {
	some each in input.resources.aws_apigatewayv2_integration
	integration := parent.judged(each)
	_vpc_link(integration)
	not model.present(integration, "tls_config.server_name_to_verify")
	not _websocket(integration)
}

_vpc_link(integration) if integration.values.connection_type == "VPC_LINK"

_vpc_link(integration) if model.unknown(integration, "connection_type")

_websocket(integration) if model.websocket_api(model.v2_api(integration))
