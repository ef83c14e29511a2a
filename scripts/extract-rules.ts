/**
 * extract-rules: turns `opa inspect -a --format json policies` into dist/policy/rules.json, the rule
 * metadata the TypeScript side joins findings with. Fails the build when a rule's METADATA lacks a field.
 *
 * Usage: node dist/scripts/extract-rules.js INSPECT_JSON OUT_JSON
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { RuleAnchors, RuleCatalog, RuleMetadata } from "../src/engine/rules";
import { isSeverity } from "../src/engine/severity";
import { VERSION } from "../src/version";

interface InspectAnnotation {
  annotations: {
    scope?: string;
    title?: string;
    description?: string;
    related_resources?: Array<{ ref?: string; description?: string }>;
    custom?: Record<string, unknown>;
  };
  location: { file: string };
  path: Array<{ type: string; value: string }>;
}

const ANCHOR_KEYS: Array<keyof RuleAnchors> = ["security_hub", "checkov", "kics", "trivy", "other"];

function strings(value: unknown): string[] | null {
  return Array.isArray(value) && value.every((v) => typeof v === "string") ? (value as string[]) : null;
}

export function extractRules(inspect: { annotations?: InspectAnnotation[] }, root: string): RuleCatalog {
  const problems: string[] = [];
  const rules: RuleMetadata[] = [];
  for (const entry of inspect.annotations ?? []) {
    const a = entry.annotations;
    const custom = a.custom ?? {};
    if (a.scope !== "package" || custom["id"] === undefined) continue;
    const file = path.isAbsolute(entry.location.file) ? path.relative(root, entry.location.file) : entry.location.file;
    const where = `${file}: ${String(custom["id"])}`;
    const anchorsRaw = (custom["anchors"] ?? {}) as Record<string, unknown>;
    const anchors = {} as RuleAnchors;
    for (const key of ANCHOR_KEYS) {
      const list = strings(anchorsRaw[key] ?? []);
      if (list === null) problems.push(`${where}: custom.anchors.${key} must be a list of strings`);
      anchors[key] = list ?? [];
    }
    const severity = custom["severity"];
    const kinds = strings(custom["kinds"]);
    const subjects = strings(custom["subjects"]);
    // Custom rules (policy-check build --policy-dir) use their own prefix: ACME-001.
    if (typeof custom["id"] !== "string" || !/^[A-Z][A-Z0-9]*-\d{3}$/.test(custom["id"])) problems.push(`${where}: custom.id must look like APIGW-123 (custom rules: ACME-123)`);
    if (a.title === undefined) problems.push(`${where}: title is missing`);
    if (a.description === undefined) problems.push(`${where}: description is missing`);
    if (!isSeverity(severity)) problems.push(`${where}: custom.severity must be one of critical, high, medium, low, info`);
    if (typeof custom["family"] !== "string") problems.push(`${where}: custom.family is missing`);
    if (kinds === null) problems.push(`${where}: custom.kinds must be a list`);
    if (subjects === null) problems.push(`${where}: custom.subjects must be a list`);
    if (typeof custom["remediation"] !== "string") problems.push(`${where}: custom.remediation is missing`);
    if ((a.related_resources ?? []).length === 0) problems.push(`${where}: related_resources is empty`);
    if (!isSeverity(severity)) continue;
    rules.push({
      id: String(custom["id"]),
      title: a.title ?? "",
      description: a.description ?? "",
      severity,
      family: String(custom["family"]),
      kinds: kinds ?? [],
      subjects: subjects ?? [],
      remediation: String(custom["remediation"] ?? "").trimEnd(),
      anchors,
      related_resources: (a.related_resources ?? []).map((r) => ({ description: r.description ?? "", ref: r.ref ?? "" })),
      package: entry.path.slice(1).map((p) => p.value).join("."),
      path: path.dirname(file),
    });
  }
  const seen = new Set<string>();
  for (const rule of rules) {
    if (seen.has(rule.id)) problems.push(`${rule.path}: duplicate rule ID ${rule.id}`);
    seen.add(rule.id);
  }
  if (problems.length > 0) throw new Error(`rule metadata is incomplete:\n  ${problems.join("\n  ")}`);
  rules.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { version: VERSION, rules };
}

if (require.main === module) {
  const [input, output] = process.argv.slice(2);
  if (input === undefined || output === undefined) {
    process.stderr.write("usage: extract-rules INSPECT_JSON OUT_JSON\n");
    process.exit(2);
  }
  try {
    const catalog = extractRules(JSON.parse(readFileSync(input, "utf8")), path.resolve(__dirname, "..", ".."));
    writeFileSync(output, `${JSON.stringify(catalog, null, 2)}\n`);
    process.stdout.write(`build-policies: ${catalog.rules.length} rules\n`);
  } catch (error) {
    process.stderr.write(`build-policies: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
