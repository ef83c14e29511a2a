/** The pre-commit entry in process: its options are told from the changed files by the check command's table. */
import { runPreCommit } from "../../src/cli/pre-commit";
import type { Io } from "../../src/cli/main";
import { ROOT } from "../helpers/cli";

function io(): Io & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), stdoutIsTty: false, env: {}, cwd: ROOT };
}

const FAIL = "test/fixtures/hcl/auth-fail/main.tf";
const PASS = "test/fixtures/hcl/auth-pass/main.tf";

test("the hook's options reach every scan, in either spelling; each changed directory is scanned once", async () => {
  const blocked = io();
  expect(await runPreCommit([FAIL, PASS], blocked)).toBe(1);
  expect(blocked.out.filter((l) => l.startsWith("policy-check test/"))).toEqual([
    "policy-check test/fixtures/hcl/auth-fail\n",
    "policy-check test/fixtures/hcl/auth-pass\n",
  ]);
  expect(await runPreCommit(["--fail-on", "critical", FAIL], io())).toBe(0);
  expect(await runPreCommit(["--fail-on=critical", FAIL], io())).toBe(0);
});

test("a valued option's value is never taken for a changed file", async () => {
  const run = io();
  // `--format json` then a file: json is the format's value; main.tf under auth-fail is the only scan.
  expect(await runPreCommit(["--format", "json", "--rule", "APIGW-101", FAIL], run)).toBe(1);
  expect(run.out.filter((l) => l.startsWith("policy-check "))).toEqual(["policy-check test/fixtures/hcl/auth-fail\n"]);
});

test("an unknown or incomplete option is a usage error before any scan, never a silent pass", async () => {
  await expect(runPreCommit(["--bogus", FAIL], io())).rejects.toMatchObject({ code: "USAGE", message: "unknown option --bogus (see --help)" });
  await expect(runPreCommit(["--fail-on"], io())).rejects.toMatchObject({ code: "USAGE", message: "--fail-on needs a value" });
});

test("--help prints the hook's usage with policy-check's options, scans nothing and exits 0", async () => {
  for (const flag of ["--help", "-h"]) {
    const run = io();
    expect(await runPreCommit([flag, FAIL], run)).toBe(0);
    const text = run.out.join("");
    expect(text).toMatch(/^Usage: policy-check-pre-commit \[options\] FILE\.\.\./);
    expect(text).toContain("--fail-on");
    expect(text).not.toContain("policy-check test/");
  }
});
