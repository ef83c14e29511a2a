# METADATA
# title: Lambda authorizers use the REQUEST type
# description: >-
#   An aws_api_gateway_authorizer of type TOKEN (also the provider default when type is unset) hands the Lambda
#   function only the one identity header. A REQUEST authorizer sees headers, query string, path and stage
#   variables and the request context (source IP, method, resource path), so its decision can depend on what is
#   called and from where, and its cache key can include more than the token. COGNITO_USER_POOLS authorizers are
#   not Lambda authorizers and pass.
# related_resources:
#   - description: Use API Gateway Lambda authorizers (API Gateway developer guide)
#     ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html
#   - description: aws_api_gateway_authorizer (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_authorizer
# custom:
#   id: APIGW-105
#   severity: low
#   kinds: [REST]
#   subjects: [aws_api_gateway_authorizer]
#   anchors:
#     security_hub: []
#     checkov: []
#     kics: []
#     trivy: []
#     other: []
#   remediation: |
#     Use a REQUEST authorizer and name every identity source its decision depends on:
#
#         resource "aws_api_gateway_authorizer" "lambda" {
#           name                             = "lambda"
#           rest_api_id                      = aws_api_gateway_rest_api.api.id
#           authorizer_uri                   = aws_lambda_function.authorizer.invoke_arn
#           authorizer_credentials           = aws_iam_role.invoke_authorizer.arn
#           type                             = "REQUEST"
#           identity_source                  = "method.request.header.Authorization,context.httpMethod,context.resourcePath"
#           authorizer_result_ttl_in_seconds = 300
#         }
#
#     The Lambda function reads the token from `event.headers` instead of `event.authorizationToken`.
package apigw.rules.auth.request_authorizer

import data.apigw.lib.result

# METADATA
# description: An authorizer whose type is TOKEN, or unset (the provider default TOKEN).
deny contains result.fail(
	rego.metadata.chain(),
	authorizer,
	concat("", [
		"Authorizer ",
		authorizer.address,
		" is a TOKEN Lambda authorizer: it sees only one identity header, not the method, path, query, source IP or stage of the request it authorizes; use type REQUEST.",
	]),
	["type"],
) if {
	some authorizer in input.resources.aws_api_gateway_authorizer
	authorizer.values.type in {"TOKEN", null}
}
