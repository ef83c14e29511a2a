/**
 * What users of Checkov, Trivy/tfsec and conftest type (issue 15), through the CLI with the real WASM: rule
 * selection and skips, --soft-fail, `--`, short options with attached values, help everywhere, "did you
 * mean", case-insensitive rule IDs, configuration discovery and its report, several inputs and Terraform
 * roots, baselines, and peer scanners' suppression comments.
 */
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { PLANS, runCli } from "../helpers/cli";
import { cli, jsonReport, keys, LIFECYCLE, workdir, writeFiles, type JsonReport } from "../config/helpers";

/** The lifecycle plan's findings with every rule, as its expected.json lists them. */
const LIFECYCLE_FINDINGS = (JSON.parse(readFileSync(path.join(PLANS, "lifecycle", "expected.json"), "utf8")) as { findings: unknown[] }).findings
  .length;

const plan = (name: string): string => path.join(PLANS, name, "plan.json");
const FAIL_001 = plan("apigw-001-fail");
const FAIL_101 = plan("apigw-101-fail");

interface Extra {
  findings: Array<{
    rule_id: string;
    address: string;
    input?: string;
    baselined?: boolean;
    waiver?: { reason: string; source: string; peer?: { scanner: string; id: string } };
  }>;
  summary: JsonReport["summary"] & { baselined?: number };
  inputs?: string[];
  configuration?: { file: string; disabled_rules: string[]; severity_overrides: Record<string, string> };
  baseline?: { file: string; baselined: number; resolved: Array<{ rule_id: string; address: string; fingerprint: string }> };
}

async function report(args: readonly string[], cwd = workdir()): Promise<{ code: number; report: Extra; err: string }> {
  const result = await jsonReport(args, cwd);
  return { ...result, report: result.report as unknown as Extra };
}

const rulesOf = (r: Extra): string[] => [...new Set(r.findings.map((f) => f.rule_id))].sort();

describe("rule selection", () => {
  test("--rule takes comma lists and repeats, in any case; --skip-rule drops rules the same way", async () => {
    const listed = (await report(["--rule", "apigw-001,APIGW-007", LIFECYCLE])).report;
    const repeated = (await report(["--rule", "APIGW-001", "--rule=apigw-007", LIFECYCLE])).report;
    expect(rulesOf(listed)).toEqual(["APIGW-001", "APIGW-007"]);
    expect(keys(repeated as unknown as JsonReport)).toEqual(keys(listed as unknown as JsonReport));
    const all = (await report([LIFECYCLE])).report;
    const skipped = (await report(["--skip-rule", "apigw-001", "--skip-rule", "APIGW-007,apigw-601", LIFECYCLE])).report;
    expect(rulesOf(skipped)).toEqual(rulesOf(all).filter((id) => !["APIGW-001", "APIGW-007", "APIGW-601"].includes(id)));
    expect(skipped.findings.length).toBe(all.findings.filter((f) => !["APIGW-001", "APIGW-007", "APIGW-601"].includes(f.rule_id)).length);
  });

  test("an unknown rule ID is exit 2, pointing at `policy-check rules`", async () => {
    for (const flag of ["--rule", "--skip-rule"]) {
      const result = await cli([flag, "APIGW-999", LIFECYCLE], workdir());
      expect(result.code).toBe(2);
      expect(result.err).toBe(`policy-check: ${flag}: unknown rule ID APIGW-999 (\`policy-check rules\` lists them)\n`);
    }
  });
});

describe("exit codes and option syntax", () => {
  test("--soft-fail reports blocking findings and exits 0; an error still exits 2", async () => {
    expect((await cli([FAIL_001], workdir())).code).toBe(1);
    const soft = await cli(["--soft-fail", FAIL_001], workdir());
    expect(soft.code).toBe(0);
    expect(soft.out).toMatch(/FAILED: \d+ findings? at or above medium/);
    expect((await cli(["--soft-fail", path.join(workdir(), "missing.json")], workdir())).code).toBe(2);
  });

  test("-fjson (a short option with its value attached) and `--` before an input named like an option", () => {
    const dir = workdir();
    copyFileSync(FAIL_001, path.join(dir, "-plan.json"));
    const result = runCli(["-fjson", "--", "-plan.json"], { cwd: dir });
    expect(result.status).toBe(1);
    expect((JSON.parse(result.stdout) as { input: string }).input).toBe("-plan.json");
  });

  test("--help (and `help COMMAND`) on every command", async () => {
    const cases: Array<[string[], RegExp]> = [
      [["--help"], /^Usage: policy-check \[options\]/],
      [["-h"], /^Usage: policy-check \[options\]/],
      [["help"], /^Usage: policy-check \[options\]/],
      [["rules", "--help"], /^Usage: policy-check rules/],
      [["help", "rules"], /^Usage: policy-check rules/],
      [["build", "-h"], /^Usage: policy-check build/],
      [["help", "build"], /^Usage: policy-check build/],
      [["new", "rule", "--help"], /^Usage: policy-check new rule/],
      [["new", "--help"], /^Usage: policy-check new rule/],
      [["help", "new", "rule"], /^Usage: policy-check new rule/],
    ];
    for (const [argv, usage] of cases) {
      const result = await cli(argv, workdir());
      expect([argv.join(" "), result.code, result.out]).toEqual([argv.join(" "), 0, expect.stringMatching(usage)]);
    }
  });

  test("an unknown option suggests the nearest one", async () => {
    const check = await cli(["--fial-on", "high", LIFECYCLE], workdir());
    expect(check.code).toBe(2);
    expect(check.err).toBe("policy-check: unknown option --fial-on (did you mean --fail-on? see --help)\n");
    expect((await cli(["--skip-rules", "APIGW-001", LIFECYCLE], workdir())).err).toMatch(/did you mean --skip-rule\?/);
    expect((await cli(["rules", "--fromat", "json"], workdir())).err).toMatch(
      /unknown option --fromat for `policy-check rules` \(did you mean --format\?/,
    );
    // Nothing near: no guess.
    expect((await cli(["--zzzzzz", LIFECYCLE], workdir())).err).toBe("policy-check: unknown option --zzzzzz (see --help)\n");
  });
});

describe("configuration", () => {
  test("rule IDs are case-insensitive in the configuration, as on the command line", async () => {
    const dir = workdir(
      "rules:\n  apigw-601:\n    enabled: false\n  Apigw-007:\n    severity: critical\n" +
        "waivers:\n  - rule: apigw-001\n    address: aws_api_gateway_stage.update_to_insecure\n    reason: migration\n    owner: team\n",
    );
    const { report: r } = await report([LIFECYCLE], dir);
    expect(r.findings.filter((f) => f.rule_id === "APIGW-601")).toEqual([]);
    expect(r.findings.find((f) => f.rule_id === "APIGW-001" && f.address === "aws_api_gateway_stage.update_to_insecure")?.waiver?.reason).toBe(
      "migration",
    );
    expect(r.configuration).toEqual({ file: ".policy-check.yaml", disabled_rules: ["APIGW-601"], severity_overrides: { "APIGW-007": "critical" } });
    const twice = await cli([LIFECYCLE], workdir("rules:\n  apigw-601:\n    enabled: false\n  APIGW-601:\n    enabled: true\n"));
    expect(twice.code).toBe(2);
    expect(twice.err).toMatch(/^policy-check: \.policy-check\.yaml:4: rules\.APIGW-601: rule APIGW-601 is configured twice/);
  });

  test("the text report's first line names the configuration applied and what it changed", async () => {
    const dir = workdir("rules:\n  APIGW-601:\n    enabled: false\n  APIGW-007:\n    severity: critical\n");
    const text = await cli([LIFECYCLE], dir);
    expect(text.out.split("\n")[0]).toBe("Configuration: .policy-check.yaml (disabled APIGW-601; APIGW-007 graded critical)");
    expect((await cli([LIFECYCLE], workdir())).out).not.toMatch(/^Configuration:/m);
  });

  test("--changed-only is only_changed", async () => {
    const flag = (await report(["--changed-only", LIFECYCLE])).report;
    const configured = (await report([LIFECYCLE], workdir("only_changed: true\n"))).report;
    expect(keys(flag as unknown as JsonReport)).toEqual(keys(configured as unknown as JsonReport));
    // Only findings on resources the plan changes remain; lifecycle has findings on unchanged ones too.
    const plan = JSON.parse(readFileSync(path.join(PLANS, "lifecycle", "plan.json"), "utf8")) as {
      resource_changes: Array<{ address: string; change: { actions: string[] } }>;
    };
    const changed = new Set(plan.resource_changes.filter((rc) => rc.change.actions.join() !== "no-op").map((rc) => rc.address));
    expect(flag.findings.length).toBeGreaterThan(0);
    expect(flag.findings.length).toBeLessThan(LIFECYCLE_FINDINGS);
    expect(flag.findings.filter((f) => !changed.has(f.address))).toEqual([]);
  });

  test("--no-config ignores the configuration found; with --config it is a usage error", async () => {
    const dir = workdir("rules:\n  APIGW-601:\n    enabled: false\n");
    const plain = (await report(["--no-config", LIFECYCLE], dir)).report;
    expect(plain.findings).toHaveLength(LIFECYCLE_FINDINGS);
    expect(plain.configuration).toBeUndefined();
    expect((await cli(["--no-config", "--config", path.join(dir, ".policy-check.yaml"), LIFECYCLE], dir)).code).toBe(2);
  });

  test(".policy-check.yml is found like .yaml; both in one directory is an error", async () => {
    const dir = workdir();
    writeFiles(dir, { ".policy-check.yml": "rules:\n  APIGW-601:\n    enabled: false\n" });
    expect((await report([LIFECYCLE], dir)).report.configuration?.file).toBe(".policy-check.yml");
    writeFiles(dir, { ".policy-check.yaml": "fail_on: high\n" });
    const both = await cli([LIFECYCLE], dir);
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/both \.policy-check\.yaml and \.policy-check\.yml exist in .*: keep one/);
  });

  test("discovery stops at the repository root (.git)", async () => {
    const outer = workdir("rules:\n  APIGW-601:\n    enabled: false\n");
    const repo = path.join(outer, "repo");
    mkdirSync(path.join(repo, ".git"), { recursive: true });
    mkdirSync(path.join(repo, "infra"), { recursive: true });
    // From inside the repository the file above it does not apply...
    expect((await report([LIFECYCLE], path.join(repo, "infra"))).report.configuration).toBeUndefined();
    // ...one at its root does, from any folder below it.
    writeFiles(repo, { ".policy-check.yaml": "rules:\n  APIGW-007:\n    enabled: false\n" });
    const r = (await report([LIFECYCLE], path.join(repo, "infra"))).report;
    expect(r.configuration?.disabled_rules).toEqual(["APIGW-007"]);
    expect(r.configuration?.file).toBe(path.join("..", ".policy-check.yaml"));
  });
});

describe("several inputs", () => {
  test("several plans in one run: one report, each finding names its input, one exit code", async () => {
    const one = (await report([FAIL_001])).report;
    const other = (await report([FAIL_101])).report;
    const { code, report: both } = await report([FAIL_001, FAIL_101]);
    expect(code).toBe(1);
    expect(both.inputs).toEqual([FAIL_001, FAIL_101]);
    expect(both.findings.length).toBe(one.findings.length + other.findings.length);
    expect(both.findings.filter((f) => f.input === FAIL_001).map((f) => `${f.rule_id} ${f.address}`)).toEqual(
      one.findings.map((f) => `${f.rule_id} ${f.address}`),
    );
    expect(both.findings.filter((f) => f.input === FAIL_101)).toHaveLength(other.findings.length);
    expect(both.summary.resources_judged).toBe(one.summary.resources_judged + other.summary.resources_judged);
    // Judged by their own rules: a pass and a fail fail the run; two passes pass it.
    const own = ["--rule", "APIGW-001,APIGW-101"];
    expect((await cli([...own, plan("apigw-001-pass"), FAIL_101], workdir())).code).toBe(1);
    expect((await cli([...own, plan("apigw-001-pass"), plan("apigw-101-pass")], workdir())).code).toBe(0);
  });

  test("a directory whose .tf files sit in sub-directories: each Terraform root judged on its own", async () => {
    const dir = workdir();
    const api = readFileSync(path.join(__dirname, "..", "fixtures", "hcl", "auth-fail", "main.tf"), "utf8");
    writeFiles(dir, {
      "infra/app/main.tf": 'module "api" {\n  source = "../modules/api"\n}\n',
      "infra/modules/api/main.tf": api,
      "infra/billing/main.tf": api,
      "infra/.terraform/modules/x/main.tf": api,
    });
    const infra = path.join(dir, "infra");
    const { code, report: r } = await report([infra]);
    expect(code).toBe(1);
    // modules/api is called by app: not a root; .terraform is not searched.
    expect(r.inputs).toEqual([path.join(infra, "app"), path.join(infra, "billing")]);
    const inputsOf = (prefix: string): string[] => [...new Set(r.findings.filter((f) => f.address.startsWith(prefix)).map((f) => f.input ?? ""))];
    expect(inputsOf("module.api.")).toEqual([path.join(infra, "app")]);
    expect(inputsOf("aws_")).toEqual([path.join(infra, "billing")]);
    const text = await cli([infra], dir);
    expect(text.out).toContain(`(${path.join(infra, "modules", "api", "main.tf")}:`);
    expect(text.out).toContain(`(${path.join(infra, "billing", "main.tf")}:`);
  });

  test("-o into a directory that does not exist yet creates it", async () => {
    const dir = workdir();
    const out = path.join(dir, "reports", "nested", "report.sarif");
    expect((await cli(["-f", "sarif", "-o", out, FAIL_001], dir)).code).toBe(1);
    expect((JSON.parse(readFileSync(out, "utf8")) as { version: string }).version).toBe("2.1.0");
  });
});

describe("baselines", () => {
  test("--create-baseline writes rule, address and the SARIF fingerprint of every finding", async () => {
    const dir = workdir();
    const file = path.join(dir, "ci", "policy-check.baseline.json");
    const made = await cli(["--create-baseline", file, FAIL_001], dir);
    expect(made.code).toBe(1);
    expect(made.err).toMatch(/^policy-check: wrote .*policy-check\.baseline\.json \(\d+ findings; use it with --baseline /);
    const baseline = JSON.parse(readFileSync(file, "utf8")) as {
      kind: string;
      findings: Array<{ rule_id: string; address: string; fingerprint: string }>;
    };
    const sarif = JSON.parse((await cli(["-f", "sarif", FAIL_001], dir)).out) as {
      runs: Array<{ results: Array<{ ruleId: string; partialFingerprints: Record<string, string> }> }>;
    };
    const fingerprints = new Set(sarif.runs[0]?.results.map((r) => r.partialFingerprints["policyCheck/ruleAddress/v1"]));
    expect(baseline.kind).toBe("policy-check-baseline");
    expect(baseline.findings.length).toBe(fingerprints.size);
    expect(new Set(baseline.findings.map((f) => f.fingerprint))).toEqual(fingerprints);
  });

  test("--baseline: listed findings are baselined, never blocking; new ones block; gone ones are resolved", async () => {
    const dir = workdir();
    const file = path.join(dir, "baseline.json");
    await cli(["--create-baseline", file, FAIL_001], dir);
    const same = await report(["--baseline", file, FAIL_001], dir);
    expect(same.code).toBe(0);
    expect(same.report.findings.every((f) => f.baselined === true)).toBe(true);
    expect(same.report.summary.baselined).toBe(same.report.findings.length);
    expect(same.report.summary.blocking).toBe(0);
    expect(same.report.baseline?.resolved).toEqual([]);

    // Another plan: its findings are new (blocking), the baseline's APIGW-001 stages no longer occur.
    const other = await report(["--baseline", file, FAIL_101], dir);
    expect(other.code).toBe(1);
    const blocking = other.report.findings.filter((f) => f.baselined !== true && f.rule_id === "APIGW-101");
    expect(blocking.length).toBeGreaterThan(0);
    const resolved = other.report.baseline?.resolved.map((e) => `${e.rule_id} ${e.address}`) ?? [];
    expect(resolved).toContain("APIGW-001 aws_api_gateway_stage.fail_logging_off");

    // SARIF: baselineState; text: baselined listed apart, resolved listed.
    const sarif = JSON.parse((await cli(["-f", "sarif", "--baseline", file, FAIL_001], dir)).out) as {
      runs: Array<{ results: Array<{ baselineState?: string }> }>;
    };
    expect(new Set(sarif.runs[0]?.results.map((r) => r.baselineState))).toEqual(new Set(["unchanged"]));
    const text = (await cli(["--baseline", file, FAIL_101], dir)).out;
    expect(text).toContain(`Resolved since the baseline (${file}):\n  APIGW-001 aws_api_gateway_stage.fail_logging_off`);
    const sameText = (await cli(["--baseline", file, FAIL_001], dir)).out;
    expect(sameText).toMatch(/^Baselined in .*baseline\.json \(not blocking\):\n {2}\w+ +APIGW-/m);
    expect(sameText).not.toContain("How to fix");
    expect(sameText).toMatch(/\d+ baselined\. PASSED/);
  });

  test("a missing or malformed baseline is exit 2 with one line", async () => {
    const dir = workdir();
    writeFiles(dir, { "not-json.json": "{", "other.json": '{"findings": []}' });
    for (const [name, message] of [
      ["missing.json", "cannot read baseline file (ENOENT)"],
      ["not-json.json", "not a policy-check baseline: invalid JSON (write one with --create-baseline FILE)"],
      ["other.json", 'not a policy-check baseline: "kind" is not "policy-check-baseline" (write one with --create-baseline FILE)'],
    ]) {
      const result = await cli(["--baseline", path.join(dir, name as string), FAIL_001], dir);
      expect(result.code).toBe(2);
      expect(result.out).toBe("");
      expect(result.err).toBe(`policy-check: ${path.join(dir, name as string)}: ${message}\n`);
    }
  });
});

describe("suppression comments of Checkov, Trivy and tfsec", () => {
  const METHOD = 'resource "aws_api_gateway_method" "m" {';
  const source = (comments: string): string =>
    readFileSync(path.join(__dirname, "..", "fixtures", "hcl", "auth-fail", "main.tf"), "utf8").replace(METHOD, `${comments}\n${METHOD}`);

  test.each([
    ["#checkov:skip=CKV_AWS_59:public read-only catalogue", "checkov", "CKV_AWS_59", "public read-only catalogue"],
    ["# trivy:ignore:AVD-AWS-0004", "trivy", "AVD-AWS-0004", "no reason given in trivy:ignore:AVD-AWS-0004"],
    [
      "#tfsec:ignore:aws-api-gateway-no-public-access",
      "tfsec",
      "aws-api-gateway-no-public-access",
      "no reason given in tfsec:ignore:aws-api-gateway-no-public-access",
    ],
  ])("%s above a block waives the rules mapped to it (HCL scan)", async (comment, scanner, id, reason) => {
    const dir = workdir();
    writeFiles(dir, { "tf/main.tf": source(`# owned by the catalogue team\n${comment}`) });
    const { report: r } = await report(["--rule", "APIGW-101", path.join(dir, "tf")], dir);
    const waived = r.findings.filter((f) => f.waiver !== undefined);
    expect(waived.map((f) => [f.address, f.waiver?.reason, f.waiver?.peer])).toEqual([['aws_api_gateway_method.m["get"]', reason, { scanner, id }]]);
    expect(waived[0]?.waiver?.source).toBe("main.tf:15");
    const off = (await report(["--no-peer-waivers", "--rule", "APIGW-101", path.join(dir, "tf")], dir)).report;
    expect(off.findings.filter((f) => f.waiver !== undefined)).toEqual([]);
  });

  test("Checkov's comment inside the block, on its first lines, counts too", async () => {
    const dir = workdir();
    const inside = readFileSync(path.join(__dirname, "..", "fixtures", "hcl", "auth-fail", "main.tf"), "utf8").replace(
      METHOD,
      `${METHOD}\n  #checkov:skip=CKV_AWS_59:public catalogue`,
    );
    writeFiles(dir, { "tf/main.tf": inside });
    const { report: r } = await report(["--rule", "APIGW-101", path.join(dir, "tf")], dir);
    expect(r.findings.filter((f) => f.waiver !== undefined).map((f) => [f.waiver?.reason, f.waiver?.source])).toEqual([
      ["public catalogue", "main.tf:15"],
    ]);
  });

  test("a peer ID no rule maps to waives nothing and is not reported stale; text names the original ID", async () => {
    const dir = workdir();
    writeFiles(dir, { "tf/main.tf": source("#checkov:skip=CKV_AWS_120:not ours\n#checkov:skip=CKV_AWS_59:public catalogue") });
    const text = await cli(["--rule", "APIGW-101", path.join(dir, "tf")], dir);
    expect(text.out).toContain("Waived (main.tf:15 checkov:skip=CKV_AWS_59, owner none): public catalogue");
    expect(text.out).not.toContain("Waivers to review");
  });

  test("a plan with --source-dir: peer comments in the source waive the plan's findings", async () => {
    const dir = workdir();
    const src = readFileSync(path.join(PLANS, "apigw-101-fail", "main.tf"), "utf8").replace(
      'resource "aws_api_gateway_method" "fail_none_get"',
      '#trivy:ignore:AVD-AWS-0004 health check endpoint\nresource "aws_api_gateway_method" "fail_none_get"',
    );
    writeFiles(dir, { "src/main.tf": src });
    const { report: r } = await report(["--rule", "APIGW-101", "--source-dir", path.join(dir, "src"), FAIL_101], dir);
    expect(r.findings.filter((f) => f.waiver !== undefined).map((f) => [f.address, f.waiver?.reason, f.waiver?.peer?.id])).toEqual([
      ["aws_api_gateway_method.fail_none_get", "health check endpoint", "AVD-AWS-0004"],
    ]);
  });
});
