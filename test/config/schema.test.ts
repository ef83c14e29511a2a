/** schema/config.json is a valid JSON Schema, and the shipped validator agrees with ajv on it. */
import Ajv2020 from "ajv/dist/2020";
import { parse } from "yaml";
import { configSchema } from "../../src/config/config";
import { validate } from "../../src/config/schema";

const CASES: string[] = [
  "{}",
  "fail_on: low\nonly_changed: true\ninclude: [\"module.*\"]\nexclude: [\"*legacy*\"]\npolicy_dirs: [rules]\n",
  "rules:\n  APIGW-401:\n    enabled: true\n    severity: critical\n    params:\n      allowed_policies: [TLS_1_2]\n      allowed_prefixes: [SecurityPolicy_TLS13_]\n",
  "rules:\n  APIGW-005:\n    params:\n      required_fields: [[$context.requestId], [$context.httpMethod, $context.routeKey]]\n",
  "rules:\n  APIGW-203:\n    params:\n      allowed_types: [PRIVATE, REGIONAL]\n  APIGW-201:\n    params:\n      exempt_private_apis: false\n",
  "rules:\n  APIGW-402:\n    params:\n      severity: high\n  APIGW-502:\n    params:\n      secret_name_pattern: \"(?i)secret\"\n",
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
  "waivers:\n  - rule: APIGW-201\n    address: x\n    reason: \" \"\n    owner: o\n",
  "waivers:\n  - rule: APIGW-201\n    address: x\n    reason: r\n    owner: o\n    expires: tomorrow\n",
  "include: module.*\n",
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
  expect(invalid).toBe(10);
});
