/**
 * Sensitive values are judged as they are and never reach any output; values the input does not know are
 * reported as unverifiable, never passed.
 *
 * - Every value a fixture plan masks in `after_sensitive` or `before_sensitive`, and every sensitive root
 *   variable, is searched for in every report format (the real CLI process).
 * - Marking every attribute of every API Gateway resource sensitive (in-process mutations of the real fixture
 *   plans) changes no verdict, and no format, nor `--debug` stderr, prints any of those values.
 * - The fail-open cases of issue 17, one by one; HCL sources with `sensitive = true` variables; a custom rule
 *   that quotes a sensitive value; unknown maps, blocks and protocol types; unreadable OpenAPI bodies and
 *   `$ref` path items.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { run } from "../../src/cli/main";
import { PolicyEngine } from "../../src/engine/engine";
import { readPlan } from "../../src/ingest/plan/plan";
import { MODEL_TYPES } from "../../src/model/spec";
import { REDACTED } from "../../src/redact";
import { REPORTERS } from "../../src/report";
import { judge } from "../../src/runner";
import { PLANS, runCli } from "../helpers/cli";
import { customRuleHeader } from "../helpers/custom-rule";
import { loadScenarios, tuples } from "../helpers/scenarios";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
type ValuePath = Array<string | number>;

/** Leaves of `value` wherever `mask` is true (a mask of true covers everything below it). */
function maskedLeaves(value: Json | undefined, mask: Json | undefined, out: Set<string>): void {
  if (value === undefined || value === null || mask === undefined || mask === false || mask === null) return;
  if (mask === true) {
    const walk = (v: Json): void => {
      if (typeof v === "string") out.add(v);
      else if (typeof v === "number" || typeof v === "boolean") out.add(String(v));
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v !== null) Object.values(v).forEach(walk);
    };
    walk(value);
    return;
  }
  if (Array.isArray(mask) && Array.isArray(value)) mask.forEach((m, i) => maskedLeaves(value[i], m, out));
  else if (typeof mask === "object" && !Array.isArray(mask) && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, m] of Object.entries(mask)) maskedLeaves(value[k], m, out);
  }
}

/** Short values ("true", "1", enum names) would match by accident; real secrets are longer. */
const MIN_SECRET = 6;

/** The secrets and what a message could derive from them: a URL's host and origin. */
function withDerived(values: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const value of values) {
    out.add(value);
    if (/^[a-z]+:\/\//i.test(value)) {
      try {
        const url = new URL(value);
        out.add(url.host);
        out.add(url.origin);
      } catch {
        // not a URL after all
      }
    }
  }
  return [...out].filter((v) => v.length >= MIN_SECRET);
}

export function sensitiveValues(planFile: string): string[] {
  const plan = JSON.parse(readFileSync(planFile, "utf8")) as {
    resource_changes?: Array<{ change: Record<string, Json> }>;
    variables?: Record<string, { value: Json }>;
    configuration?: { root_module?: { variables?: Record<string, { sensitive?: boolean }> } };
  };
  const out = new Set<string>();
  for (const rc of plan.resource_changes ?? []) {
    maskedLeaves(rc.change["after"], rc.change["after_sensitive"], out);
    maskedLeaves(rc.change["before"], rc.change["before_sensitive"], out);
  }
  for (const [name, variable] of Object.entries(plan.configuration?.root_module?.variables ?? {})) {
    if (variable.sensitive === true) maskedLeaves(plan.variables?.[name]?.value, true, out);
  }
  return withDerived(out);
}

const scenarios = loadScenarios();
const withSecrets = scenarios
  .flatMap((s) => s.plans.map((plan) => ({ name: s.name, plan, secrets: sensitiveValues(plan) })))
  .filter((s) => s.secrets.length > 0);

test("some fixture plans carry sensitive values (otherwise this test proves nothing)", () => {
  expect(withSecrets.map((s) => s.name)).toContain("sensitive");
});

describe.each(withSecrets)("$name", ({ plan, secrets }) => {
  test.each(REPORTERS.map((r) => r.name))("format %s prints no sensitive value", (format) => {
    const run = runCli(["--format", format, plan]);
    expect([0, 1]).toContain(run.status);
    for (const secret of secrets) {
      expect(run.stdout).not.toContain(secret);
      expect(run.stderr).not.toContain(secret);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// In-process helpers: the real WASM engine, the real CLI entry point, mutations of real fixture plans.

let engine: PolicyEngine;
beforeAll(() => {
  engine = PolicyEngine.loadSync();
});

const work = mkdtempSync(path.join(os.tmpdir(), "policy-check-sensitive-"));
let files = 0;

function planOf(scenario: string): JsonObject {
  return JSON.parse(readFileSync(path.join(PLANS, scenario, "plan.json"), "utf8")) as JsonObject;
}

function changes(plan: JsonObject): Array<{ address: string; type: string; mode?: string; change: JsonObject }> {
  return plan["resource_changes"] as unknown as Array<{ address: string; type: string; mode?: string; change: JsonObject }>;
}

function change(plan: JsonObject, address: string): JsonObject {
  const found = changes(plan).find((rc) => rc.address === address);
  if (found === undefined) throw new Error(`no resource ${address}`);
  return found.change;
}

/** Verdicts as comparable tuples (rule, address, severity, unknown), judged in process with the built WASM. */
function verdict(plan: JsonObject, rules: readonly string[] = []): string[] {
  return tuples(judge(engine, [() => readPlan(plan, "plan.json")], { input: "plan.json", failOn: "medium", rules }).findings);
}

/** A mask that is true at every leaf of `value` (every string, number and flag, inside lists and maps too). */
function leafMask(value: Json): Json {
  if (Array.isArray(value)) return value.map(leafMask);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, leafMask(v)]));
  return true;
}

/** `mask` with `true` set at `at` (creating the objects and lists on the way). */
function markAt(mask: Json | undefined, at: ValuePath): Json {
  if (at.length === 0) return true;
  const [step, ...rest] = at;
  if (typeof step === "number") {
    const list: Json[] = Array.isArray(mask) ? [...mask] : [];
    for (let i = list.length; i <= step; i += 1) list.push({});
    list[step] = markAt(list[step], rest);
    return list;
  }
  const object: JsonObject = mask !== null && typeof mask === "object" && !Array.isArray(mask) ? { ...mask } : {};
  object[step as string] = markAt(object[step as string], rest);
  return object;
}

function valueAt(value: Json | undefined, at: ValuePath): Json | undefined {
  let node = value;
  for (const step of at) {
    if (node === null || node === undefined || typeof node !== "object") return undefined;
    node = Array.isArray(node) ? node[step as number] : node[step as string];
  }
  return node;
}

/** Marks `at` sensitive in a resource change, after and before, the way Terraform masks a sensitive value. */
function markSensitive(plan: JsonObject, address: string, at: ValuePath): void {
  const body = change(plan, address);
  body["after_sensitive"] = markAt(body["after_sensitive"], at);
  if (body["before"] !== null && body["before"] !== undefined) body["before_sensitive"] = markAt(body["before_sensitive"], at);
}

type Mode = "every leaf" | "every attribute";

/** Marks every attribute of every API Gateway resource sensitive: at each leaf, or whole top-level attributes. */
function allSensitive(plan: JsonObject, mode: Mode): void {
  for (const rc of changes(plan)) {
    if (!MODEL_TYPES.has(rc.type) || rc.mode === "data") continue;
    for (const side of ["after", "before"] as const) {
      const value = rc.change[side];
      if (value === null || value === undefined || typeof value !== "object" || Array.isArray(value)) continue;
      rc.change[`${side}_sensitive`] = mode === "every leaf" ? leafMask(value) : Object.fromEntries(Object.keys(value).map((k) => [k, true as Json]));
    }
  }
}

/** Every string inside what a plan marks sensitive. */
function secretsOf(plan: JsonObject): string[] {
  const out = new Set<string>();
  for (const rc of changes(plan)) {
    maskedLeaves(rc.change["after"], rc.change["after_sensitive"], out);
    maskedLeaves(rc.change["before"], rc.change["before_sensitive"], out);
  }
  return withDerived([...out].filter((v) => !/^(true|false|-?\d+(\.\d+)?)$/.test(v)));
}

interface Outputs {
  code: number;
  /** Every format's report, the GitHub job summary, stdout and stderr (with --debug), concatenated. */
  text: string;
}

/** Runs the CLI entry point in process, every format to its own file, with --debug; returns all it wrote. */
async function cliOutputs(input: string, extra: readonly string[] = []): Promise<Outputs> {
  const dir = path.join(work, `run-${(files += 1)}`);
  mkdirSync(dir);
  const summary = path.join(dir, "summary.md");
  const args = [...REPORTERS.flatMap((r) => ["--format", `${r.name}=${path.join(dir, r.name)}`]), "--debug", ...extra, input];
  let out = "";
  let err = "";
  const code = await run(args, {
    stdout: (text) => (out += text),
    stderr: (text) => (err += text),
    stdoutIsTty: false,
    env: { GITHUB_STEP_SUMMARY: summary },
    cwd: dir,
  });
  const reports = REPORTERS.map((r) => {
    try {
      return readFileSync(path.join(dir, r.name), "utf8");
    } catch {
      return "";
    }
  });
  let step = "";
  try {
    step = readFileSync(summary, "utf8");
  } catch {
    // no summary when the run failed before reporting
  }
  return { code, text: [...reports, step, out, err].join("\n") };
}

function writePlan(plan: JsonObject): string {
  const file = path.join(work, `plan-${(files += 1)}.json`);
  writeFileSync(file, JSON.stringify(plan));
  return file;
}

/**
 * `text` without the marker (it spells "sensitive", which a fixture uses as a name) and without resource
 * addresses, as any format writes them: an address is structure Terraform prints too, even where a value
 * spells the same word (`stage_name = "staging"` on `aws_api_gateway_stage.staging`).
 */
function withoutStructure(text: string, addresses: readonly string[]): string {
  let out = text.split(REDACTED).join("\u0000");
  for (const address of [...addresses].sort((a, b) => b.length - a.length)) {
    for (const spelling of [address, JSON.stringify(address).slice(1, -1), address.replace(/"/g, "&quot;")]) out = out.split(spelling).join("\u0000");
  }
  return out;
}

function addressesOf(plan: JsonObject): string[] {
  return changes(plan).map((rc) => rc.address);
}

function expectHidden(outputs: Outputs, secrets: readonly string[], addresses: readonly string[] = []): void {
  expect([0, 1]).toContain(outputs.code);
  const text = withoutStructure(outputs.text, addresses);
  const leaked = secrets.filter((secret) => text.includes(secret));
  expect(leaked).toEqual([]);
}

// ---------------------------------------------------------------------------------------------------------

describe("every attribute marked sensitive: same verdict, nothing printed", () => {
  const plans = scenarios.map((s) => ({ name: s.name, args: s.args }));

  test.each(plans)("$name", ({ name, args }) => {
    const rules = args[0] === "--rule" ? [args[1] as string] : [];
    const original = planOf(name);
    const expected = verdict(original, rules);
    for (const mode of ["every leaf", "every attribute"] as const) {
      const mutated = planOf(name);
      allSensitive(mutated, mode);
      expect({ mode, verdict: verdict(mutated, rules) }).toEqual({ mode, verdict: expected });
    }
    // What the runner hands every reporter (and CDKTF synth) is already redacted.
    const mutated = planOf(name);
    allSensitive(mutated, "every leaf");
    const secrets = secretsOf(mutated);
    const result = judge(engine, [() => readPlan(mutated, "plan.json")], { input: "plan.json", failOn: "medium", rules });
    // Messages and addresses are what rules emit; titles and remediations are the catalog's own text.
    const emitted = withoutStructure(result.findings.map((f) => `${f.address} ${f.message}`).join("\n"), addressesOf(mutated));
    expect(secrets.filter((secret) => emitted.includes(secret))).toEqual([]);
  });

  // Every format and --debug, through the CLI entry point, for the scenarios that run every rule.
  test.each(plans.filter((p) => p.args.length === 0))("$name: no format prints a sensitive value", async ({ name }) => {
    const mutated = planOf(name);
    allSensitive(mutated, "every leaf");
    const secrets = secretsOf(mutated);
    expect(secrets.length).toBeGreaterThan(0);
    expectHidden(await cliOutputs(writePlan(mutated)), secrets, addressesOf(mutated));
  });
});

/**
 * The fail-open cases issue 17 lists: before the fix each of these passed (or became unverifiable) once the
 * value was marked sensitive. Each must keep its finding, and print neither the value nor its host.
 */
const FAIL_OPEN: Array<{ rule: string; scenario: string; address: string; at: ValuePath; subject?: string }> = [
  { rule: "APIGW-802", scenario: "rest-insecure", address: "aws_api_gateway_integration.list_orders", at: ["uri"] },
  { rule: "APIGW-802", scenario: "http-insecure", address: "aws_apigatewayv2_integration.legacy", at: ["integration_uri"] },
  { rule: "APIGW-702", scenario: "http-insecure", address: "aws_apigatewayv2_api.orders", at: ["cors_configuration", 0, "allow_origins"] },
  { rule: "APIGW-107", scenario: "http-insecure", address: "aws_lambda_permission.create_order", at: ["principal"] },
  { rule: "APIGW-107", scenario: "websocket-insecure", address: "aws_lambda_permission.chat_handler", at: ["principal"] },
  { rule: "APIGW-203", scenario: "rest-insecure", address: "aws_api_gateway_rest_api.orders", at: ["endpoint_configuration", 0, "types"] },
  { rule: "APIGW-305", scenario: "rest-insecure", address: "aws_api_gateway_rest_api.internal", at: ["endpoint_configuration", 0, "types"] },
  {
    rule: "APIGW-703",
    scenario: "apigw-703-fail",
    address: "aws_api_gateway_integration_response.fail_integration_response_any_origin",
    at: ["response_parameters"],
  },
  {
    rule: "APIGW-703",
    scenario: "apigw-703-fail",
    address: "aws_api_gateway_gateway_response.fail_gateway_response_5xx_any_origin",
    at: ["response_parameters", "gatewayresponse.header.Access-Control-Allow-Origin"],
  },
  {
    rule: "APIGW-003",
    scenario: "apigw-003-fail",
    address: "aws_api_gateway_stage.fail_empty_destination_arn",
    at: ["access_log_settings", 0, "destination_arn"],
  },
  {
    rule: "APIGW-004",
    scenario: "apigw-004-fail",
    address: "aws_apigatewayv2_stage.fail_http_empty_destination_arn",
    at: ["access_log_settings", 0, "destination_arn"],
  },
  { rule: "APIGW-008", scenario: "rest-insecure", address: "aws_api_gateway_account.this", at: ["cloudwatch_role_arn"] },
  { rule: "APIGW-403", scenario: "rest-insecure", address: "aws_api_gateway_stage.staging", at: ["client_certificate_id"] },
  { rule: "APIGW-201", scenario: "lifecycle", address: "aws_api_gateway_stage.noop_insecure", at: ["web_acl_arn"] },
  { rule: "APIGW-104", scenario: "websocket-insecure", address: "aws_apigatewayv2_route.connect", at: ["route_key"] },
  { rule: "APIGW-301", scenario: "rest-insecure", address: "aws_api_gateway_rest_api.orders", at: ["policy"] },
  { rule: "APIGW-304", scenario: "rest-insecure", address: "aws_api_gateway_rest_api_policy.orders_override", at: ["policy"] },
  { rule: "APIGW-901", scenario: "openapi-body", address: "aws_api_gateway_rest_api.shop", at: ["body"] },
  { rule: "APIGW-901", scenario: "openapi-body", address: "aws_apigatewayv2_api.shop_http", at: ["body"] },
  { rule: "APIGW-006", scenario: "sensitive", address: "aws_api_gateway_method_settings.internal_all", at: ["settings", 0, "data_trace_enabled"] },
];

describe("fail-open cases: a sensitive value is judged as it is", () => {
  test.each(FAIL_OPEN)("$rule: $address $at", async ({ rule, scenario, address, at }) => {
    const original = planOf(scenario);
    const before = verdict(original);
    // The case is real: the rule fails this resource with the value in the clear.
    expect(before.filter((t) => t.startsWith(`${rule} ${address} `) && !t.endsWith(" unknown"))).not.toEqual([]);
    const mutated = planOf(scenario);
    markSensitive(mutated, address, at);
    expect(verdict(mutated)).toEqual(before);
    const secrets = withDerived(
      [valueAt(change(mutated, address)["after"], at)].flatMap((v) => {
        const out = new Set<string>();
        maskedLeaves(v, true, out);
        return [...out];
      }),
    );
    expectHidden(await cliOutputs(writePlan(mutated)), secrets, addressesOf(mutated));
  });

  test("a sensitive URL is hidden with its host in findings that quote it (custom text too)", async () => {
    const plan = planOf("rest-insecure");
    const uri = change(plan, "aws_api_gateway_integration.list_orders")["after"] as JsonObject;
    uri["uri"] = "http://user:hunter22@orders-backend.internal.example:8080/v1/orders";
    markSensitive(plan, "aws_api_gateway_integration.list_orders", ["uri"]);
    const outputs = await cliOutputs(writePlan(plan));
    expect(outputs.text).toContain("APIGW-802");
    for (const part of ["orders-backend.internal.example", "hunter22", "/v1/orders", "user:hunter22"]) expect(outputs.text).not.toContain(part);
  });

  test("a report on standard output passes the same one redaction as a report file, byte for byte", async () => {
    const plan = planOf("rest-insecure");
    const uri = change(plan, "aws_api_gateway_integration.list_orders")["after"] as JsonObject;
    uri["uri"] = "http://user:hunter22@orders-backend.internal.example:8080/v1/orders";
    markSensitive(plan, "aws_api_gateway_integration.list_orders", ["uri"]);
    // The sensitive host in the plan's file name: the report's input and sources name it, and only the
    // output's own redaction (not the one of finding messages) hides it there.
    const input = path.join(work, "plan-orders-backend.internal.example.json");
    writeFileSync(input, JSON.stringify(plan));
    for (const format of ["json", "sarif", "markdown", "text"]) {
      const file = path.join(work, `report-${(files += 1)}`);
      let out = "";
      const io = { stdout: (text: string) => (out += text), stderr: () => undefined, stdoutIsTty: false, env: {}, cwd: work };
      expect(await run(["--format", format, input], io)).toBe(1);
      expect(await run(["--format", `${format}=${file}`, input], { ...io, stdout: () => undefined })).toBe(1);
      expect(out).toContain(REDACTED);
      expect(out).not.toContain("orders-backend.internal.example");
      expect(out).toBe(readFileSync(file, "utf8"));
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// Terraform source (HCL) with `sensitive = true` variables: same verdict as without the flag, nothing printed.

const HCL_SECRET_HOST = "orders-secret-7f3a.internal.example";
const HCL_SECRET_URI = `http://${HCL_SECRET_HOST}/items`;
const HCL_ORIGIN = "https://partner-4c1d.example.org";

function hclSource(sensitive: boolean): string {
  const flag = sensitive ? "\n  sensitive = true" : "";
  return `
variable "backend_uri" {
  type    = string${flag}
  default = "${HCL_SECRET_URI}"
}

variable "backend_host" {
  type    = string${flag}
  default = "${HCL_SECRET_HOST}"
}

variable "origins" {
  type    = list(string)${flag}
  default = ["*", "${HCL_ORIGIN}"]
}

variable "token" {
  type    = string${flag}
  default = "tok-DO-NOT-PRINT-51b7e2"
}

resource "aws_api_gateway_rest_api" "api" {
  name = "hcl-sensitive"
}

resource "aws_api_gateway_integration" "whole" {
  rest_api_id             = aws_api_gateway_rest_api.api.id
  resource_id             = aws_api_gateway_rest_api.api.root_resource_id
  http_method             = "GET"
  type                    = "HTTP_PROXY"
  integration_http_method = "GET"
  uri                     = var.backend_uri
}

resource "aws_api_gateway_integration" "template" {
  rest_api_id             = aws_api_gateway_rest_api.api.id
  resource_id             = aws_api_gateway_rest_api.api.root_resource_id
  http_method             = "POST"
  type                    = "HTTP_PROXY"
  integration_http_method = "POST"
  uri                     = "http://\${var.backend_host}/orders"
}

resource "aws_apigatewayv2_api" "http" {
  name          = "hcl-sensitive-http"
  protocol_type = "HTTP"
  cors_configuration {
    allow_origins     = var.origins
    allow_credentials = true
  }
}

resource "aws_apigatewayv2_stage" "http" {
  api_id = aws_apigatewayv2_api.http.id
  name   = "prod"
  stage_variables = {
    api_token = var.token
  }
}
`;
}

function hclDir(name: string, text: string): string {
  const dir = path.join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "main.tf"), text);
  return dir;
}

async function jsonFindings(input: string, extra: readonly string[] = []): Promise<{ code: number; tuples: string[]; messages: string[] }> {
  let out = "";
  const code = await run(["--format", "json", ...extra, input], {
    stdout: (text) => (out += text),
    stderr: () => undefined,
    stdoutIsTty: false,
    env: {},
    cwd: work,
  });
  const report = JSON.parse(out) as { findings: Array<{ rule_id: string; address: string; severity: string; unknown: boolean; message: string }> };
  return { code, tuples: tuples(report.findings), messages: report.findings.map((f) => f.message) };
}

describe("HCL inputs with sensitive variables", () => {
  test("judged like the same source without `sensitive`, and nothing sensitive is printed", async () => {
    const plain = await jsonFindings(hclDir("hcl-plain", hclSource(false)));
    const hidden = await jsonFindings(hclDir("hcl-sensitive", hclSource(true)));
    expect(hidden.tuples).toEqual(plain.tuples);
    for (const expected of [
      "APIGW-802 aws_api_gateway_integration.whole high",
      "APIGW-802 aws_api_gateway_integration.template high",
      "APIGW-702 aws_apigatewayv2_api.http high",
      "APIGW-502 aws_apigatewayv2_stage.http high",
    ]) {
      expect(hidden.tuples).toContain(expected);
    }
    expectHidden(await cliOutputs(hclDir("hcl-sensitive", hclSource(true))), [
      HCL_SECRET_URI,
      HCL_SECRET_HOST,
      HCL_ORIGIN,
      "tok-DO-NOT-PRINT-51b7e2",
    ]);
  });

  test("a dynamic access_log_settings block over an unknown collection is unverifiable for APIGW-003 and APIGW-005", async () => {
    const dir = hclDir(
      "hcl-dynamic-logs",
      `
variable "log_settings" {
  type = list(object({ destination_arn = string, format = string }))
}

resource "aws_api_gateway_rest_api" "api" {
  name = "dynamic-logs"
}

resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = "d-123"
  stage_name    = "prod"
  dynamic "access_log_settings" {
    for_each = var.log_settings
    content {
      destination_arn = access_log_settings.value.destination_arn
      format          = access_log_settings.value.format
    }
  }
}
`,
    );
    const { tuples: found } = await jsonFindings(dir);
    expect(found).toContain("APIGW-003 aws_api_gateway_stage.prod info unknown");
    expect(found).toContain("APIGW-005 aws_api_gateway_stage.prod info unknown");
  });
});

describe("a custom rule sees real values; what it emits is redacted", () => {
  test("a message quoting a sensitive URI prints the marker, never the URI", async () => {
    const policies = path.join(work, "custom-policies", "quote_uri");
    mkdirSync(policies, { recursive: true });
    writeFileSync(
      path.join(policies, "quote_uri.rego"),
      `${customRuleHeader({
        id: "ACME-900",
        title: "Integration URIs are listed",
        description: "Quotes every integration URI in its message (a rule author's mistake this guards against).",
        severity: "low",
        subject: "aws_api_gateway_integration",
        name: "quote_uri",
      })}
import data.apigw.lib.result

# METADATA
# description: Every integration, with its URI and host in the message.
deny contains result.fail(
	rego.metadata.chain(),
	integration,
	sprintf("Integration %s calls %s (host %s, upper %s)", [integration.address, integration.values.uri, split(integration.values.uri, "/")[2], upper(integration.values.uri)]),
	[],
) if {
	some integration in input.resources.aws_api_gateway_integration
	startswith(integration.values.uri, "http://")
}
`,
    );
    const input = hclDir("hcl-sensitive", hclSource(true));
    const { tuples: found, messages } = await jsonFindings(input, ["--policy-dir", path.dirname(policies)]);
    // The rule saw the real value: it matched on the http:// prefix of a sensitive variable.
    expect(found).toContain("ACME-900 aws_api_gateway_integration.whole low");
    expect(messages.filter((m) => m.startsWith("Integration aws_api_gateway_integration.whole calls (sensitive) (host (sensitive)"))).toHaveLength(1);
    expectHidden(await cliOutputs(input, ["--policy-dir", path.dirname(policies)]), [HCL_SECRET_URI, HCL_SECRET_HOST, HCL_SECRET_URI.toUpperCase()]);
  }, 120_000);
});

describe("error lines and --debug traces are redacted too", () => {
  test.each([
    [
      "names an unknown rule ID",
      `{"rule_id": integration.values.uri, "severity": "low", "address": integration.address, "message": "m", "unknown": false}`,
      /unknown rule ID \(sensitive\)/,
    ],
    ["is malformed", `{"rule_id": "ACME-901", "severity": integration.values.uri}`, /malformed finding \(with rule_id, severity;/],
  ])(
    "a custom rule whose output %s: exit 2, one line, no sensitive value",
    async (_, finding, line) => {
      const dir = path.join(work, `bad-policies-${(files += 1)}`, "bad");
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        path.join(dir, "bad.rego"),
        `${customRuleHeader({
          id: "ACME-901",
          title: "A broken rule",
          description: "Emits what the runner refuses, carrying a sensitive value.",
          severity: "low",
          subject: "aws_api_gateway_integration",
          name: "bad",
        })}
deny contains ${finding} if {
	some integration in input.resources.aws_api_gateway_integration
	integration.address == "aws_api_gateway_integration.whole"
}
`,
      );
      const outputs = await cliOutputs(hclDir("hcl-sensitive", hclSource(true)), ["--policy-dir", path.dirname(dir)]);
      expect(outputs.code).toBe(2);
      expect(outputs.text).toMatch(line);
      for (const secret of [HCL_SECRET_URI, HCL_SECRET_HOST]) expect(outputs.text).not.toContain(secret);
    },
    120_000,
  );
});

// ---------------------------------------------------------------------------------------------------------
// Values the input does not know: whole maps, blocks and protocol types are unverifiable, never silent.

describe("unknown maps, blocks and protocol types", () => {
  test("a stage variables map known only after apply is unverifiable (APIGW-502)", () => {
    const found = verdict(planOf("apigw-502-fail"), ["APIGW-502"]);
    expect(found).toContain("APIGW-502 aws_api_gateway_stage.unknown_map_hides_literal info unknown");
    expect(found).toContain("APIGW-502 aws_apigatewayv2_stage.unknown_http_map info unknown");
  });

  test("a dynamic access_log_settings block with unknown contents is unverifiable for APIGW-005 too", () => {
    expect(verdict(planOf("apigw-003-fail"))).toContain("APIGW-005 aws_api_gateway_stage.unknown_dynamic_access_log_settings info unknown");
    expect(verdict(planOf("apigw-004-fail"))).toContain("APIGW-005 aws_apigatewayv2_stage.unknown_ws_dynamic_access_log_settings info unknown");
  });

  test("an HTTP API whose protocol_type is unknown is judged by APIGW-901, as unverifiable", () => {
    const plan = planOf("http-insecure");
    const api = change(plan, "aws_apigatewayv2_api.catalog");
    expect(verdict(plan)).toContain("APIGW-901 aws_apigatewayv2_api.catalog high");
    delete (api["after"] as JsonObject)["protocol_type"];
    api["after_unknown"] = { ...(api["after_unknown"] as JsonObject), protocol_type: true };
    const found = verdict(plan).filter((t) => t.startsWith("APIGW-901 aws_apigatewayv2_api.catalog "));
    expect(found).toEqual(["APIGW-901 aws_apigatewayv2_api.catalog info unknown"]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// OpenAPI bodies the parser cannot read are unverifiable for every body rule; `$ref` path items are followed.

function withBody(address: string, body: string): JsonObject {
  const plan = planOf("openapi-body");
  (change(plan, address)["after"] as JsonObject)["body"] = body;
  return plan;
}

/** 150 open GETs that share one operation through a YAML alias: more aliases than the parser expands. */
const ALIASED = [
  "openapi: 3.0.1",
  "info: {title: aliased, version: '1'}",
  "x-open: &open {responses: {'200': {description: ok}}}",
  "paths:",
  ...Array.from({ length: 150 }, (_, i) => `  /item${i}: {get: *open}`),
].join("\n");

describe("OpenAPI bodies", () => {
  test("an aliased YAML body hiding 150 open GETs is unverifiable for APIGW-901 and APIGW-902, never a pass", async () => {
    const found = verdict(withBody("aws_api_gateway_rest_api.admin", ALIASED));
    expect(found).toContain("APIGW-901 aws_api_gateway_rest_api.admin info unknown");
    expect(found).toContain("APIGW-902 aws_api_gateway_rest_api.admin info unknown");
    const { messages } = await jsonFindings(writePlan(withBody("aws_api_gateway_rest_api.admin", ALIASED)));
    expect(messages.some((m) => m.startsWith("Unverifiable: policy-check cannot read body,"))).toBe(true);
  });

  test("a body that is neither JSON nor YAML is unverifiable", () => {
    const found = verdict(withBody("aws_apigatewayv2_api.shop_http", "{ not: [valid"));
    expect(found).toContain("APIGW-901 aws_apigatewayv2_api.shop_http info unknown");
  });

  test("an open operation behind a local $ref path item is found; an external $ref is unverifiable", () => {
    const document = (ref: string): string =>
      JSON.stringify({
        openapi: "3.1.0",
        info: { title: "refs", version: "1" },
        security: [{ sigv4: [] }],
        paths: { "/pets": { $ref: ref } },
        components: { pathItems: { pets: { get: { security: [], responses: { "200": { description: "ok" } } } } } },
      });
    const local = verdict(withBody("aws_apigatewayv2_api.shop_http", document("#/components/pathItems/pets")));
    expect(local).toContain("APIGW-901 aws_apigatewayv2_api.shop_http high");
    const external = verdict(withBody("aws_apigatewayv2_api.shop_http", document("https://example.com/pets.yaml")));
    expect(external).toContain("APIGW-901 aws_apigatewayv2_api.shop_http info unknown");
  });
});
