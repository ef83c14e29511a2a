# METADATA
# title: Public REST stages are protected by a WAF web ACL
# description: >-
#   A stage of a public (EDGE or REGIONAL) REST API needs a WAF web ACL: an aws_wafv2_web_acl_association or
#   aws_wafregional_web_acl_association whose resource_arn is the stage, or a known web_acl_arn on the stage.
#   Without one, injection payloads, known-bad inputs, scanners and request floods reach the integration
#   unfiltered. Stages of PRIVATE APIs are exempt by default (parameter exempt_private_apis).
# related_resources:
#   - description: AWS Security Hub APIGateway.4
#     ref: https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-4
#   - description: Checkov CKV2_AWS_29
#     ref: https://github.com/bridgecrewio/checkov/blob/main/checkov/terraform/checks/graph_checks/aws/APIProtectedByWAF.yaml
#   - description: KICS API Gateway without WAF
#     ref: https://docs.kics.io/latest/queries/terraform-queries/aws/a186e82c-1078-4a7b-85d8-579561fde884/
#   - description: aws_wafv2_web_acl_association (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/wafv2_web_acl_association
# custom:
#   id: APIGW-201
#   severity: medium
#   kinds: [REST]
#   subjects: [aws_api_gateway_stage]
#   parameters:
#     exempt_private_apis:
#       type: boolean
#       default: true
#       description: Stages of PRIVATE APIs (reachable only through VPC endpoints) need no WAF.
#   anchors:
#     security_hub: [APIGateway.4]
#     checkov: [CKV2_AWS_29]
#     kics: [API Gateway without WAF]
#     trivy: []
#     other: []
#   remediation: |
#     Associate a regional WAFv2 web ACL with the stage:
#
#         resource "aws_wafv2_web_acl" "api" {
#           name  = "api"
#           scope = "REGIONAL"
#           default_action {
#             allow {}
#           }
#           rule {
#             name     = "aws-common"
#             priority = 1
#             override_action {
#               none {}
#             }
#             statement {
#               managed_rule_group_statement {
#                 name        = "AWSManagedRulesCommonRuleSet"
#                 vendor_name = "AWS"
#               }
#             }
#             visibility_config {
#               cloudwatch_metrics_enabled = true
#               metric_name                = "aws-common"
#               sampled_requests_enabled   = true
#             }
#           }
#           visibility_config {
#             cloudwatch_metrics_enabled = true
#             metric_name                = "api"
#             sampled_requests_enabled   = true
#           }
#         }
#
#         resource "aws_wafv2_web_acl_association" "prod" {
#           resource_arn = aws_api_gateway_stage.prod.arn
#           web_acl_arn  = aws_wafv2_web_acl.api.arn
#         }
package apigw.rules.edge.rest_stage_waf

import data.apigw.lib.model
import data.apigw.lib.parent
import data.apigw.lib.result
import data.apigw.lib.waf

# METADATA
# description: A stage with no WAF association and no known web ACL, unless its API is PRIVATE and exempt.
deny contains result.fail(
	rego.metadata.chain(),
	stage,
	concat("", [
		"Stage ",
		stage.address,
		" has no WAF web ACL: no aws_wafv2_web_acl_association or aws_wafregional_web_acl_association targets it, so attacks reach the backend unfiltered.",
	]),
	array.concat(web_acl.paths, _exemption_paths(stage)),
) if {
	some each in input.resources.aws_api_gateway_stage
	stage := parent.judged(each)
	web_acl := waf.stage_web_acl(stage)
	not web_acl.guarded
	not _exempt(stage)
}

# Whether stages of PRIVATE APIs are exempt (parameter exempt_private_apis).
_exempt_private_apis := model.parameter(rego.metadata.chain(), "exempt_private_apis")

_exempt(stage) if {
	_exempt_private_apis
	model.private_api(model.rest_api(stage))
}

# With the exemption on, the finding also depends on the stage's API and whether it is PRIVATE.
_exemption_paths(stage) := array.concat(
	["links.rest_api"],
	[pair |
		api := model.rest_api(stage)
		some pair in model.private_api_paths(api)
	],
) if {
	_exempt_private_apis
}

_exemption_paths(_) := [] if not _exempt_private_apis
