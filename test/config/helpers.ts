/** Runs the CLI in process from a temporary working directory holding a `.policy-check.yaml`. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { run } from "../../src/cli/main";
import { PLANS } from "../helpers/cli";

export interface Outcome {
  code: number;
  out: string;
  err: string;
}

export interface JsonFinding {
  rule_id: string;
  severity: string;
  address: string;
  message: string;
  unknown: boolean;
  waiver?: { reason: string; owner: string | null; expires: string | null; source: string; expired: boolean };
}

export interface JsonReport {
  findings: JsonFinding[];
  summary: { resources_judged: number; findings: number; blocking: number; waived: number; fail_on: string };
  waiver_issues?: Array<{ kind: string; rule: string; address: string; reason: string; owner: string | null; source: string }>;
}

export const LIFECYCLE = path.join(PLANS, "lifecycle", "plan.json");

/** A fresh directory, optionally with `.policy-check.yaml` holding `config`. */
export function workdir(config?: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "policy-check-config-test-"));
  if (config !== undefined) writeFileSync(path.join(dir, ".policy-check.yaml"), config);
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
}

/** run() in process; `env` is also set on process.env for the call (opa lookup reads POLICY_CHECK_OPA). */
export async function cli(args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<Outcome> {
  const out: string[] = [];
  const err: string[] = [];
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    const code = await run(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), stdoutIsTty: false, env, cwd });
    return { code, out: out.join(""), err: err.join("") };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

export async function jsonReport(
  args: readonly string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<{ code: number; report: JsonReport; err: string }> {
  const result = await cli(["--format", "json", ...args], cwd, env);
  if (result.out === "") throw new Error(`no report (exit ${result.code}): ${result.err}`);
  return { code: result.code, report: JSON.parse(result.out) as JsonReport, err: result.err };
}

export function keys(report: JsonReport): string[] {
  return report.findings.map((f) => `${f.rule_id} ${f.address}`);
}
