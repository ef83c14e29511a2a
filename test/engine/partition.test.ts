/**
 * Partitioned evaluation (src/model/partition.ts, PolicyEngine batches and workers) must not change a single
 * byte of the result: every fixture plan is judged with the whole model in one evaluation and with each
 * independent part evaluated alone, and the results compared. Runs the built WASM (and, for workers, the
 * built worker script under dist/).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { compileBundle } from "../../src/engine/bundle";
import { PolicyEngine } from "../../src/engine/engine";
import { customRuleHeader } from "../helpers/custom-rule";
import { readInput } from "../../src/ingest";
import { buildModel } from "../../src/model/build";
import {
  LINK_TARGETS_READ,
  LINKS_READ,
  LITERALS_READ,
  partitionModel,
  partJson,
  RULE_FIELDS,
  VALUES_NOT_READ,
  VALUES_READ_DIRECTLY,
} from "../../src/model/partition";
import { Redactor } from "../../src/redact";
import { judge } from "../../src/runner";
import { PLANS } from "../helpers/cli";
import { change, fixture } from "../helpers/fixture-plans";

const whole = PolicyEngine.loadSync(undefined, { partition: false });
/** Every part in its own evaluation: the strictest split. */
const apart = PolicyEngine.loadSync(undefined, { batchEntities: 0 });

const scenarios = readdirSync(PLANS, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(path.join(PLANS, d.name, "plan.json")))
  .map((d) => d.name)
  .sort();

function judged(engine: PolicyEngine, file: string): string {
  return JSON.stringify(judge(engine, [() => readInput(file, {})], { input: file, failOn: "low", today: "2026-01-01" }));
}

test.each(scenarios)("%s: judged part by part, the result is byte-identical to one whole evaluation", (name) => {
  const file = path.join(PLANS, name, "plan.json");
  expect(judged(apart, file)).toBe(judged(whole, file));
});

/** A bundle of the built-in rules and one custom rule, `source` in rules/`name`/`name`.rego, compiled in a new directory. */
function customRuleBundle(name: string, source: string): string {
  const work = mkdtempSync(path.join(os.tmpdir(), `partition-${name}-`));
  const rules = path.join(work, "rules", name);
  mkdirSync(rules, { recursive: true });
  writeFileSync(path.join(rules, `${name}.rego`), source);
  const bundle = path.join(work, "bundle");
  compileBundle(bundle, [path.dirname(rules)]);
  return bundle;
}

test("the fixtures hold models of several parts, so the comparison above splits something", () => {
  const split = scenarios.filter((name) => partitionModel(buildModel(readInput(path.join(PLANS, name, "plan.json"), {}), new Redactor())).length > 1);
  expect(split.length).toBeGreaterThan(scenarios.length / 2);
});

test("an API's stages, methods and settings are one part; unrelated APIs are separate parts", () => {
  const model = buildModel(readInput(path.join(PLANS, "rest-insecure", "plan.json"), {}), new Redactor());
  const parts = partitionModel(model);
  const partOf = (address: string): number => parts.findIndex((p) => p.entities.some((e) => e.address === address));
  for (const stage of model.resources.aws_api_gateway_stage) {
    expect(stage.links.rest_api.state).toBe("resolved");
    expect(partOf(stage.address)).toBe(partOf(stage.links.rest_api.target as string));
  }
  // Every entity is in exactly one part (no leaf targets in this fixture).
  expect(parts.reduce((n, p) => n + p.entities.length, 0)).toBe(Object.values(model.resources).flat().length);
});

test("writing a part's text leaves the model as it was: every entity keeps its own links", () => {
  const model = buildModel(readInput(path.join(PLANS, "modules-for-each", "plan.json"), {}), new Redactor());
  const before = JSON.stringify(model);
  const links = Object.values(model.resources)
    .flat()
    .map((e) => e.links);
  const parts = partitionModel(model);
  // The last part with a stage: its positions are not the model's.
  const staged = parts.filter((p) => p.entities.some((e) => e.type === "aws_api_gateway_stage"));
  expect(staged.length).toBeGreaterThan(1);
  const text = partJson(model, staged.slice(-1));
  // The part's own positions: a link into the part points at its place in the part's lists, not the model's.
  const part = JSON.parse(text) as typeof model;
  let moved = false;
  for (const stage of part.resources.aws_api_gateway_stage) {
    const api = part.resources.aws_api_gateway_rest_api[stage.links.rest_api.index as number];
    expect(api?.address).toBe(stage.links.rest_api.target);
    const own = model.resources.aws_api_gateway_stage.find((s) => s.address === stage.address);
    moved ||= own?.links.rest_api.index !== stage.links.rest_api.index;
  }
  expect(moved).toBe(true);
  expect(part.resources.aws_api_gateway_stage.length).toBeGreaterThan(0);
  expect(JSON.stringify(model)).toBe(before);
  expect(
    Object.values(model.resources)
      .flat()
      .map((e) => e.links),
  ).toEqual(links);
  Object.values(model.resources)
    .flat()
    .forEach((e, i) => expect(e.links).toBe(links[i]));
});

/** What a batch for the built-in rules holds of an entity written whole by partJson (links already rewritten). */
function forRules(entity: Record<string, unknown>): Record<string, unknown> {
  const values = Object.entries(entity["values"] as Record<string, unknown>);
  const read = Object.entries(entity["links"] as Record<string, Record<string, unknown>>).filter(([name]) => LINKS_READ.has(name));
  const links = read.map(([name, link]) => {
    if (LINK_TARGETS_READ.has(name)) return [name, link];
    return [name, "indices" in link ? { indices: link["indices"], uncertain: link["uncertain"] } : { index: link["index"], state: link["state"] }];
  });
  const marks = Object.entries(entity["unknown"] as Record<string, Record<string, unknown>>);
  return {
    address: entity["address"],
    values: Object.fromEntries(values.filter(([name, value]) => !VALUES_NOT_READ.has(name) && (value !== null || VALUES_READ_DIRECTLY.has(name)))),
    // Unknown marks without their references (for reports; no rule reads them).
    unknown: Object.fromEntries(marks.map(([p, { references: _references, ...read }]) => [p, read])),
    literals: (entity["literals"] as string[]).filter((literal) => LITERALS_READ.has(literal)),
    links: Object.fromEntries(links),
  };
}

test("with the rules' fields, a part's text holds each entity's rule fields alone, less what no rule reads, with the same rewritten links", () => {
  const model = buildModel(readInput(path.join(PLANS, "apigw-009-fail", "plan.json"), {}), new Redactor());
  const parts = partitionModel(model).slice(-2);
  const whole = JSON.parse(partJson(model, parts)) as Record<string, Record<string, Array<Record<string, unknown>>>>;
  const projected = JSON.parse(partJson(model, parts, true)) as typeof whole;
  let entities = 0;
  let marked = 0;
  for (const [type, list] of Object.entries(whole.resources ?? {})) {
    const written = projected.resources?.[type] ?? [];
    expect(written).toHaveLength(list.length);
    list.forEach((entity, i) => {
      expect(Object.keys(written[i] ?? {})).toEqual([...RULE_FIELDS]);
      expect(written[i]).toEqual(forRules(entity));
      marked += Object.keys(entity["unknown"] as object).length;
      entities += 1;
    });
  }
  expect(entities).toBeGreaterThan(0);
  expect(marked).toBeGreaterThan(0);
  // Fields the rules never read are left out (the model has them), and null values, target addresses, literal paths.
  expect(Object.keys(model.resources.aws_api_gateway_stage[0] ?? {})).toEqual(expect.arrayContaining(["source", "waivers", "type"]));
  const text = partJson(model, parts, true);
  const wholeText = partJson(model, parts);
  expect(text.length).toBeLessThan(wholeText.length);
  expect(text).not.toContain('"id":null');
  const addresses = (t: string): number => (t.match(/"targets?":/g) ?? []).length;
  expect(addresses(text)).toBeLessThan(addresses(wholeText));
});

/** The built-in rules' source (policies/, not tests), line by line without comment lines, as "file: line". */
function policyLines(dir = path.join(__dirname, "..", "..", "policies")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "test" ? [] : policyLines(file);
    if (!entry.name.endsWith(".rego") || entry.name.endsWith("_test.rego")) return [];
    const name = path.relative(path.join(__dirname, "..", ".."), file);
    return readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => !/^\s*#/.test(line))
      .map((line) => `${name}: ${line.trim()}`);
  });
}

test("the batches for the built-in rules leave out only what no rule reads (a rule that reads more fails here)", () => {
  const lines = policyLines();
  expect(lines.length).toBeGreaterThan(1000);
  // Values read as <entity>.values.<name> keep their null members; every other read is reviewed here.
  const direct = new Set(lines.flatMap((line) => [...line.matchAll(/\.values\.([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1])));
  expect([...VALUES_READ_DIRECTLY].sort()).toEqual([...direct].sort());
  // Attributes left out whole: neither read directly nor the first segment of a path.
  const pathHeads = new Set(lines.flatMap((line) => [...line.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => (m[1] ?? "").split(".")[0])));
  expect([...VALUES_NOT_READ].filter((name) => direct.has(name) || (pathHeads.has(name) && name !== "body"))).toEqual([]);
  expect(pathHeads).toContain("policy_document");
  // "body" only in the paths of result.fail (looked up in unknown marks, not values).
  expect(lines.filter((line) => line.includes('"body"'))).toEqual([
    'policies/openapi/operation_authorization/operation_authorization.rego: array.concat(["body", "protocol_type"], model.openapi_unknown_fact_paths(api, i, "secured")),',
    'policies/openapi/operation_authorization/operation_authorization.rego: ["body", "protocol_type"],',
    'policies/openapi/request_validation/request_validation.rego: ["body", "body_document.request_validator"],',
    'policies/openapi/request_validation/request_validation.rego: ["body"],',
  ]);
  expect(lines.filter((line) => /\.values\b(?!\.[A-Za-z_])|["']values["']/.test(line))).toEqual([
    // Absent and null members both fail `in types` (no null in the sets).
    "policies/integ/https_backends/https_backends.rego: _candidate(integration, attribute, types) if integration.values[attribute] in types",
    // object.get with default null: absent reads as null.
    'policies/lib/method_settings.rego: "values": [{field: model.value(settings, concat(".", ["settings", field])) | some field in fields} |',
    'policies/lib/model.rego: value(entity, path) := object.get(entity.values, split(path, "."), null)',
    // Not entity values: a path in unknown marks, method settings readings (lib/method_settings), a policy condition.
    'policies/lib/model.rego: policy_condition_values_path(i, j) := concat("", ["policy_document.statements.", json.marshal(i), ".conditions.", json.marshal(j), ".values"])',
    "policies/log/detailed_metrics/detailed_metrics.rego: some settings in metrics.values",
    "policies/log/rest_execution_logging/rest_execution_logging.rego: some settings in logging.values",
    "policies/policy/no_open_ip_condition/no_open_ip_condition.rego: some value in condition.values",
    "policies/rate/rest_stage_throttling/rest_stage_throttling.rego: some settings in throttling.values",
  ]);
  // Links: read as <entity>.links.<name> or followed by model.linked(entity, "<name>", type), never whole.
  expect(lines.filter((line) => /\.links\b(?![.[])|["']links["']/.test(line))).toEqual([]);
  expect(lines.filter((line) => /links\[/.test(line))).toEqual([
    "policies/lib/model.rego: linked(entity, name, type) := [input.resources[type][i] | some i in entity.links[name].indices]",
  ]);
  const linkNames = lines.flatMap((line) => [...line.matchAll(/\.links\.([a-z0-9_]+)|linked\([a-z_]+, "([a-z0-9_]+)"/g)].map((m) => m[1] ?? m[2]));
  expect([...LINKS_READ].sort()).toEqual([...new Set(linkNames)].sort());
  // Link target addresses: read as links.<name>.target(s), or through a link set passed to a function.
  const named = new Set(lines.flatMap((line) => [...line.matchAll(/\.links\.([a-z0-9_]+)\.targets?\b/g)].map((m) => m[1])));
  const passed = lines.filter((line) => /\.targets?\b|["']targets?["']/.test(line) && !/\.links\.[a-z0-9_]+\.targets?\b/.test(line));
  // execute_api_endpoint_disabled: _fronted(api.links.base_path_mappings), _fronted(api.links.api_mappings),
  // both named too (their targets are in its messages).
  expect(passed.every((line) => line.startsWith("policies/edge/execute_api_endpoint_disabled/"))).toBe(true);
  expect(["api_mappings", "base_path_mappings"].filter((name) => named.has(name))).toHaveLength(2);
  expect([...LINK_TARGETS_READ].sort()).toEqual([...named].sort());
  // Literal paths: only `"<path>" in <entity>.literals`.
  const literals = lines.filter((line) => /\.literals\b|["']literals["']/.test(line));
  expect(literals.map((line) => /"([^"]+)" in [a-z_]+\.literals$/.exec(line)?.[1])).toEqual([...LITERALS_READ]);
});

test("custom rules are given whole entities: a custom rule may read any field of the model", async () => {
  const bundle = customRuleBundle(
    "source_kind",
    `${customRuleHeader({
      id: "ACME-903",
      title: "Stages read from a plan",
      description: "Names every stage whose source is a plan, reading entity fields the built-in rules leave out.",
      severity: "low",
      subject: "aws_api_gateway_stage",
      name: "source_kind",
    })}
deny contains {"rule_id": "ACME-903", "severity": "low", "address": stage.address, "message": concat(" ", [stage.type, stage.source.kind]), "unknown": false} if {
	some stage in input.resources.aws_api_gateway_stage
}
`,
  );
  const model = buildModel(readInput(path.join(PLANS, "rest-insecure", "plan.json"), {}), new Redactor());
  const own = (findings: Array<{ rule_id: string; message: string }>): string[] =>
    findings.filter((f) => f.rule_id === "ACME-903").map((f) => f.message);
  const expected = own(PolicyEngine.loadSync(bundle).evaluateSync(model));
  expect(expected.length).toBeGreaterThan(0);
  expect(expected.every((m) => m === "aws_api_gateway_stage plan")).toBe(true);
  const split = PolicyEngine.loadSync(bundle, { partition: true, batchEntities: 1, workerThreshold: 0, workers: 2 });
  expect(own(split.evaluateSync(model))).toEqual(expected);
  expect(own(await split.evaluate(model))).toEqual(expected);
}, 60_000);

test("a policy whose API is uncertain is judged with every API that sets its own policy (APIGW-306 reads them all)", () => {
  const plan = fixture("apigw-306-fail");
  const template = change(plan, "aws_api_gateway_rest_api_policy.fail_duplicates_inline_policy");
  // rest_api_id unknown and referencing nothing: any API whose ID is unknown may be the target.
  plan.resource_changes.push({ ...template, address: "aws_api_gateway_rest_api_policy.orphan", name: "orphan" });
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "partition-")), "plan.json");
  writeFileSync(file, JSON.stringify(plan));
  const apartResult = judged(apart, file);
  expect(apartResult).toBe(judged(whole, file));
  expect(apartResult).toContain('"address":"aws_api_gateway_rest_api_policy.orphan"');
});

test("worker threads give the same findings in the same order as this thread", async () => {
  const threaded = PolicyEngine.loadSync(undefined, { batchEntities: 1, workerThreshold: 0, workers: 2 });
  for (const name of ["rest-insecure", "apigw-502-fail", "apigw-306-fail"]) {
    const model = buildModel(readInput(path.join(PLANS, name, "plan.json"), {}), new Redactor());
    const expected = whole.evaluateSync(model);
    expect(expected.length).toBeGreaterThan(0);
    expect(await threaded.evaluate(model)).toEqual(expected);
  }
});

test("a malformed finding fails an evaluation in worker threads as it fails one in this thread", async () => {
  const bundle = customRuleBundle(
    "bad",
    `${customRuleHeader({
      id: "ACME-902",
      title: "A broken rule",
      description: "Emits a finding without severity, address, message or unknown.",
      severity: "low",
      subject: "aws_api_gateway_stage",
      name: "bad",
    })}
deny contains {"rule_id": "ACME-902"} if {
	some stage in input.resources.aws_api_gateway_stage
	stage.address != ""
}
`,
  );
  const model = buildModel(readInput(path.join(PLANS, "rest-insecure", "plan.json"), {}), new Redactor());
  const line = /^a rule returned a malformed finding \(with rule_id; expected rule_id, severity, address, message, unknown\)$/;
  expect(() => PolicyEngine.loadSync(bundle).evaluateSync(model)).toThrow(line);
  const threaded = PolicyEngine.loadSync(bundle, { partition: true, batchEntities: 1, workerThreshold: 0, workers: 2 });
  await expect(threaded.evaluate(model)).rejects.toMatchObject({ code: "EVALUATION", message: expect.stringMatching(line) });
}, 60_000);
