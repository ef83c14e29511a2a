# METADATA
# title: Custom domains require TLS 1.2 or newer
# description: >-
#   An API Gateway custom domain's security policy (aws_api_gateway_domain_name.security_policy,
#   aws_apigatewayv2_domain_name.domain_name_configuration.security_policy) sets the oldest TLS version and the
#   ciphers clients may negotiate. TLS_1_0, or no policy at all (API Gateway's legacy default), accepts TLS 1.0
#   and 1.1 with CBC ciphers, open to downgrade and known protocol attacks. Allowed by default: TLS_1_2 and the
#   enhanced SecurityPolicy_TLS12_* and SecurityPolicy_TLS13_* policies (parameters allowed_policies and
#   allowed_prefixes).
# related_resources:
#   - description: AWS Security Hub APIGateway.11
#     ref: https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-11
#   - description: Checkov CKV_AWS_206
#     ref: https://github.com/bridgecrewio/checkov/blob/main/checkov/terraform/checks/resource/aws/APIGatewayDomainNameTLS.py
#   - description: KICS API Gateway Without Security Policy
#     ref: https://docs.kics.io/latest/queries/terraform-queries/aws/4e1cc5d3-2811-4fb2-861c-ee9b3cb7f90b/
#   - description: Trivy AVD-AWS-0005
#     ref: https://avd.aquasec.com/misconfig/aws/apigateway/avd-aws-0005/
#   - description: Choose a security policy for your custom domain (API Gateway developer guide)
#     ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html
#   - description: aws_api_gateway_domain_name (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_domain_name
# custom:
#   id: APIGW-401
#   severity: high
#   kinds: [REST, HTTP, WS]
#   subjects: [aws_api_gateway_domain_name, aws_apigatewayv2_domain_name]
#   parameters:
#     allowed_policies:
#       type: array
#       items: {type: string}
#       default: [TLS_1_2]
#       description: TLS security policies allowed by exact name.
#     allowed_prefixes:
#       type: array
#       items: {type: string}
#       default: [SecurityPolicy_TLS12_, SecurityPolicy_TLS13_]
#       description: TLS security policy name prefixes allowed (the enhanced policies).
#   anchors:
#     security_hub: [APIGateway.11]
#     checkov: [CKV_AWS_206]
#     kics: [API Gateway Without Security Policy]
#     trivy: [AVD-AWS-0005]
#     other: []
#   remediation: |
#     Set a TLS 1.2 (or enhanced TLS 1.2/1.3) security policy on the domain:
#
#         resource "aws_api_gateway_domain_name" "api" {
#           domain_name              = "api.example.com"
#           regional_certificate_arn = aws_acm_certificate.api.arn
#           security_policy          = "TLS_1_2" # or an enhanced policy such as "SecurityPolicy_TLS13_1_3_2025_09"
#           endpoint_configuration {
#             types = ["REGIONAL"]
#           }
#         }
#
#         resource "aws_apigatewayv2_domain_name" "http" {
#           domain_name = "http.example.com"
#           domain_name_configuration {
#             certificate_arn = aws_acm_certificate.http.arn
#             endpoint_type   = "REGIONAL"
#             security_policy = "TLS_1_2"
#           }
#         }
package apigw.rules.tls.custom_domain_tls

import data.apigw.lib.model
import data.apigw.lib.result

# METADATA
# description: A REST custom domain whose security policy is unset or not allowed.
deny contains result.fail(
	rego.metadata.chain(),
	domain,
	_message(domain, policy, "security_policy"),
	["security_policy"],
) if {
	some domain in input.resources.aws_api_gateway_domain_name
	policy := model.value(domain, "security_policy")
	not _allowed(policy)
}

# METADATA
# description: An HTTP or WebSocket custom domain whose security policy is unset or not allowed.
deny contains result.fail(
	rego.metadata.chain(),
	domain,
	_message(domain, policy, "domain_name_configuration.security_policy"),
	["domain_name_configuration", "domain_name_configuration.security_policy"],
) if {
	some domain in input.resources.aws_apigatewayv2_domain_name
	policy := model.value(domain, "domain_name_configuration.security_policy")
	not _allowed(policy)
}

# The allow-list (parameters allowed_policies and allowed_prefixes).
_allowed_policies := model.parameter(rego.metadata.chain(), "allowed_policies")

_allowed_prefixes := model.parameter(rego.metadata.chain(), "allowed_prefixes")

_allowed(policy) if policy in _allowed_policies

_allowed(policy) if {
	is_string(policy)
	some prefix in _allowed_prefixes
	is_string(prefix)
	startswith(policy, prefix)
}

_message(domain, policy, _) := concat("", [
	"Custom domain ",
	domain.address,
	" uses security policy ",
	policy,
	", which is not a TLS 1.2+ policy: clients can negotiate TLS 1.0/1.1 and weak ciphers.",
]) if {
	policy != null
}

_message(domain, null, path) := concat("", [
	"Custom domain ",
	domain.address,
	" sets no security_policy: nothing enforces TLS 1.2 as the minimum, and the API Gateway default may accept TLS 1.0.",
]) if {
	not model.unknown(domain, path)
}

_message(domain, null, path) := concat("", [
	"Custom domain ",
	domain.address,
	" may use a security policy that accepts TLS versions older than 1.2.",
]) if {
	model.unknown(domain, path)
}
