# METADATA
# title: IP conditions do not open the API to the whole internet
# description: >-
#   A REST API resource policy whose Allow statement for every principal is restricted only by an IpAddress
#   condition on aws:SourceIp that contains 0.0.0.0/0 or ::/0 looks like an IP allow-list but admits every
#   IPv4 or IPv6 address: the API is as open as with no condition at all, and reviewers and scanners that
#   accept "has a Condition" are misled. A Deny with a Condition that narrows the same resources (the allow-list pattern), or an unconditional Deny of Invoke to every principal that
#   covers them (explicit Deny wins), still restricts it and passes.
# related_resources:
#   - description: IAM JSON policy elements, IP address condition operators
#     ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress
#   - description: API Gateway resource policy examples (API Gateway developer guide)
#     ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-examples.html
#   - description: aws_api_gateway_rest_api_policy (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_rest_api_policy
# custom:
#   id: APIGW-303
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
#     List only the networks that may call the API in aws:SourceIp:
#
#         resource "aws_api_gateway_rest_api_policy" "api" {
#           rest_api_id = aws_api_gateway_rest_api.api.id
#           policy = jsonencode({
#             Version = "2012-10-17"
#             Statement = [{
#               Effect    = "Allow"
#               Principal = "*"
#               Action    = "execute-api:Invoke"
#               Resource  = "execute-api:/*"
#               Condition = { IpAddress = { "aws:SourceIp" = ["203.0.113.0/24", "2001:db8::/32"] } }
#             }]
#           })
#         }
package apigw.rules.policy.no_open_ip_condition

import data.apigw.lib.model
import data.apigw.lib.result

# METADATA
# description: A parsed policy with an Allow to everyone whose only restriction is an aws:SourceIp range of the whole internet.
deny contains result.fail(
	rego.metadata.chain(),
	carrier,
	concat("", [
		"Resource policy of ",
		carrier.address,
		" allows every principal with only an IpAddress aws:SourceIp condition that includes 0.0.0.0/0 or ::/0 (",
		concat(", ", statements),
		"), which admits the whole internet.",
	]),
	[],
) if {
	some carrier in model.policy_carriers
	statements := _open_statements(carrier.values.policy_document)
	count(statements) > 0
}

# METADATA
# description: A statement that would be open if the aws:SourceIp values known only after apply included 0.0.0.0/0.
deny contains result.fail(
	rego.metadata.chain(),
	carrier,
	concat("", [
		"Resource policy of ",
		carrier.address,
		" allows every principal with only an IpAddress aws:SourceIp condition whose addresses are known only after apply (",
		concat(", ", [statement.name | some statement in statements]),
		"): if they include 0.0.0.0/0 or ::/0, the whole internet is admitted.",
	]),
	[path | some statement in statements; some path in statement.paths],
) if {
	some carrier in model.policy_carriers
	count(_open_statements(carrier.values.policy_document)) == 0
	statements := _possibly_open_statements(carrier)
	count(statements) > 0
}

# METADATA
# description: A policy known only after apply, which might open the API with an all-addresses IP condition.
deny contains result.fail(
	rego.metadata.chain(),
	carrier,
	concat("", ["Resource policy of ", carrier.address, " may allow every principal with an aws:SourceIp condition that includes the whole internet."]),
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
	count(statement.conditions) > 0
	every condition in statement.conditions {
		_open_ip_condition(condition)
	}
	not statement.narrowed_by_conditional_deny
	not statement.denied_unconditionally
]

# Address ranges that cover every IPv4 or every IPv6 address.
_possibly_open_statements(carrier) := [{"name": concat("", ["Statement[", json.marshal(i), "]"]), "paths": paths} |
	document := carrier.values.policy_document
	document.state == "parsed"
	some i, statement in document.statements
	statement.effect == "Allow"
	statement.applies_to_everyone
	count(statement.conditions) > 0
	every j, condition in statement.conditions {
		_possibly_open_ip_condition(carrier, i, j, condition)
	}
	not statement.narrowed_by_conditional_deny
	not statement.denied_unconditionally
	paths := [model.policy_condition_values_path(i, j) |
		some j, condition in statement.conditions
		not _open_ip_condition(condition)
	]
]

_possibly_open_ip_condition(_, _, _, condition) if _open_ip_condition(condition)

_possibly_open_ip_condition(carrier, i, j, condition) if {
	condition.base_operator == "ipaddress"
	condition.key_lower == "aws:sourceip"
	model.policy_condition_values_unknown(carrier, i, j)
}

_everywhere := {"0.0.0.0/0", "::/0", "::0/0", "0::/0", "0:0:0:0:0:0:0:0/0"}

_open_ip_condition(condition) if {
	condition.base_operator == "ipaddress"
	condition.key_lower == "aws:sourceip"
	some value in condition.values
	trim_space(value) in _everywhere
}
