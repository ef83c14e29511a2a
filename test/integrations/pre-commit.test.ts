/**
 * pre-commit: the hook in .pre-commit-hooks.yaml run the way pre-commit runs a `language: script` hook: the
 * changed files filtered by the hook's `files` pattern, appended to the entry (a path in pre-commit's clone
 * of the hook repository, which has no dist/) and `args`, in the user's repository. The entry installs the
 * package once into the cache (POLICY_CHECK_PACKAGE: the packed tarball, in place of the registry) and runs
 * its policy-check-pre-commit.
 */
import { spawnSync } from "node:child_process";
import { accessSync, constants, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { changedDirectories } from "../../src/cli/pre-commit";
import { ROOT } from "../helpers/cli";
import { installedPackage, npmEnv } from "../helpers/package";
import { INSTALL_TIMEOUT_MS, PACKAGE, checkout, installedBinDir, sandbox, type Sandbox } from "./shell";

jest.setTimeout(INSTALL_TIMEOUT_MS);

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

// One clone and one cache for the file, as on a developer's machine: the first run installs, the others reuse.
let box: Sandbox;
let clone: string;
let cache: string;
beforeAll(() => {
  box = sandbox({ installed: false });
  clone = checkout(box.dir);
  cache = path.join(box.dir, "cache");
});
afterAll(() => box.cleanup());

function preCommit(
  changed: string[],
  options: { args?: string[]; env?: Record<string, string> } = {},
): { status: number | null; output: string; stderr: string } {
  const files = changed.filter((f) => new RegExp(hook.files).test(f));
  const result = spawnSync(path.join(clone, hook.entry), [...(options.args ?? hook.args ?? []), ...files], {
    cwd: ROOT,
    encoding: "utf8",
    env: {
      PATH: box.path,
      HOME: process.env["HOME"] ?? box.dir,
      NO_COLOR: "1",
      XDG_CACHE_HOME: cache,
      POLICY_CHECK_PACKAGE: installedPackage().tarball,
      ...npmEnv(),
      ...options.env,
    },
  });
  return { status: result.status, output: result.stdout + result.stderr, stderr: result.stderr };
}

const FIX = "test/fixtures/hcl";

test("the hook: a script in the hook repository (nothing built), changed Terraform files only, file names passed", () => {
  expect(hook).toMatchObject({ language: "script", pass_filenames: true });
  // The usage example pins the tag of this version, whose package the entry installs.
  expect(readFileSync(path.join(ROOT, ".pre-commit-hooks.yaml"), "utf8")).toMatch(
    new RegExp(`^#\\s+rev: v${PACKAGE.version.replace(/\./g, "\\.")}$`, "m"),
  );
  accessSync(path.join(clone, hook.entry), constants.X_OK);
  const files = new RegExp(hook.files);
  for (const f of ["main.tf", "a/b/stage.tf.json", "prod.tfvars", "x.tfvars.json"]) expect(files.test(f)).toBe(true);
  for (const f of ["README.md", "main.tf.bak", "plan.json"]) expect(files.test(f)).toBe(false);
  expect(changedDirectories(["b/main.tf", "a/x.tf", "a/y.tf", "c/vars.tfvars", "notes.md"])).toEqual(["a", "b", "c"]);
});

test("only passing directories changed: exit 0, each directory scanned once; installed on the first run, reused after", () => {
  const run = preCommit([`${FIX}/policy-pass/main.tf`, `${FIX}/integ-pass/main.tf`, `${FIX}/policy-pass/corp.auto.tfvars`, "README.md"]);
  expect(run.status).toBe(0);
  expect(run.stderr).toMatch(/^policy-check: installing .*\.tgz$/m);
  expect(run.output.match(/^policy-check test\/fixtures\/hcl\/\S+$/gm)).toEqual([
    `policy-check ${FIX}/integ-pass`,
    `policy-check ${FIX}/policy-pass`,
  ]);
  expect(run.output).not.toMatch(/FAILED/);
  const again = preCommit([`${FIX}/integ-pass/main.tf`]);
  expect(again.status).toBe(0);
  expect(again.stderr).toMatch(/^policy-check: using .*\.tgz from /m);
  expect(again.stderr).not.toMatch(/installing/);
});

test("a failing directory among them: exit 1, its findings with file and line; the hook's args reach every scan", () => {
  const run = preCommit([`${FIX}/integ-pass/main.tf`, `${FIX}/auth-fail/main.tf`]);
  expect(run.status).toBe(1);
  // The location is a path from where the hook ran, so an editor or terminal opens it.
  expect(run.output).toMatch(/^aws_api_gateway_method\.m\["get"\] \(test\/fixtures\/hcl\/auth-fail\/main\.tf:14\)$/m);
  expect(run.output).toMatch(/FAILED: \d+ findings? at or above medium/);
  expect(preCommit([`${FIX}/auth-fail/main.tf`], { args: ["--fail-on", "critical"] }).status).toBe(0);
});

test("a syntax error: exit 2 with the file, line and column, even when other directories pass", () => {
  const run = preCommit([`${FIX}/integ-pass/main.tf`, `${FIX}/syntax-error/main.tf`]);
  expect(run.status).toBe(2);
  expect(run.output).toMatch(/^policy-check: .*syntax-error\/\S+\.tf:\d+:\d+: /m);
});

test("no Terraform file changed: nothing to scan, exit 0", () => {
  expect(preCommit(["README.md"]).status).toBe(0);
});

test("by default the hook installs apigw-policy-check at the version of the hook's checkout", () => {
  // Offline with an empty npm cache, the install fails where it would ask the registry, naming what it asked for.
  const emptyCache = path.join(box.dir, "empty-npm-cache");
  mkdirSync(emptyCache);
  const run = preCommit([`${FIX}/integ-pass/main.tf`], {
    env: { POLICY_CHECK_PACKAGE: "", npm_config_offline: "true", npm_config_cache: emptyCache },
  });
  expect(run.status).toBe(2);
  expect(run.stderr.trim().split("\n").pop()).toBe(
    `policy-check: npm could not install ${PACKAGE.name}@${PACKAGE.version} (see npm's messages above)`,
  );
});

test("POLICY_CHECK_PACKAGE=none runs the policy-check-pre-commit on PATH, and says so in one line when there is none", () => {
  const onPath = preCommit([`${FIX}/auth-fail/main.tf`], { env: { POLICY_CHECK_PACKAGE: "none", PATH: `${installedBinDir()}:${box.path}` } });
  expect(onPath.status).toBe(1);
  expect(onPath.stderr).not.toMatch(/installing|using/);
  const missing = preCommit([`${FIX}/auth-fail/main.tf`], { env: { POLICY_CHECK_PACKAGE: "none" } });
  expect(missing.status).toBe(2);
  expect(missing.output).toBe("policy-check: POLICY_CHECK_PACKAGE is none, but no policy-check-pre-commit is on PATH\n");
});
