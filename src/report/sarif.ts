/**
 * `--format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it. Rules come from the bundle's metadata
 * (RenderOptions.catalog); each finding is a result located in its `.tf` file and line when known, otherwise in
 * the input file, with a fingerprint over (rule, address) so an alert keeps its identity across runs.
 */
import { ruleDocUrl } from "../engine/docs";
import type { RuleMetadata } from "../engine/rules";
import type { Severity } from "../engine/severity";
import { fingerprint, isWaived, type CheckResult, type Finding, type ResolvedFinding } from "../findings";
import { jsonPieces, jsonText, MappedList } from "./json";
import { findingPath } from "./location";
import type { RenderOptions, Reporter } from "./types";

/** GitHub's security-severity convention: critical ≥ 9.0, high 7.0–8.9, medium 4.0–6.9, low 0.1–3.9. */
export const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: "9.5",
  high: "8.0",
  medium: "5.5",
  low: "3.0",
  info: "1.0",
};

type Level = "error" | "warning" | "note";

export function sarifLevel(severity: Severity): Level {
  return severity === "critical" || severity === "high" ? "error" : severity === "medium" ? "warning" : "note";
}

export { fingerprint };

function ruleDescriptor(rule: RuleMetadata): Record<string, unknown> {
  const helpUri = ruleDocUrl(rule);
  const anchors = Object.entries(rule.anchors)
    .filter(([, ids]) => ids.length > 0)
    .map(([scanner, ids]) => `- ${scanner}: ${ids.join(", ")}`);
  const markdown = [
    rule.description,
    "",
    "**How to fix**",
    "",
    rule.remediation,
    ...(anchors.length > 0 ? ["", "**Peer controls**", "", ...anchors] : []),
    ...(rule.related_resources.length > 0 ? ["", "**References**", "", ...rule.related_resources.map((r) => `- [${r.description}](${r.ref})`)] : []),
  ].join("\n");
  return {
    id: rule.id,
    name: rule.id.replace(/-/g, ""),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    // The rule's page (built-in rules: docs/rules/<ID>.md at the installed version's tag).
    ...(helpUri === null ? {} : { helpUri }),
    help: { text: `${rule.description}\n\nHow to fix:\n${rule.remediation}`, markdown },
    defaultConfiguration: { level: sarifLevel(rule.severity) },
    properties: {
      tags: ["security", "terraform", "aws-api-gateway", rule.family.toLowerCase(), ...rule.kinds.map((k) => k.toLowerCase())],
      precision: "high",
      "security-severity": SECURITY_SEVERITY[rule.severity],
    },
  };
}

function resultFor(result: CheckResult, f: Finding, ruleIndex: Map<string, number>): Record<string, unknown> {
  const file = findingPath(result, f);
  const line = f.source?.line;
  const index = ruleIndex.get(f.rule_id);
  return {
    ruleId: f.rule_id,
    ...(index === undefined ? {} : { ruleIndex: index }),
    // An unverifiable report is informational: it never blocks and must not raise a code-scanning error.
    level: f.unknown ? "note" : sarifLevel(f.severity),
    message: { text: f.message },
    locations: [
      {
        ...(file === null
          ? {}
          : {
              // GitHub requires a region; without a known line the finding points at the top of the input file.
              physicalLocation: { artifactLocation: { uri: encodeURI(file) }, region: { startLine: line ?? 1 } },
            }),
        logicalLocations: [
          {
            fullyQualifiedName: f.address,
            kind: "resource",
            ...(f.source?.construct_path === undefined ? {} : { decoratedName: f.source.construct_path }),
          },
        ],
      },
    ],
    partialFingerprints: { "policyCheck/ruleAddress/v1": fingerprint(f) },
    // With --baseline: known findings are "unchanged", the others "new".
    ...(result.baseline === undefined ? {} : { baselineState: f.baselined === true ? "unchanged" : "new" }),
    // A finding an active waiver covers is an accepted risk: code scanning shows it as dismissed.
    ...(f.waiver !== undefined && isWaived(f)
      ? {
          suppressions: [
            {
              kind: "external",
              state: "accepted",
              justification: `${f.waiver.reason} (${f.waiver.source}${f.waiver.peer === undefined ? "" : `, ${f.waiver.peer.scanner} ${f.waiver.peer.id}`})`,
            },
          ],
        }
      : {}),
    // Before against after (plans): new when the change introduces it, unchanged when it was already there.
    // A --baseline file, when given, is what the user compares with (above).
    ...(result.baseline !== undefined || f.change === undefined || result.review?.comparable !== true
      ? {}
      : { baselineState: f.change === "introduced" ? "new" : "unchanged" }),
    properties: {
      severity: f.severity,
      unverifiable: f.unknown,
      address: f.address,
      ...(f.baselined === true ? { baselined: true } : {}),
      ...(f.input === undefined ? {} : { input: f.input }),
    },
  };
}

/**
 * A finding the change resolves: SARIF's `absent` (in the baseline, not in this run). It is a pass, not a
 * problem, so code scanning raises no alert for it; it carries the same fingerprint as the alert it closes.
 */
function resolvedResult(result: CheckResult, r: ResolvedFinding, ruleIndex: Map<string, number>): Record<string, unknown> {
  const finding: Finding = { ...r, remediation: "", source: null };
  const { level: _level, ...rest } = resultFor(result, finding, ruleIndex);
  return {
    ...rest,
    kind: "pass",
    level: "none",
    message: { text: `Resolved by this change (${r.resolution === "deleted" ? "resource deleted" : "fixed"}): ${r.message}` },
    baselineState: "absent",
  };
}

/** The log; its results are put in SARIF shape as they are written. */
function sarifLog(result: CheckResult, { catalog }: RenderOptions): Record<string, unknown> {
  // Every rule of the bundle, by ID, so ruleIndex and the rule list are the same in every run.
  const rules = [...(catalog?.rules ?? [])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const resolved = new Set<Finding | ResolvedFinding>(result.review?.resolved ?? []);
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "policy-check",
            fullName: "policy-check: Amazon API Gateway checks for Terraform plans",
            version: result.version,
            semanticVersion: result.version,
            rules: rules.map(ruleDescriptor),
          },
        },
        columnKind: "utf16CodeUnits",
        results: new MappedList<Finding | ResolvedFinding>(
          resolved.size === 0 ? result.findings : [...result.findings, ...resolved],
          (item) => (resolved.has(item) ? resolvedResult(result, item as ResolvedFinding, ruleIndex) : resultFor(result, item as Finding, ruleIndex)),
          // Texts the same in many results: a rule's ID and level, the input file, the location's kind.
          ["ruleId", "level", "uri", "kind", "severity"],
        ),
        properties: {
          summary: result.summary,
          ...(result.configuration === undefined ? {} : { configuration: result.configuration }),
          ...(result.baseline === undefined ? {} : { baseline: result.baseline }),
        },
      },
    ],
  };
}

export const sarifReporter: Reporter = {
  name: "sarif",
  render: (result, options) => jsonText(sarifLog(result, options)),
  // The log, its runs and the run member by member; each result whole (a run of 100,000 findings is never one string).
  pieces: (result, options) => jsonPieces(sarifLog(result, options), 3),
};
