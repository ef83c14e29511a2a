/**
 * rule-fields-schema: writes the model's schema cut to what the built-in rules are evaluated on into a directory,
 * for `opa check --schema DIR` (scripts/lint-rego.sh). The engine sends the built-in rules each entity's
 * RULE_FIELDS alone (src/model/partition.ts), so a rule body reading another field (`stage.actions`) would read
 * undefined there and never fire: against this schema it fails the type check instead. OPA types a rule's
 * bodies, not a function's parameters, so reads inside policies/lib functions are left to the fixtures, which
 * test/engine/partition.test.ts judges from whole entities and from RULE_FIELDS alike.
 *
 * Usage: node dist/scripts/rule-fields-schema.js DIR (writes DIR/model.json and DIR/config.json)
 */
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { RULE_FIELDS } from "../src/model/partition";
import { ROOT, SCHEMA_FILE } from "./generate-schema";

interface Definition {
  properties?: Record<string, unknown>;
  required?: string[];
  items?: { $ref?: string };
}

/** schema/model.json with each entity definition cut to RULE_FIELDS (the model's schema, parsed). */
export function ruleFieldsSchema(schema: { definitions: Record<string, Definition> }): { definitions: Record<string, Definition> } {
  const copy = structuredClone(schema);
  const resources = copy.definitions["ModelResources"]?.properties ?? {};
  for (const list of Object.values(resources) as Definition[]) {
    const name = list.items?.$ref?.split("/").pop();
    const entity = name === undefined ? undefined : copy.definitions[name];
    if (entity?.properties === undefined) throw new Error(`rule-fields-schema: ModelResources lists ${String(name)}, not an entity definition`);
    for (const field of Object.keys(entity.properties)) if (!RULE_FIELDS.includes(field)) delete entity.properties[field];
    entity.required = (entity.required ?? []).filter((field) => RULE_FIELDS.includes(field));
  }
  return copy;
}

if (require.main === module) {
  const dir = process.argv[2];
  if (dir === undefined) {
    process.stderr.write("usage: rule-fields-schema DIR\n");
    process.exit(2);
  }
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, "utf8")) as { definitions: Record<string, Definition> };
  writeFileSync(path.join(dir, "model.json"), `${JSON.stringify(ruleFieldsSchema(schema), null, 2)}\n`);
  copyFileSync(path.join(ROOT, "schema", "config.json"), path.join(dir, "config.json"));
}
