/**
 * Evaluation stays linear in the input on the shapes that used to be quadratic: stages with secret-named
 * variables (APIGW-502), OpenAPI bodies with thousands of operations (APIGW-901) and resource policies with
 * many Deny statements (APIGW-301/303). Each case judges a real fixture plan grown to n and to 2n
 * elements, in process with the built WASM (read, model, evaluate, join: `check`), and asserts that doubling
 * the input at most about doubles the time: the median of 3 runs, measured as this process's CPU time (the
 * machine is shared, so wall time is noisier), compared as a ratio, never against an absolute time.
 */
import { growthRatio, MAX_GROWTH } from "../helpers/growth";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PolicyEngine } from "../../src/engine/engine";
import { check } from "../../src/runner";
import { change, fixture, type Json, type Plan } from "../helpers/fixture-plans";

/** plans/apigw-502-fail with n more copies of a stage whose `variables` hold a literal db_password. */
function secretStages(n: number): Plan {
  const plan = fixture("apigw-502-fail");
  const address = "aws_api_gateway_stage.fail_password_literal";
  const rc = change(plan, address);
  const config = plan.configuration.root_module.resources.find((r) => r.address === address);
  if (config === undefined) throw new Error(`fixture has no configuration for ${address}`);
  for (let i = 0; i < n; i += 1) {
    const copy = `aws_api_gateway_stage.copy_${i}`;
    plan.resource_changes.push({ ...rc, address: copy, name: `copy_${i}` });
    plan.configuration.root_module.resources.push({ ...config, address: copy, name: `copy_${i}` });
  }
  return plan;
}

/** plans/apigw-901-fail with an OpenAPI body of n operations without security. */
function openApiOperations(n: number): Plan {
  const plan = fixture("apigw-901-fail");
  const rc = change(plan, "aws_api_gateway_rest_api.fail_openapi3_json");
  const body = JSON.parse(String(rc.change.after["body"])) as Json;
  body["paths"] = Object.fromEntries(Array.from({ length: n }, (_, i) => [`/items/${i}`, { get: { responses: { "200": { description: "ok" } } } }]));
  rc.change.after["body"] = JSON.stringify(body);
  return plan;
}

/**
 * plans/apigw-301-fail with a resource policy of n Deny statements (two glob resources each, none covering the
 * Allow; every other one without a Condition, so both the narrowing and the overriding Deny are matched) and one
 * Allow for everyone on n resources: every Allow resource meets every Deny glob.
 */
function denyGlobs(n: number): Plan {
  const plan = fixture("apigw-301-fail");
  const rc = change(plan, "aws_api_gateway_rest_api.fail_deny_covers_other_resources");
  const statements: Json[] = Array.from({ length: n }, (_, i) => ({
    Effect: "Deny",
    Principal: "*",
    Action: "execute-api:Invoke",
    Resource: [`execute-api:/*/POST/admin${i}/*`, `execute-api:/*/GET/admin${i}/*`],
    ...(i % 2 === 0 ? { Condition: { NotIpAddress: { "aws:SourceIp": ["203.0.113.0/24"] } } } : {}),
  }));
  statements.push({
    Effect: "Allow",
    Principal: "*",
    Action: "execute-api:Invoke",
    Resource: Array.from({ length: n }, (_, i) => `execute-api:/prod/GET/items${i}`),
  });
  rc.change.after["policy"] = JSON.stringify({ Version: "2012-10-17", Statement: statements });
  return plan;
}

let engine: PolicyEngine;
let dir: string;

beforeAll(async () => {
  engine = await PolicyEngine.load();
  dir = mkdtempSync(path.join(os.tmpdir(), "policy-check-linear-"));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes the plan to a file; `judge` runs the whole check on it (read, model, WASM) and counts its findings. */
function planFile(plan: Plan, name: string): string {
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(plan));
  return file;
}

async function judge(file: string): Promise<number> {
  return (await check({ input: file, failOn: "medium", engine })).findings.length;
}

test.each([
  // Before: 1,000 → 2,000 stages took 0.9 s → 14.5 s (the evaluator's memory grew page by page).
  // Seven findings a stage: the fixture API has no HTTP integration, so APIGW-403 (client certificate) passes it.
  { label: "stages with secret-named variables (APIGW-502)", build: secretStages, n: 1000, findingsPerElement: 7 },
  // Before: 10,000 → 20,000 operations took 0.9 s → 6.5 s.
  { label: "OpenAPI operations (APIGW-901)", build: openApiOperations, n: 10000, findingsPerElement: 1 },
  // Before: 250 → 500 Deny statements took 3 s → 58 s (a regular expression compiled per resource and glob).
  // From 2,000: below it the model fits the CPU caches and the first doubling costs a one-off jump.
  { label: "Deny globs in a resource policy (APIGW-301, 303)", build: denyGlobs, n: 2000, findingsPerElement: 0 },
])(
  "$label: doubling the input at most about doubles the time",
  async ({ build, n, findingsPerElement, label }) => {
    const small = planFile(build(n), `${label.length}-small`);
    const large = planFile(build(2 * n), `${label.length}-large`);
    // The inputs really grew: each element adds its findings.
    expect((await judge(large)) - (await judge(small))).toBe(findingsPerElement * n);
    const ratio = await growthRatio(
      () => judge(small),
      () => judge(large),
      { attempts: 2 },
    );
    if (ratio > MAX_GROWTH) throw new Error(`${label}: doubling n=${n} multiplied the CPU time by ${ratio.toFixed(2)} (> ${MAX_GROWTH})`);
  },
  300_000,
);
