# METADATA
# title: REST stages have X-Ray tracing enabled
# description: >-
#   A REST API stage should set xray_tracing_enabled = true. Active tracing samples requests and follows
#   them through the authorizer, the integration and the backend, so latency, errors and unexpected call
#   paths (for example a request reaching a service it should not) can be traced end to end.
# related_resources:
#   - description: AWS Security Hub APIGateway.3
#     ref: https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-3
#   - description: Checkov CKV_AWS_73
#     ref: https://github.com/bridgecrewio/checkov/blob/main/checkov/terraform/checks/resource/aws/APIGatewayXray.py
#   - description: KICS API Gateway X-Ray Disabled
#     ref: https://docs.kics.io/latest/queries/terraform-queries/aws/5813ef56-fa94-406a-b35d-977d4a56ff2b
#   - description: Trivy AVD-AWS-0003
#     ref: https://avd.aquasec.com/misconfig/aws/apigateway/avd-aws-0003/
#   - description: aws_api_gateway_stage (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_stage
# custom:
#   id: APIGW-007
#   severity: low
#   kinds: [REST]
#   subjects: [aws_api_gateway_stage]
#   anchors:
#     security_hub: [APIGateway.3]
#     checkov: [CKV_AWS_73]
#     kics: [API Gateway X-Ray Disabled]
#     trivy: [AVD-AWS-0003]
#     other: []
#   remediation: |
#     Enable active X-Ray tracing on the stage:
#
#         resource "aws_api_gateway_stage" "prod" {
#           rest_api_id          = aws_api_gateway_rest_api.api.id
#           deployment_id        = aws_api_gateway_deployment.this.id
#           stage_name           = "prod"
#           xray_tracing_enabled = true
#         }
package apigw.rules.log.rest_xray_tracing

import data.apigw.lib.model
import data.apigw.lib.result

# METADATA
# description: A stage whose xray_tracing_enabled is not true (false or unset).
deny contains result.fail(
	rego.metadata.chain(),
	stage,
	concat("", ["Stage ", stage.address, " does not have X-Ray tracing enabled (xray_tracing_enabled is not true), so requests cannot be traced through the authorizer, integration and backend."]),
	["xray_tracing_enabled"],
) if {
	some stage in input.resources.aws_api_gateway_stage
	model.value(stage, "xray_tracing_enabled") != true
}
