# METADATA
# title: REST stages present a client certificate to backends
# description: >-
#   A REST API stage whose API has an HTTP or HTTP_PROXY integration should set client_certificate_id (usually a
#   reference to an aws_api_gateway_client_certificate). API Gateway then signs its calls to HTTP backends with
#   that certificate, and the backend can reject any request that did not come through the gateway, so its
#   authorizers, WAF and throttling cannot be bypassed by calling the backend directly. Lambda, AWS service and
#   MOCK integrations never see the certificate, so stages of APIs that have only those pass; parameter
#   all_stages restores Security Hub's reading (every stage).
# related_resources:
#   - description: AWS Security Hub APIGateway.2
#     ref: https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-2
#   - description: Checkov CKV2_AWS_51
#     ref: https://www.checkov.io/5.Policy%20Index/terraform.html
#   - description: KICS API Gateway Without SSL Certificate
#     ref: https://docs.kics.io/latest/queries/terraform-queries/aws/0b4869fc-a842-4597-aa00-1294df425440
#   - description: Generate and configure an SSL certificate for backend authentication in API Gateway
#     ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/getting-started-client-side-ssl-authentication.html
#   - description: aws_api_gateway_stage (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_stage
# custom:
#   id: APIGW-403
#   severity: medium
#   kinds: [REST]
#   subjects: [aws_api_gateway_stage]
#   parameters:
#     all_stages:
#       type: boolean
#       default: false
#       description: >-
#         Judge every stage, as Security Hub APIGateway.2 does, not only stages whose API has (or may have) an
#         HTTP or HTTP_PROXY integration.
#   anchors:
#     security_hub: [APIGateway.2]
#     checkov: [CKV2_AWS_51]
#     kics: [API Gateway Without SSL Certificate]
#     trivy: []
#     other: []
#   remediation: |
#     Create a client certificate, attach it to the stage, and have the backend verify it:
#
#         resource "aws_api_gateway_client_certificate" "backend" {
#           description = "Presented by API Gateway to the backend"
#         }
#
#         resource "aws_api_gateway_stage" "prod" {
#           rest_api_id           = aws_api_gateway_rest_api.api.id
#           deployment_id         = aws_api_gateway_deployment.this.id
#           stage_name            = "prod"
#           client_certificate_id = aws_api_gateway_client_certificate.backend.id
#         }
#
#     Configure the backend to require and verify the certificate (its PEM is
#     `aws_api_gateway_client_certificate.backend.pem_encoded_certificate`), and rotate it before it expires
#     (one year).
package apigw.rules.tls.rest_client_certificate

import data.apigw.lib.model
import data.apigw.lib.parent
import data.apigw.lib.result

# METADATA
# description: >-
#   A stage without a client certificate whose API has, or may have, an HTTP or HTTP_PROXY integration (every
#   stage with all_stages).
deny contains result.fail(
	rego.metadata.chain(),
	stage,
	concat("", ["Stage ", stage.address, " presents no client certificate to its backends (client_certificate_id is not set), so a backend cannot tell requests relayed by API Gateway from direct calls that bypass it."]),
	array.concat(["client_certificate_id"], _backend_paths(stage)),
) if {
	some each in input.resources.aws_api_gateway_stage
	stage := parent.judged(each)
	not model.present(stage, "client_certificate_id")
	_may_reach_http_backend(stage)
}

# Whether every stage is judged (parameter all_stages).
_all_stages := model.parameter(rego.metadata.chain(), "all_stages")

_may_reach_http_backend(_) if _all_stages

_may_reach_http_backend(stage) if {
	not _all_stages
	_possibly_http_backends(stage)
}

# The stage's API has an HTTP or HTTP_PROXY integration, or may have (the model's has_http_integration), or
# which API the stage belongs to is not known (an uncertain link, or an API outside the input).
_possibly_http_backends(stage) if model.rest_api(stage).values.has_http_integration == true

_possibly_http_backends(stage) if model.unknown(model.rest_api(stage), "has_http_integration")

_possibly_http_backends(stage) if model.unknown(stage, "links.rest_api")

# What the verdict depends on besides the certificate: which API the stage belongs to and its integrations.
_backend_paths(stage) := array.concat(["links.rest_api"], [[api, "has_http_integration"] | api := model.rest_api(stage)]) if {
	not _all_stages
}

_backend_paths(_) := [] if _all_stages
