/**
 * The model builder parses a policy or OpenAPI body once per distinct text and shares the parsed document
 * between the entities that hold that text (module instances repeat it). Sharing must change nothing: each
 * entity's values are those it gets when built alone, and a shared document is frozen, so no entity (and no
 * later stage) can change what another one sees.
 */
import { readPlan } from "../../src/ingest/plan/plan";
import type { IngestResult, ResourceInstance } from "../../src/ingest/types";
import { buildModel } from "../../src/model/build";
import type { AnyEntity } from "../../src/model/types";
import { modelEntities } from "../../src/runner";
import { fixture } from "../helpers/fixture-plans";

/** The instances of a fixture plan, each again under a second module instance (same texts, other addresses). */
function twice(scenario: string): IngestResult {
  const ingest = readPlan(fixture(scenario), "plan.json");
  const copy = (i: ResourceInstance): ResourceInstance => ({ ...i, address: `module.copy.${i.address}`, module_address: "module.copy" });
  return { ...ingest, instances: [...ingest.instances, ...ingest.instances.map(copy)] };
}

function entity(entities: readonly AnyEntity[], address: string): AnyEntity {
  const found = entities.find((e) => e.address === address);
  if (found === undefined) throw new Error(`no ${address}`);
  return found;
}

/** Every document an entity holds (`policy_document`, `body_document`). */
function documents(e: AnyEntity): Array<[string, unknown]> {
  return Object.entries(e.values as unknown as Record<string, unknown>).filter(([name]) => name.endsWith("_document"));
}

describe.each(["rest-insecure", "openapi-body", "apigw-101-pass"])("%s with every resource given twice", (scenario) => {
  const ingest = twice(scenario);
  const entities = modelEntities(buildModel(ingest));
  const originals = ingest.instances.filter((i) => !i.address.startsWith("module.copy.")).map((i) => i.address);

  test("the plan has documents to share", () => {
    expect(entities.some((e) => documents(e).some(([, d]) => (d as { state: string }).state === "parsed"))).toBe(true);
  });

  test("each entity's documents are those it gets built alone", () => {
    for (const address of originals) {
      const alone = modelEntities(buildModel({ ...ingest, instances: ingest.instances.filter((i) => i.address === address) }));
      if (alone.length === 0) continue; // not a type the model keeps
      const own = JSON.stringify(documents(alone[0] as AnyEntity));
      expect(JSON.stringify(documents(entity(entities, address)))).toBe(own);
      expect(JSON.stringify(documents(entity(entities, `module.copy.${address}`)))).toBe(own);
    }
  });

  test("a document two entities share is frozen all the way down", () => {
    let shared = 0;
    for (const address of originals) {
      const original = entities.find((e) => e.address === address);
      if (original === undefined) continue;
      const copy = entity(entities, `module.copy.${address}`);
      for (const [name, document] of documents(original)) {
        const other = (copy.values as unknown as Record<string, unknown>)[name];
        if (other !== document || (document as { state: string }).state !== "parsed") continue;
        shared += 1;
        expect(Object.isFrozen(document)).toBe(true);
        const parts =
          (document as { statements?: unknown[]; operations?: unknown[] }).statements ?? (document as { operations: unknown[] }).operations;
        expect(Object.isFrozen(parts)).toBe(true);
        expect(() => (parts as unknown[]).push({})).toThrow(TypeError);
        for (const part of parts) expect(Object.isFrozen(part)).toBe(true);
      }
    }
    expect(shared).toBeGreaterThan(0);
  });
});
