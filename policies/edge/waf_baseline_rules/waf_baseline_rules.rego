# METADATA
# title: Web ACLs guarding an API carry baseline protections
# description: >-
#   A WAFv2 web ACL associated with a REST API stage in the input needs the AWS managed rule group
#   AWSManagedRulesCommonRuleSet or AWSManagedRulesKnownBadInputsRuleSet (at any depth of its rules) and a
#   rule with a rate_based_statement. An ACL without them is attached but filters nothing that matters: OWASP
#   style injection payloads, Log4Shell-type known bad inputs and single-source floods reach the backend, while
#   the stage looks protected to APIGW-201 and to reviewers.
# related_resources:
#   - description: Checkov CKV2_AWS_77 (API Gateway WAFv2 web ACL has the AWS managed rules for Log4j)
#     ref: https://github.com/bridgecrewio/checkov/blob/main/checkov/terraform/checks/graph_checks/aws/APIGatewayWebACLConfiguredWIthLog4jVulnerability.yaml
#   - description: AWS Managed Rules baseline rule groups (AWS WAF developer guide)
#     ref: https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-baseline.html
#   - description: Rate-based rule statement (AWS WAF developer guide)
#     ref: https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based.html
#   - description: aws_wafv2_web_acl (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/wafv2_web_acl
# custom:
#   id: APIGW-202
#   severity: medium
#   kinds: [REST]
#   subjects: [aws_wafv2_web_acl]
#   anchors:
#     security_hub: []
#     checkov: [CKV2_AWS_77]
#     kics: []
#     trivy: []
#     other: []
#   remediation: |
#     Add an AWS managed baseline rule group and a rate-based rule to the web ACL:
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
#           rule {
#             name     = "rate-limit"
#             priority = 2
#             action {
#               block {}
#             }
#             statement {
#               rate_based_statement {
#                 limit              = 2000
#                 aggregate_key_type = "IP"
#               }
#             }
#             visibility_config {
#               cloudwatch_metrics_enabled = true
#               metric_name                = "rate-limit"
#               sampled_requests_enabled   = true
#             }
#           }
#           visibility_config {
#             cloudwatch_metrics_enabled = true
#             metric_name                = "api"
#             sampled_requests_enabled   = true
#           }
#         }
package apigw.rules.edge.waf_baseline_rules

import data.apigw.lib.result
import data.apigw.lib.waf

# METADATA
# description: A web ACL guarding a stage in the input (or possibly guarding one) that lacks a baseline managed rule group or a rate-based rule.
deny contains result.fail(
	rego.metadata.chain(),
	acl,
	concat("", [
		"Web ACL ",
		acl.address,
		" guards ",
		_guarded_text(acl),
		" but lacks ",
		concat(" and ", missing),
		", so injection payloads, known bad inputs or request floods reach the API unfiltered.",
	]),
	array.concat(["managed_rule_groups", "has_rate_based_rule"], waf.acl_stage_paths(acl)),
) if {
	some acl in input.resources.aws_wafv2_web_acl
	waf.possibly_guards_stage(acl)
	missing := _missing(acl)
	count(missing) > 0
}

_baseline_groups := {"AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"}

_missing(acl) := array.concat(
	["a baseline managed rule group (AWSManagedRulesCommonRuleSet or AWSManagedRulesKnownBadInputsRuleSet)" |
		not _has_baseline_group(acl)
	],
	["a rate_based_statement rule" | not acl.values.has_rate_based_rule == true],
)

_has_baseline_group(acl) if {
	some group in acl.values.managed_rule_groups
	group in _baseline_groups
}

_guarded_text(acl) := concat("", ["stage ", concat(", ", waf.acl_stages(acl))]) if count(waf.acl_stages(acl)) > 0

_guarded_text(acl) := "a REST API stage in the input (possibly)" if count(waf.acl_stages(acl)) == 0
