# METADATA
# title: The default execute-api endpoint is disabled when a custom domain fronts the API
# description: >-
#   A REST API mapped to a custom domain by an aws_api_gateway_base_path_mapping, or an HTTP or WebSocket API
#   mapped by an aws_apigatewayv2_api_mapping, must set disable_execute_api_endpoint = true. Otherwise the
#   default https://{api-id}.execute-api.{region}.amazonaws.com endpoint stays open beside the domain, and
#   clients can bypass the domain's mutual TLS, its minimum TLS policy and anything keyed on the domain.
# related_resources:
#   - description: Disable the default endpoint for REST APIs (API Gateway developer guide)
#     ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-disable-default-endpoint.html
#   - description: Disable the default endpoint for HTTP APIs (API Gateway developer guide)
#     ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-disable-default-endpoint.html
#   - description: aws_api_gateway_rest_api disable_execute_api_endpoint (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_rest_api#disable_execute_api_endpoint
#   - description: aws_apigatewayv2_api disable_execute_api_endpoint (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/apigatewayv2_api#disable_execute_api_endpoint
# custom:
#   id: APIGW-204
#   severity: medium
#   kinds: [REST, HTTP, WS]
#   subjects: [aws_api_gateway_rest_api, aws_apigatewayv2_api]
#   anchors:
#     security_hub: []
#     checkov: []
#     kics: []
#     trivy: []
#     other: []
#   remediation: |
#     Turn off the default endpoint so the custom domain is the only way in:
#
#         resource "aws_api_gateway_rest_api" "api" {
#           name                         = "orders"
#           disable_execute_api_endpoint = true
#         }
#
#         resource "aws_apigatewayv2_api" "http" {
#           name                         = "orders-http"
#           protocol_type                = "HTTP"
#           disable_execute_api_endpoint = true
#         }
package apigw.rules.edge.execute_api_endpoint_disabled

import data.apigw.lib.model
import data.apigw.lib.result

# METADATA
# description: A REST API fronted by a base path mapping whose default endpoint stays enabled.
deny contains result.fail(
	rego.metadata.chain(),
	api,
	_message(api, "aws_api_gateway_base_path_mapping", api.links.base_path_mappings.targets),
	array.concat(["disable_execute_api_endpoint"], _link_paths(api.links.base_path_mappings, "links.base_path_mappings")),
) if {
	some api in input.resources.aws_api_gateway_rest_api
	_fronted(api.links.base_path_mappings)
	not model.value(api, "disable_execute_api_endpoint") == true
}

# METADATA
# description: An HTTP or WebSocket API fronted by an API mapping whose default endpoint stays enabled.
deny contains result.fail(
	rego.metadata.chain(),
	api,
	_message(api, "aws_apigatewayv2_api_mapping", api.links.api_mappings.targets),
	array.concat(["disable_execute_api_endpoint"], _link_paths(api.links.api_mappings, "links.api_mappings")),
) if {
	some api in input.resources.aws_apigatewayv2_api
	_fronted(api.links.api_mappings)
	not model.value(api, "disable_execute_api_endpoint") == true
}

# A mapping targets the API, or one might (then links.<name> is unknown and the finding unverifiable).
_fronted(mappings) if count(mappings.targets) > 0

_fronted(mappings) if mappings.uncertain

# Only when no mapping certainly targets the API does the finding depend on the uncertain ones.
_link_paths(mappings, _) := [] if count(mappings.targets) > 0

_link_paths(mappings, path) := [path] if count(mappings.targets) == 0

_message(api, _, targets) := concat("", [
	api.address,
	" is served through a custom domain (",
	concat(", ", targets),
	") but keeps its default execute-api endpoint: set disable_execute_api_endpoint = true so clients cannot bypass the domain's TLS and mTLS settings.",
]) if {
	count(targets) > 0
}

_message(api, mapping_type, targets) := concat("", [
	api.address,
	" may be served through a custom domain (an ",
	mapping_type,
	" might target it) but keeps its default execute-api endpoint: set disable_execute_api_endpoint = true.",
]) if {
	count(targets) == 0
}
