# METADATA
# title: WAF web ACLs guarding REST stages log their traffic
# description: >-
#   A WAFv2 web ACL associated with a REST API stage needs an aws_wafv2_web_acl_logging_configuration. Without
#   one, the requests the ACL blocked or let through leave no record: an attack cannot be investigated, and
#   rules cannot be tuned from what they matched (CloudWatch metrics and sampled requests keep counts and a
#   three-hour sample, not the requests). A web ACL that is not in the input (an association naming it by a
#   literal ARN or a variable) is unverifiable unless a logging configuration in the input names that ARN.
# related_resources:
#   - description: Checkov CKV2_AWS_31
#     ref: https://github.com/bridgecrewio/checkov/blob/main/checkov/terraform/checks/graph_checks/aws/WAF2HasLogs.yaml
#   - description: Logging web ACL traffic (AWS WAF developer guide)
#     ref: https://docs.aws.amazon.com/waf/latest/developerguide/logging.html
#   - description: aws_wafv2_web_acl_logging_configuration (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/wafv2_web_acl_logging_configuration
# custom:
#   id: APIGW-205
#   severity: medium
#   kinds: [REST]
#   subjects: [aws_wafv2_web_acl, aws_wafv2_web_acl_association]
#   anchors:
#     security_hub: []
#     checkov: [CKV2_AWS_31]
#     kics: []
#     trivy: []
#     other: []
#   remediation: |
#     Send the web ACL's logs to a CloudWatch Logs log group (its name must start with aws-waf-logs-), a
#     Kinesis Data Firehose stream or an S3 bucket:
#
#         resource "aws_cloudwatch_log_group" "waf" {
#           name              = "aws-waf-logs-api"
#           retention_in_days = 90
#         }
#
#         resource "aws_wafv2_web_acl_logging_configuration" "api" {
#           resource_arn            = aws_wafv2_web_acl.api.arn
#           log_destination_configs = [aws_cloudwatch_log_group.waf.arn]
#         }
package apigw.rules.edge.waf_logging

import data.apigw.lib.parent
import data.apigw.lib.result
import data.apigw.lib.waf

# METADATA
# description: >-
#   A web ACL in the input that guards a REST stage (or may) and that no logging configuration names (or one
#   may: a configuration whose resource_arn the plan cannot place makes the finding unverifiable).
deny contains result.fail(
	rego.metadata.chain(),
	acl,
	concat("", [
		"Web ACL ",
		acl.address,
		" guards ",
		_guarded_text(acl),
		" but has no logging configuration (no aws_wafv2_web_acl_logging_configuration names it), so the requests it blocks or lets through leave no record to investigate an attack or tune its rules.",
	]),
	array.concat(["links.logging_configurations"], waf.acl_stage_paths(acl)),
) if {
	some acl in input.resources.aws_wafv2_web_acl
	waf.possibly_guards_stage(acl)
	count(waf.logging_configurations(acl)) == 0
}

# METADATA
# description: >-
#   An association of a REST stage (or possibly of one) with a web ACL that is not in the input, when no logging
#   configuration in the input names the ACL's ARN: whether it logs is out of sight (lib/parent.rego).
deny contains result.fail(
	rego.metadata.chain(),
	association,
	concat("", [
		"Web ACL association ",
		association.address,
		" guards ",
		_stage_text(association),
		" with a web ACL that may have no logging configuration, so the requests it blocks or lets through would leave no record to investigate an attack or tune its rules.",
	]),
	["links.web_acl", "links.stage"],
) if {
	some each in input.resources.aws_wafv2_web_acl_association
	association := parent.outside_web_acl(each)
	association.links.stage.state != "absent"
	association.links.web_acl_logging.state != "resolved"
}

_guarded_text(acl) := concat("", ["stage ", concat(", ", waf.acl_stages(acl))]) if count(waf.acl_stages(acl)) > 0

_guarded_text(acl) := "a REST API stage in the input (possibly)" if count(waf.acl_stages(acl)) == 0

_stage_text(association) := concat("", ["stage ", association.links.stage.target]) if association.links.stage.state == "resolved"

_stage_text(association) := "a REST API stage in the input (possibly)" if association.links.stage.state == "uncertain"
