/**
 * The standalone binary (`npm run package:binary`) as a CI image runs it: copied alone into a `bin` directory
 * outside the repository, called as `policy-check` from a working directory outside the repository, with a
 * PATH that holds nothing but that `bin` (no node, no npm, no opa; the custom-rule tests add a directory
 * holding only the pinned opa). Its JSON reports must be byte for byte those of the npm CLI
 * (dist/src/cli/main.js) on the same input, from the same directory.
 *
 * The binary is built once per run; scripts/package-binary.ts keeps the one in dist/bin when nothing that goes
 * into it changed.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CLI, PLANS, ROOT } from "../helpers/cli";
import { loadScenarios, tuples } from "../helpers/scenarios";
import { synthesizeExample } from "../ingest/cdktf/synth";

jest.setTimeout(180_000);

const BUILT = path.join(ROOT, "dist", "bin", "policy-check");
const OPA = path.join(ROOT, ".tools", "bin", "opa");
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

interface Report {
  findings: Array<{ rule_id: string; address: string; severity: string; unknown: boolean; source: { kind: string } | null }>;
}

let base: string;
/** The binary's directory, PATH of every run: it holds only policy-check. */
let bin: string;
/** A directory holding only a link to the pinned opa. */
let opaOnly: string;
/** Where the runs start (a user's checkout, outside the repository). */
let work: string;
/** TMPDIR of the runs, to see what they leave behind. */
let tmp: string;

beforeAll(() => {
  const build = spawnSync(process.execPath, [path.join(ROOT, "dist", "scripts", "package-binary.js")], { cwd: ROOT, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`package-binary failed: ${build.stderr}${build.stdout}`);
  base = mkdtempSync(path.join(os.tmpdir(), "policy-check-binary-"));
  bin = path.join(base, "bin");
  opaOnly = path.join(base, "opa-only");
  work = path.join(base, "work");
  tmp = path.join(base, "tmp");
  for (const dir of [bin, opaOnly, work, tmp]) mkdirSync(dir);
  copyFileSync(BUILT, path.join(bin, "policy-check"));
  spawnSync("chmod", ["755", path.join(bin, "policy-check")]);
  symlinkSync(OPA, path.join(opaOnly, "opa"));
});

afterAll(() => {
  if (base !== undefined) rmSync(base, { recursive: true, force: true });
});

function env(extraPath: string[] = []): NodeJS.ProcessEnv {
  return { PATH: [bin, ...extraPath].join(path.delimiter), HOME: base, TMPDIR: tmp, NO_COLOR: "1" };
}

/** `policy-check ARGS` found on PATH, as a user types it. */
function binary(args: readonly string[], options: { cwd?: string; extraPath?: string[]; input?: string } = {}): Run {
  const result = spawnSync("policy-check", args, {
    cwd: options.cwd ?? work,
    env: env(options.extraPath),
    input: options.input ?? "",
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error !== undefined) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The npm package's CLI on the same arguments, from the same directory, with the same environment. */
function npmCli(args: readonly string[], options: { cwd?: string; extraPath?: string[]; input?: string } = {}): Run {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? work,
    env: env(options.extraPath),
    input: options.input ?? "",
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs both; they must agree on everything; returns the binary's run. */
function same(args: readonly string[], options: { cwd?: string; extraPath?: string[]; input?: string } = {}): Run {
  const ours = binary(args, options);
  const theirs = npmCli(args, options);
  expect(ours.stderr).toBe(theirs.stderr);
  expect(ours.status).toBe(theirs.status);
  expect(ours.stdout).toBe(theirs.stdout);
  return ours;
}

const report = (run: Run): Report => JSON.parse(run.stdout) as Report;

test("the environment has no node: PATH holds only the binary", () => {
  expect(readdirSync(bin)).toEqual(["policy-check"]);
  expect(spawnSync("node", ["--version"], { env: env() }).error).toMatchObject({ code: "ENOENT" });
});

test("the binary holds no path of the repository it was built in, so it reads nothing from it", () => {
  const bytes = readFileSync(path.join(bin, "policy-check"));
  expect(bytes.indexOf(ROOT)).toBe(-1);
});

test("--version prints the package version", () => {
  const run = binary(["--version"]);
  expect(run).toEqual({ status: 0, stdout: `policy-check ${VERSION}\n`, stderr: "" });
});

const scenarios = loadScenarios().filter((s) =>
  ["quickstart", "rest-insecure", "rest-secure", "http-insecure", "websocket-insecure", "openapi-body", "modules-for-each", "sensitive"].includes(
    s.name,
  ),
);

test("the plans chosen exist", () => expect(scenarios).toHaveLength(8));

test.each(scenarios.map((s) => [s.name, s] as const))(
  "plans/%s/plan.json: the expected findings, the npm CLI's report byte for byte",
  (_name, scenario) => {
    const run = same([path.join(scenario.dir, "plan.json"), "--format", "json", ...scenario.args]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(scenario.exit_code);
    expect(tuples(report(run).findings)).toEqual(tuples(scenario.findings));
  },
);

test("a plan on standard input, and the text report", () => {
  const input = readFileSync(path.join(PLANS, "rest-insecure", "plan.json"), "utf8");
  expect(same(["-", "--format", "json"], { input }).status).toBe(1);
  expect(same([path.join(PLANS, "quickstart", "plan.json")]).stdout).toContain("APIGW-007");
});

test("a .tf directory (plans/rest-insecure, through the embedded HCL parser)", () => {
  const run = same([path.join(PLANS, "rest-insecure"), "--format", "json"]);
  expect(run.status).toBe(1);
  const findings = report(run).findings;
  expect(findings.length).toBeGreaterThan(10);
  expect(findings.every((f) => f.source?.kind === "hcl")).toBe(true);
});

test("a .tf file with a syntax error is one line and exit 2", () => {
  const dir = mkdtempSync(path.join(work, "syntax-"));
  writeFileSync(path.join(dir, "main.tf"), 'resource "aws_api_gateway_rest_api" "x" {\n  name = \n}\n');
  const run = same(["main.tf"], { cwd: dir });
  expect(run.status).toBe(2);
  expect(run.stderr).toMatch(/^policy-check: main\.tf:\d+:\d+: .+\n$/);
});

test("a cdktf.out (the example app, synthesized)", () => {
  const dir = mkdtempSync(path.join(work, "cdktf-"));
  synthesizeExample(dir);
  const run = same(["cdktf.out", "--format", "json"], { cwd: dir });
  expect(run.status).toBe(1);
  const findings = report(run).findings;
  expect(findings.length).toBeGreaterThan(10);
  expect(findings.every((f) => f.source?.kind === "cdktf")).toBe(true);
});

test("policy-check rules, as text and as JSON", () => {
  const json = same(["rules", "--format", "json"]);
  const built = (JSON.parse(readFileSync(path.join(ROOT, "dist", "policy", "rules.json"), "utf8")) as { rules: Array<{ id: string }> }).rules.map(
    (r) => r.id,
  );
  expect((JSON.parse(json.stdout) as { rules: Array<{ id: string }> }).rules.map((r) => r.id)).toEqual(built);
  expect(same(["rules"]).stdout).toContain(`${built.length} rules`);
});

test("policy-check explain prints the embedded rule page (IDs in any case), the same as the npm CLI", () => {
  const run = same(["explain", "apigw-101"]);
  expect(run.status).toBe(0);
  expect(run.stdout.startsWith("# APIGW-101: REST methods require authorization\n")).toBe(true);
  expect(run.stdout).toContain("## Waive it");
  expect(run.stdout).toContain(`/blob/v${VERSION}/docs/rules/APIGW-101.md`);
  expect(same(["explain", "APIGW-999"]).status).toBe(2);
});

test(".policy-check.yaml in the working directory is found and applied (a rule disabled)", () => {
  const plan = path.join(PLANS, "quickstart", "plan.json");
  const dir = mkdtempSync(path.join(work, "config-"));
  const before = report(binary([plan, "--format", "json"], { cwd: dir })).findings;
  expect(before.map((f) => f.rule_id)).toContain("APIGW-007");
  writeFileSync(path.join(dir, ".policy-check.yaml"), "rules:\n  APIGW-007:\n    enabled: false\n");
  const after = report(same([plan, "--format", "json"], { cwd: dir })).findings;
  expect(after.map((f) => f.rule_id)).not.toContain("APIGW-007");
  expect(after).toEqual(before.filter((f) => f.rule_id !== "APIGW-007"));
  // The configuration is validated against the embedded schema: an unknown key is an error naming it.
  writeFileSync(path.join(dir, ".policy-check.yaml"), "fail_onn: high\n");
  const invalid = same([plan], { cwd: dir });
  expect(invalid.status).toBe(2);
  expect(invalid.stderr).toContain("fail_onn");
});

describe("custom rules", () => {
  let dir: string;
  let fixture: string;
  let customReport: Run;

  beforeAll(() => {
    dir = mkdtempSync(path.join(work, "custom-"));
    const scaffold = binary(["new", "rule", "owner-tag", "--id", "ACME-001"], { cwd: dir });
    expect(scaffold.status).toBe(0);
    fixture = path.join("custom-policies", "owner_tag", "fixture");
  });

  test("--policy-dir compiles the embedded built-in Rego with the custom rule (opa on PATH), and leaves no temporary files", () => {
    customReport = same(["--policy-dir", "custom-policies", fixture, "--format", "json"], { cwd: dir, extraPath: [opaOnly] });
    expect(customReport.stderr).toBe("");
    const ids = report(customReport).findings.map((f) => f.rule_id);
    expect(ids).toContain("ACME-001");
    expect(ids.some((id) => id.startsWith("APIGW-"))).toBe(true);
    expect(readdirSync(tmp)).toEqual([]);
  });

  test("--policy-dir without opa is one line naming what to do, exit 2", () => {
    const run = binary(["--policy-dir", "custom-policies", fixture], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toContain("opa");
    expect(run.stderr).not.toContain("scripts/install-tools.sh");
  });

  test("a bundle from `policy-check build` runs with --bundle and no opa: the same report", () => {
    const build = binary(["build", "--policy-dir", "custom-policies", "-o", "custom.bundle"], { cwd: dir, extraPath: [opaOnly] });
    expect(build.status).toBe(0);
    expect(existsSync(path.join(dir, "custom.bundle"))).toBe(true);
    const run = same(["--bundle", "custom.bundle", fixture, "--format", "json"], { cwd: dir });
    expect(run.stdout).toBe(customReport.stdout);
    expect(same(["rules", "--bundle", "custom.bundle"], { cwd: dir }).stdout).toContain("ACME-001");
    expect(readdirSync(tmp)).toEqual([]);
  });
});

test("bad input is one line and exit 2, a stack trace only with --debug", () => {
  const run = same(["missing.json"]);
  expect(run.status).toBe(2);
  expect(run.stderr).toBe("policy-check: missing.json: no such file or directory\n");
  const debug = binary(["missing.json", "--debug"]);
  expect(debug.status).toBe(2);
  expect(debug.stderr.split("\n").length).toBeGreaterThan(3);
  expect(debug.stderr).not.toContain(ROOT);
});
