/**
 * Spacelift: the after_plan hook of config.yml run with `sh -c` in a workspace holding `spacelift.plan` (the
 * terraform shim prints the fixture plan for `terraform show -json`), then the plan policy evaluated with the
 * pinned opa (`opa eval`) against a Spacelift-shaped input carrying that real report under
 * third_party_metadata.custom.apigw. policy-check is the installed package's (`npm install` of the packed
 * tarball), as the documented runner image has it.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { ROOT } from "../helpers/cli";
import { INSECURE_PLAN, INSTALL_TIMEOUT_MS, PACKAGE, SECURE_PLAN, pinnedInstalls, sandbox, type Sandbox } from "./shell";

jest.setTimeout(INSTALL_TIMEOUT_MS);

const OPA = path.join(ROOT, ".tools", "bin", "opa");
const POLICY = path.join(ROOT, "integrations", "spacelift", "plan-policy.rego");
const configText = readFileSync(path.join(ROOT, "integrations", "spacelift", "config.yml"), "utf8");
const config = YAML.parse(configText) as {
  version: string;
  stack_defaults: { after_plan: string[] };
};

let box: Sandbox;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.cleanup());

/** Runs the after_plan hook commands in order, as Spacelift does (any failing command fails the run). */
function afterPlan(plan: string | null): { status: number | null; output: string; metadata: unknown } {
  const workspace = path.join(box.dir, "workspace");
  if (plan === null) {
    box.copy(SECURE_PLAN, "workspace/spacelift.plan");
    writeFileSync(path.join(workspace, "spacelift.plan"), "{ broken");
  } else box.copy(plan, "workspace/spacelift.plan");
  let output = "";
  for (const command of config.stack_defaults.after_plan) {
    const run = box.sh(command, {}, { cwd: workspace });
    output += run.output;
    if (run.status !== 0) return { status: run.status, output, metadata: null };
  }
  // Spacelift collects <key>.custom.spacelift.json from the workspace as third_party_metadata.custom.<key>.
  const file = path.join(workspace, "apigw.custom.spacelift.json");
  return { status: 0, output, metadata: existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as unknown) : null };
}

function evaluate(custom: Record<string, unknown>): { deny: string[]; warn: string[] } {
  const input = {
    spacelift: {
      run: { id: "01HRUN", type: "PROPOSED", state: "UNCONFIRMED", branch: "feature", commit: { hash: "abc123", message: "api" } },
      stack: { id: "api", name: "api", branch: "main", labels: [] },
    },
    terraform: { format_version: "1.2", resource_changes: [] },
    third_party_metadata: { custom },
  };
  const inputFile = path.join(box.dir, "input.json");
  writeFileSync(inputFile, JSON.stringify(input));
  const result = spawnSync(
    OPA,
    ["eval", "--format", "json", "-d", POLICY, "-i", inputFile, '{"deny": data.spacelift.deny, "warn": data.spacelift.warn}'],
    { encoding: "utf8" },
  );
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  const out = JSON.parse(result.stdout) as { result: Array<{ expressions: Array<{ value: { deny: string[]; warn: string[] } }> }> };
  return out.result[0]?.expressions[0]?.value ?? { deny: ["<no result>"], warn: [] };
}

test("the plan policy compiles with the pinned opa in strict mode", () => {
  const result = spawnSync(OPA, ["check", "--strict", POLICY], { encoding: "utf8" });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
});

test("config.yml: an after_plan hook that shows spacelift.plan and writes <key>.custom.spacelift.json", () => {
  expect(config.version).toBe("1");
  expect(config.stack_defaults.after_plan.join("\n")).toMatch(/terraform show -json spacelift\.plan/);
  expect(config.stack_defaults.after_plan.join("\n")).toMatch(/--format json --output apigw\.custom\.spacelift\.json/);
});

test("the runner image recipe installs this version of the published package", () => {
  expect(pinnedInstalls(configText)).toEqual([PACKAGE.version]);
});

test("passing plan: the hook succeeds and the plan policy denies nothing (the info finding is a warning)", () => {
  const hook = afterPlan(SECURE_PLAN);
  expect(hook.status).toBe(0);
  expect(hook.metadata).toMatchObject({ summary: { blocking: 0 } });
  const { deny, warn } = evaluate({ apigw: hook.metadata });
  expect(deny).toEqual([]);
  expect(warn).toEqual([expect.stringMatching(/^policy-check APIGW-203 \(info\) on aws_api_gateway_rest_api\.orders: /)]);
});

test("blocking plan: the hook still succeeds (the policy decides) and the plan policy denies each blocking finding", () => {
  const hook = afterPlan(INSECURE_PLAN);
  expect(hook.status).toBe(0);
  const report = hook.metadata as { summary: { blocking: number; findings: number } };
  expect(report.summary.blocking).toBe(31);
  const { deny, warn } = evaluate({ apigw: report });
  expect(deny).toHaveLength(31);
  expect(deny).toContainEqual(expect.stringMatching(/^policy-check APIGW-401 \(high\) on aws_api_gateway_domain_name\.orders: /));
  expect(warn).toHaveLength(report.summary.findings - 31);
});

test("a plan that cannot be judged fails the hook, and a run without the report is denied", () => {
  const hook = afterPlan(null);
  expect(hook.status).not.toBe(0);
  expect(hook.output).toMatch(/^policy-check: /m);
  expect(evaluate({}).deny).toEqual([expect.stringMatching(/no report in third_party_metadata\.custom\.apigw/)]);
  expect(evaluate({ other: { findings: [] } }).deny).toHaveLength(1);
});

test("the threshold is the policy's deny_at: a low finding is only a warning at medium", () => {
  const report = {
    findings: [
      { rule_id: "APIGW-402", severity: "low", title: "t", address: "a", unknown: false },
      { rule_id: "APIGW-001", severity: "info", title: "t", address: "b", unknown: true },
    ],
  };
  const { deny, warn } = evaluate({ apigw: report });
  expect(deny).toEqual([]);
  expect(warn).toEqual(["policy-check APIGW-001 (unverifiable) on b: t", "policy-check APIGW-402 (low) on a: t"]);
});
