/**
 * Bad input is said out loud: one line on stderr naming the input and what is wrong, exit code 2, no stack
 * trace unless --debug. Never exit 0 after an error.
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CLI, runCli, PLANS } from "../helpers/cli";

const tmp = mkdtempSync(path.join(os.tmpdir(), "policy-check-errors-"));
const validPlan = path.join(PLANS, "apigw-001-fail", "plan.json");

function file(name: string, content: string): string {
  const p = path.join(tmp, name);
  writeFileSync(p, content);
  return p;
}

function expectOneLineError(run: { status: number | null; stdout: string; stderr: string }, ...fragments: string[]): void {
  expect(run.status).toBe(2);
  expect(run.stdout).toBe("");
  const lines = run.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^policy-check: /);
  for (const fragment of fragments) expect(lines[0]).toContain(fragment);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

test("a missing file", () => {
  const missing = path.join(tmp, "nope.json");
  expectOneLineError(runCli([missing]), missing, "no such file");
});

test("invalid JSON names line and column", () => {
  const bad = file("bad.json", '{\n  "format_version": "1.2",\n  "resource_changes": [,]\n}\n');
  expectOneLineError(runCli([bad]), bad, "invalid JSON at line 3, column");
});

test("truncated JSON", () => {
  const text = readFileSync(validPlan, "utf8");
  const truncated = file("truncated.json", text.slice(0, Math.floor(text.length / 2)));
  expectOneLineError(runCli([truncated]), truncated, "invalid JSON at line");
});

test("an empty file", () => {
  const empty = file("empty.json", "");
  expectOneLineError(runCli([empty]), empty, "is empty");
});

test("a state, not a plan (terraform show -json of a state)", () => {
  const state = file("state.json", JSON.stringify({ format_version: "1.0", terraform_version: "1.11.4", values: { root_module: {} } }));
  expectOneLineError(runCli([state]), state, "state, not of a plan");
});

test("a raw terraform.tfstate", () => {
  const state = file("terraform.tfstate", JSON.stringify({ version: 4, terraform_version: "1.11.4", serial: 3, lineage: "x", resources: [] }));
  expectOneLineError(runCli([state]), state, "raw Terraform state file");
});

test("Terraform JSON configuration not named *.tf.json", () => {
  // `*.tf.json` files (and directories of them) are Terraform source, judged by the HCL adapter.
  const config = file("config.json", JSON.stringify({ resource: { aws_api_gateway_rest_api: { a: { name: "a" } } } }));
  expectOneLineError(runCli([config]), config, "Terraform JSON configuration");
});

test("a plan format from the future", () => {
  const future = file("future.json", JSON.stringify({ format_version: "2.0", resource_changes: [] }));
  expectOneLineError(runCli([future]), future, 'format_version "2.0" is not supported');
});

test("a JSON document that is not a plan at all", () => {
  const other = file("other.json", JSON.stringify([1, 2, 3]));
  expectOneLineError(runCli([other]), other, "not a Terraform plan");
});

test("a plan whose resource_changes are malformed", () => {
  const malformed = file(
    "malformed.json",
    JSON.stringify({ format_version: "1.2", resource_changes: [{ type: "aws_api_gateway_stage", address: "x" }] }),
  );
  expectOneLineError(runCli([malformed]), malformed, "resource_changes[0]");
});

test("a directory without Terraform files", () => {
  const empty = mkdtempSync(path.join(os.tmpdir(), "policy-check-empty-"));
  expectOneLineError(runCli([empty]), empty, "is a directory");
});

test("invalid standard input is named -", () => {
  expectOneLineError(runCli(["-"], { input: "not json" }), "policy-check: -: invalid JSON");
});

test("usage errors", () => {
  expectOneLineError(runCli([]), "missing input");
  expectOneLineError(runCli(["--bogus", validPlan]), "unknown option --bogus");
  expectOneLineError(runCli(["--fail-on", "severe", validPlan]), 'unknown severity "severe"');
  expectOneLineError(runCli(["--format", "xml", validPlan]), 'unknown format "xml"');
  expectOneLineError(runCli(["--rule", "APIGW-999", validPlan]), "unknown rule ID APIGW-999");
  expectOneLineError(runCli([validPlan, "-"]), "- (standard input) must be the only input");
  expectOneLineError(runCli(["--output"]), "--output needs a value");
});

test("an unwritable --output is an error, not a silent pass", () => {
  // A missing directory is made (-o reports/out.sarif); one that is a file cannot be.
  writeFileSync(path.join(tmp, "a-file"), "");
  const target = path.join(tmp, "a-file", "report.json");
  expectOneLineError(runCli(["--output", target, validPlan]), target, "cannot write report");
});

test("--debug adds the stack trace", () => {
  const run = runCli(["--debug", path.join(tmp, "nope.json")]);
  expect(run.status).toBe(2);
  expect(run.stderr).toMatch(/\n\s+at /);
});

test("standard input works like a file", () => {
  const fromFile = runCli(["--format", "json", validPlan]);
  const fromStdin = runCli(["--format", "json", "-"], { input: readFileSync(validPlan, "utf8") });
  expect(fromStdin.status).toBe(fromFile.status);
  expect(JSON.parse(fromStdin.stdout).findings).toEqual(
    JSON.parse(fromFile.stdout).findings.map((f: { source: unknown }) => ({ ...f, source: { kind: "plan", file: "-" } })),
  );
});

test("--output writes the report and keeps the exit code", () => {
  const target = path.join(tmp, "report.json");
  const run = runCli(["--format", "json", "--output", target, validPlan]);
  expect(run.stdout).toBe("");
  expect(run.status).toBe(1);
  expect(JSON.parse(readFileSync(target, "utf8")).summary.blocking).toBeGreaterThan(0);
});

test("--help and --version exit 0", () => {
  expect(runCli(["--help"]).stdout).toContain("Usage: policy-check");
  expect(runCli(["--version"]).stdout).toMatch(/^policy-check \d+\.\d+\.\d+/);
});

test("the built commands are executable (a rebuild after `npm ci` must not drop the bit npm set)", () => {
  for (const bin of ["main.js", "pre-commit.js"]) {
    const file = path.join(path.dirname(CLI), bin);
    expect(readFileSync(file, "utf8").startsWith("#!/usr/bin/env node")).toBe(true);
    expect(statSync(file).mode & 0o111).not.toBe(0);
  }
});

test("a resource declared twice in one file: the error names the second declaration's line, and the first's", () => {
  const dir = mkdtempSync(path.join(tmp, "duplicate-"));
  writeFileSync(
    path.join(dir, "main.tf"),
    '# an API\nresource "aws_api_gateway_rest_api" "api" {\n  name = "a"\n}\n\nresource "aws_api_gateway_rest_api" "api" {\n  name = "b"\n}\n',
  );
  const main = path.join(dir, "main.tf");
  expectOneLineError(runCli([dir]), `${main}:6: duplicate resource "aws_api_gateway_rest_api" "api" (first declared at ${main}:2)`);
});
