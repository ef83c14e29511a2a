/**
 * End to end on the example CDKTF app: synthesized in-process into a temporary directory, judged by the built
 * CLI (`policy-check cdktf.out`), with the exact findings, construct paths and exit codes. The example is a port
 * of four plan fixtures, so the findings are also compared with what the plans of the Terraform originals give.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ROOT, runCli } from "../../helpers/cli";
import { loadScenarios } from "../../helpers/scenarios";
import { INSECURE, SECURE, type Row } from "./expected";
import { synthesizeExample, tempDir } from "./synth";

interface ReportFinding {
  rule_id: string;
  address: string;
  severity: string;
  unknown: boolean;
  message: string;
  source: { kind: string; file: string; construct_path?: string } | null;
}

interface Report {
  input: string;
  findings: ReportFinding[];
  summary: { resources_judged: number; findings: number; blocking: number; unverifiable: number };
}

let temp: ReturnType<typeof tempDir>;
let outdir: string;

beforeAll(() => {
  temp = tempDir();
  outdir = synthesizeExample(temp.dir);
});

afterAll(() => temp.remove());

function judge(...args: string[]): { status: number | null; report: Report; stderr: string } {
  const run = runCli(["--format", "json", ...args]);
  return { status: run.status, report: JSON.parse(run.stdout === "" ? "null" : run.stdout) as Report, stderr: run.stderr };
}

const rows = (findings: readonly ReportFinding[]): Row[] => findings.map((f) => [f.source?.construct_path ?? "", f.rule_id, f.address, f.severity]);

describe("policy-check cdktf.out", () => {
  test("judges every stack of the manifest: exact findings, construct paths, stack files, exit 1", () => {
    const { status, report, stderr } = judge(outdir);
    expect(stderr).toBe("");
    expect(status).toBe(1);
    expect(rows(report.findings)).toEqual([...INSECURE, ...SECURE]);
    expect(report.findings.every((f) => !f.unknown)).toBe(true);
    for (const f of report.findings) {
      const stack = (f.source?.construct_path ?? "").split("/")[0] ?? "";
      expect(f.source).toEqual({ kind: "cdktf", file: path.join(outdir, "stacks", stack, "cdk.tf.json"), construct_path: f.source?.construct_path });
    }
    expect(report.summary.findings).toBe(INSECURE.length + SECURE.length);
  });

  test("--stack judges one stack: the secure one passes with its one info notice", () => {
    const secure = judge(outdir, "--stack", "secure-api");
    expect(secure.status).toBe(0);
    expect(rows(secure.report.findings)).toEqual(SECURE);
    const insecure = judge(outdir, "--stack", "insecure-api");
    expect(insecure.status).toBe(1);
    expect(rows(insecure.report.findings)).toEqual(INSECURE);
    expect(secure.report.summary.resources_judged + insecure.report.summary.resources_judged).toBe(judge(outdir).report.summary.resources_judged);
  });

  test("manifest.json and a single cdk.tf.json are the same inputs as the directory", () => {
    expect(rows(judge(path.join(outdir, "manifest.json")).report.findings)).toEqual([...INSECURE, ...SECURE]);
    expect(rows(judge(path.join(outdir, "stacks", "insecure-api", "cdk.tf.json")).report.findings)).toEqual(INSECURE);
    expect(rows(judge(path.join(outdir, "stacks", "secure-api")).report.findings)).toEqual(SECURE);
  });

  test("the same rules fire as on the plans of the Terraform originals (rule, resource type, severity)", () => {
    const scenarios = new Map(loadScenarios().map((s) => [s.name, s]));
    const fromPlans = (names: string[]): string[] =>
      names
        .flatMap((n) => scenarios.get(n)?.findings ?? [])
        .map((f) => `${f.rule_id} ${f.address.split(".")[0] ?? ""} ${f.severity}${f.unknown ? " unknown" : ""}`)
        .sort();
    const fromSynth = (findings: Row[]): string[] =>
      findings.map(([, rule, address, severity]) => `${rule} ${address.split(".")[0] ?? ""} ${severity}`).sort();
    expect(fromSynth(INSECURE)).toEqual(fromPlans(["rest-insecure", "http-insecure"]));
    expect(fromSynth(SECURE)).toEqual(fromPlans(["rest-secure", "http-secure"]));
  });

  test("text report: findings grouped under `address (construct path)`, summary over both stacks", () => {
    const run = runCli([outdir]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("aws_api_gateway_stage.orders_prod-stage_589818A2 (insecure-api/orders/prod-stage)\n");
    // The secure stack's one finding kind is a notice repeated on both stacks' APIs: one entry naming each stack's.
    expect(run.stdout).toMatch(
      /^ {2}INFO {9}APIGW-203 .*\(\d+ resources\)\n(?: {15}.*\n)*? {15}.*aws_api_gateway_rest_api\.orders_api_6DD34489 \(secure-api\/orders\/api\)/m,
    );
    expect(run.stdout.trimEnd().split("\n").pop()).toMatch(
      /^88 API Gateway resources judged, 66 findings .* FAILED: 47 findings at or above medium\.$/,
    );
  });

  test("secrets written into the stacks never reach a report", () => {
    const stack = readFileSync(path.join(outdir, "stacks", "insecure-api", "cdk.tf.json"), "utf8");
    expect(stack).toContain("DO-NOT-PRINT-cdktf-insecure-partner-key");
    for (const format of ["json", "text"]) {
      const run = runCli(["--format", format, outdir]);
      expect(run.stdout).not.toContain("DO-NOT-PRINT");
      expect(run.stdout).not.toContain("tok-3f9a1c7e5b2d4f6a");
    }
  });

  test("cdktf.json runs the example app, which writes cdktf.out where cdktf.json says (as `cdktf synth` would)", () => {
    const config = JSON.parse(readFileSync(path.join(ROOT, "cdktf.json"), "utf8")) as { language: string; app: string; output: string };
    expect(config.language).toBe("typescript");
    expect(config.output).toBe("cdktf.out");
    const command = /node (\S+)$/.exec(config.app)?.[1] ?? "";
    expect(command).toBe("dist/examples/cdktf/main.js");
    const cwd = path.join(temp.dir, "project");
    mkdirSync(cwd);
    const synth = spawnSync(process.execPath, [path.join(ROOT, command)], { cwd, encoding: "utf8" });
    expect(synth.status).toBe(0);
    expect(rows(judge(path.join(cwd, config.output)).report.findings)).toEqual([...INSECURE, ...SECURE]);
  });
});
