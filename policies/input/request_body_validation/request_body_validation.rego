# METADATA
# title: Methods that accept a body validate it
# description: >-
#   An aws_api_gateway_method with http_method POST, PUT or PATCH needs request_validator_id pointing at an
#   aws_api_gateway_request_validator with validate_request_body = true (or plausibly at one: a validator managed
#   outside the input). Without body validation API Gateway passes any payload (wrong types, missing fields,
#   oversized or unexpected properties) to the backend, which must then reject injection and mass-assignment
#   attempts on its own; a request model checked at the edge rejects them before they cost a backend call.
# related_resources:
#   - description: Checkov CKV2_AWS_53
#     ref: https://github.com/bridgecrewio/checkov/blob/main/checkov/terraform/checks/graph_checks/aws/APIGatewayRequestParameterValidationEnabled.yaml
#   - description: Request validation in API Gateway (API Gateway developer guide)
#     ref: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html
#   - description: aws_api_gateway_request_validator (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_request_validator
# custom:
#   id: APIGW-701
#   severity: medium
#   kinds: [REST]
#   subjects: [aws_api_gateway_method]
#   anchors:
#     security_hub: []
#     checkov: [CKV2_AWS_53]
#     kics: []
#     trivy: []
#     other: []
#   remediation: |
#     Attach a validator that checks the body, and a request model describing it:
#
#         resource "aws_api_gateway_request_validator" "body" {
#           rest_api_id                 = aws_api_gateway_rest_api.api.id
#           name                        = "body-and-parameters"
#           validate_request_body       = true
#           validate_request_parameters = true
#         }
#
#         resource "aws_api_gateway_model" "order" {
#           rest_api_id  = aws_api_gateway_rest_api.api.id
#           name         = "Order"
#           content_type = "application/json"
#           schema = jsonencode({
#             "$schema"            = "http://json-schema.org/draft-04/schema#"
#             type                 = "object"
#             required             = ["item", "quantity"]
#             additionalProperties = false
#             properties = {
#               item     = { type = "string", maxLength = 64 }
#               quantity = { type = "integer", minimum = 1 }
#             }
#           })
#         }
#
#         resource "aws_api_gateway_method" "post_orders" {
#           rest_api_id          = aws_api_gateway_rest_api.api.id
#           resource_id          = aws_api_gateway_resource.orders.id
#           http_method          = "POST"
#           authorization        = "AWS_IAM"
#           request_validator_id = aws_api_gateway_request_validator.body.id
#           request_models       = { "application/json" = aws_api_gateway_model.order.name }
#         }
package apigw.rules.input.request_body_validation

import data.apigw.lib.model
import data.apigw.lib.result

_body_methods := {"POST", "PUT", "PATCH"}

# METADATA
# description: A POST, PUT or PATCH method without a request validator.
deny contains result.fail(
	rego.metadata.chain(),
	method,
	concat("", [
		"Method ",
		method.address,
		" accepts a request body but has no request validator (request_validator_id is not set): API Gateway passes any payload to the backend unchecked.",
	]),
	["http_method", "request_validator_id"],
) if {
	some method in input.resources.aws_api_gateway_method
	_possibly_body_method(method)
	not model.present(method, "request_validator_id")
}

# METADATA
# description: A POST, PUT or PATCH method whose request validator does not validate the body.
deny contains result.fail(
	rego.metadata.chain(),
	method,
	concat("", [
		"Method ",
		method.address,
		" accepts a request body but its request validator ",
		validator.address,
		" does not validate it (validate_request_body is not true): API Gateway passes any payload to the backend unchecked.",
	]),
	["http_method", [validator, "validate_request_body"]],
) if {
	some method in input.resources.aws_api_gateway_method
	_possibly_body_method(method)
	validator := model.request_validator(method)
	validator.values.validate_request_body != true
}

# METADATA
# description: A POST, PUT or PATCH method whose request validator the plan cannot identify among several.
deny contains result.fail(
	rego.metadata.chain(),
	method,
	concat("", [
		"Method ",
		method.address,
		" accepts a request body and the plan cannot tell which request validator it uses, or whether that validator checks the body.",
	]),
	["http_method", "links.request_validator"],
) if {
	some method in input.resources.aws_api_gateway_method
	_possibly_body_method(method)
	model.present(method, "request_validator_id")
	model.unknown(method, "links.request_validator")
}

_possibly_body_method(method) if method.values.http_method in _body_methods

_possibly_body_method(method) if model.unknown(method, "http_method")
