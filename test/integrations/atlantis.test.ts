/**
 * Atlantis: the server-side repos.yaml and the repo-level atlantis.yaml, parsed, and every `run` step executed
 * with `sh -c` and Atlantis's variables on a passing and a blocking plan. Atlantis judges a custom policy check
 * by the substring "fail" (up to v0.37, case-sensitive), by "N failures" / a FAIL line (v0.38 on), and by the
 * exit status: a passing output must contain "fail" in no letter case, a blocking one must. The commands are
 * the installed package's (`npm install` of the packed tarball), as the documented Atlantis image has them.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { loadRuleCatalog } from "../../src/engine/engine";
import { ROOT } from "../helpers/cli";
import { loadScenarios } from "../helpers/scenarios";
import { INSECURE_PLAN, INSTALL_TIMEOUT_MS, PACKAGE, SECURE_PLAN, pinnedInstalls, sandbox, type Sandbox } from "./shell";

jest.setTimeout(INSTALL_TIMEOUT_MS);

interface Step {
  run?: string;
}
interface Workflow {
  plan?: { steps: Array<string | Step> };
  policy_check?: { steps: Array<string | Step> };
}
const text = (file: string): string => readFileSync(path.join(ROOT, "integrations", "atlantis", file), "utf8");
const read = (file: string): Record<string, unknown> => YAML.parse(text(file)) as Record<string, unknown>;
const server = read("repos.yaml") as {
  repos: Array<Record<string, unknown>>;
  workflows: Record<string, Workflow>;
  policies: { policy_sets: unknown[] };
};
const repo = read("atlantis.yaml") as { version: number; projects: Array<Record<string, unknown>>; workflows: Record<string, Workflow> };

const runs = (steps: Array<string | Step> | undefined): string[] =>
  (steps ?? []).flatMap((s) => (typeof s === "object" && s.run !== undefined ? [s.run] : []));

let box: Sandbox;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.cleanup());

/** Atlantis's run-step environment for a project in `dir`, with the plan already planned (and shown). */
function atlantisEnv(plan: string, { shown }: { shown: boolean }): Record<string, string> {
  const dir = path.join(box.dir, "repo", "infra", "api");
  const planfile = box.copy(plan, "repo/infra/api/default.tfplan");
  const showfile = path.join(dir, "default.tfplan.json");
  if (shown) writeFileSync(showfile, readFileSync(path.join(ROOT, plan)));
  return {
    PLANFILE: planfile,
    SHOWFILE: showfile,
    DIR: dir,
    WORKSPACE: "default",
    ATLANTIS_TERRAFORM_VERSION: "",
    BASE_REPO_NAME: "infra",
    BASE_REPO_OWNER: "acme",
    HEAD_REPO_NAME: "infra",
    HEAD_REPO_OWNER: "acme",
    HEAD_BRANCH_NAME: "feature",
    BASE_BRANCH_NAME: "main",
    PROJECT_NAME: "api",
    PULL_NUM: "7",
    PULL_AUTHOR: "dev",
    REPO_REL_DIR: "infra/api",
    USER_NAME: "dev",
    COMMENT_ARGS: "",
  };
}

test("repos.yaml turns on the custom policy check with a show step before the run step", () => {
  expect(server.repos[0]).toMatchObject({ id: "/.*/", policy_check: true, custom_policy_check: true, workflow: "apigw-policy-check" });
  const steps = server.workflows["apigw-policy-check"]?.policy_check?.steps ?? [];
  expect(steps[0]).toBe("show");
  expect(runs(steps)).toHaveLength(1);
  expect(server.policies.policy_sets.length).toBeGreaterThan(0);
  // The repo-level file uses the server's workflow and its own plan-stage gate.
  expect(repo.version).toBe(3);
  expect(repo.projects.map((p) => p["workflow"])).toEqual(["apigw-policy-check", "apigw-plan-gate-repo"]);
  expect(repo.projects[0]).toMatchObject({ custom_policy_check: true });
  for (const p of repo.projects) expect({ ...server.workflows, ...repo.workflows }[p["workflow"] as string]).toBeDefined();
});

test("the image recipe installs this version of the published package, which has every command the workflows run", () => {
  expect(pinnedInstalls(text("repos.yaml"))).toEqual([PACKAGE.version]);
  const bins = Object.keys((JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { bin: Record<string, string> }).bin);
  const commands = [...Object.values(server.workflows), ...Object.values(repo.workflows)]
    .flatMap((wf) => [...runs(wf.plan?.steps), ...runs(wf.policy_check?.steps)])
    .flatMap((run) => [...run.matchAll(/(?:^|&& )(policy-check[\w-]*)/g)].map((m) => m[1] as string));
  expect(new Set(commands)).toEqual(new Set(["policy-check", "policy-check-atlantis"]));
  for (const command of commands) expect(bins).toContain(command);
});

describe("custom policy check (policy_check stage, $SHOWFILE)", () => {
  const command = runs(server.workflows["apigw-policy-check"]?.policy_check?.steps)[0] as string;

  test('passing plan: exit 0 and no "fail" in any letter case', () => {
    const run = box.sh(command, atlantisEnv(SECURE_PLAN, { shown: true }));
    expect(run.status).toBe(0);
    expect(run.output).toContain("PASSED: nothing at or above medium");
    expect(run.output).not.toMatch(/fail/i);
  });

  test('passing plan whose resource names contain "fail": still no "fail" in the output', () => {
    const env = atlantisEnv(SECURE_PLAN, { shown: false });
    writeFileSync(env["SHOWFILE"] as string, readFileSync(path.join(ROOT, SECURE_PLAN), "utf8").replace(/orders/g, "failover"));
    // The report itself names the resource...
    expect(box.sh('policy-check "$SHOWFILE"', env).output).toContain("aws_api_gateway_rest_api.failover");
    // ...and the Atlantis step prints it without the substring.
    const run = box.sh(command, env);
    expect(run.status).toBe(0);
    expect(run.output).toContain("aws_api_gateway_rest_api.f\u200cailover");
    expect(run.output).not.toMatch(/fail/i);
  });

  test('the report\'s own words never say "fail" in a passing run: rule titles and fixes (summaries say PASSED)', () => {
    for (const rule of loadRuleCatalog().rules) {
      expect(`${rule.id} ${rule.title}`).not.toMatch(/fail/i);
      expect(`${rule.id} ${rule.remediation}`).not.toMatch(/fail/i);
    }
  });

  test('every passing fixture plan: exit 0 and no "fail", though some name resources fail_*', () => {
    let named = 0;
    const passing = loadScenarios().filter((s) => s.exit_code === 0 && s.plans.length > 0);
    expect(passing.length).toBeGreaterThan(20);
    for (const scenario of passing) {
      const env = atlantisEnv(path.relative(ROOT, scenario.plans[0] as string), { shown: true });
      // Scenario arguments are `--rule ID` (shell-safe); they narrow the run as the scenario expects.
      const args = scenario.args.join(" ");
      // The raw report prints every finding's address: those named fail_* put "fail" in it.
      if (scenario.findings.some((f) => /fail/i.test(f.address))) named += 1;
      const run = box.sh(`${command} ${args}`, env);
      expect([scenario.name, run.status]).toEqual([scenario.name, 0]);
      expect(run.output).not.toMatch(/fail/i);
    }
    // apigw-105-fail, apigw-306-fail, apigw-603-fail: low-severity findings on resources named fail_*.
    expect(named).toBeGreaterThanOrEqual(3);
  });

  test('blocking plan: non-zero exit, "fail" in the output, a FAIL line with the number of failures', () => {
    const run = box.sh(command, atlantisEnv(INSECURE_PLAN, { shown: true }));
    expect(run.status).toBe(1);
    expect(run.output).toContain("fail");
    expect(run.output).toMatch(/^FAIL - policy-check: 31 failures: /m);
  });

  test("a plan that cannot be judged fails the check too (exit 2)", () => {
    const env = atlantisEnv(SECURE_PLAN, { shown: false });
    writeFileSync(env["SHOWFILE"] as string, "{ not json");
    const run = box.sh(command, env);
    expect(run.status).toBe(2);
    expect(run.output).toMatch(/^FAIL - policy-check: 1 failure: /m);
  });
});

describe("hard gate in the plan stage ($PLANFILE → $SHOWFILE)", () => {
  const gates = [
    ["repos.yaml", runs(server.workflows["apigw-plan-gate"]?.plan?.steps)],
    ["atlantis.yaml", runs(repo.workflows["apigw-plan-gate-repo"]?.plan?.steps)],
  ] as const;

  test("the plan stage runs init, plan, then the gate", () => {
    for (const wf of [server.workflows["apigw-plan-gate"], repo.workflows["apigw-plan-gate-repo"]]) {
      expect(wf?.plan?.steps.slice(0, 2)).toEqual(["init", "plan"]);
      expect(wf?.plan?.steps[2]).toEqual({ run: expect.stringContaining('show -json "$PLANFILE" > "$SHOWFILE" && policy-check "$SHOWFILE"') });
    }
    for (const [, commands] of gates) expect(commands).toHaveLength(1);
  });

  test.each(gates)("%s: a passing plan passes, a blocking plan fails the plan step", (_file, commands) => {
    const gate = commands[0] as string;
    const pass = box.sh(gate, atlantisEnv(SECURE_PLAN, { shown: false }));
    expect(pass.status).toBe(0);
    expect(pass.output).not.toMatch(/fail/i);
    const block = box.sh(gate, atlantisEnv(INSECURE_PLAN, { shown: false }));
    expect(block.status).toBe(1);
    expect(block.output).toMatch(/FAILED: \d+ findings at or above (medium|high)/);
  });
});
