# METADATA
# title: Resource policies are valid JSON policy documents
# description: >-
#   A REST API resource policy (aws_api_gateway_rest_api.policy or aws_api_gateway_rest_api_policy.policy) whose
#   known value is not valid JSON, is not a JSON object, has no Statement, or has a malformed statement is
#   rejected by API Gateway at apply time. The apply fails part-way: the API, its stages and deployments can
#   already be live while the policy meant to restrict callers was never attached.
# related_resources:
#   - description: IAM JSON policy element reference
#     ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html
#   - description: API Gateway resource policies (API Gateway developer guide)
#     ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies.html
#   - description: aws_api_gateway_rest_api_policy (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_rest_api_policy
# custom:
#   id: APIGW-304
#   severity: high
#   kinds: [REST]
#   subjects: [aws_api_gateway_rest_api, aws_api_gateway_rest_api_policy]
#   anchors:
#     security_hub: []
#     checkov: []
#     kics: []
#     trivy: []
#     other: []
#   remediation: |
#     Build the policy with `jsonencode` or an `aws_iam_policy_document` data source instead of a string:
#
#         data "aws_iam_policy_document" "api" {
#           statement {
#             effect = "Allow"
#             principals {
#               type        = "AWS"
#               identifiers = ["arn:aws:iam::123456789012:role/caller"]
#             }
#             actions   = ["execute-api:Invoke"]
#             resources = ["execute-api:/*"]
#           }
#         }
#
#         resource "aws_api_gateway_rest_api_policy" "api" {
#           rest_api_id = aws_api_gateway_rest_api.api.id
#           policy      = data.aws_iam_policy_document.api.json
#         }
package apigw.rules.policy.valid_policy_document

import data.apigw.lib.model
import data.apigw.lib.result

# METADATA
# description: A known policy that is not a valid policy document.
deny contains result.fail(
	rego.metadata.chain(),
	carrier,
	concat("", [
		"Resource policy of ",
		carrier.address,
		" is not a valid policy document (",
		_reason(carrier.values.policy_document.error),
		"): API Gateway rejects it at apply, leaving the API without the policy meant to restrict it.",
	]),
	[],
) if {
	some carrier in model.policy_carriers
	carrier.values.policy_document.state == "invalid"
}

# METADATA
# description: A policy known only after apply, which might not be a valid policy document.
deny contains result.fail(
	rego.metadata.chain(),
	carrier,
	concat("", ["Resource policy of ", carrier.address, " may not be a valid policy document."]),
	["policy"],
) if {
	some carrier in model.policy_carriers
	carrier.values.policy_document.state == "unknown"
}

# The parser's reason, except a JSON syntax error's detail: it quotes part of the policy text.
_reason(error) := "not valid JSON" if startswith(error, "not valid JSON")

_reason(error) := error if {
	is_string(error)
	not startswith(error, "not valid JSON")
}

_reason(null) := "unparsable"
