/**
 * The builder makes an entity's values as a copy of a template holding their keys in order, one template per
 * resource type and list of input attribute names (src/model/build.ts valuesShape). Which template an entity
 * gets must depend on its own attribute names only: built among resources of the same type with other
 * attributes (HCL input sets different ones per resource), in any order, an entity's values are those it gets
 * when it is the first of its type the process builds.
 */
import type { IngestResult, Json, JsonObject, ResourceInstance } from "../../src/ingest/types";
import { readPlan } from "../../src/ingest/plan/plan";
import { buildModel } from "../../src/model/build";
import type { AnyEntity } from "../../src/model/types";
import { modelEntities } from "../../src/runner";
import { fixture } from "../helpers/fixture-plans";

type Build = typeof buildModel;

/** buildModel from a fresh module registry: no type layout or values template is cached yet. */
function coldBuild(): Build {
  let build: Build | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    build = (require("../../src/model/build") as { buildModel: Build }).buildModel;
  });
  return build as Build;
}

/** Defines an own key, whatever its name (assigning `__proto__` would set the prototype instead). */
function own(target: JsonObject, key: string, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The instance with other values: `edit` gets a copy without a prototype, keys in the original order. */
function variant(instance: ResourceInstance, suffix: string, edit: (values: JsonObject) => JsonObject): ResourceInstance {
  const copy = Object.create(null) as JsonObject;
  for (const key of Object.keys(instance.values)) own(copy, key, instance.values[key] as Json);
  return { ...instance, address: `${instance.address}_${suffix}`, values: edit(copy) };
}

/** Three variants of each instance: one attribute left out, `__proto__` given first, one attribute added last. */
function variants(instance: ResourceInstance): ResourceInstance[] {
  const keys = Object.keys(instance.values);
  return [
    variant(instance, "fewer", (values) => {
      delete values[keys[keys.length - 1] as string];
      return values;
    }),
    variant(instance, "proto", (values) => {
      const first = Object.create(null) as JsonObject;
      own(first, "__proto__", "hostile");
      for (const key of Object.keys(values)) own(first, key, values[key] as Json);
      return first;
    }),
    variant(instance, "more", (values) => {
      own(values, "zz_added", "added");
      return values;
    }),
  ];
}

/** JSON.stringify replacer: a value the linker sets from other entities, in its place but not compared. */
function unlinked(key: string, value: unknown): unknown {
  return key === "has_http_integration" ? "(set by the linker)" : value;
}

const scenarios = ["rest-insecure", "openapi-body", "review-waf-deleted"];

describe.each(scenarios)("%s: resources of one type with different attribute names", (scenario) => {
  const ingest = readPlan(fixture(scenario), "plan.json");
  // Interleaved: each type's variants alternate with the original, so templates are switched resource by resource.
  const instances = ingest.instances.flatMap((instance) => {
    const [fewer, proto, more] = variants(instance) as [ResourceInstance, ResourceInstance, ResourceInstance];
    return [instance, fewer, instance.address.length % 2 === 0 ? proto : more, { ...instance, address: `${instance.address}_again` }, proto, more];
  });
  const mixed: IngestResult = { ...ingest, instances };
  const entities = modelEntities(buildModel(mixed));

  test("each entity's values are those it gets as the first of its type", () => {
    expect(entities.length).toBeGreaterThan(ingest.instances.length);
    for (const entity of entities) {
      const instance = instances.find((i) => i.address === entity.address) as ResourceInstance;
      const alone = modelEntities(coldBuild()({ ...ingest, instances: [instance] }));
      expect(alone).toHaveLength(1);
      // JSON text: same keys in the same order, same values; what the linker derives differs (the entity is alone there).
      expect(JSON.stringify(entity.values, unlinked)).toBe(JSON.stringify((alone[0] as AnyEntity).values, unlinked));
    }
  });

  test("values and their block objects have no prototype, and an input key `__proto__` is an own key", () => {
    let hostile = 0;
    for (const entity of entities) {
      const values = entity.values as unknown as Record<string, unknown>;
      expect(Object.getPrototypeOf(values)).toBeNull();
      expect(Object.getPrototypeOf(entity.unknown)).toBeNull();
      for (const [key, value] of Object.entries(values)) {
        if (key.endsWith("_document")) continue; // parsed documents: frozen when shared, their own shape
        const objects = Array.isArray(value) ? value : [value];
        for (const item of objects)
          if (typeof item === "object" && item !== null && !Array.isArray(item) && !Object.isFrozen(item))
            expect(Object.getPrototypeOf(item)).toBeNull();
      }
      if (entity.address.endsWith("_proto")) {
        expect(Object.hasOwn(values, "__proto__")).toBe(true);
        expect(values["__proto__"]).toBe("hostile");
        hostile += 1;
      }
    }
    expect(hostile).toBeGreaterThan(0);
    expect(({} as Record<string, unknown>)["zz_added"]).toBeUndefined();
  });
});
