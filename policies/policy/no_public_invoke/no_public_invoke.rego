# METADATA
# title: Resource policies do not allow everyone unconditionally
# description: >-
#   A REST API resource policy (aws_api_gateway_rest_api.policy or aws_api_gateway_rest_api_policy.policy) with
#   an Allow statement for every principal ("*" or {"AWS": "*"}) on execute-api:Invoke (or a wildcard covering
#   it) and no Condition opens the API to any caller on the internet or in any AWS account, unless a Deny
#   statement with a Condition in the same policy narrows the same resources (the allow-list pattern: Deny
#   callers outside these IPs or VPC endpoints, then Allow everyone), or an unconditional Deny of Invoke to every
#   principal covers them (IAM evaluates an explicit Deny first, so the Allow grants nothing).
# related_resources:
#   - description: KICS REST API With Vulnerable Policy
#     ref: https://docs.kics.io/latest/queries/terraform-queries/aws/b161c11b-a59b-4431-9a29-4e19f63e6b27/
#   - description: API Gateway resource policy examples (API Gateway developer guide)
#     ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-examples.html
#   - description: aws_api_gateway_rest_api_policy (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_rest_api_policy
# custom:
#   id: APIGW-301
#   severity: high
#   kinds: [REST]
#   subjects: [aws_api_gateway_rest_api, aws_api_gateway_rest_api_policy]
#   anchors:
#     security_hub: []
#     checkov: []
#     kics: [REST API With Vulnerable Policy]
#     trivy: []
#     other: []
#   remediation: |
#     Deny every caller outside the networks you trust, then allow invocation:
#
#         resource "aws_api_gateway_rest_api_policy" "api" {
#           rest_api_id = aws_api_gateway_rest_api.api.id
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
#
#     For a public API use `NotIpAddress` on `aws:SourceIp` in the `Deny` instead, or name the accounts or
#     roles that may invoke (`Principal = { AWS = "arn:aws:iam::123456789012:root" }`).
package apigw.rules.policy.no_public_invoke

import data.apigw.lib.model
import data.apigw.lib.result

# METADATA
# description: >-
#   A parsed policy with an unconditional Allow of execute-api:Invoke to everyone that no conditional Deny
#   narrows and no unconditional Deny overrides.
deny contains result.fail(
	rego.metadata.chain(),
	carrier,
	concat("", [
		"Resource policy of ",
		carrier.address,
		" lets any principal invoke the API without a Condition (",
		concat(", ", statements),
		"), and no Deny with a Condition narrows it.",
	]),
	[],
) if {
	some carrier in model.policy_carriers
	statements := _open_statements(carrier.values.policy_document)
	count(statements) > 0
}

# METADATA
# description: A policy known only after apply, which might allow everyone.
deny contains result.fail(
	rego.metadata.chain(),
	carrier,
	concat("", ["Resource policy of ", carrier.address, " may let any principal invoke the API without a Condition."]),
	["policy"],
) if {
	some carrier in model.policy_carriers
	carrier.values.policy_document.state == "unknown"
}

# Statement i named by the JSON text of its index, the digits format_int(i, 10) writes: opa-wasm's format_int
# converts the number through a decimal library, which made it most of no_open_ip_condition's CPU at 10,000
# API Gateway resources.
_open_statements(document) := [concat("", ["Statement[", json.marshal(i), "]"]) |
	document.state == "parsed"
	some i, statement in document.statements
	statement.effect == "Allow"
	statement.applies_to_everyone
	statement.covers_invoke
	count(statement.conditions) == 0
	not statement.narrowed_by_conditional_deny
	not statement.denied_unconditionally
]
