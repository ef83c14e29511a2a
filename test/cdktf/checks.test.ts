/**
 * Synth-time enforcement: `ApiGatewayPolicyChecks.of(stack)` judges a stack during `app.synth()` with the same
 * compiled WASM as the CLI, fails synth on findings at or above fail-on (one line per finding, construct path
 * first), and turns the others into construct warnings. In-process synth, no terraform binary.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { App, TerraformStack, TerraformVariable } from "cdktf";
import type { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { ApiGatewayRestApi } from "@cdktf/provider-aws/lib/api-gateway-rest-api";
import { ApiGatewayStage } from "@cdktf/provider-aws/lib/api-gateway-stage";
import { ApiGatewayPolicyChecks } from "../../src";
import { InsecureApiStack } from "../../examples/cdktf/insecure";
import { SecureApiStack } from "../../examples/cdktf/secure";
import { ROOT, runCli } from "../helpers/cli";
import { INSECURE, SECURE, type Row } from "../ingest/cdktf/expected";
import { tempDir } from "../ingest/cdktf/synth";

const BLOCKING_AT_MEDIUM = new Set(["critical", "high", "medium"]);

let temp: ReturnType<typeof tempDir>;
beforeEach(() => {
  temp = tempDir();
});
afterEach(() => temp.remove());

function synthError(app: App): string {
  try {
    app.synth();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error("synth did not fail");
}

/** The lines cdktf lists under "Validation failed with the following errors:" for the stack. */
function errorLines(message: string, stack: string): string[] {
  return message
    .split("\n")
    .filter((l) => l.startsWith(`  [${stack}] `))
    .map((l) => l.slice(`  [${stack}] `.length));
}

/** `construct path: rule`, sorted by construct path as the validation lists them (stable within a path). */
const expectedLines = (rows: readonly Row[]): string[] =>
  [...rows].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([where, rule, , severity]) => `${where}: ${rule} (${severity})`);

const lineHeads = (lines: readonly string[]): string[] => lines.map((l) => /^(\S+: APIGW-\d{3} \([a-z]+\))/.exec(l)?.[1] ?? l);

function annotations(outdir: string, stack: string): Array<{ constructPath: string; level: string; message: string }> {
  const manifest = JSON.parse(readFileSync(path.join(outdir, "manifest.json"), "utf8")) as {
    stacks: Record<string, { annotations: Array<{ constructPath: string; level: string; message: string }> }>;
  };
  return manifest.stacks[stack]?.annotations ?? [];
}

describe("ApiGatewayPolicyChecks.of(stack)", () => {
  test("fails synth of the insecure stack, one line per blocking finding, by construct path; nothing is written", () => {
    const outdir = path.join(temp.dir, "cdktf.out");
    const app = new App({ outdir });
    ApiGatewayPolicyChecks.of(new InsecureApiStack(app, "insecure-api"));
    const message = synthError(app);
    expect(message.split("\n")[0]).toBe("Validation failed with the following errors:");
    const lines = errorLines(message, "insecure-api");
    expect(lineHeads(lines)).toEqual(expectedLines(INSECURE.filter((r) => BLOCKING_AT_MEDIUM.has(r[3]))));
    expect(lines).toContain(
      "insecure-api/orders/list-orders: APIGW-101 (high) REST methods require authorization: " +
        'Method aws_api_gateway_method.orders_list-orders_1763B5C6 has authorization "NONE": anyone who can reach the API can call it without credentials (an API key is not authentication).',
    );
    expect(message).not.toContain("DO-NOT-PRINT");
    expect(existsSync(path.join(outdir, "stacks", "insecure-api", "cdk.tf.json"))).toBe(false);
  });

  test("passes the secure stack: synth writes it, and its info notice becomes a warning on the construct", () => {
    const outdir = path.join(temp.dir, "cdktf.out");
    const app = new App({ outdir });
    ApiGatewayPolicyChecks.of(new SecureApiStack(app, "secure-api"));
    app.synth();
    expect(existsSync(path.join(outdir, "stacks", "secure-api", "cdk.tf.json"))).toBe(true);
    const warnings = annotations(outdir, "secure-api").filter((a) => a.message.includes("APIGW-"));
    expect(warnings.map((a) => [a.constructPath, a.level, a.message.split(" ").slice(0, 3).join(" ")])).toEqual(
      SECURE.map(([where, rule, , severity]) => [where, "@cdktf/warn", `${where}: ${rule} (${severity})`]),
    );
  });

  test("honours fail-on: at critical the insecure stack synthesizes and every finding is a warning on its construct", () => {
    const outdir = path.join(temp.dir, "cdktf.out");
    const app = new App({ outdir });
    ApiGatewayPolicyChecks.of(new InsecureApiStack(app, "insecure-api"), { failOn: "critical" });
    app.synth();
    const warnings = annotations(outdir, "insecure-api").filter((a) => a.level === "@cdktf/warn" && a.message.includes("APIGW-"));
    expect(warnings.map((a) => `${a.constructPath} ${/APIGW-\d{3}/.exec(a.message)?.[0] ?? ""}`).sort()).toEqual(
      INSECURE.map(([where, rule]) => `${where} ${rule}`).sort(),
    );
  });

  test("at fail-on high only high findings fail synth", () => {
    const app = new App({ outdir: path.join(temp.dir, "cdktf.out") });
    ApiGatewayPolicyChecks.of(new InsecureApiStack(app, "insecure-api"), { failOn: "high" });
    expect(lineHeads(errorLines(synthError(app), "insecure-api"))).toEqual(expectedLines(INSECURE.filter((r) => r[3] === "high")));
  });

  test("reads .policy-check.yaml like the CLI: fail_on, disabled rules and waivers", () => {
    const dir = path.join(temp.dir, "configured");
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, ".policy-check.yaml"),
      [
        "fail_on: high",
        "rules:",
        "  APIGW-802:",
        "    enabled: false",
        "waivers:",
        "  - rule: APIGW-101",
        '    address: "aws_api_gateway_method.*"',
        "    reason: legacy clients, replaced next quarter",
        "    owner: team-orders",
        "    expires: 2099-12-31",
        "",
      ].join("\n"),
    );
    const app = new App({ outdir: path.join(temp.dir, "cdktf.out") });
    const checks = ApiGatewayPolicyChecks.of(new InsecureApiStack(app, "insecure-api"), { cwd: dir });
    expect(checks.failOn).toBe("high");
    const result = checks.check();
    expect(result.findings.some((f) => f.rule_id === "APIGW-802")).toBe(false);
    const waived = result.findings.filter((f) => f.rule_id === "APIGW-101");
    expect(waived.length).toBeGreaterThan(0);
    expect(waived.every((f) => f.waiver !== undefined)).toBe(true);
    const heads = lineHeads(errorLines(synthError(app), "insecure-api"));
    expect(heads.some((h) => h.includes("APIGW-101") || h.includes("APIGW-802"))).toBe(false);
    expect(heads.length).toBeGreaterThan(0);
    // `config: false` judges with no configuration at all.
    const plain = ApiGatewayPolicyChecks.of(new InsecureApiStack(new App({ outdir: path.join(temp.dir, "plain.out") }), "insecure-api"), {
      cwd: dir,
      config: false,
    });
    expect(plain.failOn).toBe("medium");
    expect(plain.check().findings.some((f) => f.rule_id === "APIGW-802")).toBe(true);
  });

  test("rules limits the rules evaluated", () => {
    const app = new App({ outdir: path.join(temp.dir, "cdktf.out") });
    ApiGatewayPolicyChecks.of(new InsecureApiStack(app, "insecure-api"), { rules: ["APIGW-101"] });
    expect(lineHeads(errorLines(synthError(app), "insecure-api"))).toEqual([
      "insecure-api/orders/create-order: APIGW-101 (high)",
      "insecure-api/orders/list-orders: APIGW-101 (high)",
    ]);
  });

  test("of() twice on a stack adds one validation and keeps the latest options", () => {
    const app = new App({ outdir: path.join(temp.dir, "cdktf.out") });
    const stack = new InsecureApiStack(app, "insecure-api");
    const first = ApiGatewayPolicyChecks.of(stack);
    const second = ApiGatewayPolicyChecks.of(stack, { failOn: "high" });
    expect(second).toBe(first);
    expect(errorLines(synthError(app), "insecure-api")).toHaveLength(INSECURE.filter((r) => r[3] === "high").length);
  });

  test("check() gives the CLI's findings for the stack, without synthesizing", () => {
    const outdir = path.join(temp.dir, "cdktf.out");
    const app = new App({ outdir });
    const result = ApiGatewayPolicyChecks.of(new InsecureApiStack(app, "insecure-api")).check();
    expect(result.findings.map((f) => [f.source?.construct_path, f.rule_id, f.address, f.severity])).toEqual(INSECURE);
    expect(result.findings[0]?.source?.file).toBe(path.join(outdir, "stacks", "insecure-api", "cdk.tf.json"));
    expect(result.summary.blocking).toBe(INSECURE.filter((r) => BLOCKING_AT_MEDIUM.has(r[3])).length);
    expect(existsSync(outdir)).toBe(true); // App creates it; the stack itself is not written
    expect(existsSync(path.join(outdir, "stacks", "insecure-api"))).toBe(false);
  });

  test("values unknown at synth time are unverifiable warnings, never silent passes and never blocking", () => {
    class VariableLogs extends TerraformStack {
      constructor(scope: Construct, id: string) {
        super(scope, id);
        new AwsProvider(this, "aws", { region: "us-east-1" });
        const destination = new TerraformVariable(this, "log-destination", { type: "string" });
        const api = new ApiGatewayRestApi(this, "api", { name: "v", endpointConfiguration: { types: ["PRIVATE"] } });
        new ApiGatewayStage(this, "stage", {
          restApiId: api.id,
          deploymentId: "d",
          stageName: "prod",
          accessLogSettings: { destinationArn: destination.stringValue, format: "$context.requestId" },
        });
      }
    }
    const outdir = path.join(temp.dir, "cdktf.out");
    const app = new App({ outdir });
    const checks = ApiGatewayPolicyChecks.of(new VariableLogs(app, "vars"), { rules: ["APIGW-003"] });
    const [finding] = checks.check().findings;
    expect(finding).toMatchObject({ rule_id: "APIGW-003", unknown: true, severity: "info", address: "aws_api_gateway_stage.stage" });
    app.synth();
    expect(annotations(outdir, "vars").filter((a) => a.message.includes("APIGW-003"))).toEqual([
      expect.objectContaining({
        constructPath: "vars/stage",
        level: "@cdktf/warn",
        message: expect.stringMatching(/^vars\/stage: APIGW-003 \(unverifiable\) /),
      }),
    ]);
  });

  test("skipValidation turns enforcement off, as for every cdktf validation", () => {
    const app = new App({ outdir: path.join(temp.dir, "cdktf.out"), skipValidation: true });
    ApiGatewayPolicyChecks.of(new InsecureApiStack(app, "insecure-api"));
    expect(() => app.synth()).not.toThrow();
  });
});

test("neither the CLI nor the library loads cdktf unless synth-time checks run", () => {
  const script = [
    'require("./dist/src/index.js");',
    'require("./dist/src/cli/main.js");',
    "const loaded = Object.keys(require.cache).filter((f) => /node_modules[\\\\/](cdktf|constructs)[\\\\/]/.test(f));",
    "process.stdout.write(JSON.stringify(loaded));",
  ].join("\n");
  const run = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" });
  expect(run.stderr).toBe("");
  expect(JSON.parse(run.stdout)).toEqual([]);
  expect(runCli(["plans/quickstart/plan.json", "--format", "json"]).status).not.toBe(2);
});
