/**
 * The model schema is the contract with Rego: the committed schema/model.json must be what the types
 * generate, and every model built from the fixtures must validate against it.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import { generateModelSchema } from "../../scripts/generate-schema";
import { buildModel } from "../../src/model/build";
import { readInput } from "../../src/ingest";
import { ROOT } from "../helpers/cli";
import { allPlanFiles } from "../helpers/scenarios";

const committed = readFileSync(path.join(ROOT, "schema", "model.json"), "utf8");

test("schema/model.json is up to date with src/model/types.ts (run `npm run schema`)", () => {
  expect(generateModelSchema()).toBe(committed);
});

describe("every fixture model validates against the schema", () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(JSON.parse(committed) as object);
  const plans = allPlanFiles();
  test.each(plans.map((p) => path.relative(ROOT, p)))("%s", (plan) => {
    const model = buildModel(readInput(path.join(ROOT, plan)));
    const valid = validate(model);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });
});
