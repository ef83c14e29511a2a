/** Findings and run results as data: what every report format renders and the exit code is computed from. */
import type { Severity } from "./engine/severity";
import { SEVERITIES, atLeast } from "./engine/severity";
import type { SourceLocation } from "./model/types";

export interface Finding {
  rule_id: string;
  severity: Severity;
  title: string;
  /** Terraform address of the subject, with module path and instance key. */
  address: string;
  message: string;
  remediation: string;
  /** True for unverifiable reports: the plan could not prove the resource compliant or not. */
  unknown: boolean;
  source: SourceLocation | null;
  /**
   * What the change does to it (plans only; src/review): `introduced` when what existed before apply did not
   * have it, `existing` when it did. Inputs without a before (HCL, CDKTF) mark everything `existing`.
   */
  change?: FindingChange;
  /** The rule's documentation page (built-in rules: docs/rules/<ID>.md of the installed version); absent when the rule has none. */
  help_uri?: string;
  /** Set when a waiver matches: an active one makes the finding non-blocking; an expired one does not. */
  waiver?: FindingWaiver;
  /** True when `--baseline` lists the finding: known before, reported, never blocking. */
  baselined?: boolean;
  /** The input the finding comes from, when one run judged several (plans, or Terraform roots of a directory). */
  input?: string;
}

export type FindingChange = "introduced" | "existing";

/** A finding of what existed before apply that the change removes: fixed, or its resource deleted. */
export interface ResolvedFinding {
  rule_id: string;
  severity: Severity;
  title: string;
  address: string;
  message: string;
  unknown: boolean;
  /** `fixed`: the resource stays and passes; `deleted`: the change deletes the resource. */
  resolution: "fixed" | "deleted";
}

export type SettingVerdict = "weaker" | "stronger" | "neutral" | "unverifiable";

/** A security-relevant setting the change alters, judged by what the rules know (src/review/settings.ts). */
export interface SettingChange {
  /** The API the resource belongs to (its address), or the resource itself when it belongs to none. */
  api: string;
  address: string;
  /** What the setting is, in words (`authorization`, `TLS policy`, `web ACL`). */
  setting: string;
  /** Values as short text; `(none)` when unset, `(deleted)` when the change deletes the resource, `(known after apply)`. */
  before: string;
  after: string;
  verdict: SettingVerdict;
  /** Why the verdict, in one phrase (`TLS_1_0 allows older protocol versions`). */
  reason: string;
}

/** The comparison of a change's before and after (plans only). */
export interface ChangeReview {
  /** False when the input has no before (HCL, CDKTF): everything is `existing`, nothing resolved or weakened. */
  comparable: boolean;
  resolved: ResolvedFinding[];
  /** Every changed setting the table knows, weaker ones first. */
  settings: SettingChange[];
  /** One graph per API the change touches, for the reports that draw it (Markdown, HTML); not in JSON. */
  graphs?: ApiGraph[];
}

/** A resource in an API's picture: its column (kind) and what the plan does to it. */
export interface GraphNode {
  address: string;
  type: string;
  kind: GraphNodeKind;
  /** From the plan actions: added (create), changed (update), replaced, deleted, or unchanged (no-op). */
  action: GraphNodeAction;
}

export type GraphNodeAction = "added" | "changed" | "replaced" | "deleted" | "unchanged";

/** The picture's columns, left to right. */
export const GRAPH_KINDS = ["api", "stage", "route", "authorizer", "integration", "waf", "domain", "policy", "other"] as const;
export type GraphNodeKind = (typeof GRAPH_KINDS)[number];

/** One API the change touches: its resources and the model's resolved links between them (from → to). */
export interface ApiGraph {
  api: string;
  nodes: GraphNode[];
  edges: { from: string; to: string }[];
}

/** The accepted risk that covers a finding: why, who, until when, and where the waiver is written. */
export interface FindingWaiver {
  reason: string;
  owner: string | null;
  /** Last day (YYYY-MM-DD, UTC) it applies; null when it does not expire. */
  expires: string | null;
  /** `.policy-check.yaml:12`, `main.tf:4` or `tag policy-check:waive on <address>`. */
  source: string;
  /** True when the waiver has expired: the finding blocks again. */
  expired: boolean;
  /** A peer scanner's suppression comment that waives it (`checkov:skip=CKV_AWS_59`), migrated as is. */
  peer?: { scanner: "checkov" | "trivy" | "tfsec"; id: string };
}

/** What the configuration file did to the run, so a report says why a rule is missing or re-graded. */
export interface AppliedConfiguration {
  /** The file, as found or given. */
  file: string;
  /** Rules it disables (`enabled: false`). */
  disabled_rules: string[];
  /** Rules it re-grades (`severity:`), with their new severity. */
  severity_overrides: Record<string, Severity>;
}

/** One baselined finding: its rule, address and SARIF fingerprint (src/report/sarif.ts). */
export interface BaselineEntry {
  rule_id: string;
  address: string;
  fingerprint: string;
}

/** What `--baseline FILE` did: how many findings it covered, and which of its entries no longer occur. */
export interface BaselineReport {
  file: string;
  baselined: number;
  /** Baselined findings this run no longer finds (of rules it evaluated): fixed since the baseline. */
  resolved: BaselineEntry[];
}

/** A waiver that needs attention: expired (no longer waives) or stale (matches no finding). */
export interface WaiverIssue {
  kind: "expired" | "stale";
  rule: string;
  address: string;
  reason: string;
  owner: string | null;
  expires: string | null;
  source: string;
}

export interface Summary {
  /** API Gateway resources that exist after the change and were judged. */
  resources_judged: number;
  findings: number;
  by_severity: Record<Severity, number>;
  unverifiable: number;
  /** Findings an active waiver covers (reported, never blocking). */
  waived: number;
  /** Findings the `--baseline` file lists (reported, never blocking); absent without a baseline. */
  baselined?: number;
  /** Findings at or above `fail_on`: any makes the run fail with exit code 1. */
  blocking: number;
  fail_on: Severity;
  /** Present when the run compared before and after (src/review): counts of each kind of change. */
  change?: ChangeSummary;
}

export interface ChangeSummary {
  comparable: boolean;
  introduced: number;
  resolved: number;
  /** Settings the change makes weaker (and those it makes unverifiable, counted apart). */
  weakened: number;
  unverifiable_settings: number;
  existing: number;
  /** `--fail-on-new`: only introduced findings block. */
  fail_on_new: boolean;
  /** `--fail-on-weakened`: a weakened setting blocks too. */
  fail_on_weakened: boolean;
  /** Weakened settings that block (with `--fail-on-weakened`). */
  blocking_weakened: number;
}

export interface CheckResult {
  version: string;
  input: string;
  /** `--source-dir` as given: the directory `plan+source` locations are relative to. */
  source_dir?: string;
  findings: Finding[];
  summary: Summary;
  /**
   * What was judged, for reports that list passes too (JUnit: one test case per judged subject and rule):
   * every judged resource in judging order, and the rule IDs evaluated (`--rule`, or all).
   */
  judged?: { subjects: JudgedSubject[]; rules: string[] };
  /** Expired and stale waivers; empty when every waiver matched and is in force. */
  waiver_issues?: WaiverIssue[];
  /** The configuration file applied, and what it changed; absent when none applied. */
  configuration?: AppliedConfiguration;
  /** The `--baseline` applied; absent without one. */
  baseline?: BaselineReport;
  /** Every input judged, when there were several (`input` then names them joined). */
  inputs?: string[];
  /** Before against after: resolved findings and changed settings (src/review). */
  review?: ChangeReview;
}

export interface JudgedSubject {
  address: string;
  type: string;
  source: SourceLocation | null;
}

let createHash: typeof import("node:crypto").createHash | undefined;

/**
 * A finding's identity across runs: only the rule and the resource address, so it survives unrelated
 * changes. SARIF's partialFingerprints, Code Quality's fingerprint and baseline entries are this value.
 */
export function fingerprint(finding: Pick<Finding, "rule_id" | "address">): string {
  // Loaded on first use: most runs write no format with fingerprints, and node:crypto costs start-up time.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  createHash ??= (require("node:crypto") as typeof import("node:crypto")).createHash;
  return createHash("sha256").update(`${finding.rule_id}\0${finding.address}`).digest("hex");
}

/** Exit codes are data: 0 nothing blocks, 1 blocking findings, 2 error (usage, input, internal). */
export const EXIT = { PASS: 0, BLOCKED: 1, ERROR: 2 } as const;

export function isWaived(finding: Finding): boolean {
  return finding.waiver !== undefined && !finding.waiver.expired;
}

/** `newOnly` (`--fail-on-new`): a finding that was already there before the change does not block. */
export function isBlocking(finding: Finding, failOn: Severity, newOnly = false): boolean {
  return atLeast(finding.severity, failOn) && !isWaived(finding) && finding.baselined !== true && !(newOnly && finding.change === "existing");
}

export function exitCodeFor(result: CheckResult): number {
  return result.summary.blocking > 0 || (result.summary.change?.blocking_weakened ?? 0) > 0 ? EXIT.BLOCKED : EXIT.PASS;
}

export function summarize(findings: readonly Finding[], resourcesJudged: number, failOn: Severity, newOnly = false): Summary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  // One pass: at 100,000 findings each pass over them is tens of milliseconds of memory traffic.
  let unverifiable = 0;
  let waived = 0;
  let baselined = 0;
  let blocking = 0;
  for (const f of findings) {
    bySeverity[f.severity] += 1;
    if (f.unknown) unverifiable += 1;
    if (isWaived(f)) waived += 1;
    if (f.baselined === true) baselined += 1;
    if (isBlocking(f, failOn, newOnly)) blocking += 1;
  }
  return {
    resources_judged: resourcesJudged,
    findings: findings.length,
    by_severity: bySeverity,
    unverifiable,
    waived,
    ...(baselined > 0 ? { baselined } : {}),
    blocking,
    fail_on: failOn,
  };
}

/** One order for every format: by address, then most severe first, then rule ID, then message. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compare(a.address, b.address) ||
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
    compare(a.rule_id, b.rule_id) ||
    compare(a.message, b.message)
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
