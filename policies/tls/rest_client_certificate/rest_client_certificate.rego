# METADATA
# title: REST stages present a client certificate to backends
# description: >-
#   A REST API stage should set client_certificate_id (usually a reference to an
#   aws_api_gateway_client_certificate). API Gateway then signs its calls to HTTP backends with that
#   certificate, and the backend can reject any request that did not come through the gateway, so its
#   authorizers, WAF and throttling cannot be bypassed by calling the backend directly.
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
import data.apigw.lib.result

# METADATA
# description: A stage without a client certificate for backend authentication.
deny contains result.fail(
	rego.metadata.chain(),
	stage,
	sprintf("Stage %s presents no client certificate to its backends (client_certificate_id is not set), so a backend cannot tell requests relayed by API Gateway from direct calls that bypass it.", [stage.address]),
	["client_certificate_id"],
) if {
	some stage in input.resources.aws_api_gateway_stage
	not model.present(stage, "client_certificate_id")
}
