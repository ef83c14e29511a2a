/**
 * generate-schema: writes schema/model.json, the JSON Schema of the typed model, from src/model/types.ts.
 * `opa check --schema schema/` type-checks every rule against it; a jest test fails when the committed file
 * no longer matches the types (`npm run schema` regenerates it).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { createGenerator } from "ts-json-schema-generator";

export const ROOT = path.resolve(__dirname, "..", "..");
export const SCHEMA_FILE = path.join(ROOT, "schema", "model.json");

export function generateModelSchema(): string {
  const generator = createGenerator({
    path: path.join(ROOT, "src", "model", "types.ts"),
    tsconfig: path.join(ROOT, "tsconfig.json"),
    type: "Model",
    expose: "export",
    topRef: true,
    additionalProperties: false,
    skipTypeCheck: true,
  });
  const schema = generator.createSchema("Model");
  return `${JSON.stringify({ ...schema, $id: "https://policy-check.dev/schema/model.json", title: "policy-check model" }, null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(SCHEMA_FILE, generateModelSchema());
  process.stdout.write(`wrote ${path.relative(ROOT, SCHEMA_FILE)}\n`);
}
