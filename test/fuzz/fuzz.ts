/**
 * The fuzz suite: seeded mutations of the real fixture plans (test/fuzz/mutate.ts) judged in process by the
 * CLI's own entry point (`run` from src/cli/main.ts: the built WASM, every report format), checked against
 * invariants that hold for any input. `npm test` runs a bounded number of cases (test/fuzz/fuzz.test.ts);
 * `npm run fuzz -- --cases N --seed S` runs many more (scripts/fuzz.sh).
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { run } from "../../src/cli/main";
import { PLANS } from "../helpers/cli";
import { attributes, CANARY, clone, makeSensitive, makeUnknown, MUTATIONS, plantCanary, Rng, serialize, type Json, type Plan } from "./mutate";

/** What every run must satisfy; the keys name invariants in reports and in EXPECTED_FAILURES. */
export const INVARIANTS = {
  "exit-code": "the exit code is 0, 1 or 2",
  "error-one-line": "exit 2 prints exactly one stderr line, naming the input, with no stack trace",
  "no-internal-error": "no input makes an internal error",
  "json-valid": "exit 0 or 1 writes a valid JSON report with a findings list",
  deterministic: "two runs of the same input give the same exit code and the same bytes in every format",
  "damage-refused": "a plan whose structure Terraform never writes (a retyped resource_changes, change, actions, address or type) exits 2",
  "no-sensitive-leak": "a value marked sensitive never appears in any output format",
  "unknown-never-hides": "making a value unknown never turns a blocking finding into no finding for that (rule, address)",
  "sensitive-keeps-verdict": "marking a value sensitive never changes the exit code or the (rule, address, severity, unknown) findings",
  "prototype-intact": "Object.prototype is unchanged after every case",
} as const;

export type Invariant = keyof typeof INVARIANTS;

/**
 * Invariants that fail on today's code, with the mechanism that breaks them. The in-`npm test` run tolerates
 * these (and only these); `npm run fuzz` reports them as failures. Delete an entry when its fix lands.
 */
export const EXPECTED_FAILURES: Partial<Record<Invariant, string>> = {};

const REPORT_FILES = ["text", "sarif", "junit", "github", "markdown", "codequality"] as const;
const BLOCKING = new Set(["critical", "high", "medium"]);

export interface RunOutput {
  code: number;
  stdout: string;
  stderr: string;
  /** Report files by format (text, sarif, ...), absent when the run wrote none. */
  reports: Record<string, string>;
}

export interface Violation {
  invariant: Invariant;
  detail: string;
}

export interface CaseResult {
  seed: number;
  fixture: string;
  steps: string[];
  runs: number;
  violations: Violation[];
}

interface Finding {
  rule_id: string;
  address: string;
  severity: string;
  unknown: boolean;
}

export interface Fixture {
  name: string;
  plan: Plan;
}

/** Every plans/<scenario>/plan.json, parsed once. */
export function loadFixtures(): Fixture[] {
  return readdirSync(PLANS, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => {
      try {
        return [{ name: d.name, plan: JSON.parse(readFileSync(path.join(PLANS, d.name, "plan.json"), "utf8")) as Plan }];
      } catch {
        return [];
      }
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** One CLI run over a plan file: JSON on stdout, every other format to its own file. */
async function judge(plan: Json, dir: string, name: string): Promise<RunOutput> {
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, serialize(plan));
  const reportDir = path.join(dir, `${name}-reports`);
  rmSync(reportDir, { recursive: true, force: true });
  mkdirSync(reportDir);
  const stdout: string[] = [];
  const stderr: string[] = [];
  const argv = ["--format", "json", ...REPORT_FILES.flatMap((f) => ["--format", `${f}=${path.join(reportDir, f)}`]), file];
  const code = await run(argv, {
    stdout: (t) => stdout.push(t),
    stderr: (t) => stderr.push(t),
    stdoutIsTty: false,
    env: { NO_COLOR: "1" },
    cwd: dir,
  });
  const reports: Record<string, string> = {};
  for (const f of readdirSync(reportDir)) reports[f] = readFileSync(path.join(reportDir, f), "utf8");
  return { code, stdout: stdout.join(""), stderr: stderr.join(""), reports };
}

/** The invariants every single run must keep. */
function checkRun(out: RunOutput, file: string, label: string): Violation[] {
  const found: Violation[] = [];
  const fail = (invariant: Invariant, detail: string): void => {
    found.push({ invariant, detail: `${label}: ${detail}` });
  };
  if (![0, 1, 2].includes(out.code)) fail("exit-code", `exit ${out.code}`);
  if (out.stderr.includes("internal error")) fail("no-internal-error", out.stderr.trim().slice(0, 300));
  if (out.code === 2) {
    const lines = out.stderr.split("\n").filter((l, i, all) => l !== "" || i < all.length - 1);
    if (lines.length !== 1) fail("error-one-line", `${lines.length} stderr lines: ${out.stderr.slice(0, 300)}`);
    else if (!out.stderr.includes(file)) fail("error-one-line", `stderr does not name the input: ${out.stderr.trim().slice(0, 300)}`);
    if (/^\s+at /m.test(out.stderr)) fail("error-one-line", "stack trace on stderr");
  }
  if (out.code === 0 || out.code === 1) {
    try {
      const report = JSON.parse(out.stdout) as { findings?: unknown };
      if (!Array.isArray(report.findings)) fail("json-valid", "no findings list");
    } catch (error) {
      fail("json-valid", `stdout is not JSON (${String(error).slice(0, 120)})`);
    }
  }
  return found;
}

function findingsOf(out: RunOutput): Finding[] {
  return (JSON.parse(out.stdout) as { findings: Finding[] }).findings;
}

function tuples(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.rule_id} ${f.address} ${f.severity}${f.unknown ? " unknown" : ""}`).sort();
}

function same(a: RunOutput, b: RunOutput): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Object.prototype's own properties and their values, to compare before and after a case. */
function prototypeSnapshot(): string[] {
  return Object.getOwnPropertyNames(Object.prototype).map((name) => {
    const descriptor = Object.getOwnPropertyDescriptor(Object.prototype, name);
    const value: unknown = descriptor?.value ?? descriptor?.get;
    return `${name}:${typeof value}:${typeof value === "function" ? (value as { name: string }).name : String(value)}`;
  });
}

/** A path's steps that make a plan Terraform never writes when retyped. */
function structural(step: string): boolean {
  return /^retype (resource_changes|format_version|resource_changes\.\d+\.(change|address|type|mode)|resource_changes\.\d+\.change\.actions) to /.test(
    step,
  );
}

/** Runs one case: a fixture, 0 to 2 mutations, then the unknown, sensitive and canary variants. */
export async function runCase(seed: number, fixtures: readonly Fixture[], dir: string): Promise<CaseResult> {
  const rng = new Rng(seed);
  const fixture = rng.pick(fixtures);
  const plan = clone(fixture.plan);
  const steps: string[] = [];
  const mutations = Object.keys(MUTATIONS);
  for (let i = rng.int(3); i > 0; i -= 1) {
    const name = rng.pick(mutations);
    steps.push((MUTATIONS[name] as (p: Plan, r: Rng) => string)(plan, rng));
  }
  const violations: Violation[] = [];
  const before = prototypeSnapshot();
  let runs = 0;
  const judged = async (variant: Json, name: string): Promise<RunOutput> => {
    runs += 1;
    const out = await judge(variant, dir, name);
    violations.push(...checkRun(out, path.join(dir, `${name}.json`), name));
    return out;
  };

  const base = await judged(plan, "base");
  runs += 1;
  const again = await judge(plan, dir, "base");
  if (!same(base, again)) violations.push({ invariant: "deterministic", detail: "base: two runs differ" });
  if (steps.some(structural) && base.code !== 2) {
    violations.push({ invariant: "damage-refused", detail: `base: exit ${base.code} after ${steps.filter(structural).join("; ")}` });
  }

  if (base.code === 0 || base.code === 1) {
    const baseFindings = findingsOf(base);

    const unknownPlan = clone(plan);
    const candidates = attributes(unknownPlan);
    let unknownStep: string | null = null;
    for (let tries = 0; tries < 8 && candidates.length > 0 && unknownStep === null; tries += 1)
      unknownStep = makeUnknown(unknownPlan, rng.pick(candidates));
    if (unknownStep !== null) {
      steps.push(`variant: ${unknownStep}`);
      const unknown = await judged(unknownPlan, "unknown");
      if (unknown.code === 0 || unknown.code === 1) {
        const still = new Set(findingsOf(unknown).map((f) => `${f.rule_id} ${f.address}`));
        for (const f of baseFindings) {
          if (BLOCKING.has(f.severity) && !f.unknown && !still.has(`${f.rule_id} ${f.address}`)) {
            violations.push({ invariant: "unknown-never-hides", detail: `${unknownStep}: ${f.rule_id} ${f.address} disappeared` });
          }
        }
      }
    }

    const sensitivePlan = clone(plan);
    const sensitiveCandidates = attributes(sensitivePlan);
    if (sensitiveCandidates.length > 0) {
      const step = makeSensitive(rng.pick(sensitiveCandidates));
      steps.push(`variant: ${step}`);
      const sensitive = await judged(sensitivePlan, "sensitive");
      const verdict = (out: RunOutput): string => (out.code === 2 ? "exit 2" : `exit ${out.code}: ${tuples(findingsOf(out)).join(", ")}`);
      if (verdict(sensitive) !== verdict(base)) {
        violations.push({ invariant: "sensitive-keeps-verdict", detail: `${step}: ${diff(tuples(baseFindings), sensitive)}` });
      }
    }

    const canaryPlan = clone(plan);
    const strings = attributes(canaryPlan, (v) => typeof v === "string");
    if (strings.length > 0) {
      const step = plantCanary(rng.pick(strings));
      steps.push(`variant: ${step}`);
      const canary = await judged(canaryPlan, "canary");
      const leaked = Object.entries({ stdout: canary.stdout, stderr: canary.stderr, ...canary.reports })
        .filter(([, text]) => text.includes(CANARY))
        .map(([where]) => where);
      if (leaked.length > 0) violations.push({ invariant: "no-sensitive-leak", detail: `${step}: in ${leaked.join(", ")}` });
    }
  }

  const after = prototypeSnapshot();
  if (JSON.stringify(before) !== JSON.stringify(after)) {
    violations.push({
      invariant: "prototype-intact",
      detail: `Object.prototype now has ${after.filter((p) => !before.includes(p)).join(", ") || "changed values"}`,
    });
    // Undo what the case added, so later cases start clean (changed built-ins cannot be restored here).
    const names = new Set(before.map((entry) => entry.split(":")[0]));
    for (const name of Object.getOwnPropertyNames(Object.prototype)) if (!names.has(name)) delete (Object.prototype as Record<string, unknown>)[name];
  }
  return { seed, fixture: fixture.name, steps, runs, violations };
}

function diff(base: readonly string[], variant: RunOutput): string {
  if (variant.code === 2) return `exit 2 (${variant.stderr.trim().slice(0, 200)})`;
  const now = tuples(findingsOf(variant));
  const gone = base.filter((t) => !now.includes(t));
  const added = now.filter((t) => !base.includes(t));
  return `gone [${gone.join("; ")}] new [${added.join("; ")}]`;
}

/** The seed of case i of a run: distinct, reproducible, printable. */
export function caseSeed(seed: number, i: number): number {
  return (seed + Math.imul(i + 1, 0x9e3779b9)) >>> 0;
}

export interface FuzzSummary {
  cases: number;
  runs: number;
  /** Failing cases, each with its own seed (rerun one with FUZZ_CASE_SEED). */
  failures: CaseResult[];
  /** Violations per invariant. */
  counts: Partial<Record<Invariant, number>>;
}

export async function fuzz(options: {
  cases: number;
  seed: number;
  dir: string;
  caseSeeds?: number[];
  progress?: (done: number) => void;
}): Promise<FuzzSummary> {
  const fixtures = loadFixtures();
  const seeds = options.caseSeeds ?? Array.from({ length: options.cases }, (_, i) => caseSeed(options.seed, i));
  const summary: FuzzSummary = { cases: 0, runs: 0, failures: [], counts: {} };
  for (const seed of seeds) {
    const dir = path.join(options.dir, String(seed));
    mkdirSync(dir, { recursive: true });
    const result = await runCase(seed, fixtures, dir);
    rmSync(dir, { recursive: true, force: true });
    summary.cases += 1;
    summary.runs += result.runs;
    if (result.violations.length > 0) summary.failures.push(result);
    for (const v of result.violations) summary.counts[v.invariant] = (summary.counts[v.invariant] ?? 0) + 1;
    options.progress?.(summary.cases);
  }
  return summary;
}

/** A readable report: counts, then each failing case with its seed, fixture, steps and violations. */
export function describe(summary: FuzzSummary, seed: number): string {
  const lines = [`fuzz: seed ${seed}, ${summary.cases} cases, ${summary.runs} runs, ${summary.failures.length} failing cases`];
  for (const [invariant, count] of Object.entries(summary.counts)) {
    const known = EXPECTED_FAILURES[invariant as Invariant];
    lines.push(`  ${invariant}: ${count} violation(s)${known === undefined ? "" : ` (expected: ${known})`}`);
  }
  for (const failure of summary.failures) {
    lines.push(`case seed ${failure.seed} (FUZZ_CASE_SEED=${failure.seed}), fixture ${failure.fixture}: ${failure.steps.join("; ") || "unmutated"}`);
    for (const v of failure.violations) lines.push(`  ${v.invariant}: ${v.detail.slice(0, 400)}`);
  }
  return lines.join("\n");
}
