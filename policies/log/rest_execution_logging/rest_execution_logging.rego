# METADATA
# title: REST stages have execution logging enabled
# description: >-
#   A REST API stage needs an aws_api_gateway_method_settings for the same API and stage with
#   method_path "*/*" and settings.logging_level ERROR or INFO. Without execution logs there is no record
#   of authorizer decisions, integration errors or throttling, so an attack or an outage cannot be traced.
# related_resources:
#   - description: AWS Security Hub APIGateway.1
#     ref: https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-1
#   - description: Checkov CKV2_AWS_4
#     ref: https://docs.prismacloud.io/en/enterprise-edition/policy-reference/aws-policies/aws-logging-policies/ensure-api-gateway-stage-have-logging-level-defined-as-appropiate
#   - description: aws_api_gateway_method_settings (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_method_settings
# custom:
#   id: APIGW-001
#   severity: medium
#   kinds: [REST]
#   subjects: [aws_api_gateway_stage]
#   anchors:
#     security_hub: [APIGateway.1]
#     checkov: [CKV2_AWS_4]
#     kics: [API Gateway Access Logging Disabled]
#     trivy: []
#     other: [Terrascan]
#   remediation: |
#     Add method settings for every method ("*/*") of the stage with logging at ERROR or INFO:
#
#         resource "aws_api_gateway_method_settings" "all" {
#           rest_api_id = aws_api_gateway_rest_api.api.id
#           stage_name  = aws_api_gateway_stage.prod.stage_name
#           method_path = "*/*"
#
#           settings {
#             logging_level   = "ERROR" # or "INFO"
#             metrics_enabled = true
#           }
#         }
#
#     Execution logging also needs the account-level CloudWatch role (`aws_api_gateway_account` with
#     `cloudwatch_role_arn`, see APIGW-008), once per account and region.
package apigw.rules.log.rest_execution_logging

import data.apigw.lib.method_settings
import data.apigw.lib.result

# METADATA
# description: A stage without */* method settings that log at ERROR or INFO.
deny contains result.fail(
	rego.metadata.chain(),
	stage,
	concat("", ["Stage ", stage.address, " has no execution logging: no aws_api_gateway_method_settings with method_path \"*/*\" sets logging_level to ERROR or INFO."]),
	logging.paths,
) if {
	some stage in input.resources.aws_api_gateway_stage
	logging := method_settings.all_methods(stage, ["logging_level"])
	not _logs(logging)
}

_logs(logging) if {
	some settings in logging.values
	settings.logging_level in {"ERROR", "INFO"}
}
