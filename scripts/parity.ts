/**
 * npm run parity: how far the Terraform source scan (HCL adapter) agrees with the plan scan. For every
 * scenario under plans/ that has `.tf` sources and a plan.json, judges the plan (with the scenario's own
 * arguments from expected.json, so `--rule` and `--source-dir` apply as in the scenario tests) and the
 * scenario's directory as HCL (with the same `--rule` selection), then prints per scenario and overall:
 * findings in both / plan findings, and the HCL-only findings. A finding is its rule, address and whether it
 * is unverifiable: a plan's unverifiable report that the source turns into a finding is a disagreement.
 * test/ingest/hcl/plans-parity.test.ts checks the same pairs against its list of known differences.
 * Options: --source-dir (judge every plan with --source-dir <its directory>), --json (one JSON document).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { PolicyEngine } from "../src/engine/engine";
import type { Finding } from "../src/findings";
import { check } from "../src/runner";

/** A finding as parity compares it: `RULE address`, plus ` unknown` for an unverifiable report. */
export function parityKey(finding: Pick<Finding, "rule_id" | "address" | "unknown">): string {
  return `${finding.rule_id} ${finding.address}${finding.unknown ? " unknown" : ""}`;
}

/** The rule IDs a scenario's arguments select (`--rule X`); empty: every rule. */
export function scenarioRules(args: readonly string[]): string[] {
  const rules: string[] = [];
  args.forEach((arg, i) => {
    const next = args[i + 1];
    if (arg === "--rule" && next !== undefined) rules.push(next);
  });
  return rules;
}

/** `--source-dir DIR` of a scenario's arguments, resolved against the scenario directory as the scenario tests run it. */
function scenarioSourceDir(args: readonly string[], root: string): string | undefined {
  const i = args.indexOf("--source-dir");
  const value = i < 0 ? undefined : args[i + 1];
  return value === undefined ? undefined : path.resolve(root, value);
}

/** Findings of the scenario directory judged as Terraform source (the HCL adapter), as parity keys. */
export async function sourceKeys(engine: PolicyEngine, dir: string, rules: readonly string[]): Promise<string[]> {
  const result = await check({ input: dir, failOn: "medium", rules, engine });
  return result.findings.map(parityKey).sort();
}

export interface ScenarioParity {
  name: string;
  /** Findings of the plan scan and of the HCL scan, as parity keys. */
  plan: string[];
  hcl: string[];
  both: string[];
  planOnly: string[];
  hclOnly: string[];
}

export function compare(name: string, plan: readonly string[], hcl: readonly string[]): ScenarioParity {
  const fromPlan = new Set(plan);
  const fromSource = new Set(hcl);
  return {
    name,
    plan: [...fromPlan].sort(),
    hcl: [...fromSource].sort(),
    both: [...fromPlan].filter((k) => fromSource.has(k)).sort(),
    planOnly: [...fromPlan].filter((k) => !fromSource.has(k)).sort(),
    hclOnly: [...fromSource].filter((k) => !fromPlan.has(k)).sort(),
  };
}

/** Scenario folders with Terraform source and a Terraform plan. */
export function parityScenarios(plans: string): string[] {
  return readdirSync(plans, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => path.join(plans, d.name))
    .filter((dir) => existsSync(path.join(dir, "plan.json")) && readdirSync(dir).some((f) => /\.tf(\.json)?$/.test(f)))
    .sort();
}

/** Judges one scenario both ways. `withSourceDir`: the plan scan gets `--source-dir` of its own folder. */
export async function scenarioParity(engine: PolicyEngine, dir: string, root: string, withSourceDir: boolean): Promise<ScenarioParity> {
  const expectedFile = path.join(dir, "expected.json");
  const args = existsSync(expectedFile) ? ((JSON.parse(readFileSync(expectedFile, "utf8")) as { args?: string[] }).args ?? []) : [];
  const rules = scenarioRules(args);
  const sourceDir = withSourceDir ? dir : scenarioSourceDir(args, root);
  const planned = await check({
    input: path.join(dir, "plan.json"),
    failOn: "medium",
    rules,
    engine,
    ...(sourceDir === undefined ? {} : { sourceDir }),
  });
  return compare(path.basename(dir), planned.findings.map(parityKey), await sourceKeys(engine, dir, rules));
}

/** `both/plan (NN.N%), N HCL-only`. */
function figure(both: number, plan: number, hclOnly: number): string {
  const share = plan === 0 ? "-" : `${((100 * both) / plan).toFixed(1)}%`;
  return `${both}/${plan} (${share}), ${hclOnly} HCL-only`;
}

async function main(): Promise<void> {
  const root = path.resolve(__dirname, "..", "..");
  const withSourceDir = process.argv.includes("--source-dir");
  const engine = await PolicyEngine.load();
  const results: ScenarioParity[] = [];
  for (const dir of parityScenarios(path.join(root, "plans"))) results.push(await scenarioParity(engine, dir, root, withSourceDir));
  const total = {
    scenarios: results.length,
    agreeing: results.filter((r) => r.planOnly.length === 0 && r.hclOnly.length === 0).length,
    both: results.reduce((n, r) => n + r.both.length, 0),
    plan: results.reduce((n, r) => n + r.plan.length, 0),
    hclOnly: results.reduce((n, r) => n + r.hclOnly.length, 0),
  };
  if (process.argv.includes("--json")) {
    process.stdout.write(`${JSON.stringify({ source_dir: withSourceDir, total, scenarios: results }, null, 2)}\n`);
    return;
  }
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`${r.name}: ${figure(r.both.length, r.plan.length, r.hclOnly.length)}`);
    for (const k of r.planOnly) lines.push(`  plan only: ${k}`);
    for (const k of r.hclOnly) lines.push(`  HCL only:  ${k}`);
  }
  lines.push(
    "",
    `overall${withSourceDir ? " (plans with --source-dir)" : ""}: ${figure(total.both, total.plan, total.hclOnly)}; ` +
      `${total.agreeing}/${total.scenarios} scenarios agree exactly`,
  );
  process.stdout.write(`${lines.join("\n")}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`parity: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  });
}
