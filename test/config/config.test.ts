/** Each `.policy-check.yaml` key through the CLI, and invalid configuration (exit 2 naming file, line and key). */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PLANS } from "../helpers/cli";
import { cli, jsonReport, keys, LIFECYCLE, workdir } from "./helpers";

const plan = (name: string): string => path.join(PLANS, name, "plan.json");

describe("configuration keys", () => {
  test("without a configuration file the run is unchanged (lifecycle: 21 findings, 5 no-op stages among them)", async () => {
    const { report } = await jsonReport([LIFECYCLE], workdir());
    expect(report.findings).toHaveLength(21);
    expect(report.summary.waived).toBe(0);
  });

  test("fail_on decides blocking; --fail-on wins over it", async () => {
    const dir = workdir("fail_on: critical\n");
    const quiet = await jsonReport([LIFECYCLE], dir);
    expect(quiet.code).toBe(0);
    expect(quiet.report.summary.fail_on).toBe("critical");
    expect((await cli(["--fail-on", "high", LIFECYCLE], dir)).code).toBe(1);
  });

  test("rules.<ID>.enabled: false drops the rule's findings", async () => {
    const { report } = await jsonReport([LIFECYCLE], workdir("rules:\n  APIGW-601:\n    enabled: false\n"));
    expect(report.findings.filter((f) => f.rule_id === "APIGW-601")).toHaveLength(0);
    expect(report.findings).toHaveLength(21 - 4);
  });

  test("rules.<ID>.severity overrides the severity, and blocking follows it", async () => {
    const dir = workdir("fail_on: critical\nrules:\n  APIGW-007:\n    severity: critical\n");
    const { code, report } = await jsonReport([LIFECYCLE], dir);
    const xray = report.findings.filter((f) => f.rule_id === "APIGW-007");
    expect(xray.map((f) => f.severity)).toEqual(["critical", "critical"]);
    expect(code).toBe(1);
    expect(report.summary.blocking).toBe(2);
  });

  test("only_changed judges only created, updated and replaced resources", async () => {
    const all = (await jsonReport([LIFECYCLE], workdir())).report;
    const { report } = await jsonReport([LIFECYCLE], workdir("only_changed: true\n"));
    expect(keys(report).filter((k) => k.includes("noop_") || k.includes(".legacy"))).toEqual([]);
    expect(keys(report)).toContain("APIGW-401 aws_api_gateway_domain_name.replaced_tls10");
    expect(keys(report)).toContain("APIGW-006 aws_api_gateway_method_settings.update_to_insecure_all");
    expect(keys(report)).toContain("APIGW-001 aws_api_gateway_stage.update_to_insecure");
    expect(report.findings).toHaveLength(21 - 9); // 8 on the two no-op stages, 1 on the no-op API
    expect(report.summary.resources_judged).toBeLessThan(all.summary.resources_judged);
  });

  test("include and exclude globs select resources by address", async () => {
    const included = (await jsonReport([LIFECYCLE], workdir('include: ["aws_api_gateway_stage.update_*"]\n'))).report;
    expect(new Set(included.findings.map((f) => f.address))).toEqual(
      new Set(["aws_api_gateway_stage.update_to_insecure", "aws_api_gateway_stage.update_to_secure"]),
    );
    const excluded = (await jsonReport([LIFECYCLE], workdir('exclude: ["*noop*", "aws_api_gateway_domain_name.*"]\n'))).report;
    expect(keys(excluded).filter((k) => k.includes("noop") || k.includes("domain_name"))).toEqual([]);
    expect(excluded.findings).toHaveLength(21 - 8 - 2);
  });

  test("module globs: * crosses the dots and brackets of module addresses", async () => {
    const forEach = plan("modules-for-each");
    const all = (await jsonReport([forEach], workdir())).report;
    expect(all.findings.filter((f) => f.address.startsWith("module.legacy[")).length).toBeGreaterThan(0);
    const { report } = await jsonReport([forEach], workdir('exclude: ["module.legacy*"]\ninclude: ["module.*"]\n'));
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings.every((f) => f.address.startsWith('module.api["'))).toBe(true);
  });

  test("APIGW-401 allowed_policies and APIGW-402 severity reach Rego as data", async () => {
    const dir = workdir(
      'rules:\n  APIGW-401:\n    params:\n      allowed_policies: ["TLS_1_0", "TLS_1_2"]\n  APIGW-402:\n    params:\n      severity: high\n',
    );
    const { report } = await jsonReport([LIFECYCLE], dir);
    expect(keys(report)).not.toContain("APIGW-401 aws_api_gateway_domain_name.replaced_tls10");
    expect(report.findings.find((f) => f.rule_id === "APIGW-402")?.severity).toBe("high");
  });

  test("APIGW-203 allowed_types reaches Rego", async () => {
    const { report } = await jsonReport(
      ["--rule", "APIGW-203", LIFECYCLE],
      workdir("rules:\n  APIGW-203:\n    params:\n      allowed_types: [PRIVATE]\n"),
    );
    expect(report.findings.map((f) => f.message)).toEqual([expect.stringContaining("not among the allowed types (PRIVATE)")]);
  });

  test("APIGW-201 exempt_private_apis: false judges private stages too", async () => {
    const before = (await jsonReport(["--rule", "APIGW-201", plan("apigw-201-pass")], workdir())).report;
    expect(before.findings).toHaveLength(0);
    const { report } = await jsonReport(
      ["--rule", "APIGW-201", plan("apigw-201-pass")],
      workdir("rules:\n  APIGW-201:\n    params:\n      exempt_private_apis: false\n"),
    );
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings.every((f) => f.rule_id === "APIGW-201")).toBe(true);
  });

  test("APIGW-502 secret_name_pattern and APIGW-005 required_fields reach Rego", async () => {
    const secrets = (
      await jsonReport(
        ["--rule", "APIGW-502", plan("apigw-502-fail")],
        workdir('rules:\n  APIGW-502:\n    params:\n      secret_name_pattern: "^never_matches$"\n'),
      )
    ).report;
    // Only the stages whose whole variables map is unknown remain: no pattern can rule their keys out.
    expect(secrets.findings.filter((f) => !f.unknown)).toHaveLength(0);
    expect(secrets.findings.map((f) => f.address).sort()).toEqual([
      "aws_api_gateway_stage.unknown_map_hides_literal",
      "aws_apigatewayv2_stage.unknown_http_map",
    ]);
    const fields = (
      await jsonReport(
        ["--rule", "APIGW-005", plan("apigw-005-fail")],
        workdir("rules:\n  APIGW-005:\n    params:\n      required_fields: [[$context.requestId]]\n"),
      )
    ).report;
    const all = (await jsonReport(["--rule", "APIGW-005", plan("apigw-005-fail")], workdir())).report;
    expect(fields.findings.length).toBeLessThan(all.findings.length);
    expect(keys(fields)).toContain("APIGW-005 aws_api_gateway_stage.fail_rest_missing_request_id");
  });

  test("the file is found upward from the working directory; --config names another", async () => {
    const root = workdir("rules:\n  APIGW-601:\n    enabled: false\n");
    const deep = path.join(root, "a", "b");
    mkdirSync(deep, { recursive: true });
    expect((await jsonReport([LIFECYCLE], deep)).report.findings.some((f) => f.rule_id === "APIGW-601")).toBe(false);
    const other = path.join(root, "other.yaml");
    writeFileSync(other, "rules:\n  APIGW-007:\n    enabled: false\n");
    const { report } = await jsonReport(["--config", other, LIFECYCLE], deep);
    expect(report.findings.some((f) => f.rule_id === "APIGW-601")).toBe(true);
    expect(report.findings.some((f) => f.rule_id === "APIGW-007")).toBe(false);
  });
});

describe("invalid configuration exits 2 naming the file, the line and the key", () => {
  const cases: Array<[string, string, RegExp]> = [
    ["unknown top-level key", "fail_on: high\nonly_changnd: true\n", /\.policy-check\.yaml:2: only_changnd: unknown key/],
    ["wrong type", 'include: []\nonly_changed: "yes"\n', /\.policy-check\.yaml:2: only_changed: expected boolean, got string/],
    ["unknown severity", "fail_on: severe\n", /\.policy-check\.yaml:1: fail_on: "severe" is not one of critical, high/],
    ["unknown rule setting", "rules:\n  APIGW-201:\n    enabeld: false\n", /:3: rules\.APIGW-201\.enabeld: unknown key/],
    ["unknown parameter", "rules:\n  APIGW-401:\n    params:\n      allowed: []\n", /:4: rules\.APIGW-401\.params\.allowed: unknown key/],
    [
      "parameter of the wrong type",
      "rules:\n  APIGW-201:\n    params:\n      exempt_private_apis: no thanks\n",
      /:4: rules\.APIGW-201\.params\.exempt_private_apis: expected boolean/,
    ],
    ["unknown rule ID", "fail_on: low\nrules:\n  APIGW-999:\n    enabled: false\n", /:3: rules\.APIGW-999: unknown rule ID/],
    ["waiver without a reason", 'waivers:\n  - rule: APIGW-101\n    address: "*"\n    owner: me\n', /:2: waivers\.0: missing required key reason/],
    ["waiver with a blank reason", 'waivers:\n  - rule: APIGW-101\n    address: "*"\n    owner: me\n    reason: "  "\n', /:5: waivers\.0\.reason: /],
    [
      "waiver with a bad date",
      'waivers:\n  - rule: APIGW-101\n    address: "*"\n    owner: me\n    reason: ok\n    expires: 31.03.2027\n',
      /:6: waivers\.0\.expires: /,
    ],
    [
      "waiver for an unknown rule",
      'waivers:\n  - rule: APIGW-998\n    address: "*"\n    owner: me\n    reason: ok\n',
      /:2: waivers\.0\.rule: unknown rule ID APIGW-998/,
    ],
    ["invalid YAML", "rules:\n  - [\n", /\.policy-check\.yaml:\d+: invalid YAML/],
  ];
  test.each(cases)("%s", async (_name, text, expected) => {
    const { code, out, err } = await cli([LIFECYCLE], workdir(text));
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toMatch(expected);
    expect(err.trim().split("\n")).toHaveLength(1);
  });

  test("a missing --config file", async () => {
    const { code, err } = await cli(["--config", "nope.yaml", LIFECYCLE], workdir());
    expect(code).toBe(2);
    expect(err).toMatch(/nope\.yaml: cannot read configuration file \(ENOENT\)/);
  });
});

test("a rule disabled by configuration has no JUnit suite (it did not run)", async () => {
  const dir = workdir("rules:\n  APIGW-001:\n    enabled: false\n");
  const result = await cli(["--format", "junit", LIFECYCLE], dir);
  expect(result.out).toMatch(/<testsuite [^>]*name="APIGW-003/);
  expect(result.out).not.toMatch(/<testsuite [^>]*name="APIGW-001/);
});
