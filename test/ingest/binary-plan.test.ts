/**
 * Which program reads a binary plan, and what is said when it cannot: terraform before tofu, tofu after a
 * failing terraform, --terraform-bin alone, the failing command's first `Error:` line. The programs here are
 * small scripts standing in for terraform and tofu (a machine has at most one of the real ones, CI only
 * terraform); what they print is real `show -json` output (plans/quickstart) and real Terraform error output.
 * test/e2e/binary-plan.test.ts runs the real terraform.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PLANS, runCli } from "../helpers/cli";
import { tuples, type ExpectedFinding } from "../helpers/scenarios";

const root = mkdtempSync(path.join(os.tmpdir(), "policy-check-binary-plan-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const quickstart = JSON.parse(readFileSync(path.join(PLANS, "quickstart", "expected.json"), "utf8")) as {
  exit_code: number;
  findings: ExpectedFinding[];
};
const ZIP = Buffer.concat([Buffer.from("PK\u0003\u0004\u0014\u0000\u0000\u0000\u0008\u0000", "latin1"), Buffer.alloc(32, 7)]);

/** What Terraform 1.11 prints when it cannot read a plan: a warning first, then the boxed, coloured error. */
function terraformError(reason: string): string {
  return (
    'There are some problems with the CLI configuration:\n╷\n│ Warning: Unable to open CLI configuration file\n│\n│ The CLI configuration file at "/root/.terraformrc" does not exist.\n╵\n\n' +
    `\u001b[31m╷\u001b[0m\u001b[0m\n\u001b[31m│\u001b[0m \u001b[0m\u001b[1m\u001b[31mError: \u001b[0m\u001b[0m\u001b[1m${reason}\u001b[0m\n\u001b[31m│\u001b[0m \u001b[0m\n\u001b[31m│\u001b[0m \u001b[0mmore detail\n\u001b[31m╵\u001b[0m\u001b[0m\n`
  );
}

let counter = 0;

/**
 * A working directory holding a zip named `tfplan` and a bin directory of stand-in programs. Each program
 * appends `name cwd args...` to calls.log, then prints `stdout` (a file's content) or fails with `stderr`.
 */
function setup(
  programs: Record<string, { stdoutFile?: string; stderr?: string; status?: number }>,
  planName = "tfplan",
): { dir: string; bin: string; calls: () => string[] } {
  counter += 1;
  const dir = path.join(root, `case-${counter}`);
  const bin = path.join(dir, "bin");
  mkdirSync(bin, { recursive: true });
  writeFileSync(path.join(dir, planName), ZIP);
  const log = path.join(dir, "calls.log");
  for (const [name, behaviour] of Object.entries(programs)) {
    const errFile = path.join(bin, `${name}.stderr`);
    writeFileSync(errFile, behaviour.stderr ?? "");
    const body = [
      "#!/bin/sh",
      `printf '%s|' "${name}" "$PWD" "$@" >> '${log}'; echo >> '${log}'`,
      behaviour.stdoutFile === undefined ? "" : `/bin/cat '${behaviour.stdoutFile}'`,
      `/bin/cat '${errFile}' >&2`,
      `exit ${behaviour.status ?? 0}`,
    ].join("\n");
    writeFileSync(path.join(bin, name), `${body}\n`);
    chmodSync(path.join(bin, name), 0o755);
  }
  return { dir, bin, calls: () => (existsSync(log) ? readFileSync(log, "utf8").trim().split("\n") : []) };
}

const tofuPlan = path.join(PLANS, "quickstart", "tofu.plan.json");
const terraformPlan = path.join(PLANS, "quickstart", "plan.json");

function findingTuples(stdout: string): string[] {
  return tuples((JSON.parse(stdout) as { findings: ExpectedFinding[] }).findings);
}

test("terraform is preferred when both are on PATH; tofu is not run", () => {
  const { dir, bin, calls } = setup({ terraform: { stdoutFile: terraformPlan }, tofu: { stdoutFile: tofuPlan } });
  const run = runCli(["--format", "json", "tfplan"], { cwd: dir, env: { PATH: bin } });
  expect(run.stderr).toBe("policy-check: tfplan is a binary plan; judging the output of terraform show -json tfplan\n");
  expect(run.status).toBe(quickstart.exit_code);
  expect(findingTuples(run.stdout)).toEqual(tuples(quickstart.findings));
  expect(calls()).toEqual([`terraform|${dir}|show|-json|tfplan|`]);
});

test("tofu alone on PATH reads the plan", () => {
  const { dir, bin, calls } = setup({ tofu: { stdoutFile: tofuPlan } });
  const run = runCli(["--format", "json", "tfplan"], { cwd: dir, env: { PATH: bin } });
  expect(run.stderr).toBe("policy-check: tfplan is a binary plan; judging the output of tofu show -json tfplan\n");
  expect(findingTuples(run.stdout)).toEqual(tuples(quickstart.findings));
  expect(calls()).toEqual([`tofu|${dir}|show|-json|tfplan|`]);
});

test("an OpenTofu plan: terraform fails, tofu reads it, and the one stderr line says both", () => {
  const { dir, bin, calls } = setup({
    terraform: { status: 1, stderr: terraformError("Failed to read plan from plan file") },
    tofu: { stdoutFile: tofuPlan },
  });
  const run = runCli(["--format", "json", "tfplan"], { cwd: dir, env: { PATH: bin } });
  expect(run.stderr).toBe(
    "policy-check: tfplan is a binary plan; judging the output of tofu show -json tfplan (terraform show -json tfplan failed (exit 1): Error: Failed to read plan from plan file)\n",
  );
  expect(run.status).toBe(quickstart.exit_code);
  expect(findingTuples(run.stdout)).toEqual(tuples(quickstart.findings));
  expect(calls().map((c) => c.split("|")[0])).toEqual(["terraform", "tofu"]);
});

test("both fail: exit 2, one line with each command and its first Error: line, no colour codes", () => {
  const { dir, bin } = setup({
    terraform: { status: 1, stderr: terraformError("Failed to load plugin schemas") },
    tofu: { status: 1, stderr: "\n\nError: Failed to read plan from plan file\n\nmore\n" },
  });
  const run = runCli(["tfplan"], { cwd: dir, env: { PATH: bin } });
  expect(run).toEqual({
    status: 2,
    stdout: "",
    stderr:
      "policy-check: tfplan: terraform show -json tfplan failed (exit 1): Error: Failed to load plugin schemas; tofu show -json tfplan failed (exit 1): Error: Failed to read plan from plan file\n",
  });
});

test("--terraform-bin is the only program run: no fallback to tofu", () => {
  const { dir, bin, calls } = setup({
    "my-terraform": { status: 1, stderr: "something went wrong\nsecond line\n" },
    tofu: { stdoutFile: tofuPlan },
  });
  const run = runCli(["tfplan", "--terraform-bin", "bin/my-terraform"], { cwd: dir, env: { PATH: bin } });
  expect(run).toEqual({
    status: 2,
    stdout: "",
    stderr: "policy-check: tfplan: bin/my-terraform show -json tfplan failed (exit 1): something went wrong\n",
  });
  expect(calls().map((c) => c.split("|")[0])).toEqual(["my-terraform"]);
});

test("a failing program with no error output, and one printing nothing or not JSON", () => {
  const silent = setup({ terraform: { status: 4 } });
  expect(runCli(["tfplan"], { cwd: silent.dir, env: { PATH: silent.bin } }).stderr).toBe(
    "policy-check: tfplan: terraform show -json tfplan failed (exit 4) with no error message\n",
  );
  const empty = setup({ terraform: {} });
  expect(runCli(["tfplan"], { cwd: empty.dir, env: { PATH: empty.bin } })).toEqual({
    status: 2,
    stdout: "",
    stderr: "policy-check: tfplan: terraform show -json tfplan printed nothing\n",
  });
  const notJson = path.join(root, "not-json.txt");
  writeFileSync(notJson, "Plan: 3 to add\n");
  const text = setup({ terraform: { stdoutFile: notJson } });
  const run = runCli(["tfplan"], { cwd: text.dir, env: { PATH: text.bin } });
  expect(run.status).toBe(2);
  expect(run.stderr).toMatch(/^policy-check: tfplan: the output of terraform show -json tfplan: invalid JSON at line 1, column 1: [^\n]*\n$/);
});

test("show -json output that is not a plan is refused as the plan reader refuses it", () => {
  const state = path.join(root, "state.json");
  writeFileSync(state, JSON.stringify({ format_version: "1.0", terraform_version: "1.11.4", values: { root_module: {} } }));
  const { dir, bin } = setup({ terraform: { stdoutFile: state } });
  const run = runCli(["tfplan"], { cwd: dir, env: { PATH: bin } });
  expect(run.status).toBe(2);
  expect(run.stderr).toMatch(/^policy-check: tfplan: this is `terraform show -json` output of a state, not of a plan; [^\n]*\n$/);
});

test("odd file names reach terraform as one argument; a leading dash becomes ./", () => {
  const name = "plan; touch pwned $(touch pwned2)";
  const odd = setup({ terraform: { stdoutFile: terraformPlan } }, name);
  const run = runCli(["--format", "json", name], { cwd: odd.dir, env: { PATH: odd.bin } });
  expect(run.stderr).toBe(`policy-check: ${name} is a binary plan; judging the output of terraform show -json '${name}'\n`);
  expect(odd.calls()).toEqual([`terraform|${odd.dir}|show|-json|${name}|`]);
  expect(existsSync(path.join(odd.dir, "pwned")) || existsSync(path.join(odd.dir, "pwned2"))).toBe(false);

  const dash = setup({ terraform: { stdoutFile: terraformPlan } }, "-tfplan");
  expect(runCli(["--format", "json", "./-tfplan"], { cwd: dash.dir, env: { PATH: dash.bin } }).status).not.toBe(2);
  expect(dash.calls()).toEqual([`terraform|${dash.dir}|show|-json|./-tfplan|`]);
});

test("a terraform found only through relative PATH entries (bin, .) is not run", () => {
  const { dir, calls } = setup({ terraform: { stdoutFile: terraformPlan } });
  const run = runCli(["tfplan"], { cwd: dir, env: { PATH: `bin${path.delimiter}.` } });
  expect(run).toEqual({
    status: 2,
    stdout: "",
    stderr: "policy-check: tfplan is a binary Terraform plan; run terraform show -json tfplan > plan.json\n",
  });
  expect(calls()).toEqual([]);
});
