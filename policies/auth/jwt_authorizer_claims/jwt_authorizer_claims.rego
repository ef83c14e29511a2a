# METADATA
# title: JWT authorizers pin issuer and audience
# description: >-
#   An aws_apigatewayv2_authorizer with authorizer_type JWT needs jwt_configuration.issuer set to an https:// URL
#   and a non-empty jwt_configuration.audience. API Gateway fetches the signing keys from the issuer's discovery
#   document, so an issuer fetched over plain HTTP can be impersonated; and without an audience, any token the
#   issuer signs for any other application (another app client, another API) is accepted by this API.
# related_resources:
#   - description: Controlling access to HTTP APIs with JWT authorizers (API Gateway developer guide)
#     ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
#   - description: aws_apigatewayv2_authorizer (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/apigatewayv2_authorizer
# custom:
#   id: APIGW-106
#   severity: high
#   kinds: [HTTP]
#   subjects: [aws_apigatewayv2_authorizer]
#   anchors:
#     security_hub: []
#     checkov: []
#     kics: []
#     trivy: []
#     other: []
#   remediation: |
#     Set the issuer to the identity provider's https:// URL and list the client IDs (audiences) this API accepts:
#
#         resource "aws_apigatewayv2_authorizer" "jwt" {
#           api_id           = aws_apigatewayv2_api.http.id
#           name             = "cognito"
#           authorizer_type  = "JWT"
#           identity_sources = ["$request.header.Authorization"]
#
#           jwt_configuration {
#             issuer   = "https://${aws_cognito_user_pool.pool.endpoint}"
#             audience = [aws_cognito_user_pool_client.app.id]
#           }
#         }
package apigw.rules.auth.jwt_authorizer_claims

import data.apigw.lib.model
import data.apigw.lib.result

# METADATA
# description: >-
#   A JWT authorizer without an https:// issuer or without an audience. One finding per authorizer: it names the
#   problems that are certain, or (when none is) those the plan cannot decide.
deny contains result.fail(
	rego.metadata.chain(),
	authorizer,
	concat("", [
		"JWT authorizer ",
		authorizer.address,
		" does not pin its tokens: ",
		concat("; ", [problem.text | some problem in reported]),
		".",
	]),
	array.concat(["authorizer_type", "jwt_configuration"], [path | some problem in reported; some path in problem.paths]),
) if {
	some authorizer in input.resources.aws_apigatewayv2_authorizer
	_possibly_jwt(authorizer)
	problems := _problems(authorizer)
	count(problems) > 0
	reported := _reported(authorizer, problems)
}

_possibly_jwt(authorizer) if authorizer.values.authorizer_type == "JWT"

_possibly_jwt(authorizer) if model.unknown(authorizer, "authorizer_type")

_problems(authorizer) := [problem |
	some problem in [
		{
			"text": "the issuer is not set, so the authorizer cannot know whose tokens to trust",
			"paths": ["jwt_configuration.issuer"],
			"failed": _issuer_unset(authorizer),
		},
		{
			"text": "the issuer is not an https:// URL, so the signing keys it serves can be tampered with in transit",
			"paths": ["jwt_configuration.issuer"],
			"failed": _issuer_not_https(authorizer),
		},
		{
			"text": "the audience is empty, so tokens the issuer signed for any other application are accepted",
			"paths": ["jwt_configuration.audience"],
			"failed": _audience_empty(authorizer),
		},
	]
	problem.failed
]

# Problems that do not depend on an unknown value, when there are any; otherwise every possible problem.
_reported(authorizer, problems) := certain if {
	certain := [problem |
		some problem in problems
		not _depends_on_unknown(authorizer, problem)
	]
	count(certain) > 0
} else := problems

_depends_on_unknown(authorizer, problem) if {
	some path in array.concat(["authorizer_type", "jwt_configuration"], problem.paths)
	authorizer.unknown[path]
}

_issuer(authorizer) := model.value(authorizer, "jwt_configuration.issuer")

_issuer_unset(authorizer) if {
	_issuer(authorizer) in {null, ""}
	not authorizer.unknown["jwt_configuration.issuer"]
} else := false

# An unknown issuer is a possible problem: its scheme is known only after apply.
_issuer_not_https(authorizer) if {
	authorizer.unknown["jwt_configuration.issuer"]
	not model.starts_with(authorizer, "jwt_configuration.issuer", "https://")
} else if {
	issuer := _issuer(authorizer)
	is_string(issuer)
	issuer != ""
	not startswith(issuer, "https://")
} else := false

_audience_empty(authorizer) := false if {
	model.set_after_apply(authorizer, "jwt_configuration.audience")
} else := false if {
	some audience in model.value(authorizer, "jwt_configuration.audience")
	is_string(audience)
	audience != ""
} else := true
