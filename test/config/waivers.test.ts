/** Waivers through the CLI: configuration and inline (tag, HCL comment), expiry, stale waivers, every format. */
import { writeCdktfOut } from "../helpers/cdktf-out";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { cli, jsonReport, LIFECYCLE, workdir, writeFiles } from "./helpers";

const WAIVE_BOTH = `fail_on: high
waivers:
  - rule: APIGW-401
    address: "aws_api_gateway_domain_name.*"
    reason: TLS 1.0 clients are retired in March
    owner: team-edge
    expires: 2999-03-31
  - rule: "*"
    address: "*update_to_insecure_all"
    reason: data tracing during the incident review
    owner: team-sre
`;

describe("waivers in the configuration", () => {
  test("a waived finding is reported as waived, with reason, owner and source, and does not block", async () => {
    const dir = workdir(WAIVE_BOTH);
    const { code, report } = await jsonReport([LIFECYCLE], dir);
    expect(code).toBe(0);
    expect(report.findings).toHaveLength(21);
    expect(report.summary.waived).toBe(2);
    expect(report.summary.blocking).toBe(0);
    const tls = report.findings.find((f) => f.rule_id === "APIGW-401");
    expect(tls?.waiver).toEqual({
      reason: "TLS 1.0 clients are retired in March",
      owner: "team-edge",
      expires: "2999-03-31",
      source: ".policy-check.yaml:3",
      expired: false,
    });
    expect(report.findings.find((f) => f.rule_id === "APIGW-006")?.waiver?.owner).toBe("team-sre");
    expect(report.waiver_issues).toBeUndefined();

    const text = await cli([LIFECYCLE], dir);
    expect(text.code).toBe(0);
    expect(text.out).toContain("WAIVED       APIGW-401");
    expect(text.out).toContain("Waived (.policy-check.yaml:3, owner team-edge, until 2999-03-31): TLS 1.0 clients are retired in March");
    expect(text.out).toMatch(/2 waived\. PASSED/);
  });

  test("without the waivers the same run blocks (the waiver is what makes it pass)", async () => {
    expect((await cli(["--fail-on", "high", LIFECYCLE], workdir())).code).toBe(1);
  });

  test("an expired waiver stops waiving and says so", async () => {
    const dir = workdir(WAIVE_BOTH.replace("2999-03-31", "2020-03-31"));
    const { code, report } = await jsonReport([LIFECYCLE], dir);
    expect(code).toBe(1);
    expect(report.summary.blocking).toBe(1);
    expect(report.findings.find((f) => f.rule_id === "APIGW-401")?.waiver).toMatchObject({ expired: true, expires: "2020-03-31" });
    expect(report.waiver_issues).toEqual([
      expect.objectContaining({ kind: "expired", rule: "APIGW-401", owner: "team-edge", source: ".policy-check.yaml:3" }),
    ]);
    const text = await cli([LIFECYCLE], dir);
    expect(text.out).toContain("Waiver EXPIRED on 2020-03-31 (.policy-check.yaml:3, owner team-edge): blocking again.");
    expect(text.out).toContain("Waivers to review:");
    expect(text.out).toMatch(/APIGW-401 aws_api_gateway_domain_name\.\* \(\.policy-check\.yaml:3\): expired on 2020-03-31/);
  });

  test("a waiver that matches nothing is reported as stale", async () => {
    const dir = workdir(`waivers:\n  - rule: APIGW-101\n    address: "module.gone.*"\n    reason: old module\n    owner: team-x\n`);
    const { report } = await jsonReport([LIFECYCLE], dir);
    expect(report.waiver_issues).toEqual([
      {
        kind: "stale",
        rule: "APIGW-101",
        address: "module.gone.*",
        reason: "old module",
        owner: "team-x",
        expires: null,
        source: ".policy-check.yaml:2",
      },
    ]);
    expect((await cli([LIFECYCLE], dir)).out).toContain(
      "APIGW-101 module.gone.* (.policy-check.yaml:2): stale, matches no finding; owner team-x: old module",
    );
  });

  test("a waiver for a rule the run did not evaluate (--rule) is not called stale", async () => {
    const dir = workdir(`waivers:\n  - rule: APIGW-101\n    address: "module.gone.*"\n    reason: old module\n    owner: team-x\n`);
    expect((await jsonReport(["--rule", "APIGW-001", LIFECYCLE], dir)).report.waiver_issues).toBeUndefined();
  });
});

describe("inline waivers", () => {
  /** The lifecycle plan with a waiver tag on its no-op REST API (tags are in the plan's `after` values). */
  function taggedPlan(dir: string, tag: string): string {
    const plan = JSON.parse(readFileSync(LIFECYCLE, "utf8")) as {
      resource_changes: Array<{ address: string; change: { after: Record<string, unknown> } }>;
    };
    const api = plan.resource_changes.find((r) => r.address === "aws_api_gateway_rest_api.legacy");
    if (api === undefined) throw new Error("fixture changed: no aws_api_gateway_rest_api.legacy");
    api.change.after["tags"] = { team: "edge", "policy-check:waive": tag };
    const file = path.join(dir, "plan.json");
    writeFileSync(file, JSON.stringify(plan));
    return file;
  }

  test("a plan resource's policy-check:waive tag waives its finding", async () => {
    const dir = workdir();
    const { report } = await jsonReport(["--rule", "APIGW-203", taggedPlan(dir, "APIGW-203 legacy edge API, moves to REGIONAL in Q3")], dir);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]?.waiver).toEqual({
      reason: "legacy edge API, moves to REGIONAL in Q3",
      owner: null,
      expires: null,
      source: "tag policy-check:waive on aws_api_gateway_rest_api.legacy",
      expired: false,
    });
  });

  test("a waiver tag the plan marks sensitive is refused, and its text is never printed", async () => {
    const dir = workdir();
    const file = taggedPlan(dir, "APIGW-203 s3cr3t-looking reason");
    const plan = JSON.parse(readFileSync(file, "utf8")) as { resource_changes: Array<{ address: string; change: Record<string, unknown> }> };
    const api = plan.resource_changes.find((r) => r.address === "aws_api_gateway_rest_api.legacy");
    if (api === undefined) throw new Error("fixture changed");
    api.change["after_sensitive"] = { ...(api.change["after_sensitive"] as object), tags: true };
    writeFileSync(file, JSON.stringify(plan));
    const { code, out, err } = await cli([file], dir);
    expect(code).toBe(2);
    expect(err).toMatch(/tag policy-check:waive on aws_api_gateway_rest_api\.legacy: the waiver tag is marked sensitive/);
    expect(out + err).not.toContain("s3cr3t");
  });

  test("a tag waiver without a reason is rejected with exit 2", async () => {
    const dir = workdir();
    const { code, err } = await cli([taggedPlan(dir, "APIGW-203")], dir);
    expect(code).toBe(2);
    expect(err).toMatch(/tag policy-check:waive on aws_api_gateway_rest_api\.legacy: policy-check:waive APIGW-203 has no reason/);
  });

  test("CDKTF: a tag waiver applies in its own stack only (equal addresses in two stacks are different resources)", async () => {
    const dir = workdir();
    const stack = (name: string, tags?: Record<string, string>): Record<string, unknown> => ({
      "//": { metadata: { backend: "local", stackName: name, version: "0.21.0" } },
      resource: {
        aws_api_gateway_rest_api: { api: { "//": { metadata: { path: `${name}/api` } }, name: "a" } },
        aws_api_gateway_method: {
          get: {
            "//": { metadata: { path: `${name}/get` } },
            rest_api_id: "${aws_api_gateway_rest_api.api.id}",
            resource_id: "${aws_api_gateway_rest_api.api.root_resource_id}",
            http_method: "GET",
            authorization: "NONE",
            ...(tags === undefined ? {} : { tags }),
          },
        },
      },
    });
    writeCdktfOut(dir, { waived: stack("waived", { "policy-check:waive": "APIGW-101 public status page" }), open: stack("open") });
    const { code, report } = await jsonReport(["--rule", "APIGW-101", path.join(dir, "cdktf.out")], dir);
    expect(report.findings.map((f) => [f.address, f.waiver?.reason ?? null])).toEqual([
      ["aws_api_gateway_method.get", "public status page"],
      ["aws_api_gateway_method.get", null],
    ]);
    expect(code).toBe(1);
  });

  test("a plan with --source-dir: HCL comment waivers in the source waive the plan's findings", async () => {
    const dir = workdir();
    const source = readFileSync(path.join(path.dirname(LIFECYCLE), "..", "apigw-101-fail", "main.tf"), "utf8").replace(
      'resource "aws_api_gateway_method" "fail_none_get"',
      '# policy-check:waive APIGW-101 read-only public catalogue\nresource "aws_api_gateway_method" "fail_none_get"',
    );
    writeFiles(dir, { "src/main.tf": source });
    const plan101 = path.join(path.dirname(LIFECYCLE), "..", "apigw-101-fail", "plan.json");
    const { report } = await jsonReport(["--rule", "APIGW-101", "--source-dir", path.join(dir, "src"), plan101], dir);
    const waived = report.findings.filter((f) => f.waiver !== undefined);
    expect(waived.map((f) => [f.address, f.waiver?.reason])).toEqual([["aws_api_gateway_method.fail_none_get", "read-only public catalogue"]]);
    // Where the comment is, relative to the source directory (as an HCL scan of it says).
    expect(waived[0]?.waiver?.source).toMatch(/^main\.tf:\d+$/);
  });

  const HCL = `resource "aws_api_gateway_rest_api" "api" {
  name = "orders"
  tags = { "policy-check:waive" = "APIGW-203 edge endpoints approved by security review SR-12" }
}

# The health check is public on purpose.
# policy-check:waive APIGW-101 public health check, returns a constant
resource "aws_api_gateway_method" "health" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_rest_api.api.root_resource_id
  http_method   = "GET"
  authorization = "NONE"
}

resource "aws_api_gateway_method" "orders" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_rest_api.api.root_resource_id
  http_method   = "POST"
  authorization = "NONE"
}
`;

  test("HCL: a comment on the line before the block, and a tag, waive their findings; others still block", async () => {
    const dir = workdir();
    writeFiles(dir, { "infra/main.tf": HCL });
    const infra = path.join(dir, "infra");
    const { code, report } = await jsonReport(["--rule", "APIGW-101", "--rule", "APIGW-203", infra], dir);
    expect(code).toBe(1);
    const byAddress = new Map(report.findings.map((f) => [`${f.rule_id} ${f.address}`, f]));
    expect(byAddress.get("APIGW-101 aws_api_gateway_method.health")?.waiver).toMatchObject({
      reason: "public health check, returns a constant",
      source: "main.tf:7",
      expired: false,
    });
    expect(byAddress.get("APIGW-203 aws_api_gateway_rest_api.api")?.waiver?.reason).toBe("edge endpoints approved by security review SR-12");
    expect(byAddress.get("APIGW-101 aws_api_gateway_method.orders")?.waiver).toBeUndefined();
    expect(report.summary.blocking).toBe(1);
  });

  test("HCL: a comment waiver without a reason is rejected with exit 2 naming file and line", async () => {
    const dir = workdir();
    writeFiles(dir, { "infra/main.tf": HCL.replace("APIGW-101 public health check, returns a constant", "APIGW-101") });
    const { code, err } = await cli([path.join(dir, "infra")], dir);
    expect(code).toBe(2);
    expect(err).toMatch(/main\.tf:7: policy-check:waive APIGW-101 has no reason/);
  });

  test("HCL: a waiver comment separated from the block by code does not apply", async () => {
    const dir = workdir();
    const moved = HCL.replace("# policy-check:waive APIGW-101 public health check, returns a constant\n", "").replace(
      'resource "aws_api_gateway_method" "orders"',
      '# policy-check:waive APIGW-101 public health check, returns a constant\nlocals {\n  x = 1\n}\n\nresource "aws_api_gateway_method" "orders"',
    );
    writeFiles(dir, { "infra/main.tf": moved });
    const { report } = await jsonReport(["--rule", "APIGW-101", path.join(dir, "infra")], dir);
    expect(report.findings.every((f) => f.waiver === undefined)).toBe(true);
  });
});
