/**
 * schema/config.json is a valid JSON Schema, the shipped validator agrees with ajv on it, and its rule
 * parameters are the ones the rules' METADATA declares.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { parse } from "yaml";
import { renderConfigSchema } from "../../scripts/config-schema";
import { extractRules } from "../../src/engine/metadata";
import { configSchema } from "../../src/config/config";
import { validate } from "../../src/json-schema";
import type { RuleCatalog } from "../../src/engine/rules";
import { ROOT } from "../helpers/cli";

const catalog = JSON.parse(readFileSync(path.join(ROOT, "dist", "policy", "rules.json"), "utf8")) as RuleCatalog;

const CASES: string[] = [
  "{}",
  'fail_on: low\nonly_changed: true\ninclude: ["module.*"]\nexclude: ["*legacy*"]\npolicy_dirs: [rules]\n',
  "rules:\n  APIGW-401:\n    enabled: true\n    severity: critical\n    params:\n      allowed_policies: [TLS_1_2]\n      allowed_prefixes: [SecurityPolicy_TLS13_]\n",
  "rules:\n  APIGW-005:\n    params:\n      required_fields: [[$context.requestId], [$context.httpMethod, $context.routeKey]]\n",
  "rules:\n  APIGW-203:\n    params:\n      allowed_types: [PRIVATE, REGIONAL]\n  APIGW-201:\n    params:\n      exempt_private_apis: false\n",
  'rules:\n  APIGW-402:\n    params:\n      severity: high\n  APIGW-502:\n    params:\n      secret_name_pattern: "(?i)secret"\n',
  "rules:\n  ACME-001:\n    params:\n      anything: [1, 2]\n",
  "waivers:\n  - rule: APIGW-201\n    address: module.legacy.*\n    reason: r\n    owner: o\n    expires: 2027-03-31\n",
  // invalid
  "fail_on: severe\n",
  "only_changed: 1\n",
  "unknown_key: 1\n",
  "rules:\n  apigw-201:\n    enabled: false\n",
  "rules:\n  APIGW-203:\n    params:\n      allowed_types: [INTERNET]\n",
  "rules:\n  APIGW-005:\n    params:\n      required_fields: [$context.requestId]\n",
  "waivers:\n  - rule: APIGW-201\n    address: x\n    owner: o\n",
  'waivers:\n  - rule: APIGW-201\n    address: x\n    reason: " "\n    owner: o\n',
  "waivers:\n  - rule: APIGW-201\n    address: x\n    reason: r\n    owner: o\n    expires: tomorrow\n",
  "include: module.*\n",
  // a parameter the rule does not declare (a typo of allowed_types)
  "rules:\n  APIGW-203:\n    params:\n      allowed_type: [PRIVATE]\n",
  "rules:\n  APIGW-101:\n    params:\n      strict: true\n",
];

test("ajv accepts the schema and agrees with the shipped validator on every case", () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, allowMatchingProperties: true });
  const check = ajv.compile(configSchema());
  let invalid = 0;
  for (const text of CASES) {
    const data: unknown = parse(text) ?? {};
    const ours = validate(configSchema(), data).length === 0;
    expect([text, ours]).toEqual([text, check(data)]);
    if (!ours) invalid += 1;
  }
  expect(invalid).toBe(12);
});

test("the rules' parameters are generated from their METADATA (run `npm run schema:config` after `npm run build`)", () => {
  const text = readFileSync(path.join(ROOT, "schema", "config.json"), "utf8");
  expect(renderConfigSchema(text, catalog)).toBe(text);
  const declared = catalog.rules.flatMap((r) => Object.keys(r.parameters).map((name) => `${r.id}.${name}`));
  expect(declared).toEqual(
    expect.arrayContaining([
      "APIGW-005.required_fields",
      "APIGW-201.exempt_private_apis",
      "APIGW-401.allowed_prefixes",
      "APIGW-502.secret_name_pattern",
    ]),
  );
});

test("every declared default is a valid configuration of its own rule", () => {
  for (const rule of catalog.rules) {
    const params = Object.fromEntries(Object.entries(rule.parameters).map(([name, p]) => [name, p.default]));
    expect([rule.id, validate(configSchema(), { rules: { [rule.id]: { params } } })]).toEqual([rule.id, []]);
  }
});

test("a parameter whose default breaks its own declaration fails the build", () => {
  const entry = (parameters: unknown): unknown => ({
    annotations: {
      scope: "package",
      title: "t",
      description: "d",
      related_resources: [{ ref: "https://example.com", description: "x" }],
      custom: { id: "ACME-001", severity: "low", kinds: ["REST"], subjects: ["aws_api_gateway_rest_api"], remediation: "r", parameters },
    },
    location: { file: "custom/x/x.rego" },
    path: ["data", "apigw", "rules", "custom", "x"].map((value) => ({ type: "var", value })),
  });
  const run = (parameters: unknown): string => {
    try {
      extractRules({ annotations: [entry(parameters)] as never }, ROOT);
      return "ok";
    } catch (error) {
      return (error as Error).message;
    }
  };
  expect(run({ tag: { type: "string", default: "owner", description: "The tag." } })).toBe("ok");
  expect(run({ tag: { type: "string", default: 3, description: "The tag." } })).toContain(
    "custom.parameters.tag: default expected string, got integer",
  );
  expect(run({ tag: { type: "string", description: "The tag." } })).toContain("custom.parameters.tag: default is missing");
  expect(run({ tag: { type: "string", default: "x", description: "The tag.", format: "regex" } })).toContain("unsupported keyword format");
  expect(run({ Tag: { type: "text", default: "x" } })).toMatch(/snake_case[\s\S]*type must be one of[\s\S]*description is missing/);
});

test("the family is the package's: a custom.family that disagrees fails the build", () => {
  const entry = (pkg: string[], family?: string): unknown => ({
    annotations: {
      scope: "package",
      title: "t",
      description: "d",
      related_resources: [{ ref: "https://example.com", description: "x" }],
      custom: {
        id: "ACME-001",
        severity: "low",
        kinds: ["REST"],
        subjects: ["aws_api_gateway_rest_api"],
        remediation: "r",
        ...(family === undefined ? {} : { family }),
      },
    },
    location: { file: "custom/x/x.rego" },
    path: ["data", ...pkg].map((value) => ({ type: "var", value })),
  });
  const extract = (e: unknown): RuleCatalog => extractRules({ annotations: [e] as never }, ROOT);
  expect(extract(entry(["apigw", "rules", "custom", "x"])).rules[0]?.family).toBe("CUSTOM");
  expect(extract(entry(["apigw", "rules", "custom", "x"], "CUSTOM")).rules[0]?.family).toBe("CUSTOM");
  expect(() => extract(entry(["apigw", "rules", "custom", "x"], "LOG"))).toThrow("custom.family LOG disagrees with the package's family CUSTOM");
  expect(() => extract(entry(["apigw", "rules", "x"]))).toThrow("package apigw.rules.x must be apigw.rules.<family>.<name>");
  expect(catalog.rules.every((r) => r.package === `apigw.rules.${r.family.toLowerCase()}.${path.basename(r.path)}`)).toBe(true);
});
