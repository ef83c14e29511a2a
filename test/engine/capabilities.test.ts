/**
 * opa/capabilities.json lists only the builtins @open-policy-agent/opa-wasm can run, and the build uses it:
 * a rule calling anything else fails `opa build`, not a user's run.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT } from "../helpers/cli";

const OPA = path.join(ROOT, ".tools", "bin", "opa");

function build(body: string): { status: number | null; stderr: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "caps-"));
  writeFileSync(path.join(dir, "p.rego"), `package p\n\nallow if {\n\t${body}\n}\n`);
  const run = spawnSync(
    OPA,
    ["build", "-t", "wasm", "-e", "p/allow", "--capabilities", path.join(ROOT, "opa", "capabilities.json"), "-o", path.join(dir, "b.tar.gz"), dir],
    { encoding: "utf8" },
  );
  return { status: run.status, stderr: `${run.stdout}${run.stderr}` };
}

test.each([
  ['http.send({"method": "get", "url": "http://x"})', "http.send"],
  ["time.now_ns() > 0", "time.now_ns"],
  ['strings.any_prefix_match("ab", ["a"])', "strings.any_prefix_match"],
])("unsupported in WASM: %s fails the build", (body, name) => {
  const run = build(body);
  expect(run.status).not.toBe(0);
  expect(run.stderr).toContain(`undefined function ${name}`);
});

test.each(['startswith("ab", "a")', 'sprintf("%s", ["a"]) == "a"', 'glob.match("a*", [], "ab")', 'regex.match("^a", "ab")'])(
  "supported: %s builds",
  (body) => {
    expect(build(body).status).toBe(0);
  },
);
