/**
 * GitHub Actions: the composite action's steps run locally as the runner runs them (`bash --noprofile --norc
 * -eo pipefail`, `${{ }}` expressions resolved from inputs, defaults and earlier step outputs, GITHUB_OUTPUT
 * and GITHUB_STEP_SUMMARY files), on a passing and a blocking plan. `uses:` steps (upload-sarif) cannot run
 * here: their wiring is checked instead.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { ROOT } from "../helpers/cli";
import { INSECURE_PLAN, SECURE_PLAN, sandbox, type Sandbox } from "./shell";

interface ActionStep {
  name: string;
  id?: string;
  if?: string;
  shell?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
const ACTION_DIR = path.join(ROOT, "integrations", "github-actions");
const action = YAML.parse(readFileSync(path.join(ACTION_DIR, "action.yml"), "utf8")) as {
  inputs: Record<string, { default?: string; required?: boolean }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: ActionStep[] };
};

let box: Sandbox;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.cleanup());

interface ActionRun {
  /** Exit status of the first failing step, or 0. */
  status: number;
  log: string;
  outputs: Record<string, string>;
  summary: string;
  failedStep: string | null;
}

function parseOutputs(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  return Object.fromEntries(
    readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => l.includes("="))
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
  );
}

function runAction(with_: Record<string, string>): ActionRun {
  const inputs = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, with_[k] ?? v.default ?? ""]));
  const steps: Record<string, Record<string, string>> = {};
  const summaryFile = path.join(box.dir, "step-summary.md");
  writeFileSync(summaryFile, "");
  const resolve = (text: string): string =>
    text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_m, expr: string) => {
      if (expr === "github.action_path") return ACTION_DIR;
      const input = /^inputs\.([\w-]+)$/.exec(expr);
      if (input !== null) return inputs[input[1] as string] ?? "";
      const out = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr);
      if (out !== null) return steps[out[1] as string]?.[out[2] as string] ?? "";
      throw new Error(`expression not supported by the test: ${expr}`);
    });
  let log = "";
  for (const [i, step] of action.runs.steps.entries()) {
    if (step.uses !== undefined) continue;
    expect(step.shell).toBe("bash");
    const outputFile = path.join(box.dir, `output-${i}`);
    const script = path.join(box.dir, `step-${i}.sh`);
    writeFileSync(script, step.run ?? "");
    const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, resolve(v)]));
    const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], {
      cwd: box.dir,
      encoding: "utf8",
      env: { PATH: `${box.bin}:${process.env["PATH"] ?? ""}`, HOME: box.dir, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, GITHUB_ACTIONS: "true", ...env },
    });
    log += result.stdout + result.stderr;
    if (step.id !== undefined) steps[step.id] = parseOutputs(outputFile);
    if (result.status !== 0) {
      return { status: result.status ?? -1, log, outputs: steps["check"] ?? {}, summary: readFileSync(summaryFile, "utf8"), failedStep: step.name };
    }
  }
  return { status: 0, log, outputs: steps["check"] ?? {}, summary: readFileSync(summaryFile, "utf8"), failedStep: null };
}

test("action.yml: a composite action with plan, fail-on, formats and SARIF upload inputs", () => {
  expect(action.runs.using).toBe("composite");
  expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(["plan", "fail-on", "formats", "upload-sarif"]));
  expect(action.inputs["plan"]?.required).toBe(true);
  const upload = action.runs.steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"));
  expect(upload?.with?.["sarif_file"]).toBe("${{ steps.check.outputs.sarif-file }}");
  // Runs even though the check found something, and only when asked and when there is a SARIF file.
  expect(upload?.if).toMatch(/always\(\)/);
  expect(upload?.if).toMatch(/inputs\.upload-sarif == 'true'/);
  // The gate comes after the upload, so blocking findings still reach code scanning.
  const names = action.runs.steps.map((s) => s.name);
  expect(names.indexOf(upload?.name ?? "")).toBeLessThan(names.indexOf("Enforce --fail-on"));
});

test("passing plan: every step succeeds, a valid SARIF file, the job summary written", () => {
  const run = runAction({ plan: path.join(ROOT, SECURE_PLAN) });
  expect(run.failedStep).toBeNull();
  expect(run.outputs["exit-code"]).toBe("0");
  const sarif = JSON.parse(readFileSync(path.join(box.dir, run.outputs["sarif-file"] as string), "utf8")) as { version: string; runs: Array<{ results: unknown[] }> };
  expect(sarif.version).toBe("2.1.0");
  expect(sarif.runs[0]?.results).toHaveLength(1);
  expect(run.log).toMatch(/^::notice |^::warning /m);
  expect(run.summary).toMatch(/^### policy-check: nothing at or above medium/);
});

test("blocking plan: annotations with file and line, SARIF and JUnit written, then the gate fails the job", () => {
  const run = runAction({
    plan: path.join(ROOT, INSECURE_PLAN),
    "source-dir": path.join(ROOT, "plans", "rest-insecure"),
    formats: "github, sarif, junit",
  });
  expect(run.outputs["exit-code"]).toBe("1");
  expect(run.failedStep).toBe("Enforce --fail-on");
  expect(run.status).toBe(1);
  expect(run.log.match(/^::error file=[^,]*main\.tf,line=\d+,title=APIGW-/gm)?.length).toBe(30);
  expect(readFileSync(path.join(box.dir, "policy-check-reports", "policy-check.junit.xml"), "utf8")).toMatch(/<testsuites name="policy-check" tests="\d+" failures="\d+"/);
  expect(run.summary).toMatch(/^### policy-check: 30 blocking findings/);
});

test("fail-on raises the threshold; an unknown format or a missing plan fails with exit 2", () => {
  expect(runAction({ plan: path.join(ROOT, INSECURE_PLAN), "fail-on": "critical" }).status).toBe(0);
  const unknown = runAction({ plan: path.join(ROOT, SECURE_PLAN), formats: "github,pdf" });
  expect([unknown.failedStep, unknown.status]).toEqual(["Run policy-check", 2]);
  const missing = runAction({ plan: path.join(box.dir, "nope.json") });
  expect(missing.outputs["exit-code"]).toBe("2");
  expect([missing.failedStep, missing.status]).toEqual(["Enforce --fail-on", 2]);
});

test("example workflow: plans, writes plan JSON, runs the action on it with SARIF upload permissions", () => {
  const wf = YAML.parse(readFileSync(path.join(ACTION_DIR, "example-workflow.yml"), "utf8")) as {
    permissions: Record<string, string>;
    jobs: Record<string, { defaults?: { run?: { "working-directory"?: string } }; steps: ActionStep[] }>;
  };
  expect(wf.permissions["security-events"]).toBe("write");
  const job = Object.values(wf.jobs)[0];
  const steps = job?.steps ?? [];
  const show = steps.find((s) => s.run?.includes("terraform show -json"));
  const target = /> (\S+)$/.exec(show?.run ?? "")?.[1];
  const check = steps.find((s) => s.uses?.includes("/integrations/github-actions@"));
  expect(check?.with?.["plan"]).toBe(path.posix.join(job?.defaults?.run?.["working-directory"] ?? ".", target ?? "?"));
  expect(check?.with?.["formats"]).toContain("sarif");
  expect(steps.indexOf(show as ActionStep)).toBeLessThan(steps.indexOf(check as ActionStep));
});
