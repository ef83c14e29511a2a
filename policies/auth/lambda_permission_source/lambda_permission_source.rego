# METADATA
# title: API Gateway may invoke a Lambda function only from its own API
# description: >-
#   An aws_lambda_permission for principal apigateway.amazonaws.com needs a source_arn that names one API: an
#   execute-api ARN (arn:aws:execute-api:REGION:ACCOUNT:API_ID/...) whose API ID is not a wildcard, or a reference
#   to an API or stage in the input. Without it, any API Gateway API in any account can be pointed at the function
#   and invoke it (the confused deputy problem): the function runs for callers your API never authorized.
# related_resources:
#   - description: Checkov CKV_AWS_364
#     ref: https://github.com/bridgecrewio/checkov/blob/main/checkov/terraform/checks/resource/aws/LambdaServicePermission.py
#   - description: Trivy AVD-AWS-0067
#     ref: https://avd.aquasec.com/misconfig/aws/lambda/avd-aws-0067/
#   - description: aws_lambda_permission (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lambda_permission
# custom:
#   id: APIGW-107
#   severity: high
#   kinds: [REST, HTTP, WS]
#   subjects: [aws_lambda_permission]
#   anchors:
#     security_hub: []
#     checkov: [CKV_AWS_364]
#     kics: []
#     trivy: [AVD-AWS-0067]
#     other: []
#   remediation: |
#     Limit the permission to your API's execution ARN (optionally to one stage, method and path):
#
#         resource "aws_lambda_permission" "api" {
#           statement_id  = "AllowInvokeFromOrdersApi"
#           action        = "lambda:InvokeFunction"
#           function_name = aws_lambda_function.orders.function_name
#           principal     = "apigateway.amazonaws.com"
#           # This API only; narrow further with a stage, method and path: /prod/POST/orders
#           source_arn    = "${aws_api_gateway_rest_api.api.execution_arn}/*/*"
#         }
package apigw.rules.auth.lambda_permission_source

import data.apigw.lib.model
import data.apigw.lib.result

# METADATA
# description: A permission for API Gateway whose source_arn does not name one API.
deny contains result.fail(
	rego.metadata.chain(),
	permission,
	concat("", ["Lambda permission ", permission.address, " lets API Gateway invoke the function ", _problem(permission), "."]),
	["principal", "source_arn"],
) if {
	some permission in input.resources.aws_lambda_permission
	_possibly_api_gateway(permission)
	not _names_one_api(permission)
}

_possibly_api_gateway(permission) if permission.values.principal == "apigateway.amazonaws.com"

_possibly_api_gateway(permission) if model.unknown(permission, "principal")

# A known execute-api ARN whose API ID has no wildcard.
_names_one_api(permission) if {
	is_string(permission.values.source_api_id)
	not _wildcarded(permission)
}

# A reference to an API or stage in the input (the model resolved the link), when no known ARN says otherwise.
_names_one_api(permission) if {
	_linked_to_api(permission)
	permission.values.source_api_id == null
}

_linked_to_api(permission) if permission.links.rest_api.state == "resolved"

_linked_to_api(permission) if permission.links.v2_api.state == "resolved"

# `*` or `?` in the API ID position matches many APIs (IAM wildcards). Not a regular expression: opa-wasm
# compiles one again in every evaluation.
_wildcarded(permission) if {
	is_string(permission.values.source_api_id)
	some wildcard in ["*", "?"]
	contains(permission.values.source_api_id, wildcard)
}

_problem(permission) := "from any API in any account: source_arn is not set" if {
	permission.values.source_arn == null
	not model.unknown(permission, "source_arn")
} else := "from any API: the API ID in its source_arn is a wildcard" if {
	_wildcarded(permission)
} else := "through any API: its source_arn is not the execute-api ARN of one API"
