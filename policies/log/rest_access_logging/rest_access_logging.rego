# METADATA
# title: REST stages have access logging configured
# description: >-
#   A REST API stage needs an access_log_settings block with a non-empty destination_arn (a CloudWatch Logs
#   log group or a Kinesis Data Firehose stream). Access logs are the only per-request record of who called
#   which method from where and with what result; without them abuse, credential stuffing or data
#   exfiltration through the API leaves no trail to investigate.
# related_resources:
#   - description: Checkov CKV_AWS_76
#     ref: https://github.com/bridgecrewio/checkov/blob/main/checkov/terraform/checks/resource/aws/APIGatewayAccessLogging.py
#   - description: KICS API Gateway Access Logging Disabled
#     ref: https://docs.kics.io/latest/queries/terraform-queries/aws/1b6799eb-4a7a-4b04-9001-8cceb9999326
#   - description: Trivy AVD-AWS-0001
#     ref: https://avd.aquasec.com/misconfig/aws/apigateway/avd-aws-0001/
#   - description: aws_api_gateway_stage (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_stage
# custom:
#   id: APIGW-003
#   severity: medium
#   kinds: [REST]
#   subjects: [aws_api_gateway_stage]
#   anchors:
#     security_hub: []
#     checkov: [CKV_AWS_76]
#     kics: [API Gateway Access Logging Disabled]
#     trivy: [AVD-AWS-0001]
#     other: []
#   remediation: |
#     Send the stage's access logs to a log group (or Firehose stream) with a structured format:
#
#         resource "aws_cloudwatch_log_group" "access" {
#           name              = "/aws/apigateway/my-api/prod/access"
#           retention_in_days = 365
#         }
#
#         resource "aws_api_gateway_stage" "prod" {
#           rest_api_id   = aws_api_gateway_rest_api.api.id
#           deployment_id = aws_api_gateway_deployment.this.id
#           stage_name    = "prod"
#
#           access_log_settings {
#             destination_arn = aws_cloudwatch_log_group.access.arn
#             format = jsonencode({
#               requestId = "$context.requestId"
#               sourceIp  = "$context.identity.sourceIp"
#               caller    = "$context.identity.caller"
#               method    = "$context.httpMethod"
#               path      = "$context.resourcePath"
#               status    = "$context.status"
#             })
#           }
#         }
package apigw.rules.log.rest_access_logging

import data.apigw.lib.model
import data.apigw.lib.result

# METADATA
# description: A stage without an access log destination.
deny contains result.fail(
	rego.metadata.chain(),
	stage,
	concat("", ["Stage ", stage.address, " has no access logging (no access_log_settings block with a non-empty destination_arn), so no request leaves a record of who called which method and with what result."]),
	["access_log_settings", "access_log_settings.destination_arn"],
) if {
	some stage in input.resources.aws_api_gateway_stage
	not model.present(stage, "access_log_settings.destination_arn")
}
