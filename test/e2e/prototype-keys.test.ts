/**
 * Keys that name Object.prototype's members (`__proto__`, `constructor`, `prototype`) are ordinary keys at
 * every layer: plan, HCL, CDKTF, YAML configuration, policy documents, OpenAPI bodies, model and links. Each
 * test puts them at every level of an input, checks that Object.prototype is unchanged and that the verdicts
 * are those of the input without them. (`after_unknown: {"__proto__": {"constant_value": true}}` once turned
 * five blocking APIGW-101 findings unverifiable.)
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { run, type Io } from "../../src/cli/main";
import { parseOpenApi } from "../../src/model/openapi";
import { parsePolicyDocument } from "../../src/model/policy-document";
import { ROOT, PLANS, runCli } from "../helpers/cli";

const tmp = mkdtempSync(path.join(os.tmpdir(), "policy-check-proto-"));
const HOSTILE_KEYS = ["__proto__", "constructor", "prototype"];
const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

function expectCleanPrototype(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
  const probe = {} as Record<string, unknown>;
  for (const key of ["constant_value", "references", "polluted", "value", "Statement"]) expect(probe[key]).toBeUndefined();
}

afterEach(expectCleanPrototype);

/** Defines an own key, whatever its name (assigning `__proto__` would set the prototype instead). */
function own(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Adds the hostile keys to every object of a JSON tree, each holding `leaf(key)`: for masks a mask, for
 * values a value, for configuration an expression. `skip` keeps objects whose keys are a fixed vocabulary.
 */
function infest(node: unknown, leaf: (key: string) => unknown, skip: (object: Record<string, unknown>) => boolean = () => false): void {
  if (Array.isArray(node)) {
    for (const item of node) infest(item, leaf, skip);
    return;
  }
  if (node === null || typeof node !== "object") return;
  const object = node as Record<string, unknown>;
  for (const key of Object.keys(object)) infest(object[key], leaf, skip);
  if (skip(object)) return;
  for (const key of HOSTILE_KEYS) own(object, key, leaf(key));
}

async function cli(args: readonly string[], cwd = tmp): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), stdoutIsTty: false, env: {}, cwd };
  const code = await run(args, io);
  return { code, stdout: out.join(""), stderr: err.join("") };
}

/** Rule, address, severity and unknown of each finding: the verdicts. */
async function verdicts(args: readonly string[], cwd = tmp): Promise<{ code: number; findings: string[] }> {
  const result = await cli(["--format", "json", ...args], cwd);
  expect(result.stderr).toBe("");
  const report = JSON.parse(result.stdout) as { findings: Array<{ rule_id: string; address: string; severity: string; unknown: boolean }> };
  return { code: result.code, findings: report.findings.map((f) => `${f.rule_id} ${f.address} ${f.severity}${f.unknown ? " unknown" : ""}`) };
}

/** Masks claim nothing unknown or sensitive (a `true` would mark a real path), so verdicts must not move. */
const mask = (key: string): unknown => ({
  constant_value: false,
  references: false,
  [key === "__proto__" ? "polluted" : "value"]: { polluted: false },
});
const value = (key: string): unknown => ({ constant_value: `${key}-value`, references: ["var.polluted"], polluted: [{ polluted: "yes" }] });
const expression = (key: string): unknown => ({
  constant_value: `${key}-value`,
  references: ["var.polluted", "aws_api_gateway_rest_api.polluted.id"],
});
/** Objects of the configuration section whose keys the reader reads as a vocabulary, not as names. */
const isExpressionNode = (object: Record<string, unknown>): boolean => "references" in object || "constant_value" in object;

describe("plans", () => {
  for (const scenario of ["apigw-101-fail", "rest-insecure", "modules-for-each"]) {
    test(`${scenario}: hostile keys in every object of changes, masks and configuration change no verdict`, async () => {
      const source = path.join(PLANS, scenario, "plan.json");
      const expected = await verdicts([source]);
      expect(expected.findings.length).toBeGreaterThan(0);
      const plan = JSON.parse(readFileSync(source, "utf8")) as {
        resource_changes: Array<{ change: Record<string, unknown> }>;
        configuration: { root_module: Record<string, unknown> };
        variables?: Record<string, unknown>;
      };
      for (const rc of plan.resource_changes) {
        const change = rc.change;
        for (const side of ["before", "after"]) infest(change[side], value);
        for (const side of ["after_unknown", "after_sensitive", "before_sensitive"]) infest(change[side], mask);
      }
      const infestModule = (module: Record<string, unknown>): void => {
        for (const r of (module["resources"] as Array<Record<string, unknown>> | undefined) ?? [])
          infest(r["expressions"], expression, isExpressionNode);
        const calls = (module["module_calls"] as Record<string, Record<string, unknown>> | undefined) ?? {};
        for (const call of Object.values(calls)) {
          infest(call["expressions"], expression, isExpressionNode);
          infestModule((call["module"] as Record<string, unknown> | undefined) ?? {});
        }
        for (const key of HOSTILE_KEYS) {
          own(calls, key, { source: "./polluted", expressions: {}, module: { resources: [], outputs: {}, variables: {} } });
          own((module["variables"] ??= {}) as object, key, { default: null });
        }
      };
      infestModule(plan.configuration.root_module);
      for (const key of HOSTILE_KEYS) own((plan.variables ??= {}), key, { value: null });
      for (const key of HOSTILE_KEYS) own(plan, key, { constant_value: true });
      const text = JSON.stringify(plan);
      expect(text).toContain('"__proto__":{"constant_value":true');
      const file = path.join(tmp, `${scenario}.json`);
      writeFileSync(file, text);
      expect(await verdicts([file])).toEqual(expected);
    });
  }

  test("the reported attack, in a process of its own: __proto__.constant_value in after_unknown", async () => {
    // A separate process: structuredClone (which the reader once used) makes objects of Node's main realm,
    // whose Object.prototype a test realm does not see.
    const source = path.join(PLANS, "apigw-101-fail", "plan.json");
    const plan = JSON.parse(readFileSync(source, "utf8")) as { resource_changes: Array<{ type: string; change: Record<string, unknown> }> };
    for (const rc of plan.resource_changes) {
      if (rc.type === "aws_api_gateway_method") own(rc.change["after_unknown"] as object, "__proto__", JSON.parse('{"constant_value": true}'));
    }
    const text = JSON.stringify(plan);
    expect(text).toContain('"rest_api_id":true,"__proto__":{"constant_value":true}}');
    const file = path.join(tmp, "attack.json");
    writeFileSync(file, text);
    const findings = (args: string[]): { status: number | null; findings: string[] } => {
      const result = runCli(["--format", "json", ...args]);
      const report = JSON.parse(result.stdout) as { findings: Array<{ address: string; severity: string; unknown: boolean }> };
      return { status: result.status, findings: report.findings.map((f) => `${f.address} ${f.severity}${f.unknown ? " unknown" : ""}`) };
    };
    const attacked = findings(["--rule", "APIGW-101", file]);
    expect(attacked).toEqual(findings(["--rule", "APIGW-101", source]));
    expect(attacked.status).toBe(1);
    expect(attacked.findings.filter((f) => f.endsWith(" high"))).toHaveLength(5);
  });
});

describe("Terraform source (HCL)", () => {
  test("hostile keys in .tf.json locals, tags, tfvars and a for_each map change no verdict", async () => {
    const fixture = path.join(ROOT, "test", "fixtures", "hcl", "auth-fail");
    const expected = JSON.parse(readFileSync(path.join(fixture, "expected.json"), "utf8")) as { args: string[] };
    const before = await verdicts([...expected.args, fixture]);
    const dir = path.join(tmp, "hcl");
    cpSync(fixture, dir, { recursive: true });
    const hostile = (): Record<string, unknown> => {
      const object: Record<string, unknown> = { name: "x" };
      for (const key of HOSTILE_KEYS) own(object, key, { constant_value: "x", polluted: "yes" });
      return object;
    };
    const config: Record<string, unknown> = {
      locals: hostile(),
      variable: { polluted: { default: hostile() } },
      resource: {
        aws_api_gateway_rest_api: {
          polluted: { for_each: "${var.polluted}", name: "${each.key}", tags: hostile() },
        },
      },
    };
    for (const key of HOSTILE_KEYS) own(config, key, hostile());
    writeFileSync(path.join(dir, "polluted.tf.json"), JSON.stringify(config));
    writeFileSync(path.join(dir, "terraform.tfvars.json"), JSON.stringify(hostile()));
    const after = await verdicts([...expected.args, dir]);
    expect(after).toEqual(before);
  });
});

describe("CDKTF output", () => {
  test("hostile keys in every object of a stack change no verdict", async () => {
    const stack = (infested: boolean): string => {
      const document: Record<string, unknown> = {
        "//": { metadata: { backend: "local", stackName: "api", version: "0.21.0" } },
        locals: { auth: "NONE" },
        resource: {
          aws_api_gateway_rest_api: { api: { name: "api", tags: { team: "a" } } },
          aws_api_gateway_method: {
            get: {
              rest_api_id: "${aws_api_gateway_rest_api.api.id}",
              resource_id: "r",
              http_method: "GET",
              authorization: "${local.auth}",
              request_parameters: { q: true },
            },
          },
        },
      };
      // Object-valued leaves: at the `resource` level a hostile key is a resource type whose bodies must be objects.
      if (infested) infest(document, (key) => ({ polluted: { value: key }, constant_value: { value: true } }));
      const dir = mkdtempSync(path.join(tmp, "stack-"));
      const file = path.join(dir, "cdk.tf.json");
      writeFileSync(file, JSON.stringify(document));
      return file;
    };
    const clean = await verdicts(["--rule", "APIGW-101", stack(false)]);
    expect(clean.code).toBe(1);
    expect(await verdicts(["--rule", "APIGW-101", stack(true)])).toEqual(clean);
  });
});

describe("configuration (YAML)", () => {
  test("__proto__, constructor and prototype keys are refused by the schema or ignored, never applied to every object", async () => {
    const plan = path.join(PLANS, "apigw-101-fail", "plan.json");
    const expected = await verdicts(["--rule", "APIGW-101", plan]);
    for (const yaml of [
      "__proto__:\n  fail_on: critical\n",
      "rules:\n  __proto__:\n    enabled: false\n",
      "rules:\n  APIGW-101:\n    params:\n      __proto__:\n        polluted: true\n      constructor:\n        prototype:\n          polluted: true\n",
      "waivers:\n  - rule: APIGW-101\n    address: '*'\n    reason: x\n    __proto__:\n      expires: 2000-01-01\n",
    ]) {
      const dir = mkdtempSync(path.join(tmp, "config-"));
      writeFileSync(path.join(dir, ".policy-check.yaml"), yaml);
      const result = await cli(["--format", "json", "--rule", "APIGW-101", plan], dir);
      expectCleanPrototype();
      if (result.code === 2) {
        expect(result.stderr).toMatch(/^policy-check: .*\.policy-check\.yaml:\d+: .+\n$/);
        continue;
      }
      // Accepted: the hostile key is an ordinary (unused) key; the verdicts are those without it.
      const findings = (JSON.parse(result.stdout) as { findings: Array<{ rule_id: string; address: string; severity: string; unknown: boolean }> })
        .findings;
      expect(findings.map((f) => `${f.rule_id} ${f.address} ${f.severity}${f.unknown ? " unknown" : ""}`)).toEqual(expected.findings);
    }
  });
});

describe("documents inside values", () => {
  const statement = { Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "*" };

  test("policy documents: hostile keys at every level parse as the document without them", () => {
    const clean = parsePolicyDocument(JSON.stringify({ Version: "2012-10-17", Statement: [statement] }));
    const text = `{"__proto__": {"Statement": []}, "constructor": {"prototype": {"polluted": 1}}, "Version": "2012-10-17", "Statement": [{"__proto__": {"Effect": "Deny"}, ${JSON.stringify(statement).slice(1)}]}`;
    expect(parsePolicyDocument(text)).toEqual(clean);
    expect(parsePolicyDocument('{"__proto__": {"Statement": [1]}}')).toEqual(
      expect.objectContaining({ state: "invalid", error: "has no Statement" }),
    );
  });

  test("OpenAPI bodies (JSON and YAML): a __proto__ key never supplies security or paths", () => {
    const open = { openapi: "3.0.1", paths: { "/pets": { get: { responses: {} } } } };
    const clean = parseOpenApi(JSON.stringify(open));
    expect(clean.operations.map((o) => o.secured)).toEqual([false]);
    const json = `{"__proto__": {"security": [{"key": []}]}, "openapi": "3.0.1", "paths": {"__proto__": {"get": {}}, "/pets": {"__proto__": {"security": [{"k": []}]}, "get": {"responses": {}}}}}`;
    // `__proto__` is a path like any other (an ordinary key), and no `__proto__` key secures anything.
    expect(parseOpenApi(json)).toEqual({
      ...clean,
      operations: [
        {
          path: "__proto__",
          method: "get",
          secured: false,
          api_key_only: false,
          request_validator: null,
          accepts_body: false,
          integration_type: null,
        },
        ...clean.operations,
      ],
    });
    const yaml = "openapi: 3.0.1\n__proto__:\n  security:\n    - key: []\npaths:\n  /pets:\n    get:\n      responses: {}\n";
    expect(parseOpenApi(yaml)).toEqual(clean);
  });
});
