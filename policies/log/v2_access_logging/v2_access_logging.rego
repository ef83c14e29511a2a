# METADATA
# title: HTTP and WebSocket stages have access logging configured
# description: >-
#   A stage of an HTTP or WebSocket API (aws_apigatewayv2_stage) needs access_log_settings with a non-empty
#   destination_arn (a CloudWatch Logs log group or a Kinesis Data Firehose stream). Access logs are the only
#   per-request (per-message) record of who called which route from where and with what result; without them
#   abuse of the API leaves no trail to investigate.
# related_resources:
#   - description: AWS Security Hub APIGateway.9
#     ref: https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-9
#   - description: Checkov CKV_AWS_76
#     ref: https://github.com/bridgecrewio/checkov/blob/main/checkov/terraform/checks/resource/aws/APIGatewayAccessLogging.py
#   - description: KICS API Gateway V2 Stage Access Logging Settings Not Defined
#     ref: https://docs.kics.io/latest/queries/terraform-queries/aws/9111f9a5-6b80-40f9-bc82-c05f970779c3/
#   - description: KICS API Gateway Access Logging Disabled
#     ref: https://docs.kics.io/latest/queries/terraform-queries/aws/1b6799eb-4a7a-4b04-9001-8cceb9999326
#   - description: Trivy AVD-AWS-0001
#     ref: https://avd.aquasec.com/misconfig/aws/apigateway/avd-aws-0001/
#   - description: aws_apigatewayv2_stage (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/apigatewayv2_stage
# custom:
#   id: APIGW-004
#   severity: medium
#   kinds: [HTTP, WS]
#   subjects: [aws_apigatewayv2_stage]
#   anchors:
#     security_hub: [APIGateway.9]
#     checkov: [CKV_AWS_76]
#     kics: [API Gateway V2 Stage Access Logging Settings Not Defined, API Gateway Access Logging Disabled]
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
#         resource "aws_apigatewayv2_stage" "prod" {
#           api_id      = aws_apigatewayv2_api.http.id
#           name        = "$default"
#           auto_deploy = true
#
#           access_log_settings {
#             destination_arn = aws_cloudwatch_log_group.access.arn
#             format = jsonencode({
#               requestId = "$context.requestId"
#               sourceIp  = "$context.identity.sourceIp"
#               routeKey  = "$context.routeKey"
#               status    = "$context.status"
#             })
#           }
#         }
package apigw.rules.log.v2_access_logging

import data.apigw.lib.model
import data.apigw.lib.result

# METADATA
# description: An HTTP or WebSocket stage without an access log destination.
deny contains result.fail(
	rego.metadata.chain(),
	stage,
	concat("", ["Stage ", stage.address, " has no access logging (no access_log_settings block with a non-empty destination_arn), so nothing records who called which route and with what result."]),
	["access_log_settings", "access_log_settings.destination_arn"],
) if {
	some stage in input.resources.aws_apigatewayv2_stage
	not model.present(stage, "access_log_settings.destination_arn")
}
