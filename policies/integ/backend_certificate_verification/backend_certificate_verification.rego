# METADATA
# title: Integrations verify backend certificates
# description: >-
#   An aws_api_gateway_integration with tls_config.insecure_skip_verification = true accepts any certificate
#   from its HTTPS backend: self-signed, expired, or issued for another host. The connection is encrypted but
#   unauthenticated, so anyone who can redirect or intercept the traffic (DNS spoofing, a compromised network
#   path) can impersonate the backend, read every request and forge every response.
# related_resources:
#   - description: Set up HTTP integrations in API Gateway (API Gateway developer guide)
#     ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/setup-http-integrations.html
#   - description: aws_api_gateway_integration (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_integration
# custom:
#   id: APIGW-803
#   severity: high
#   kinds: [REST]
#   subjects: [aws_api_gateway_integration]
#   anchors:
#     security_hub: []
#     checkov: []
#     kics: []
#     trivy: []
#     other: []
#   remediation: |
#     Give the backend a certificate from a trusted CA for its host name and remove the override (or set it to false):
#
#         resource "aws_api_gateway_integration" "orders" {
#           rest_api_id             = aws_api_gateway_rest_api.api.id
#           resource_id             = aws_api_gateway_resource.orders.id
#           http_method             = aws_api_gateway_method.orders.http_method
#           type                    = "HTTP_PROXY"
#           integration_http_method = "ANY"
#           uri                     = "https://backend.example.com/orders"
#
#           # Give the backend a certificate from a publicly trusted CA for its host name, then:
#           tls_config {
#             insecure_skip_verification = false
#           }
#         }
package apigw.rules.integ.backend_certificate_verification

import data.apigw.lib.model
import data.apigw.lib.result

# METADATA
# description: A REST integration that skips verification of the backend certificate.
deny contains result.fail(
	rego.metadata.chain(),
	integration,
	concat("", [
		"Integration ",
		integration.address,
		" sets tls_config.insecure_skip_verification = true: API Gateway accepts any backend certificate, so whoever can intercept or redirect the traffic can impersonate the backend.",
	]),
	["tls_config", "tls_config.insecure_skip_verification"],
) if {
	some integration in input.resources.aws_api_gateway_integration
	_skips_verification(integration)
}

_skips_verification(integration) if integration.values.tls_config.insecure_skip_verification == true

_skips_verification(integration) if model.unknown(integration, "tls_config.insecure_skip_verification")
