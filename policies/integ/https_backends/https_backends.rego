# METADATA
# title: HTTP integrations call HTTPS endpoints
# description: >-
#   An HTTP integration (aws_api_gateway_integration of type HTTP or HTTP_PROXY, aws_apigatewayv2_integration of
#   type HTTP_PROXY) whose endpoint URI starts with http:// sends every request API Gateway forwards, with its
#   headers, authorization tokens, stage-variable values and body, across the network in clear text, where
#   anyone on the path can read or alter it. The URI must use https://. A URI known only after apply is
#   reported as unverifiable.
# related_resources:
#   - description: Set up HTTP integrations in API Gateway (API Gateway developer guide)
#     ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/setup-http-integrations.html
#   - description: aws_api_gateway_integration (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_integration
#   - description: aws_apigatewayv2_integration (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/apigatewayv2_integration
# custom:
#   id: APIGW-802
#   severity: high
#   kinds: [REST, HTTP]
#   subjects: [aws_api_gateway_integration, aws_apigatewayv2_integration]
#   anchors:
#     security_hub: []
#     checkov: []
#     kics: []
#     trivy: []
#     other: []
#   remediation: |
#     Point the integration at the backend's HTTPS endpoint:
#
#         resource "aws_api_gateway_integration" "orders" {
#           rest_api_id             = aws_api_gateway_rest_api.api.id
#           resource_id             = aws_api_gateway_resource.orders.id
#           http_method             = aws_api_gateway_method.orders.http_method
#           type                    = "HTTP_PROXY"
#           integration_http_method = "ANY"
#           uri                     = "https://backend.example.com/orders"
#         }
#
#         resource "aws_apigatewayv2_integration" "orders" {
#           api_id             = aws_apigatewayv2_api.http.id
#           integration_type   = "HTTP_PROXY"
#           integration_method = "ANY"
#           integration_uri    = "https://backend.example.com/orders"
#         }
package apigw.rules.integ.https_backends

import data.apigw.lib.model
import data.apigw.lib.result

# METADATA
# description: A REST HTTP or HTTP_PROXY integration whose uri uses plain http.
deny contains result.fail(
	rego.metadata.chain(),
	integration,
	_message(integration, "uri"),
	_paths(integration, "type", "uri"),
) if {
	some integration in input.resources.aws_api_gateway_integration
	_candidate(integration, "type", {"HTTP", "HTTP_PROXY"})
	_plain_http(integration, "uri")
}

# METADATA
# description: An HTTP_PROXY integration of an HTTP API whose integration_uri uses plain http.
deny contains result.fail(
	rego.metadata.chain(),
	integration,
	_message(integration, "integration_uri"),
	_paths(integration, "integration_type", "integration_uri"),
) if {
	some integration in input.resources.aws_apigatewayv2_integration
	_candidate(integration, "integration_type", {"HTTP_PROXY"})
	_plain_http(integration, "integration_uri")
}

# The integration type is one judged here, or known only after apply.
_candidate(integration, attribute, types) if integration.values[attribute] in types

_candidate(integration, attribute, _) if model.unknown(integration, attribute)

# The URI uses the http scheme (schemes are case-insensitive), or is known only after apply.
# Known to start with http://, or may: unknown with no known prefix that rules it out (an https:// template, an ARN).
_plain_http(integration, attribute) if model.may_start_with(integration, attribute, "http://")

# A uri whose literal start is http:// fails whatever the rest turns out to be: only the type may be unknown.
_paths(integration, type_attribute, attribute) := [type_attribute] if {
	model.starts_with(integration, attribute, "http://")
} else := [type_attribute, attribute]

_message(integration, attribute) := concat("", [
	"Integration ",
	integration.address,
	" calls its backend over plain HTTP (",
	attribute,
	" starts with http://): requests, credentials and responses cross the network unencrypted and can be read or altered in transit.",
])
