/** `policy-check rules`: the rule list as text (a table) or JSON, each rule with its page; `policy-check explain`: one page. */
import { builtInRuleId, ruleDocUrl, rulePage } from "../engine/docs";
import type { RuleCatalog, RuleMetadata } from "../engine/rules";
import { PolicyCheckError } from "../errors";
import { printable } from "../printable";

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
      doc_url: ruleDocUrl(r),
    }));
    return `${JSON.stringify({ version: catalog.version, rules }, null, 2)}\n`;
  }
  const width = Math.max(...catalog.rules.map((r) => r.title.length), 5);
  const urls = new Map(catalog.rules.map((r) => [r.id, ruleDocUrl(r) ?? "-"]));
  const urlWidth = Math.max(...[...urls.values()].map((u) => u.length), 4);
  const lines = [`${"ID".padEnd(10)} ${"SEVERITY".padEnd(8)} ${"TITLE".padEnd(width)} ${"DOCS".padEnd(urlWidth)} MAPPED CONTROLS`];
  for (const r of catalog.rules) {
    lines.push(
      `${r.id.padEnd(10)} ${r.severity.padEnd(8)} ${r.title.padEnd(width)} ${(urls.get(r.id) ?? "-").padEnd(urlWidth)} ${mappedControls(r)}`,
    );
  }
  lines.push("", `${catalog.rules.length} rules; policy-check explain ID prints a rule's page here.`);
  return `${lines.join("\n")}\n`;
}

/**
 * `policy-check explain ID`: the rule's page as shipped with this version (the package's docs/rules, or the
 * binary's embedded copy), without the generator's marker comments, then where it is online. IDs are matched
 * case-insensitively.
 */
export function renderExplain(id: string): string {
  const known = builtInRuleId(id);
  if (known === null) {
    throw new PolicyCheckError("USAGE", `unknown rule ID ${printable(id.trim())}: no built-in rule has it (policy-check rules lists them)`);
  }
  const page = rulePage(known)
    .split("\n")
    .filter((line) => !/^<!--.*-->$/.test(line.trim()))
    .join("\n")
    .trim();
  const url = ruleDocUrl({ id: known, related_resources: [] });
  return `${page}\n${url === null ? "" : `\nOnline: ${url}\n`}`;
}
