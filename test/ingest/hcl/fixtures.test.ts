/**
 * HCL fixtures under test/fixtures/hcl/: per rule family a passing and a failing directory, modules with
 * for_each/count, tfvars precedence, a syntax error, and --source-dir enrichment of real plans. Each
 * fixture with an expected.json lists its exact findings with file and line.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { PolicyEngine } from "../../../src/engine/engine";
import { check } from "../../../src/runner";
import { ROOT, runCli } from "../../helpers/cli";

const FIXTURES = path.join(ROOT, "test", "fixtures", "hcl");

interface Expected {
  description: string;
  args: string[];
  exit_code: number;
  findings: Array<{ rule_id: string; address: string; severity: string; unknown: boolean; file: string; line: number }>;
}

const fixtures = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(path.join(FIXTURES, d.name, "expected.json")))
  .map((d) => ({
    name: d.name,
    dir: path.join(FIXTURES, d.name),
    expected: JSON.parse(readFileSync(path.join(FIXTURES, d.name, "expected.json"), "utf8")) as Expected,
  }))
  .sort((a, b) => a.name.localeCompare(b.name));

const rulesOf = (args: readonly string[]): string[] => args.filter((_, i) => args[i - 1] === "--rule");
const tuple = (f: { rule_id: string; address: string; severity: string; unknown: boolean; file: string; line: number }): string =>
  `${f.rule_id} ${f.address} ${f.severity}${f.unknown ? " unknown" : ""} @${f.file}:${f.line}`;

let engine: PolicyEngine;
beforeAll(async () => {
  engine = await PolicyEngine.load();
});

test("every rule family has a passing and a failing fixture", () => {
  const names = fixtures.map((f) => f.name);
  for (const family of ["log", "auth", "edge", "policy", "tls", "data", "rate", "input", "integ", "openapi"]) {
    expect(names).toContain(`${family}-pass`);
    expect(names).toContain(`${family}-fail`);
  }
  // A failing fixture must fail and a passing one must pass, or the pair proves nothing.
  for (const f of fixtures) {
    if (f.name.endsWith("-fail")) expect(f.expected.findings.length).toBeGreaterThan(0);
    if (f.name.endsWith("-pass")) expect(f.expected.findings).toEqual([]);
  }
});

describe.each(fixtures)("$name", ({ dir, expected }) => {
  test("exact findings, each with the file and line of its resource block", async () => {
    const result = await check({ input: dir, failOn: "medium", rules: rulesOf(expected.args), engine });
    const actual = result.findings.map((f) => tuple({ ...f, file: f.source?.file ?? "", line: f.source?.line ?? 0 }));
    expect(actual.sort()).toEqual(expected.findings.map(tuple).sort());
    expect(result.summary.blocking > 0 ? 1 : 0).toBe(expected.exit_code);
    for (const f of expected.findings) {
      // The line really is the block's header in that file.
      const line = readFileSync(path.join(dir, f.file), "utf8").split("\n")[f.line - 1] ?? "";
      const name =
        f.address
          .replace(/\[[^\]]*\]$/, "")
          .split(".")
          .pop() ?? "";
      expect(line).toContain(`"${name}"`);
    }
  });
});

describe("command line", () => {
  test("a syntax error exits 2 naming file:line:col and what is wrong", () => {
    const run = runCli(["test/fixtures/hcl/syntax-error"]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      "policy-check: test/fixtures/hcl/syntax-error/stage.tf:3:20: Invalid expression; Expected the start of an expression, but found an invalid expression token.\n",
    );
  });

  test("--var-file files apply in order, after terraform.tfvars and *.auto.tfvars", () => {
    const dir = "test/fixtures/hcl/tfvars-precedence";
    const run = runCli([dir, "--rule", "APIGW-401", "--format", "json", "--var-file", `${dir}/first.tfvars`, "--var-file", `${dir}/last.tfvars`]);
    expect(run.stderr).toBe("");
    const report = JSON.parse(run.stdout) as { input: string; findings: Array<{ address: string; source: unknown }> };
    // first.tfvars fixes from_default; last.tfvars, read after it, sets from_var_file back to TLS 1.0.
    expect(report.findings.map((f) => f.address)).toEqual(["aws_api_gateway_domain_name.from_var_file"]);
    expect(report.findings[0]?.source).toEqual({ kind: "hcl", file: "main.tf", line: 41 });
    expect(run.status).toBe(1);
  });

  test("--var-file needs Terraform source; a missing variables file is an input error", () => {
    const onPlan = runCli(["plans/quickstart/plan.json", "--var-file", "x.tfvars"]);
    expect(onPlan.status).toBe(2);
    expect(onPlan.stderr).toContain("--var-file applies only to Terraform source");
    const missing = runCli(["test/fixtures/hcl/tfvars-precedence", "--var-file", "test/fixtures/hcl/nope.tfvars"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe("policy-check: test/fixtures/hcl/nope.tfvars: no such variables file (--var-file)\n");
  });

  test("a single .tf file is judged on its own", () => {
    const run = runCli(["test/fixtures/hcl/tls-fail/main.tf", "--rule", "APIGW-401", "--format", "json"]);
    const report = JSON.parse(run.stdout) as { findings: Array<{ address: string; source: unknown }> };
    expect(report.findings).toEqual([
      expect.objectContaining({ address: "aws_api_gateway_domain_name.api", source: { kind: "hcl", file: "main.tf", line: 8 } }),
    ]);
  });

  test("sensitive values from variables never reach any report", () => {
    for (const format of ["json", "text"]) {
      const run = runCli(["test/fixtures/hcl/data-fail", "--format", format]);
      expect(run.status).toBe(1);
      expect(run.stdout).not.toContain("s3cr3t");
    }
  });
});

describe("--source-dir on plans", () => {
  const findings = (args: string[]): Array<{ rule_id: string; address: string; unknown: boolean; source: { file: string; line?: number } }> => {
    const run = runCli([...args, "--format", "json"]);
    expect(run.stderr).toBe("");
    return (
      JSON.parse(run.stdout) as { findings: Array<{ rule_id: string; address: string; unknown: boolean; source: { file: string; line?: number } }> }
    ).findings;
  };

  test("WAF association through a local value: the plan cannot link it, the source can", () => {
    const dir = "test/fixtures/hcl/enrich-waf-local";
    const waf = (list: ReturnType<typeof findings>): string[] =>
      list.filter((f) => f.rule_id === "APIGW-201").map((f) => `${f.address}${f.unknown ? " unknown" : ""}`);
    expect(waf(findings([`${dir}/plan.json`]))).toEqual(["aws_api_gateway_stage.prod unknown", "aws_api_gateway_stage.staging unknown"]);
    expect(waf(findings([`${dir}/plan.json`, "--source-dir", dir]))).toEqual(["aws_api_gateway_stage.staging"]);
  });

  test("a jsonencode policy unknown only in its Resource is judged: open to everyone fails", () => {
    const dir = "test/fixtures/hcl/enrich-waf-local";
    const policy = (list: ReturnType<typeof findings>): string[] =>
      list.filter((f) => f.address === "aws_api_gateway_rest_api_policy.api").map((f) => `${f.rule_id}${f.unknown ? " unknown" : ""}`);
    expect(policy(findings([`${dir}/plan.json`]))).toEqual(["APIGW-301 unknown", "APIGW-302 unknown", "APIGW-303 unknown", "APIGW-304 unknown"]);
    expect(policy(findings([`${dir}/plan.json`, "--source-dir", dir]))).toEqual(["APIGW-301"]);
  });

  test("the allow-list pattern over the API's unknown ARN passes (quickstart)", () => {
    const list = findings(["plans/quickstart/plan.json", "--source-dir", "plans/quickstart"]);
    expect(list.filter((f) => f.unknown)).toEqual([]);
    expect(list.filter((f) => f.rule_id.startsWith("APIGW-30"))).toEqual([]);
  });

  test("every finding gets the file (relative to the source directory) and line of its block, in modules too; kind names both inputs", () => {
    const run = runCli(["plans/modules-for-each/plan.json", "--source-dir", "plans/modules-for-each", "--format", "json"]);
    const report = JSON.parse(run.stdout) as { input: string; source_dir: string; findings: Array<{ address: string; source: unknown }> };
    expect(report.input).toBe("plans/modules-for-each/plan.json");
    expect(report.source_dir).toBe("plans/modules-for-each");
    const list = report.findings;
    expect(list.length).toBeGreaterThan(10);
    for (const f of list)
      expect(f.source).toEqual({ kind: "plan+source", file: expect.stringMatching(/^(modules\/rest_api\/)?main\.tf$/), line: expect.any(Number) });
    expect(list.find((f) => f.address === 'module.api["b"].aws_api_gateway_method_settings.all')?.source).toEqual({
      kind: "plan+source",
      file: "modules/rest_api/main.tf",
      line: 64,
    });
    // From another working directory the file is still relative to the source directory; the location-aware
    // reports join the two, so they point at the file from where the command ran.
    const elsewhere = runCli([path.join(ROOT, "plans/modules-for-each/plan.json"), "--source-dir", "../plans/modules-for-each", "--format", "json"], {
      cwd: path.join(ROOT, "test"),
    });
    const moved = JSON.parse(elsewhere.stdout) as { findings: Array<{ address: string; source: unknown }> };
    expect(moved.findings.map((f) => f.source)).toEqual(list.map((f) => f.source));
    const github = runCli(["plans/modules-for-each/plan.json", "--source-dir", "plans/modules-for-each", "--format", "github"]);
    expect(github.stdout).toContain("file=plans/modules-for-each/modules/rest_api/main.tf,line=64");
    expect(github.stdout).not.toMatch(/file=(modules|main)/);
  });

  test("findings the plan proves stay as they are (apigw-301-fail)", () => {
    const plain = findings(["plans/apigw-301-fail/plan.json", "--rule", "APIGW-301"]).map((f) => `${f.address}${f.unknown ? " unknown" : ""}`);
    const enriched = findings(["plans/apigw-301-fail/plan.json", "--rule", "APIGW-301", "--source-dir", "plans/apigw-301-fail"]).map(
      (f) => `${f.address}${f.unknown ? " unknown" : ""}`,
    );
    expect(plain).toContain("aws_api_gateway_rest_api_policy.unknown_policy_embeds_execution_arn unknown");
    expect(enriched).toEqual(plain.map((a) => a.replace(" unknown", "")));
  });

  /**
   * Values known in part (issue 14): the plan shows each of these values unknown; the source shows what is
   * known of it. Exact findings of the plan with --source-dir, which the source scan gives too (plans-parity).
   */
  const partialScenario = (name: string): string[] => {
    const expected = JSON.parse(readFileSync(path.join(ROOT, "plans", name, "expected.json"), "utf8")) as Expected;
    return findings([`plans/${name}/plan.json`, ...expected.args, "--source-dir", `plans/${name}`])
      .map((f) => `${f.rule_id} ${f.address}${f.unknown ? " unknown" : ""}`)
      .sort();
  };

  test("OpenAPI bodies unknown only in integration URIs: a public POST route writing to a queue fails APIGW-901/902", () => {
    expect(partialScenario("partial-openapi")).toEqual([
      "APIGW-901 aws_api_gateway_rest_api.fail_public_queue_writer",
      // Its security list is interpolated whole: what decides APIGW-901 is unknown, its missing validator is not.
      "APIGW-901 aws_api_gateway_rest_api.unknown_security_from_role unknown",
      "APIGW-902 aws_api_gateway_rest_api.fail_public_queue_writer",
      "APIGW-902 aws_api_gateway_rest_api.unknown_security_from_role",
    ]);
  });

  test("policies unknown only in values: jsonencode and heredoc policies get APIGW-301 to 305 judged", () => {
    expect(partialScenario("partial-policies")).toEqual([
      "APIGW-301 aws_api_gateway_rest_api.unknown_principal unknown",
      "APIGW-301 aws_api_gateway_rest_api_policy.fail_open_heredoc",
      "APIGW-302 aws_api_gateway_rest_api.unknown_principal unknown",
      "APIGW-302 aws_api_gateway_rest_api_policy.fail_open_heredoc",
      // The unknown aws:SourceIp value could be 0.0.0.0/0; an unknown aws:SourceVpce still names an endpoint.
      "APIGW-303 aws_api_gateway_rest_api.fail_private_ip_only unknown",
      "APIGW-303 aws_api_gateway_rest_api.unknown_principal unknown",
      "APIGW-304 aws_api_gateway_rest_api.unknown_principal unknown",
      "APIGW-305 aws_api_gateway_rest_api.fail_private_ip_only",
    ]);
  });

  test("templates with a literal part and ARN attributes: scheme, set-ness and the API named are known", () => {
    expect(partialScenario("partial-templates")).toEqual(["APIGW-802 aws_api_gateway_integration.fail_http_template"]);
  });

  test("dynamic access_log_settings blocks: the source fills what the plan leaves out", () => {
    expect(partialScenario("partial-access-logs")).toEqual(["APIGW-003 aws_api_gateway_stage.fail_dynamic_logs_off"]);
  });

  test("--source-dir applies to plans only, and must be a directory", () => {
    const onHcl = runCli(["test/fixtures/hcl/tls-fail", "--source-dir", "test/fixtures/hcl/tls-fail"]);
    expect(onHcl.status).toBe(2);
    expect(onHcl.stderr).toContain("--source-dir applies only to a plan input");
    const missing = runCli(["plans/quickstart/plan.json", "--source-dir", "no/such/dir"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe("policy-check: no/such/dir: no such directory (--source-dir)\n");
  });
});
