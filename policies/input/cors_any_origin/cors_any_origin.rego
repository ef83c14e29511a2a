# METADATA
# title: CORS does not allow any origin with credentials
# description: >-
#   An aws_apigatewayv2_api whose cors_configuration.allow_origins contains "*" (or "http://*" / "https://*", which
#   API Gateway also treats as a wildcard) lets scripts on any website call the API from a visitor's browser and read
#   the responses. With allow_credentials = true the browser also sends the visitor's cookies and HTTP
#   authentication, so any site the user visits can act as the user and read their data (high). A wildcard without
#   credentials is reported as a separate low finding with the same ID: fine for public data, risky once the API
#   relies on anything the browser holds.
# related_resources:
#   - description: KICS Beta - API Gateway V2 CORS Wildcard Origin Allowed
#     ref: https://github.com/Checkmarx/kics/tree/master/assets/queries/terraform/aws/api_gateway_v2_cors_wildcard_origin
#   - description: Configure CORS for HTTP APIs (API Gateway developer guide)
#     ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html
#   - description: aws_apigatewayv2_api (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/apigatewayv2_api
# custom:
#   id: APIGW-702
#   severity: high
#   kinds: [HTTP]
#   subjects: [aws_apigatewayv2_api]
#   anchors:
#     security_hub: []
#     checkov: []
#     kics: [Beta - API Gateway V2 CORS Wildcard Origin Allowed]
#     trivy: []
#     other: [Terrascan AC_AWS_0441]
#   remediation: |
#     List the origins of your own web applications instead of "*":
#
#         resource "aws_apigatewayv2_api" "http" {
#           name          = "orders"
#           protocol_type = "HTTP"
#
#           cors_configuration {
#             allow_origins     = ["https://app.example.com"]
#             allow_methods     = ["GET", "POST"]
#             allow_headers     = ["authorization", "content-type"]
#             allow_credentials = true
#             max_age           = 300
#           }
#         }
package apigw.rules.input.cors_any_origin

import data.apigw.lib.model
import data.apigw.lib.result

_any_origin := {"*", "http://*", "https://*"}

# METADATA
# description: Any origin together with credentials (high), or origins or credentials the plan cannot decide.
deny contains result.fail(
	rego.metadata.chain(),
	api,
	concat("", [
		"API ",
		api.address,
		" allows any origin with credentials (a wildcard in cors_configuration.allow_origins, allow_credentials = true): any website a signed-in user visits can call the API as that user and read the responses.",
	]),
	array.concat(["cors_configuration", "cors_configuration.allow_credentials"], _origin_paths(api)),
) if {
	some api in input.resources.aws_apigatewayv2_api
	_possibly_any_origin(api)
	_possibly_credentials(api)
}

# METADATA
# description: Any origin without credentials (low).
deny contains result.fail_with_severity(
	rego.metadata.chain(),
	api,
	"low",
	concat("", [
		"API ",
		api.address,
		" allows any origin (cors_configuration.allow_origins contains a wildcard): scripts on any website can call the API from a visitor's browser and read the responses.",
	]),
	array.concat(["cors_configuration"], _origin_paths(api)),
) if {
	some api in input.resources.aws_apigatewayv2_api
	_possibly_any_origin(api)
	not _possibly_credentials(api)
}

_origins(api) := model.value(api, "cors_configuration.allow_origins")

_wildcard_origin(api) if {
	some origin in _origins(api)
	origin in _any_origin
}

_possibly_any_origin(api) if _wildcard_origin(api)

_possibly_any_origin(api) if model.unknown(api, "cors_configuration.allow_origins")

# A known wildcard does not depend on the other, unknown, origins of the list.
_origin_paths(api) := [] if _wildcard_origin(api)

_origin_paths(api) := ["cors_configuration.allow_origins"] if not _wildcard_origin(api)

_possibly_credentials(api) if api.values.cors_configuration.allow_credentials == true

_possibly_credentials(api) if model.unknown(api, "cors_configuration.allow_credentials")
