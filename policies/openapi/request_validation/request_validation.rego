# METADATA
# title: OpenAPI-defined REST APIs validate requests
# description: >-
#   A REST API defined by an OpenAPI body (aws_api_gateway_rest_api.body) turns on request validation with
#   x-amazon-apigateway-request-validator, either at the top level (the default for every operation) or on an
#   operation. Only operations that accept a request body are judged: a requestBody, a Swagger 2 parameter in
#   body or formData, or the method POST, PUT, PATCH or ANY. When such an operation names no validator and the
#   top level names none either, API Gateway passes its malformed and oversized payloads straight to the
#   backend, which then has to reject injection attempts and garbage on its own (and pays for invoking it).
#   One finding per such operation, naming its method and path. A body known only after apply is
#   unverifiable; a body that is not an OpenAPI document is not judged here.
# related_resources:
#   - description: Request validation for REST APIs (API Gateway developer guide)
#     ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html
#   - description: x-amazon-apigateway-request-validator property (API Gateway developer guide)
#     ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-request-validator.html
#   - description: aws_api_gateway_rest_api (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_rest_api
# custom:
#   id: APIGW-902
#   severity: low
#   kinds: [REST]
#   subjects: [aws_api_gateway_rest_api]
#   anchors:
#     security_hub: []
#     checkov: []
#     kics: []
#     trivy: []
#     other: []
#   remediation: |
#     Declare a validator and make it the default for every operation (with request models for the bodies):
#
#         resource "aws_api_gateway_rest_api" "api" {
#           name = "orders"
#           body = jsonencode({
#             openapi = "3.0.1"
#             info    = { title = "orders", version = "1" }
#             x-amazon-apigateway-request-validators = {
#               all = { validateRequestBody = true, validateRequestParameters = true }
#             }
#             x-amazon-apigateway-request-validator = "all"
#             paths = {
#               "/orders" = {
#                 post = {
#                   requestBody = {
#                     required = true
#                     content  = { "application/json" = { schema = { "$ref" = "#/components/schemas/Order" } } }
#                   }
#                   x-amazon-apigateway-integration = {
#                     type       = "aws_proxy"
#                     httpMethod = "POST"
#                     uri        = aws_lambda_function.orders.invoke_arn
#                   }
#                 }
#               }
#             }
#             components = { schemas = { Order = { type = "object", required = ["id"], properties = { id = { type = "string" } } } } }
#           })
#         }
package apigw.rules.openapi.request_validation

import data.apigw.lib.model
import data.apigw.lib.result

# METADATA
# description: An operation of a parsed OpenAPI body that accepts a request body and has no validator, own or top-level.
deny contains result.fail(
	rego.metadata.chain(),
	api,
	concat("", [
		"REST API ",
		api.address,
		" does not validate requests to ",
		model.openapi_method(operation),
		" ",
		operation.path,
		": the operation accepts a request body but neither it nor the top level of the OpenAPI body sets",
		" x-amazon-apigateway-request-validator, so malformed payloads reach the backend.",
	]),
	array.flatten([
		["body", "body_document.request_validator"],
		model.openapi_unknown_fact_paths(api, i, "request_validator"),
		model.openapi_unknown_fact_paths(api, i, "accepts_body"),
	]),
) if {
	some api in input.resources.aws_api_gateway_rest_api
	api.values.body_document.state == "parsed"
	not _named(api.values.body_document.request_validator)
	some i, operation in api.values.body_document.operations
	operation.accepts_body
	not _named(operation.request_validator)
}

# METADATA
# description: An OpenAPI body known only after apply, or one the model cannot read, whose validators cannot be judged.
deny contains result.fail(
	rego.metadata.chain(),
	api,
	concat("", ["REST API ", api.address, " may not validate requests in its OpenAPI body."]),
	["body"],
) if {
	some api in input.resources.aws_api_gateway_rest_api
	api.values.body_document.state == "unknown"
}

_named(validator) if {
	is_string(validator)
	validator != ""
}
