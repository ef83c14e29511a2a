/**
 * Rule metadata: turns `opa inspect -a --format json` of the policies into the rule catalog (rules.json) the
 * TypeScript side joins findings with. The compile step (./bundle.ts) runs it for the built-in and custom rules
 * alike; it fails the build when a rule's METADATA lacks a field.
 */
import path from "node:path";
import { validate, type Schema } from "../json-schema";
import type { RuleAnchors, RuleCatalog, RuleMetadata, RuleParameter } from "./rules";
import { isSeverity } from "./severity";
import { VERSION } from "../version";

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

/** The JSON Schema keywords a parameter may declare: what src/json-schema.ts validates, and its meaning. */
const PARAMETER_KEYWORDS = new Set([
  "type",
  "enum",
  "items",
  "minItems",
  "minLength",
  "pattern",
  "properties",
  "additionalProperties",
  "required",
  "description",
  "default",
]);
const PARAMETER_TYPES = new Set(["string", "number", "integer", "boolean", "array", "object"]);

/**
 * `custom.parameters` of a rule: name → {type, default, description, constraints}. Each must be complete and
 * its default valid against its own declaration, so the generated configuration schema accepts the defaults.
 */
function parameters(raw: unknown, where: string, problems: string[]): Record<string, RuleParameter> {
  const out: Record<string, RuleParameter> = {};
  if (raw === undefined) return out;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    problems.push(`${where}: custom.parameters must map parameter names to declarations`);
    return out;
  }
  for (const [name, value] of Object.entries(raw)) {
    const at = `${where}: custom.parameters.${name}`;
    if (!/^[a-z][a-z0-9_]*$/.test(name)) problems.push(`${at}: name it in snake_case (letters, digits, _)`);
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      problems.push(`${at}: must be a declaration (type, default, description)`);
      continue;
    }
    const declaration = value as Record<string, unknown>;
    const unknownKeys = Object.keys(declaration).filter((k) => !PARAMETER_KEYWORDS.has(k));
    if (unknownKeys.length > 0) problems.push(`${at}: unsupported keyword ${unknownKeys.join(", ")} (use ${[...PARAMETER_KEYWORDS].join(", ")})`);
    if (typeof declaration["type"] !== "string" || !PARAMETER_TYPES.has(declaration["type"]))
      problems.push(`${at}: type must be one of ${[...PARAMETER_TYPES].join(", ")}`);
    if (typeof declaration["description"] !== "string" || declaration["description"].trim() === "") problems.push(`${at}: description is missing`);
    if (!("default" in declaration) || declaration["default"] === null) {
      problems.push(`${at}: default is missing`);
    } else if (unknownKeys.length === 0) {
      for (const problem of validate(declaration as Schema, declaration["default"])) {
        problems.push(`${at}: default${problem.path.map((p) => `[${JSON.stringify(p)}]`).join("")} ${problem.message}`);
      }
    }
    out[name] = declaration as RuleParameter;
  }
  return out;
}

/** The family of a rule in package apigw.rules.<family>.<name>: LOG for apigw.rules.log.access_log_format. */
export function familyOf(pkg: string): string | null {
  const parts = pkg.split(".");
  return parts.length === 4 && parts[0] === "apigw" && parts[1] === "rules" ? (parts[2] as string).toUpperCase() : null;
}

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
    if (typeof custom["id"] !== "string" || !/^[A-Z][A-Z0-9]*-\d{3}$/.test(custom["id"]))
      problems.push(`${where}: custom.id must look like APIGW-123 (custom rules: ACME-123)`);
    if (a.title === undefined) problems.push(`${where}: title is missing`);
    if (a.description === undefined) problems.push(`${where}: description is missing`);
    if (!isSeverity(severity)) problems.push(`${where}: custom.severity must be one of critical, high, medium, low, info`);
    const pkg = entry.path
      .slice(1)
      .map((p) => p.value)
      .join(".");
    const family = familyOf(pkg);
    // The family is the package's (and the folder's): written once. custom.family, from rules scaffolded by
    // policy-check 1.0.0, is tolerated only when it says the same.
    if (family === null) problems.push(`${where}: package ${pkg} must be apigw.rules.<family>.<name>`);
    else if (custom["family"] !== undefined && custom["family"] !== family)
      problems.push(
        `${where}: custom.family ${String(custom["family"])} disagrees with the package's family ${family}; remove custom.family (the package names the family)`,
      );
    const declared = parameters(custom["parameters"], where, problems);
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
      family: family ?? "",
      kinds: kinds ?? [],
      subjects: subjects ?? [],
      remediation: String(custom["remediation"] ?? "").trimEnd(),
      parameters: declared,
      anchors,
      related_resources: (a.related_resources ?? []).map((r) => ({ description: r.description ?? "", ref: r.ref ?? "" })),
      package: pkg,
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
