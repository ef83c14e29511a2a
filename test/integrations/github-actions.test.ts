/**
 * GitHub Actions: the root action.yml run as the runner runs a composite action. Its checkout (action.yml,
 * package.json, integrations/: no dist/) is GITHUB_ACTION_PATH; each `run:` step is a script file run with
 * `bash --noprofile --norc -eo pipefail` in GITHUB_WORKSPACE with the GITHUB_* and RUNNER_* variables,
 * `${{ }}` expressions resolved from inputs (with their defaults), github.action_path and earlier steps'
 * outputs, `if:` conditions evaluated (a step without one runs only while every earlier step succeeded).
 * npm installs the package from the packed tarball (the `package` input) in place of the registry, and PATH
 * holds node, npm and the system's tools, never the repository's dist/. `uses:` steps (upload-sarif) cannot run
 * here: whether they would run, and with what, is recorded instead.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import YAML from "yaml";
import { ROOT } from "../helpers/cli";
import { installedPackage, npmEnv } from "../helpers/package";
import { INSECURE_PLAN, INSTALL_TIMEOUT_MS, PACKAGE, SECURE_PLAN, SYSTEM_PATH, checkout, installedBinDir } from "./shell";

jest.setTimeout(INSTALL_TIMEOUT_MS);

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
interface Action {
  inputs: Record<string, { default?: string; required?: boolean }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: ActionStep[] };
}
const action = YAML.parse(readFileSync(path.join(ROOT, "action.yml"), "utf8")) as Action;

// One job for the whole file, as a workflow that uses the action several times: one runner temp folder
// (the package is installed on the first use and reused after), a fresh workspace per use.
let job: string;
let actionPath: string;
let runnerTemp: string;
beforeAll(() => {
  job = mkdtempSync(path.join(tmpdir(), "pc-gha-"));
  actionPath = checkout(job);
  runnerTemp = path.join(job, "runner-temp");
  mkdirSync(runnerTemp);
});
afterAll(() => rmSync(job, { recursive: true, force: true }));

interface StepResult {
  name: string;
  /** null: skipped by its `if:` (or by an earlier failure). */
  status: number | null;
  /** For `uses:` steps that would run: their resolved `with:`. */
  with?: Record<string, string>;
}
interface ActionRun {
  steps: StepResult[];
  /** Exit status of the job: that of the first failing step, or 0. */
  status: number;
  log: string;
  /** The action's outputs, as `steps.<id>.outputs` of the calling workflow. */
  outputs: Record<string, string>;
  summary: string;
  workspace: string;
}

/** GITHUB_OUTPUT lines: `name=value` and `name<<DELIMITER` ... `DELIMITER` (the runner's two forms). */
function parseOutputs(file: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  if (!existsSync(file)) return outputs;
  const lines = readFileSync(file, "utf8").split("\n");
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] as string;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc !== null) {
      const end = lines.indexOf(heredoc[2] as string, i + 1);
      outputs[heredoc[1] as string] = lines.slice(i + 1, end).join("\n");
      i = end;
    } else if (line.includes("=")) outputs[line.slice(0, line.indexOf("="))] = line.slice(line.indexOf("=") + 1);
  }
  return outputs;
}

/** The workspace the caller's workflow prepared: files copied from the repository, `to` ← `from`. */
function runAction(with_: Record<string, string>, files: Record<string, string> = {}, env: Record<string, string> = {}): ActionRun {
  const workspace = mkdtempSync(path.join(job, "workspace-"));
  for (const [to, from] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(workspace, to)), { recursive: true });
    writeFileSync(path.join(workspace, to), readFileSync(path.join(ROOT, from)));
  }
  const inputs = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, with_[k] ?? v.default ?? ""]));
  const stepOutputs: Record<string, Record<string, string>> = {};
  const value = (expr: string): string => {
    if (expr === "github.action_path") return actionPath;
    const input = /^inputs\.([\w-]+)$/.exec(expr);
    if (input !== null) return inputs[input[1] as string] ?? "";
    const out = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr);
    if (out !== null) return stepOutputs[out[1] as string]?.[out[2] as string] ?? "";
    const literal = /^'((?:[^']|'')*)'$/.exec(expr);
    if (literal !== null) return (literal[1] as string).replace(/''/g, "'");
    throw new Error(`expression not supported by the test: ${expr}`);
  };
  const resolve = (text: string): string => text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_m, expr: string) => value(expr));
  let failed = false;
  // `if:` as the runner reads it: status functions and (in)equality of values, joined by &&.
  const condition = (text: string | undefined): boolean => {
    const expr = (text ?? "success()").replace(/^\$\{\{\s*|\s*\}\}$/g, "");
    const terms = expr.split("&&").map((t) => t.trim());
    if (!terms.some((t) => /^(always|failure|cancelled)\(\)$/.test(t)) && failed) return false;
    return terms.every((term) => {
      if (term === "always()") return true;
      if (term === "success()") return !failed;
      if (term === "failure()") return failed;
      const comparison = /^(\S+)\s*(==|!=)\s*(\S+)$/.exec(term);
      if (comparison === null) throw new Error(`condition not supported by the test: ${term}`);
      const equal = value(comparison[1] as string) === value(comparison[3] as string);
      return comparison[2] === "==" ? equal : !equal;
    });
  };
  const summary: string[] = [];
  let log = "";
  const steps: StepResult[] = [];
  for (const [i, step] of action.runs.steps.entries()) {
    if (!condition(step.if)) {
      steps.push({ name: step.name, status: null });
      continue;
    }
    if (step.uses !== undefined) {
      steps.push({ name: step.name, status: 0, with: Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, resolve(v)])) });
      continue;
    }
    expect(step.shell).toBe("bash");
    const files = {
      output: path.join(runnerTemp, `output-${i}`),
      summary: path.join(runnerTemp, `summary-${i}`),
      script: path.join(runnerTemp, `step-${i}.sh`),
    };
    writeFileSync(files.output, "");
    writeFileSync(files.summary, "");
    writeFileSync(files.script, step.run ?? "");
    const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", files.script], {
      cwd: workspace,
      encoding: "utf8",
      env: {
        PATH: `${installedPackage().nodeOnlyPath}:${SYSTEM_PATH}`,
        HOME: process.env["HOME"] ?? job,
        CI: "true",
        GITHUB_ACTIONS: "true",
        GITHUB_WORKSPACE: workspace,
        GITHUB_ACTION_PATH: actionPath,
        GITHUB_OUTPUT: files.output,
        GITHUB_STEP_SUMMARY: files.summary,
        GITHUB_ENV: path.join(runnerTemp, `env-${i}`),
        GITHUB_PATH: path.join(runnerTemp, `path-${i}`),
        RUNNER_TEMP: runnerTemp,
        RUNNER_OS: "Linux",
        ...npmEnv(),
        ...env,
        ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, resolve(v)])),
      },
      maxBuffer: 64 * 1024 * 1024,
    });
    log += result.stdout + result.stderr;
    summary.push(readFileSync(files.summary, "utf8"));
    if (step.id !== undefined) stepOutputs[step.id] = parseOutputs(files.output);
    steps.push({ name: step.name, status: result.status });
    if (result.status !== 0) failed = true;
  }
  const outputs = Object.fromEntries(Object.entries(action.outputs).map(([k, v]) => [k, resolve(v.value)]));
  const status = steps.find((s) => s.status !== null && s.status !== 0)?.status ?? 0;
  return { steps, status, log, outputs, summary: summary.join(""), workspace };
}

const step = (run: ActionRun, name: string): StepResult | undefined => run.steps.find((s) => s.name === name);
const tarball = (): string => installedPackage().tarball;

test("action.yml: a composite action whose inputs reach its scripts only through env", () => {
  expect(action.runs.using).toBe("composite");
  expect(Object.keys(action.inputs)).toEqual(["plan", "fail-on", "formats", "output-dir", "source-dir", "upload-sarif", "package"]);
  expect(action.inputs["plan"]?.required).toBe(true);
  expect(Object.keys(action.outputs)).toEqual(["exit-code", "sarif-file"]);
  for (const s of action.runs.steps.filter((x) => x.run !== undefined)) expect([s.name, s.run]).toEqual([s.name, expect.not.stringContaining("${{")]);
  const upload = action.runs.steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"));
  expect(upload?.with?.["sarif_file"]).toBe("${{ steps.check.outputs.sarif-file }}");
  // The gate comes after the upload, so blocking findings still reach code scanning.
  const names = action.runs.steps.map((s) => s.name);
  expect(names.indexOf(upload?.name ?? "")).toBeLessThan(names.indexOf("Enforce --fail-on"));
});

test("blocking plan: installs the package, annotates file and line, writes SARIF, JUnit and the summary, uploads, then fails the job", () => {
  const run = runAction(
    { plan: "infra/plan.json", "source-dir": "infra", formats: "github, sarif, junit", package: tarball() },
    { "infra/plan.json": INSECURE_PLAN, "infra/main.tf": "plans/rest-insecure/main.tf" },
  );
  expect(run.log).toMatch(/^policy-check: installing .*\.tgz$/m);
  expect(run.log).toContain(`policy-check: policy-check ${PACKAGE.version} in ${runnerTemp}`);
  expect(run.outputs["exit-code"]).toBe("1");
  expect(run.steps.map((s) => [s.name, s.status])).toEqual([
    ["Install policy-check", 0],
    ["Run policy-check", 0],
    ["Upload SARIF to code scanning", 0],
    ["Enforce --fail-on", 1],
  ]);
  expect(run.status).toBe(1);
  // Annotations attach to the workspace's files: paths relative to it.
  expect(run.log.match(/^::error file=infra\/main\.tf,line=\d+,title=APIGW-/gm)).toHaveLength(31);
  expect(run.log).toMatch(/^::error title=policy-check::blocking API Gateway findings/m);
  expect(run.summary).toMatch(/^### policy-check: 31 blocking findings/);
  const sarifFile = run.outputs["sarif-file"] as string;
  expect(sarifFile).toBe("policy-check-reports/policy-check.sarif");
  expect(step(run, "Upload SARIF to code scanning")?.with).toEqual({ sarif_file: sarifFile, category: "policy-check" });
  const sarif = JSON.parse(readFileSync(path.join(run.workspace, sarifFile), "utf8")) as {
    version: string;
    runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }>;
  };
  expect(sarif.version).toBe("2.1.0");
  const uris = new Set(sarif.runs[0]?.results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri));
  expect(uris).toEqual(new Set(["infra/main.tf"]));
  expect(readFileSync(path.join(run.workspace, "policy-check-reports", "policy-check.junit.xml"), "utf8")).toMatch(
    /<testsuites name="policy-check" tests="\d+" failures="\d+"/,
  );
});

test("passing plan: every step succeeds with the installed package reused, one SARIF result, the job summary written", () => {
  const run = runAction({ plan: "plan.json", package: tarball() }, { "plan.json": SECURE_PLAN });
  expect(run.log).toMatch(/^policy-check: using .*\.tgz from /m);
  expect(run.log).not.toMatch(/installing/);
  expect(run.steps.every((s) => s.status === 0)).toBe(true);
  expect(run.outputs["exit-code"]).toBe("0");
  const sarif = JSON.parse(readFileSync(path.join(run.workspace, run.outputs["sarif-file"] as string), "utf8")) as {
    runs: Array<{ results: unknown[] }>;
  };
  expect(sarif.runs[0]?.results).toHaveLength(1);
  expect(run.log).toMatch(/^::notice title=APIGW-203 /m);
  expect(run.log).not.toMatch(/^::error/m);
  expect(run.summary).toMatch(/^### policy-check: nothing at or above medium/);
});

test("upload-sarif false, or no sarif among the formats: the upload step is skipped", () => {
  const off = runAction({ plan: "plan.json", package: tarball(), "upload-sarif": "false" }, { "plan.json": SECURE_PLAN });
  expect(step(off, "Upload SARIF to code scanning")?.status).toBeNull();
  const none = runAction({ plan: "plan.json", package: tarball(), formats: "github,html" }, { "plan.json": SECURE_PLAN });
  expect(none.outputs["sarif-file"]).toBe("");
  // The self-contained HTML report lands in output-dir like the other file formats.
  expect(readFileSync(path.join(none.workspace, "policy-check-reports", "policy-check.html"), "utf8")).toMatch(/^<!DOCTYPE html>/i);
  expect(step(none, "Upload SARIF to code scanning")?.status).toBeNull();
  expect(none.status).toBe(0);
});

test("package none runs the policy-check on PATH; without one the install step fails in one line and nothing else runs", () => {
  const onPath = runAction(
    { plan: "plan.json", package: "none", "fail-on": "critical" },
    { "plan.json": INSECURE_PLAN },
    { PATH: `${installedBinDir()}:${installedPackage().nodeOnlyPath}:${SYSTEM_PATH}` },
  );
  expect(onPath.log).not.toMatch(/installing|using/);
  expect([onPath.status, onPath.outputs["exit-code"]]).toEqual([0, "0"]);
  const missing = runAction({ plan: "plan.json", package: "none" }, { "plan.json": SECURE_PLAN });
  expect(missing.steps.map((s) => [s.name, s.status])).toEqual([
    ["Install policy-check", 2],
    ["Run policy-check", null],
    ["Upload SARIF to code scanning", null],
    ["Enforce --fail-on", null],
  ]);
  expect(missing.log.split("\n").sort()).toEqual([
    "",
    "::error title=policy-check::policy-check could not be installed (see the log above)",
    "policy-check: package is none, but no policy-check is on PATH",
  ]);
});

test("fail-on raises the threshold; an unknown format, a missing or empty plan fail with exit 2", () => {
  const files = { "plan.json": INSECURE_PLAN };
  expect(runAction({ plan: "plan.json", "fail-on": "critical", package: tarball() }, files).status).toBe(0);
  const unknown = runAction({ plan: "plan.json", formats: "github,pdf", package: tarball() }, files);
  expect(step(unknown, "Run policy-check")?.status).toBe(2);
  expect(unknown.log).toMatch(/^::error title=policy-check::unknown format "pdf" in formats/m);
  expect(step(unknown, "Enforce --fail-on")?.status).toBeNull();
  const missing = runAction({ plan: "nope.json", package: tarball() }, files);
  expect(missing.outputs["exit-code"]).toBe("2");
  expect(missing.log).toMatch(/^policy-check: .*nope\.json/m);
  expect([step(missing, "Enforce --fail-on")?.status, missing.status]).toEqual([2, 2]);
  const empty = runAction({ plan: "", package: tarball() }, files);
  expect([step(empty, "Run policy-check")?.status, empty.status]).toEqual([2, 2]);
});

test("inputs are data, never shell: option-like and shell-like values fail as paths, run nothing", () => {
  const files = { "plan.json": SECURE_PLAN };
  // `--help` would print the usage and exit 0: as a plan it must be a file that does not exist.
  const help = runAction({ plan: "--help", package: tarball() }, files);
  expect(help.outputs["exit-code"]).toBe("2");
  expect(help.log).toMatch(/^policy-check: .*--help/m);
  const injected = runAction(
    {
      plan: '$(touch pwned); "; touch pwned; "',
      "output-dir": "out`touch pwned`",
      "source-dir": "x$(touch pwned)",
      formats: "github;touch,sarif",
      package: tarball(),
    },
    files,
  );
  expect(injected.status).toBe(2);
  expect(existsSync(path.join(injected.workspace, "pwned"))).toBe(false);
  const multiline = runAction({ plan: "plan.json", "output-dir": "out\nexit-code=0", package: tarball() }, files);
  expect(multiline.log).toMatch(/^::error title=policy-check::output-dir must be a single line$/m);
  expect(multiline.status).toBe(2);
});

test("example workflow: sets up Node, writes plan JSON, then runs this repository's root action on it with SARIF upload permissions", () => {
  const wf = YAML.parse(readFileSync(path.join(ROOT, "integrations", "github-actions", "example-workflow.yml"), "utf8")) as {
    permissions: Record<string, string>;
    jobs: Record<string, { defaults?: { run?: { "working-directory"?: string } }; steps: ActionStep[] }>;
  };
  expect(wf.permissions["security-events"]).toBe("write");
  const job_ = Object.values(wf.jobs)[0];
  const steps = job_?.steps ?? [];
  const show = steps.find((s) => s.run?.includes("terraform show -json"));
  const target = /> (\S+)$/.exec(show?.run ?? "")?.[1];
  // `uses: OWNER/REPO@REF` names the repository root: the package's own repository.
  const repository = /github\.com\/([^/]+\/[^/.]+)/.exec(PACKAGE.repository.url)?.[1];
  const check = steps.find((s) => s.uses?.startsWith(`${repository}@`));
  expect(check?.uses).toBe(`${repository}@v1`);
  expect(check?.with?.["plan"]).toBe(path.posix.join(job_?.defaults?.run?.["working-directory"] ?? ".", target ?? "?"));
  expect(check?.with?.["formats"]).toContain("sarif");
  for (const key of Object.keys(check?.with ?? {})) expect(Object.keys(action.inputs)).toContain(key);
  const node = steps.findIndex((s) => s.uses?.startsWith("actions/setup-node@"));
  expect(node).toBeGreaterThanOrEqual(0);
  expect(node).toBeLessThan(steps.indexOf(check as ActionStep));
  expect(steps.indexOf(show as ActionStep)).toBeLessThan(steps.indexOf(check as ActionStep));
});
