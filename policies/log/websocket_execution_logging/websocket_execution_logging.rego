# METADATA
# title: WebSocket stages have execution logging enabled
# description: >-
#   A stage of a WebSocket API (aws_apigatewayv2_api with protocol_type WEBSOCKET) needs
#   default_route_settings.logging_level ERROR or INFO. Without execution logs there is no record of
#   $connect authorizer decisions, integration errors or throttled messages, so an attack on the socket
#   endpoint or an outage cannot be traced.
# related_resources:
#   - description: AWS Security Hub APIGateway.1
#     ref: https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-1
#   - description: KICS API Gateway Access Logging Disabled
#     ref: https://docs.kics.io/latest/queries/terraform-queries/aws/1b6799eb-4a7a-4b04-9001-8cceb9999326
#   - description: aws_apigatewayv2_stage (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/apigatewayv2_stage
# custom:
#   id: APIGW-002
#   severity: medium
#   kinds: [WS]
#   subjects: [aws_apigatewayv2_stage]
#   anchors:
#     security_hub: [APIGateway.1]
#     checkov: []
#     kics: [API Gateway Access Logging Disabled]
#     trivy: []
#     other: []
#   remediation: |
#     Log every route of the WebSocket stage at ERROR or INFO through its default route settings:
#
#         resource "aws_apigatewayv2_stage" "prod" {
#           api_id = aws_apigatewayv2_api.ws.id
#           name   = "prod"
#
#           default_route_settings {
#             logging_level          = "ERROR" # or "INFO"
#             throttling_rate_limit  = 100
#             throttling_burst_limit = 50
#           }
#         }
#
#     Execution logging also needs the account-level CloudWatch role (`aws_api_gateway_account` with
#     `cloudwatch_role_arn`, see APIGW-008), once per account and region.
package apigw.rules.log.websocket_execution_logging

import data.apigw.lib.model
import data.apigw.lib.parent
import data.apigw.lib.result

# METADATA
# description: A stage of a WebSocket API (or of an API that may be one) whose default route settings do not log.
deny contains result.fail(
	rego.metadata.chain(),
	stage,
	concat("", ["WebSocket stage ", stage.address, " has no execution logging: default_route_settings.logging_level is not ERROR or INFO, so connections, authorizer decisions and integration errors leave no trace."]),
	array.concat(["default_route_settings", "default_route_settings.logging_level"], model.v2_api_protocol_paths(stage)),
) if {
	some each in input.resources.aws_apigatewayv2_stage
	stage := parent.judged(each)
	model.on_possibly_websocket_api(stage)
	not model.value(stage, "default_route_settings.logging_level") in {"ERROR", "INFO"}
}
