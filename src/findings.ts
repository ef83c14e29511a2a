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
}

export interface Summary {
  /** API Gateway resources that exist after the change and were judged. */
  resources_judged: number;
  findings: number;
  by_severity: Record<Severity, number>;
  unverifiable: number;
  /** Findings at or above `fail_on`: any makes the run fail with exit code 1. */
  blocking: number;
  fail_on: Severity;
}

export interface CheckResult {
  version: string;
  input: string;
  findings: Finding[];
  summary: Summary;
}

/** Exit codes are data: 0 nothing blocks, 1 blocking findings, 2 error (usage, input, internal). */
export const EXIT = { PASS: 0, BLOCKED: 1, ERROR: 2 } as const;

export function isBlocking(finding: Finding, failOn: Severity): boolean {
  return atLeast(finding.severity, failOn);
}

export function exitCodeFor(result: CheckResult): number {
  return result.summary.blocking > 0 ? EXIT.BLOCKED : EXIT.PASS;
}

export function summarize(findings: readonly Finding[], resourcesJudged: number, failOn: Severity): Summary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) bySeverity[f.severity] += 1;
  return {
    resources_judged: resourcesJudged,
    findings: findings.length,
    by_severity: bySeverity,
    unverifiable: findings.filter((f) => f.unknown).length,
    blocking: findings.filter((f) => isBlocking(f, failOn)).length,
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
