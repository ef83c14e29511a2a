# METADATA
# title: Private APIs restrict callers to VPC endpoints
# description: >-
#   A PRIVATE REST API needs a resource policy (its own policy attribute or an aws_api_gateway_rest_api_policy)
#   that limits invocation with aws:SourceVpce or aws:SourceVpc: an Allow with such a condition, or a Deny
#   with StringNotEquals on it. Without one, AWS refuses to deploy the API, or any interface VPC endpoint for
#   execute-api, in any account, can reach it: "private" then only means "not on the public DNS name".
# related_resources:
#   - description: Private REST APIs in API Gateway (API Gateway developer guide)
#     ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-apis.html
#   - description: Resource policy examples, allow private API traffic from a VPC endpoint
#     ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-examples.html
#   - description: aws_api_gateway_rest_api_policy (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_rest_api_policy
# custom:
#   id: APIGW-305
#   severity: high
#   kinds: [REST]
#   subjects: [aws_api_gateway_rest_api]
#   anchors:
#     security_hub: []
#     checkov: []
#     kics: []
#     trivy: []
#     other: []
#   remediation: |
#     Attach a resource policy that denies calls from anywhere but your VPC endpoint, then allows invocation:
#
#         resource "aws_api_gateway_rest_api_policy" "private" {
#           rest_api_id = aws_api_gateway_rest_api.private.id
#           policy = jsonencode({
#             Version = "2012-10-17"
#             Statement = [
#               {
#                 Effect    = "Deny"
#                 Principal = "*"
#                 Action    = "execute-api:Invoke"
#                 Resource  = "execute-api:/*"
#                 Condition = { StringNotEquals = { "aws:SourceVpce" = aws_vpc_endpoint.execute_api.id } }
#               },
#               {
#                 Effect    = "Allow"
#                 Principal = "*"
#                 Action    = "execute-api:Invoke"
#                 Resource  = "execute-api:/*"
#               },
#             ]
#           })
#         }
package apigw.rules.policy.private_api_vpc_restriction

import data.apigw.lib.model
import data.apigw.lib.result

# METADATA
# description: A PRIVATE REST API (or one whose endpoint type is known only after apply) with no policy limiting callers to VPCs.
deny contains result.fail(
	rego.metadata.chain(),
	api,
	_message(api),
	array.concat(model.private_api_paths(api), model.policy_document_paths(api)),
) if {
	some api in input.resources.aws_api_gateway_rest_api
	model.possibly_private_api(api)
	not model.api_restricted_to_vpc(api)
}

_message(api) := concat("", [
	"Private API ",
	api.address,
	" has no resource policy: AWS refuses to deploy it, and nothing limits invocation to your VPC endpoints (aws:SourceVpce or aws:SourceVpc).",
]) if {
	count(model.policy_documents(api)) == 0
}

_message(api) := concat("", [
	"Resource policy of private API ",
	api.address,
	" does not limit invocation with aws:SourceVpce or aws:SourceVpc, so any VPC endpoint in any account may reach it.",
]) if {
	count(model.policy_documents(api)) > 0
}
