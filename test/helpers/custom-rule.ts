/** Custom rules written by tests: the `# METADATA` block every rule needs (src/engine/metadata.ts reads it). */

export interface CustomRuleIdentity {
  id: string;
  title: string;
  description: string;
  severity: "critical" | "high" | "medium" | "low" | "info";
  /** The one resource type the rule judges (its only subject and related resource). */
  subject: string;
  /** The rule's package under apigw.rules.custom. */
  name: string;
}

/** The METADATA block and package line of a custom rule of family CUSTOM that judges REST resources. */
export function customRuleHeader(rule: CustomRuleIdentity): string {
  return `# METADATA
# title: ${rule.title}
# description: ${rule.description}
# related_resources:
#   - description: ${rule.subject} (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/${rule.subject.replace(/^aws_/, "")}
# custom:
#   id: ${rule.id}
#   severity: ${rule.severity}
#   family: CUSTOM
#   kinds: [REST]
#   subjects: [${rule.subject}]
#   anchors:
#     security_hub: []
#     checkov: []
#     kics: []
#     trivy: []
#     other: []
#   remediation: |
#     Nothing to fix.
package apigw.rules.custom.${rule.name}
`;
}
