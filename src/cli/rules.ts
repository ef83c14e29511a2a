/** `policy-check rules`: the rule list as text (a table) or JSON. */
import type { RuleCatalog, RuleMetadata } from "../engine/rules";

/** Peer controls a rule corresponds to, one string per scanner that has them. */
export function mappedControls(rule: RuleMetadata): string {
  const parts = [
    rule.anchors.security_hub.length > 0 ? `Security Hub ${rule.anchors.security_hub.join(", ")}` : "",
    rule.anchors.checkov.length > 0 ? `Checkov ${rule.anchors.checkov.join(", ")}` : "",
    rule.anchors.kics.length > 0 ? `KICS ${rule.anchors.kics.join(", ")}` : "",
    rule.anchors.trivy.length > 0 ? `Trivy ${rule.anchors.trivy.join(", ")}` : "",
  ].filter((p) => p !== "");
  return parts.length > 0 ? parts.join("; ") : "none (no peer scanner has it)";
}

export function renderRules(catalog: RuleCatalog, format: "text" | "json"): string {
  if (format === "json") {
    const rules = catalog.rules.map((r) => ({
      id: r.id,
      severity: r.severity,
      title: r.title,
      family: r.family,
      kinds: r.kinds,
      subjects: r.subjects,
      anchors: r.anchors,
      doc: `docs/rules/${r.id}.md`,
    }));
    return `${JSON.stringify({ version: catalog.version, rules }, null, 2)}\n`;
  }
  const width = Math.max(...catalog.rules.map((r) => r.title.length), 5);
  const lines = [`${"ID".padEnd(10)} ${"SEVERITY".padEnd(8)} ${"TITLE".padEnd(width)} MAPPED CONTROLS`];
  for (const r of catalog.rules) lines.push(`${r.id.padEnd(10)} ${r.severity.padEnd(8)} ${r.title.padEnd(width)} ${mappedControls(r)}`);
  lines.push("", `${catalog.rules.length} rules`);
  return `${lines.join("\n")}\n`;
}
