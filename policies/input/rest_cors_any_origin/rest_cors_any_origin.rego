# METADATA
# title: REST responses do not allow any origin
# description: >-
#   An aws_api_gateway_integration_response or aws_api_gateway_gateway_response whose response_parameters map
#   method.response.header.Access-Control-Allow-Origin (or gatewayresponse.header.Access-Control-Allow-Origin) to
#   the static value "'*'" tells browsers that scripts on any website may read the response. That is fine for public
#   data; for anything that depends on who calls, list your own origins instead. aws_api_gateway_method_response only
#   declares which headers exist (its values are booleans), so it never fails.
# related_resources:
#   - description: Enable CORS on a REST API resource (API Gateway developer guide)
#     ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-cors.html
#   - description: aws_api_gateway_integration_response (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_integration_response
#   - description: aws_api_gateway_gateway_response (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_gateway_response
# custom:
#   id: APIGW-703
#   severity: low
#   kinds: [REST]
#   subjects: [aws_api_gateway_integration_response, aws_api_gateway_method_response, aws_api_gateway_gateway_response]
#   anchors:
#     security_hub: []
#     checkov: []
#     kics: []
#     trivy: []
#     other: []
#   remediation: |
#     Return your own application's origin (a static value, or one chosen by a mapping template) instead of '*':
#
#         resource "aws_api_gateway_integration_response" "options_200" {
#           rest_api_id = aws_api_gateway_rest_api.api.id
#           resource_id = aws_api_gateway_resource.orders.id
#           http_method = aws_api_gateway_method.options_orders.http_method
#           status_code = aws_api_gateway_method_response.options_200.status_code
#
#           response_parameters = {
#             "method.response.header.Access-Control-Allow-Origin"  = "'https://app.example.com'"
#             "method.response.header.Access-Control-Allow-Methods" = "'GET,POST,OPTIONS'"
#             "method.response.header.Access-Control-Allow-Headers" = "'Authorization,Content-Type'"
#           }
#         }
#
#         resource "aws_api_gateway_gateway_response" "default_4xx" {
#           rest_api_id   = aws_api_gateway_rest_api.api.id
#           response_type = "DEFAULT_4XX"
#
#           response_parameters = {
#             "gatewayresponse.header.Access-Control-Allow-Origin" = "'https://app.example.com'"
#           }
#         }
#
#     For several allowed origins, have the integration (for example the Lambda function) return the request's
#     `Origin` when it is on your list.
package apigw.rules.input.rest_cors_any_origin

import data.apigw.lib.result

# Header mapping keys (lower-cased: header names are case-insensitive) by the response types that can set them.
_allow_origin_keys := {
	"aws_api_gateway_integration_response": "method.response.header.access-control-allow-origin",
	"aws_api_gateway_gateway_response": "gatewayresponse.header.access-control-allow-origin",
}

# METADATA
# description: An integration or gateway response that returns Access-Control-Allow-Origin '*'.
deny contains result.fail(
	rego.metadata.chain(),
	response,
	concat("", [
		"Response ",
		response.address,
		" sets Access-Control-Allow-Origin to '*' (response_parameters): scripts on any website can read what this response returns to a visitor's browser.",
	]),
	_unknown_paths(response),
) if {
	some type, key in _allow_origin_keys
	some response in input.resources[type]
	_possibly_any_origin(response, key)
}

_possibly_any_origin(response, key) if {
	some name, value in response.values.response_parameters
	lower(name) == key
	value == "'*'" # a static string literal, in single quotes as mapping expressions write constants
}

_possibly_any_origin(response, _) if count(_unknown_paths(response)) > 0

# What a wildcard could hide in: the whole map, or the header's own value, known only after apply.
_unknown_paths(response) := [path |
	some path, _ in response.unknown
	_unknown_origin_path(lower(path))
]

_unknown_origin_path("response_parameters")

_unknown_origin_path(path) if {
	startswith(path, "response_parameters.")
	endswith(path, ".header.access-control-allow-origin")
}
