/**
 * pre-commit: the hook in .pre-commit-hooks.yaml run the way pre-commit runs it: the changed files filtered by
 * the hook's `files` pattern, appended to `entry` and `args`, the entry found on PATH where the package's
 * `bin` puts it (language: node installs the package), in the repository root.
 */
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { changedDirectories } from "../../src/cli/pre-commit";
import { ROOT } from "../helpers/cli";
import { sandbox, type Sandbox } from "./shell";

interface Hook {
  id: string;
  entry: string;
  language: string;
  files: string;
  pass_filenames?: boolean;
  args?: string[];
}
const hooks = YAML.parse(readFileSync(path.join(ROOT, ".pre-commit-hooks.yaml"), "utf8")) as Hook[];
const hook = hooks.find((h) => h.id === "policy-check") as Hook;
const bin = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { bin: Record<string, string> }).bin;

let box: Sandbox;
beforeEach(() => {
  box = sandbox();
  // What `npm install` of the package puts on PATH for language: node.
  const target = bin[hook.entry];
  expect(target).toBeDefined();
  writeFileSync(path.join(box.bin, hook.entry), `#!/bin/sh\nexec "${process.execPath}" "${path.join(ROOT, target as string)}" "$@"\n`);
  chmodSync(path.join(box.bin, hook.entry), 0o755);
});
afterEach(() => box.cleanup());

function preCommit(changed: string[], args: string[] = hook.args ?? []): { status: number | null; output: string } {
  const files = changed.filter((f) => new RegExp(hook.files).test(f));
  const quoted = [hook.entry, ...args, ...files].map((a) => `'${a}'`).join(" ");
  return box.sh(quoted, {}, { cwd: ROOT });
}

const FIX = "test/fixtures/hcl";

test("the hook: node, changed Terraform files only, file names passed", () => {
  expect(hook).toMatchObject({ language: "node", pass_filenames: true });
  const files = new RegExp(hook.files);
  for (const f of ["main.tf", "a/b/stage.tf.json", "prod.tfvars", "x.tfvars.json"]) expect(files.test(f)).toBe(true);
  for (const f of ["README.md", "main.tf.bak", "plan.json"]) expect(files.test(f)).toBe(false);
  expect(changedDirectories(["b/main.tf", "a/x.tf", "a/y.tf", "c/vars.tfvars", "notes.md"])).toEqual(["a", "b", "c"]);
});

test("only passing directories changed: exit 0, each directory scanned once", () => {
  // Fixture directories that pass every rule (the others pass only the rules their expected.json names).
  const run = preCommit([`${FIX}/policy-pass/main.tf`, `${FIX}/integ-pass/main.tf`, `${FIX}/policy-pass/corp.auto.tfvars`, "README.md"]);
  expect(run.status).toBe(0);
  expect(run.output.match(/^policy-check test\/fixtures\/hcl\/\S+$/gm)).toEqual([`policy-check ${FIX}/integ-pass`, `policy-check ${FIX}/policy-pass`]);
  expect(run.output).not.toMatch(/FAILED/);
});

test("a failing directory among them: exit 1, its findings with file and line", () => {
  const run = preCommit([`${FIX}/integ-pass/main.tf`, `${FIX}/auth-fail/main.tf`]);
  expect(run.status).toBe(1);
  expect(run.output).toMatch(/^aws_api_gateway_method\.m\["get"\] \(main\.tf:14\)$/m);
  expect(run.output).toMatch(/FAILED: \d+ findings? at or above medium/);
  // The hook's args reach every scan.
  expect(preCommit([`${FIX}/auth-fail/main.tf`], ["--fail-on", "critical"]).status).toBe(0);
});

test("a syntax error: exit 2 with the file, line and column, even when other directories pass", () => {
  const run = preCommit([`${FIX}/integ-pass/main.tf`, `${FIX}/syntax-error/main.tf`]);
  expect(run.status).toBe(2);
  expect(run.output).toMatch(/^policy-check: .*syntax-error\/\S+\.tf:\d+:\d+: /m);
});

test("no Terraform file changed: nothing to scan, exit 0", () => {
  expect(preCommit(["README.md"]).status).toBe(0);
});
