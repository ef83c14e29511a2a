# METADATA
# title: The account lets API Gateway write CloudWatch logs
# description: >-
#   When the input manages the regional API Gateway account settings (aws_api_gateway_account), its
#   cloudwatch_role_arn must be set. REST and WebSocket execution logging writes through this IAM role:
#   without it, stages configured to log write nothing (or fail to deploy), so the logging every other rule
#   asks for silently does not happen.
# related_resources:
#   - description: Set up CloudWatch logging for REST APIs in API Gateway (the account-level role)
#     ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
#   - description: aws_api_gateway_account (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_account
# custom:
#   id: APIGW-008
#   severity: medium
#   kinds: [REST, WS]
#   subjects: [aws_api_gateway_account]
#   anchors:
#     security_hub: []
#     checkov: []
#     kics: []
#     trivy: []
#     other: []
#   remediation: |
#     Give API Gateway a role that may write to CloudWatch Logs:
#
#         resource "aws_iam_role" "apigw_cloudwatch" {
#           name = "api-gateway-cloudwatch"
#           assume_role_policy = jsonencode({
#             Version = "2012-10-17"
#             Statement = [{
#               Effect    = "Allow"
#               Principal = { Service = "apigateway.amazonaws.com" }
#               Action    = "sts:AssumeRole"
#             }]
#           })
#         }
#
#         resource "aws_iam_role_policy_attachment" "apigw_cloudwatch" {
#           role       = aws_iam_role.apigw_cloudwatch.name
#           policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"
#         }
#
#         resource "aws_api_gateway_account" "this" {
#           cloudwatch_role_arn = aws_iam_role.apigw_cloudwatch.arn
#         }
package apigw.rules.log.account_cloudwatch_role

import data.apigw.lib.model
import data.apigw.lib.result

# METADATA
# description: Account settings without a CloudWatch Logs role.
deny contains result.fail(
	rego.metadata.chain(),
	account,
	concat("", ["API Gateway account settings ", account.address, " have no cloudwatch_role_arn, so REST and WebSocket execution logging in this account and region silently writes nothing."]),
	["cloudwatch_role_arn"],
) if {
	some account in input.resources.aws_api_gateway_account
	not model.present(account, "cloudwatch_role_arn")
}
