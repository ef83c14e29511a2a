# METADATA
# title: Custom domains authenticate clients with mutual TLS
# description: >-
#   An API Gateway custom domain (aws_api_gateway_domain_name, aws_apigatewayv2_domain_name) should require
#   mutual TLS: mutual_tls_authentication.truststore_uri names the S3 truststore of the CAs whose client
#   certificates may connect. Without it any client that can reach the domain completes the TLS handshake,
#   and the API's own authorization is the only barrier. Low by default (mTLS suits machine-to-machine APIs);
#   the parameter severity raises it (e.g. to high) for teams whose domains must be mTLS. Domains mapped only
#   to WebSocket APIs are not judged: API Gateway offers no mTLS for WebSocket APIs.
# related_resources:
#   - description: Configuring mutual TLS authentication for a REST API (API Gateway developer guide)
#     ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mutual-tls.html
#   - description: Configuring mutual TLS authentication for an HTTP API (API Gateway developer guide)
#     ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-mutual-tls.html
#   - description: aws_api_gateway_domain_name (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_domain_name
#   - description: aws_apigatewayv2_domain_name (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/apigatewayv2_domain_name
# custom:
#   id: APIGW-402
#   severity: low
#   kinds: [REST, HTTP]
#   subjects: [aws_api_gateway_domain_name, aws_apigatewayv2_domain_name]
#   parameters:
#     severity:
#       type: string
#       enum: [critical, high, medium, low, info]
#       default: low
#       description: Severity of a custom domain without mutual TLS.
#   anchors:
#     security_hub: []
#     checkov: []
#     kics: []
#     trivy: []
#     other: [seed]
#   remediation: |
#     Require client certificates on the domain with a truststore in S3 (mTLS needs a REGIONAL domain and a
#     TLS 1.2 security policy):
#
#         resource "aws_s3_object" "truststore" {
#           bucket = aws_s3_bucket.truststore.id
#           key    = "truststore.pem"
#           source = "truststore.pem"
#         }
#
#         resource "aws_api_gateway_domain_name" "api" {
#           domain_name              = "api.example.com"
#           regional_certificate_arn = aws_acm_certificate.api.arn
#           security_policy          = "TLS_1_2"
#           endpoint_configuration {
#             types = ["REGIONAL"] # mTLS needs a regional domain
#           }
#           mutual_tls_authentication {
#             truststore_uri     = "s3://${aws_s3_object.truststore.bucket}/${aws_s3_object.truststore.key}"
#             truststore_version = aws_s3_object.truststore.version_id
#           }
#         }
#
#         resource "aws_apigatewayv2_domain_name" "http" {
#           domain_name = "http.example.com"
#           domain_name_configuration {
#             certificate_arn = aws_acm_certificate.http.arn
#             endpoint_type   = "REGIONAL"
#             security_policy = "TLS_1_2"
#           }
#           mutual_tls_authentication {
#             truststore_uri = "s3://${aws_s3_object.truststore.bucket}/${aws_s3_object.truststore.key}"
#           }
#         }
package apigw.rules.tls.custom_domain_mtls

import data.apigw.lib.model
import data.apigw.lib.result

# METADATA
# description: A REST custom domain without a mutual TLS truststore.
deny contains result.fail_with_severity(
	rego.metadata.chain(),
	domain,
	_severity,
	_message(domain),
	_paths,
) if {
	some domain in input.resources.aws_api_gateway_domain_name
	not model.present(domain, "mutual_tls_authentication.truststore_uri")
}

# METADATA
# description: >-
#   An HTTP API custom domain without a mutual TLS truststore (domains whose every API mapping resolves to a
#   WebSocket API are skipped: mTLS is not available there).
deny contains result.fail_with_severity(
	rego.metadata.chain(),
	domain,
	_severity,
	_message(domain),
	_paths,
) if {
	some domain in input.resources.aws_apigatewayv2_domain_name
	not model.present(domain, "mutual_tls_authentication.truststore_uri")
	not _websocket_only(domain)
}

_paths := ["mutual_tls_authentication", "mutual_tls_authentication.truststore_uri"]

_message(domain) := concat("", [
	"Custom domain ",
	domain.address,
	" does not require mutual TLS: mutual_tls_authentication.truststore_uri is not set, so any client that reaches the domain can connect without a trusted client certificate.",
])

# Parameter severity; an unknown severity name keeps the default.
_configured_severity := model.parameter(rego.metadata.chain(), "severity")

_severities := {"critical", "high", "medium", "low", "info"}

_severity := _configured_severity if _configured_severity in _severities

_severity := model.parameter_default(rego.metadata.chain(), "severity") if not _configured_severity in _severities

# Every API mapping of the domain resolves to a WebSocket API (and there is at least one).
_websocket_only(domain) if {
	mappings := model.api_mappings(domain)
	count(mappings) > 0
	every mapping in mappings {
		mapping.links.api.state == "resolved"
		model.websocket_api(model.v2_api(mapping))
	}
}
