/**
 * A model of 200,000 entities goes through every stage in process without overflowing the call stack (a
 * `push(...list)` of one argument per finding once did, at 100,000 resources): the plan reader, the model
 * builder and its links, the runner's join of findings with rule metadata, waivers and summary, and every
 * report format. The rules' evaluation is the one stage left out: the WASM instance for a model this size
 * does not fit a test worker's memory (partitioned evaluation sizes it per part; `npm run bench` runs the
 * whole CLI on 100,000 resources). The engine is the real one with its real rule catalog; only its
 * evaluation is replaced by one finding per entity, the most a rule set gives that the runner must join.
 */
import { PolicyEngine, type RawFinding } from "../../src/engine/engine";
import { readPlan } from "../../src/ingest/plan/plan";
import { buildModel } from "../../src/model/build";
import { REPORTERS } from "../../src/report";
import { judge, modelEntities } from "../../src/runner";
import { fixture, type Json } from "../helpers/fixture-plans";

const ENTITIES = 200_000;

/** plans/rest-insecure (every REST rule fails there) repeated in module instances until it holds `entities`. */
function manyCopies(entities: number, perCopy: number): Json {
  const base = fixture("rest-insecure");
  const rootModule = base.configuration.root_module;
  const changes = base.resource_changes.filter((rc) => rc["module_address"] === undefined);
  const resourceChanges: Json[] = [];
  const moduleCalls: Record<string, Json> = {};
  for (let i = 0; resourceChanges.length < Math.ceil(entities / perCopy) * changes.length; i += 1) {
    moduleCalls[`api_${i}`] = { source: "./api", module: rootModule };
    for (const rc of changes) resourceChanges.push({ ...rc, address: `module.api_${i}.${rc.address}`, module_address: `module.api_${i}` });
  }
  return { ...base, resource_changes: resourceChanges, configuration: { root_module: { module_calls: moduleCalls } } };
}

test("a model of 200,000 entities is read, built, joined with findings and reported without a stack overflow", async () => {
  const engine = await PolicyEngine.load();
  const perCopy = modelEntities(buildModel(readPlan(fixture("rest-insecure"), "plan.json"))).length;
  const rule = engine.rules[0];
  if (rule === undefined) throw new Error("the built bundle has no rules");
  let entities = 0;
  engine.evaluateSync = (model): RawFinding[] => {
    const all = modelEntities(model);
    entities = all.length;
    return all.map((e) => ({ rule_id: rule.id, severity: "high", address: e.address, message: "m", unknown: false }));
  };
  const result = judge(engine, [() => readPlan(manyCopies(ENTITIES, perCopy), "plan.json")], { input: "plan.json", failOn: "high" });
  expect(entities).toBeGreaterThanOrEqual(ENTITIES);
  expect(result.findings).toHaveLength(entities);
  expect(result.summary.resources_judged).toBe(entities);

  // Every format renders (some summarize: the GitHub and Markdown ones list only the first findings).
  for (const reporter of REPORTERS) expect(reporter.render(result, { color: false, catalog: engine.catalog }).length).toBeGreaterThan(0);
}, 600_000);
