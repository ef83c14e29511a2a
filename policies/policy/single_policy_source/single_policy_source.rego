# METADATA
# title: One resource policy per API
# description: >-
#   An aws_api_gateway_rest_api_policy attached to a REST API that also sets its own policy attribute: both
#   write the same API setting, so each apply overwrites the other and the policy in force flips between
#   the two documents (and plans never converge). A reviewer reading one of them cannot tell which one
#   protects the API.
# related_resources:
#   - description: aws_api_gateway_rest_api policy argument and its conflict note (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_rest_api#policy
#   - description: aws_api_gateway_rest_api_policy (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_rest_api_policy
# custom:
#   id: APIGW-306
#   severity: low
#   kinds: [REST]
#   subjects: [aws_api_gateway_rest_api_policy]
#   anchors:
#     security_hub: []
#     checkov: []
#     kics: []
#     trivy: []
#     other: []
#   remediation: |
#     Keep the policy in one place, preferably the separate resource:
#
#         resource "aws_api_gateway_rest_api" "api" {
#           name = "orders"
#           # no policy argument here
#         }
#
#         resource "aws_api_gateway_rest_api_policy" "api" {
#           rest_api_id = aws_api_gateway_rest_api.api.id
#           policy      = data.aws_iam_policy_document.api.json
#         }
package apigw.rules.policy.single_policy_source

import data.apigw.lib.model
import data.apigw.lib.result

# METADATA
# description: A policy resource whose API also carries its own policy attribute.
deny contains result.fail(
	rego.metadata.chain(),
	policy,
	concat("", [
		policy.address,
		" and the policy argument of ",
		api.address,
		" both set the resource policy of the same API: each apply overwrites the other.",
	]),
	[[api, "policy"] | not model.present(api, "policy")],
) if {
	some policy in input.resources.aws_api_gateway_rest_api_policy
	api := model.rest_api(policy)
	api.values.policy_document.state != "absent"
}

# METADATA
# description: A policy resource whose API cannot be decided, while some API in the input carries its own policy.
deny contains result.fail(
	rego.metadata.chain(),
	policy,
	concat("", [
		policy.address,
		" may target an API that also sets its own policy argument: both would set the same resource policy and overwrite each other.",
	]),
	["links.rest_api"],
) if {
	count(_apis_with_own_policy) > 0
	some policy in input.resources.aws_api_gateway_rest_api_policy
	policy.links.rest_api.state == "uncertain"
}

_apis_with_own_policy contains api.address if {
	some api in input.resources.aws_api_gateway_rest_api
	api.values.policy_document.state != "absent"
}
