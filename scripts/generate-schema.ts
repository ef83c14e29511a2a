/**
 * generate-schema: writes schema/model.json, the JSON Schema of the typed model, from src/model/types.ts.
 * `opa check --schema schema/` type-checks every rule against it; a jest test fails when the committed file
 * no longer matches the types (`npm run schema` regenerates it).
 */
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createGenerator } from "ts-json-schema-generator";

/** The repository root, whether this runs compiled (dist/scripts) or from source (scripts/, under jest). */
function findRoot(dir: string): string {
  return existsSync(path.join(dir, "tsconfig.json")) ? dir : findRoot(path.dirname(dir));
}

export const ROOT = findRoot(__dirname);
export const SCHEMA_FILE = path.join(ROOT, "schema", "model.json");

interface SchemaDocument {
  definitions?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * `type RestStage = EntityBase<"aws_api_gateway_stage", ...>` comes out as a definition that only refers to
 * one named `EntityBase<"aws_api_gateway_stage",...>`: a $ref with URL-encoded brackets and quotes that OPA's
 * schema loader does not resolve (it then types every entity as `any`). Inline those into the alias.
 */
function inlineGenericAliases(schema: SchemaDocument): SchemaDocument {
  const definitions = schema.definitions ?? {};
  for (const [name, definition] of Object.entries(definitions)) {
    const ref = (definition as { $ref?: unknown }).$ref;
    if (typeof ref !== "string" || !ref.startsWith("#/definitions/")) continue;
    const target = decodeURIComponent(ref.slice("#/definitions/".length));
    if (!/[<>",]/.test(target) || definitions[target] === undefined) continue;
    definitions[name] = definitions[target];
    delete definitions[target];
  }
  const leftover = Object.keys(definitions).filter((n) => /[<>",]/.test(n));
  if (leftover.length > 0) throw new Error(`schema still has generic definitions: ${leftover.join(", ")}`);
  return schema;
}

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
  const schema = inlineGenericAliases(generator.createSchema("Model") as SchemaDocument);
  return `${JSON.stringify({ ...schema, $id: "https://policy-check.dev/schema/model.json", title: "policy-check model" }, null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(SCHEMA_FILE, generateModelSchema());
  process.stdout.write(`wrote ${path.relative(ROOT, SCHEMA_FILE)}\n`);
}
