# METADATA
# title: Cached responses are encrypted at rest
# description: >-
#   Method settings that turn on response caching (settings.caching_enabled = true) must also set
#   settings.cache_data_encrypted = true. The stage cache holds full integration responses, often personal
#   or account data; unencrypted, that data sits in plain form on the cache cluster's storage.
# related_resources:
#   - description: AWS Security Hub APIGateway.5
#     ref: https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-5
#   - description: Checkov CKV_AWS_308
#     ref: https://github.com/bridgecrewio/checkov/blob/main/checkov/terraform/checks/resource/aws/APIGatewayMethodSettingsCacheEncrypted.py
#   - description: KICS API Gateway Method Settings Cache Not Encrypted
#     ref: https://docs.kics.io/latest/queries/terraform-queries/aws/b7c9a40c-23e4-4a2d-8d39-a3352f10f288
#   - description: Trivy AVD-AWS-0002
#     ref: https://avd.aquasec.com/misconfig/aws/apigateway/avd-aws-0002/
#   - description: aws_api_gateway_method_settings (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_method_settings
# custom:
#   id: APIGW-501
#   severity: medium
#   kinds: [REST]
#   subjects: [aws_api_gateway_method_settings]
#   anchors:
#     security_hub: [APIGateway.5]
#     checkov: [CKV_AWS_308]
#     kics: [API Gateway Method Settings Cache Not Encrypted]
#     trivy: [AVD-AWS-0002]
#     other: []
#   remediation: |
#     Encrypt the cache wherever caching is enabled:
#
#         resource "aws_api_gateway_method_settings" "all" {
#           rest_api_id = aws_api_gateway_rest_api.api.id
#           stage_name  = aws_api_gateway_stage.prod.stage_name
#           method_path = "*/*"
#
#           settings {
#             caching_enabled      = true
#             cache_data_encrypted = true
#             cache_ttl_in_seconds = 300
#           }
#         }
package apigw.rules.data.cache_encryption

import data.apigw.lib.model
import data.apigw.lib.result

# METADATA
# description: Method settings that cache responses without encrypting the cache.
deny contains result.fail(
	rego.metadata.chain(),
	settings,
	concat("", ["Method settings ", settings.address, " enable response caching without settings.cache_data_encrypted = true, so cached responses are stored unencrypted at rest."]),
	["settings", "settings.caching_enabled", "settings.cache_data_encrypted"],
) if {
	some settings in input.resources.aws_api_gateway_method_settings
	_may_cache(settings)
	model.value(settings, "settings.cache_data_encrypted") != true
}

_may_cache(settings) if model.value(settings, "settings.caching_enabled") == true

_may_cache(settings) if model.unknown(settings, "settings.caching_enabled")
