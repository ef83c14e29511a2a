/**
 * Resource-policy semantics end to end, through the built WASM (`check`): a real fixture plan
 * (plans/apigw-301-fail) whose open policy is replaced by adversarial documents built here. Covers what the
 * model precomputes for the rules: an unconditional Deny overriding an Allow (explicit Deny wins) and every IAM
 * spelling of a condition operator and key.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PolicyEngine } from "../../src/engine/engine";
import { check } from "../../src/runner";
import { change, fixture } from "../helpers/fixture-plans";

const ADDRESS = "aws_api_gateway_rest_api.fail_allow_everyone";
const OPEN = { Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*" };

let engine: PolicyEngine;
let dir: string;

beforeAll(async () => {
  engine = await PolicyEngine.load();
  dir = mkdtempSync(path.join(os.tmpdir(), "policy-check-resource-policy-"));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The rule IDs among `rules` that report `address` when its policy holds `statements` (ADDRESS of
 * apigw-301-fail unless a scenario and address are given).
 */
async function reported(rules: readonly string[], statements: readonly object[], scenario = "apigw-301-fail", address = ADDRESS): Promise<string[]> {
  const plan = fixture(scenario);
  change(plan, address).change.after["policy"] = JSON.stringify({ Version: "2012-10-17", Statement: statements });
  const file = path.join(dir, "plan.json");
  writeFileSync(file, JSON.stringify(plan));
  const { findings } = await check({ input: file, failOn: "medium", rules, engine });
  return findings.filter((finding) => finding.address === address).map((finding) => finding.rule_id);
}

test.each<[string, object[], string[]]>([
  ["an open Allow alone (control)", [OPEN], ["APIGW-301"]],
  ["an unconditional Deny of Invoke on the whole API", [{ ...OPEN, Effect: "Deny" }, OPEN], []],
  ["an unconditional Deny of every action, Principal AWS *", [{ ...OPEN, Effect: "Deny", Action: "*", Principal: { AWS: "*" } }, OPEN], []],
  ["an unconditional Deny of execute-api:* on Resource *", [{ ...OPEN, Effect: "Deny", Action: "execute-api:*", Resource: "*" }, OPEN], []],
  ["an unconditional Deny of one stage only", [{ ...OPEN, Effect: "Deny", Resource: "execute-api:/prod/*" }, OPEN], ["APIGW-301"]],
  [
    "a Deny that exempts a principal (NotPrincipal)",
    [{ ...OPEN, Effect: "Deny", Principal: undefined, NotPrincipal: { AWS: "arn:aws:iam::123456789012:root" } }, OPEN],
    ["APIGW-301"],
  ],
  ["a Deny for one principal", [{ ...OPEN, Effect: "Deny", Principal: { AWS: "arn:aws:iam::123456789012:root" } }, OPEN], ["APIGW-301"]],
])("APIGW-301: %s", async (_, statements, expected) => {
  expect(await reported(["APIGW-301"], statements)).toEqual(expected);
});

test.each<[string, object, string[]]>([
  ["IpAddress on aws:SourceIp (control)", { IpAddress: { "aws:SourceIp": "0.0.0.0/0" } }, ["APIGW-303"]],
  ["IpAddressIfExists", { IpAddressIfExists: { "aws:SourceIp": "0.0.0.0/0" } }, ["APIGW-303"]],
  ["ForAllValues:IpAddress, key in upper case", { "ForAllValues:IpAddress": { "AWS:SOURCEIP": ["::/0"] } }, ["APIGW-303"]],
  ["operator in lower case", { "foranyvalue:ipaddressifexists": { "aws:sourceip": "0.0.0.0/0" } }, ["APIGW-303"]],
  ["a narrow range (control)", { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }, []],
])("APIGW-303: %s", async (_, condition, expected) => {
  expect(await reported(["APIGW-303"], [{ ...OPEN, Condition: condition }])).toEqual(expected);
});

test("APIGW-303: an unconditional Deny overrides an all-addresses IP condition", async () => {
  const allow = { ...OPEN, Condition: { IpAddress: { "aws:SourceIp": "0.0.0.0/0" } } };
  expect(await reported(["APIGW-303"], [{ ...OPEN, Effect: "Deny" }, allow])).toEqual([]);
});

const PRIVATE_API = "aws_api_gateway_rest_api.fail_private_ip_condition_only";

test.each<[string, object, string[]]>([
  ["StringEquals (control)", { StringEquals: { "aws:SourceVpce": "vpce-0a1b2c3d4e5f60718" } }, []],
  ["StringEqualsIgnoreCase", { StringEqualsIgnoreCase: { "aws:SourceVpce": "vpce-0a1b2c3d4e5f60718" } }, []],
  ["lower-case operator and key", { "forallvalues:stringequalsignorecaseifexists": { "aws:sourcevpc": "vpc-0a1b2c3d4e5f60718" } }, []],
  ["a condition on another key (control)", { StringEqualsIgnoreCase: { "aws:SourceAccount": "123456789012" } }, ["APIGW-305"]],
])("APIGW-305 (Allow): %s", async (_, condition, expected) => {
  expect(await reported(["APIGW-305"], [{ ...OPEN, Condition: condition }], "apigw-305-fail", PRIVATE_API)).toEqual(expected);
});

test("APIGW-305 (Deny): StringNotEqualsIgnoreCaseIfExists on the VPC endpoint restricts a private API", async () => {
  const deny = { ...OPEN, Effect: "Deny", Condition: { StringNotEqualsIgnoreCaseIfExists: { "AWS:SourceVpce": "vpce-0a1b2c3d4e5f60718" } } };
  expect(await reported(["APIGW-305"], [deny, OPEN], "apigw-305-fail", PRIVATE_API)).toEqual([]);
});
