# METADATA
# title: Resource policies do not grant wildcard actions
# description: >-
#   A REST API resource policy (aws_api_gateway_rest_api.policy or aws_api_gateway_rest_api_policy.policy) with
#   an Allow statement whose Action is "*" or "execute-api:*" grants every API Gateway data-plane action,
#   including execute-api:InvalidateCache (flush or bypass the stage cache) and any action AWS adds later,
#   instead of only execute-api:Invoke. Least privilege names the actions the callers need.
# related_resources:
#   - description: Terrascan AC_AWS_0440 (apiGatewayRestApiPolicyNotSecure)
#     ref: https://github.com/tenable/terrascan/blob/master/docs/policies/aws.md
#   - description: API Gateway resource policy actions (API Gateway developer guide)
#     ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-using-iam-policies-to-invoke-api.html
#   - description: aws_api_gateway_rest_api_policy (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_rest_api_policy
# custom:
#   id: APIGW-302
#   severity: medium
#   kinds: [REST]
#   subjects: [aws_api_gateway_rest_api, aws_api_gateway_rest_api_policy]
#   anchors:
#     security_hub: []
#     checkov: []
#     kics: []
#     trivy: []
#     other: [Terrascan AC_AWS_0440]
#   remediation: |
#     Allow only the action callers need, execute-api:Invoke:
#
#         resource "aws_api_gateway_rest_api_policy" "api" {
#           rest_api_id = aws_api_gateway_rest_api.api.id
#           policy = jsonencode({
#             Version = "2012-10-17"
#             Statement = [{
#               Effect    = "Allow"
#               Principal = { AWS = "arn:aws:iam::123456789012:role/caller" }
#               Action    = "execute-api:Invoke"
#               Resource  = "execute-api:/*"
#             }]
#           })
#         }
package apigw.rules.policy.no_wildcard_actions

import data.apigw.lib.model
import data.apigw.lib.result

# METADATA
# description: A parsed policy with an Allow statement whose Action is "*" or "execute-api:*".
deny contains result.fail(
	rego.metadata.chain(),
	carrier,
	concat("", [
		"Resource policy of ",
		carrier.address,
		" allows every action with a wildcard Action (",
		concat(", ", statements),
		") instead of naming execute-api:Invoke.",
	]),
	[],
) if {
	some carrier in model.policy_carriers
	statements := _wildcard_statements(carrier.values.policy_document)
	count(statements) > 0
}

# METADATA
# description: A policy known only after apply, which might grant wildcard actions.
deny contains result.fail(
	rego.metadata.chain(),
	carrier,
	concat("", ["Resource policy of ", carrier.address, " may allow every action with a wildcard Action."]),
	["policy"],
) if {
	some carrier in model.policy_carriers
	carrier.values.policy_document.state == "unknown"
}

# Statement i named by the JSON text of its index, the digits format_int(i, 10) writes: opa-wasm's format_int
# converts the number through a decimal library, which made it most of no_open_ip_condition's CPU at 10,000
# API Gateway resources.
_wildcard_statements(document) := [concat("", ["Statement[", json.marshal(i), "]"]) |
	document.state == "parsed"
	some i, statement in document.statements
	statement.effect == "Allow"
	_wildcard(statement)
]

_wildcard(statement) if {
	some action in statement.actions
	action in {"*", "execute-api:*"}
}
