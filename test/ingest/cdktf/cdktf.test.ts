/**
 * The CDKTF input adapter through the built CLI: which paths it accepts (cdktf.out, manifest.json, one
 * cdk.tf.json, a stack directory, a project directory), stacks judged each as its own model, `--stack`, and
 * the one-line exit-2 errors (manifest paths that leave the output directory among them).
 */
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { readInput } from "../../../src/ingest";
import type { JsonObject } from "../../../src/ingest/types";
import { writeCdktfOut } from "../../helpers/cdktf-out";
import { PLANS, runCli } from "../../helpers/cli";
import { tempDir } from "./synth";

let temp: ReturnType<typeof tempDir>;
beforeEach(() => {
  temp = tempDir();
});
afterEach(() => temp.remove());

/** The same REST API in a stack: `aws_api_gateway_method.get`, authorization NONE (APIGW-101) in `open*` stacks. */
function openMethodStack(name: string): JsonObject {
  return {
    "//": { metadata: { backend: "local", stackName: name, version: "0.21.0" } },
    resource: {
      aws_api_gateway_rest_api: { api: { "//": { metadata: { path: `${name}/api` } }, name: "a", endpoint_configuration: { types: ["PRIVATE"] } } },
      aws_api_gateway_method: {
        get: {
          "//": { metadata: { path: `${name}/get` } },
          rest_api_id: "${aws_api_gateway_rest_api.api.id}",
          resource_id: "${aws_api_gateway_rest_api.api.root_resource_id}",
          http_method: "GET",
          authorization: name.startsWith("open") ? "NONE" : "AWS_IAM",
        },
      },
    },
  };
}

/** Writes a cdktf.out with these stacks (name → document) and manifest entries (name → overrides). */
function writeOut(stacks: Record<string, JsonObject>, manifestOverrides: Record<string, JsonObject> = {}): string {
  return writeCdktfOut(temp.dir, stacks, manifestOverrides);
}

function json(args: string[]): {
  status: number | null;
  findings: Array<{ rule_id: string; address: string; source: { file: string; construct_path?: string } }>;
  stderr: string;
} {
  const run = runCli(["--format", "json", ...args]);
  const report = run.stdout === "" ? { findings: [] } : (JSON.parse(run.stdout) as { findings: [] });
  return { status: run.status, findings: report.findings, stderr: run.stderr };
}

describe("stacks", () => {
  test("equal addresses in two stacks are different resources: each stack is its own model", () => {
    const outdir = writeOut({ open: openMethodStack("open"), closed: openMethodStack("closed"), open2: openMethodStack("open2") });
    const { status, findings } = json([outdir, "--rule", "APIGW-101"]);
    expect(status).toBe(1);
    // Stacks in manifest order, each with its own file and construct path.
    expect(findings.map((f) => [f.address, f.source.construct_path, f.source.file])).toEqual([
      ["aws_api_gateway_method.get", "open/get", path.join(outdir, "stacks", "open", "cdk.tf.json")],
      ["aws_api_gateway_method.get", "open2/get", path.join(outdir, "stacks", "open2", "cdk.tf.json")],
    ]);
    // The text report gives each stack's resource its own header, even when adjacent.
    const text = runCli([outdir, "--rule", "APIGW-101"]).stdout;
    expect(text.split("\n").filter((l) => l.startsWith("aws_api_gateway_method.get"))).toEqual([
      "aws_api_gateway_method.get (open/get)",
      "aws_api_gateway_method.get (open2/get)",
    ]);
  });

  test("--stack judges only the named stack; another stack's broken file does not matter then", () => {
    const outdir = writeOut({ open: openMethodStack("open"), closed: openMethodStack("closed") });
    writeFileSync(path.join(outdir, "stacks", "open", "cdk.tf.json"), "{ broken");
    expect(json([outdir, "--stack", "closed", "--rule", "APIGW-101"])).toMatchObject({ status: 0, findings: [], stderr: "" });
    const broken = runCli([outdir]);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toBe(
      `policy-check: ${path.join(outdir, "stacks", "open", "cdk.tf.json")}: invalid JSON at line 1, column 3: expected a property name, unexpected "b"\n`,
    );
  });

  test("an unknown --stack, and --stack on a plan, are usage errors naming the choices", () => {
    const outdir = writeOut({ open: openMethodStack("open"), closed: openMethodStack("closed") });
    const unknown = runCli([outdir, "--stack", "nope"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe(`policy-check: ${outdir}: no stack "nope" (stacks: open, closed)\n`);
    const plan = runCli([path.join(PLANS, "quickstart", "plan.json"), "--stack", "x"]);
    expect(plan.status).toBe(2);
    expect(plan.stderr).toMatch(
      /^policy-check: .*plan\.json: --stack applies only to CDKTF output \(cdktf\.out, its manifest\.json or a cdk\.tf\.json\)\n$/,
    );
  });

  test("a stack's working directory and a CDKTF project directory (cdktf.json `output`) are accepted too", () => {
    const outdir = writeOut({ open: openMethodStack("open") });
    expect(json([path.join(outdir, "stacks", "open"), "--rule", "APIGW-101"]).findings).toHaveLength(1);
    writeFileSync(path.join(temp.dir, "cdktf.json"), JSON.stringify({ language: "typescript", app: "node main.js", output: "cdktf.out" }));
    expect(json([temp.dir, "--rule", "APIGW-101"]).findings).toHaveLength(1);
    writeFileSync(path.join(temp.dir, "cdktf.json"), JSON.stringify({ language: "typescript", app: "node main.js", output: "elsewhere" }));
    const missing = runCli([temp.dir]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(
      `policy-check: ${temp.dir}: is a CDKTF project without synthesized output (${path.join(temp.dir, "elsewhere", "manifest.json")}): run \`cdktf synth\` first\n`,
    );
  });

  test("an empty app judges nothing and passes", () => {
    expect(json([writeOut({})])).toMatchObject({ status: 0, findings: [] });
  });

  test("the registry hands cdktf output to this adapter, and plans still to the plan adapter", () => {
    const outdir = writeOut({ open: openMethodStack("open") });
    expect(readInput(outdir)).toMatchObject({ kind: "cdktf", tool_version: "0.21.0", instances: [], stacks: [{ name: "open" }] });
    expect(readInput(path.join(outdir, "stacks", "open", "cdk.tf.json"))).toMatchObject({ kind: "cdktf", stacks: [{ name: "open" }] });
    expect(readInput(path.join(PLANS, "quickstart", "plan.json")).kind).toBe("plan");
  });
});

describe("manifest paths stay inside the output directory (exit 2, one line)", () => {
  const cases: Array<[string, string, string]> = [
    ["climbs out", "../../etc/passwd", 'stack "evil" has synthesizedStackPath "../../etc/passwd", which leaves the output directory'],
    ["absolute", "/etc/passwd", 'stack "evil" has synthesizedStackPath "/etc/passwd", which leaves the output directory'],
    ["the directory itself", ".", 'stack "evil" has synthesizedStackPath ".", which leaves the output directory'],
    [
      "HCL output",
      "stacks/evil/cdk.tf",
      'stack "evil" was synthesized as HCL (stacks/evil/cdk.tf); policy-check reads the JSON output: synthesize without SYNTH_HCL_OUTPUT',
    ],
    ["missing", "", 'stack "evil" has no synthesizedStackPath'],
  ];
  test.each(cases)("%s", (_label, synthesizedStackPath, message) => {
    const outdir = writeOut({ open: openMethodStack("open") }, { evil: { synthesizedStackPath } });
    for (const input of [outdir, path.join(outdir, "manifest.json")]) {
      // Refused even with --stack naming another stack: a manifest that points outside is not trusted.
      const run = runCli([input, "--stack", "open"]);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toBe(`policy-check: ${path.join(outdir, "manifest.json")}: ${message}\n`);
    }
  });

  test("a symbolic link inside the output directory that points out of it", () => {
    const outside = path.join(temp.dir, "outside.json");
    writeFileSync(outside, JSON.stringify(openMethodStack("open")));
    const outdir = writeOut({ open: openMethodStack("open") });
    mkdirSync(path.join(outdir, "stacks", "linked"));
    symlinkSync(outside, path.join(outdir, "stacks", "linked", "cdk.tf.json"));
    writeOut({ open: openMethodStack("open") }, { linked: { synthesizedStackPath: "stacks/linked/cdk.tf.json" } });
    const run = runCli([outdir]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `policy-check: ${path.join(outdir, "manifest.json")}: stack "linked" has synthesizedStackPath "stacks/linked/cdk.tf.json", which links out of the output directory\n`,
    );
  });

  test("a stack file the manifest names but synth did not write", () => {
    const outdir = writeOut({ open: openMethodStack("open") }, { gone: { synthesizedStackPath: "stacks/gone/cdk.tf.json" } });
    const run = runCli([outdir]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`policy-check: ${path.join(outdir, "stacks", "gone", "cdk.tf.json")}: no such file\n`);
  });

  test("a manifest on standard input cannot locate its stacks", () => {
    const run = runCli(["-"], { input: JSON.stringify({ version: "0.21.0", stacks: {} }) });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("policy-check: -: a CDKTF manifest on standard input cannot locate its stacks: give the path to cdktf.out\n");
  });

  test("a stack document on standard input is judged", () => {
    const run = runCli(["--format", "json", "--rule", "APIGW-101", "-"], { input: JSON.stringify(openMethodStack("open")) });
    expect(run.status).toBe(1);
    expect((JSON.parse(run.stdout) as { findings: Array<{ source: unknown }> }).findings.map((f) => f.source)).toEqual([
      { kind: "cdktf", file: "-", construct_path: "open/get" },
    ]);
  });
});
