# METADATA
# title: REST methods require authorization
# description: >-
#   An aws_api_gateway_method with authorization "NONE" lets anyone who can reach the API call the method
#   without credentials. Exempt are CORS preflight (http_method "OPTIONS") and methods of a PRIVATE API whose
#   resource policy limits callers to VPCs or VPC endpoints. api_key_required does not count: API keys are
#   identifiers for usage plans, not authentication, and leak with every client.
# related_resources:
#   - description: AWS Security Hub APIGateway.8 (the HTTP API route analogue)
#     ref: https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-8
#   - description: Checkov CKV_AWS_59
#     ref: https://github.com/bridgecrewio/checkov/blob/main/checkov/terraform/checks/resource/aws/APIGatewayAuthorization.py
#   - description: Checkov CKV2_AWS_70
#     ref: https://github.com/bridgecrewio/checkov/blob/main/checkov/terraform/checks/resource/aws/APIGatewayMethodWOAuth.py
#   - description: KICS API Gateway With Open Access
#     ref: https://docs.kics.io/latest/queries/terraform-queries/aws/15ccec05-5476-4890-ad19-53991eba1db8/
#   - description: Trivy AVD-AWS-0004
#     ref: https://avd.aquasec.com/misconfig/aws/apigateway/avd-aws-0004/
#   - description: aws_api_gateway_method (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_method
# custom:
#   id: APIGW-101
#   severity: high
#   kinds: [REST]
#   subjects: [aws_api_gateway_method]
#   anchors:
#     security_hub: [APIGateway.8]
#     checkov: [CKV_AWS_59, CKV2_AWS_70]
#     kics: [API Gateway With Open Access]
#     trivy: [AVD-AWS-0004]
#     other: []
#   remediation: |
#     Require IAM, a Lambda authorizer or a Cognito user pool authorizer on the method:
#
#         resource "aws_api_gateway_authorizer" "lambda" {
#           name            = "request-authorizer"
#           rest_api_id     = aws_api_gateway_rest_api.api.id
#           type            = "REQUEST"
#           authorizer_uri  = aws_lambda_function.authorizer.invoke_arn
#           identity_source = "method.request.header.Authorization"
#         }
#
#         resource "aws_api_gateway_method" "get_orders" {
#           rest_api_id   = aws_api_gateway_rest_api.api.id
#           resource_id   = aws_api_gateway_resource.orders.id
#           http_method   = "GET"
#           authorization = "CUSTOM" # or "AWS_IAM", or "COGNITO_USER_POOLS" with a Cognito authorizer
#           authorizer_id = aws_api_gateway_authorizer.lambda.id
#         }
#
#     For an API that only services inside your network call, make it `PRIVATE` and restrict its resource
#     policy to your VPC endpoint (`Deny` with `StringNotEquals` on `aws:SourceVpce`, then `Allow`).
package apigw.rules.auth.rest_method_authorization

import data.apigw.lib.model
import data.apigw.lib.parent
import data.apigw.lib.result

# METADATA
# description: A method other than OPTIONS without authorization that no private, VPC-only API exempts.
deny contains result.fail(
	rego.metadata.chain(),
	method,
	concat("", [
		"Method ",
		method.address,
		" has authorization \"NONE\": anyone who can reach the API can call it without credentials (an API key is not authentication).",
	]),
	array.concat(["authorization", "http_method", "links.rest_api"], _exemption_paths(method)),
) if {
	some each in input.resources.aws_api_gateway_method
	method := parent.judged(each)
	_no_authorization(method)
	method.values.http_method != "OPTIONS"
	not _private_vpc_only(method)
}

_no_authorization(method) if method.values.authorization == "NONE"

_no_authorization(method) if model.unknown(method, "authorization")

_private_vpc_only(method) if {
	api := model.rest_api(method)
	model.private_api(api)
	model.api_restricted_to_vpc(api)
}

# What the exemption would depend on: whether the API is PRIVATE (only when its policies might restrict
# callers to VPCs) and its policies (only when it might be PRIVATE).
_exemption_paths(method) := array.concat(
	[pair | model.possibly_api_restricted_to_vpc(api); some pair in model.private_api_paths(api)],
	[pair | model.possibly_private_api(api); some pair in model.policy_document_paths(api)],
) if {
	api := model.rest_api(method)
}

_exemption_paths(method) := [] if not model.rest_api(method)
