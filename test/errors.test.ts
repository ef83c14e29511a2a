/**
 * Every error code of src/errors.ts is raised for the input it is for, and each code is here: a new code
 * without a case, or a case whose input raises another code, fails.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "../src/cli/args";
import { scaffoldCustomRule } from "../src/config/scaffold";
import { PolicyEngine } from "../src/engine/engine";
import { ERROR_CODES, PolicyCheckError, type ErrorCode } from "../src/errors";
import { check, readInput, type RuleCatalog } from "../src/index";
import { PLANS, ROOT } from "./helpers/cli";

const tmp = mkdtempSync(path.join(os.tmpdir(), "policy-check-codes-"));
const file = (name: string, text: string): string => {
  const p = path.join(tmp, name);
  writeFileSync(p, text);
  return p;
};
const PLAN = path.join(PLANS, "apigw-001-fail", "plan.json");

/** A copy of the built bundle whose rules.json has lost a rule the WASM still reports: a mismatched bundle. */
function mismatchedBundle(): string {
  const dir = path.join(tmp, "bundle");
  cpSync(path.join(ROOT, "dist", "policy"), dir, { recursive: true });
  const catalog = JSON.parse(readFileSync(path.join(dir, "rules.json"), "utf8")) as RuleCatalog;
  writeFileSync(path.join(dir, "rules.json"), JSON.stringify({ ...catalog, rules: catalog.rules.filter((r) => r.id !== "APIGW-001") }));
  return dir;
}

const CASES: Record<ErrorCode, { input: string; raise: () => unknown; message: RegExp }> = {
  USAGE: { input: "an unknown option", raise: () => parseArgs(["--bogus", "plan.json"]), message: /^unknown option --bogus/ },
  INPUT_NOT_FOUND: {
    input: "a path that does not exist",
    raise: () => readInput(path.join(tmp, "nope.json")),
    message: /^no such file or directory$/,
  },
  INPUT_UNREADABLE: {
    input: "standard input that fails to read",
    raise: () =>
      readInput("-", {
        readStdin: () => {
          throw new Error("EIO");
        },
      }),
    message: /^cannot read standard input$/,
  },
  INPUT_INVALID_JSON: {
    input: "a .json file that is not JSON",
    raise: () => readInput(file("bad.json", "{ not json")),
    message: /^invalid JSON at line 1/,
  },
  INPUT_UNSUPPORTED: { input: "an empty file", raise: () => readInput(file("empty.json", "  \n")), message: /^is empty/ },
  POLICY_BUNDLE: { input: "a bundle directory without a bundle", raise: () => PolicyEngine.load(tmp), message: /npm run build/ },
  EVALUATION: {
    input: "a bundle whose metadata does not match its WASM",
    raise: async () => check({ input: PLAN, failOn: "medium", engine: await PolicyEngine.load(mismatchedBundle()) }),
    message: /^a rule returned unknown rule ID APIGW-001$/,
  },
  OUTPUT: {
    input: "a scaffold under a regular file",
    raise: () => scaffoldCustomRule(path.join(file("a-file", "x"), "rules"), "owner_tag", "ACME-001"),
    message: /^cannot create directory \(ENOTDIR\)$/,
  },
};

test("every error code has a case", () => {
  expect(Object.keys(CASES).sort()).toEqual([...ERROR_CODES].sort());
});

test.each(Object.entries(CASES).map(([code, c]) => [code, c.input, c] as const))("%s is raised for %s", async (code, _input, { raise, message }) => {
  let caught: unknown;
  try {
    await raise();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(PolicyCheckError);
  expect(caught).toMatchObject({ code, message: expect.stringMatching(message) });
});
