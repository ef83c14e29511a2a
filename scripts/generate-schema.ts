/**
 * generate-schema: writes schema/model.json, the JSON Schema of the typed model, from src/model/types.ts.
 * `opa check --schema schema/` type-checks every rule against it; a jest test fails when the committed file
 * no longer matches the types (`npm run schema` regenerates it).
 */
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createGenerator } from "ts-json-schema-generator";
import { resourceSchema, type ProviderBlock, type ProviderType } from "../src/terraform/provider-schema";

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

type JsonSchema = Record<string, unknown>;

/** A value of a provider (cty) type as JSON Schema, without null. */
function fromProviderType(type: ProviderType): JsonSchema {
  if (type === "string") return { type: "string" };
  if (type === "number") return { type: "number" };
  if (type === "bool") return { type: "boolean" };
  if (type === "dynamic") return {};
  const [kind, inner] = type;
  if (kind === "list" || kind === "set") return { type: "array", items: fromProviderType(inner) };
  if (kind === "map") return { type: "object", additionalProperties: fromProviderType(inner) };
  if (kind === "object") {
    const fields = inner as Readonly<Record<string, ProviderType>>;
    return {
      type: "object",
      properties: Object.fromEntries(Object.keys(fields).map((k) => [k, nullable(fromProviderType(fields[k] as ProviderType))])),
    };
  }
  return { type: "array" };
}

function nullable(schema: JsonSchema): JsonSchema {
  const type = schema["type"];
  if (typeof type === "string") return { ...schema, type: [type, "null"] };
  return Object.keys(schema).length === 0 ? schema : { anyOf: [schema, { type: "null" }] };
}

/** Nested blocks typed this deep; deeper ones (WAF rule statements) are any value, to keep the schema small. */
const MAX_SCHEMA_BLOCK_DEPTH = 2;

/** A block's attributes and nested blocks as JSON Schema properties, every one optional. */
function blockProperties(block: ProviderBlock, depth = 0): Record<string, JsonSchema> {
  const properties: Record<string, JsonSchema> = {};
  for (const [name, type] of Object.entries(block.attributes)) properties[name] = nullable(fromProviderType(type));
  for (const [name, nested] of Object.entries(block.blocks)) {
    if (depth >= MAX_SCHEMA_BLOCK_DEPTH) {
      properties[name] = {};
      continue;
    }
    const body = { type: "object", properties: blockProperties(nested.block, depth + 1) };
    // Plans write every block as a list; CDKTF and hand-written JSON may write a single block as one object.
    properties[name] = { anyOf: [{ type: "array", items: body }, body, { type: "null" }] };
  }
  return properties;
}

/**
 * The model keeps every planned attribute of its resource types in `values` (src/model/build.ts), beyond the
 * ones types.ts names: each entity's values gain the provider's other attributes and blocks (the generated
 * provider schema, src/terraform/provider-schema.ts), typed, so `opa check --schema` knows them and still
 * refuses a name the provider does not have. A values definition two entity types share is split, one per type.
 */
function withProviderAttributes(schema: SchemaDocument): SchemaDocument {
  const definitions = schema.definitions ?? {};
  const refName = (ref: unknown): string => decodeURIComponent(String(ref).slice("#/definitions/".length));
  const resources = (definitions["ModelResources"] as { properties: Record<string, { items: { $ref: string } }> }).properties;
  const valuesUsers = new Map<string, number>();
  for (const list of Object.values(resources)) {
    const entity = definitions[refName(list.items.$ref)] as { properties: { values: { $ref: string } } };
    const name = refName(entity.properties.values.$ref);
    valuesUsers.set(name, (valuesUsers.get(name) ?? 0) + 1);
  }
  for (const [type, list] of Object.entries(resources)) {
    const entityName = refName(list.items.$ref);
    const entity = definitions[entityName] as { properties: { values: { $ref: string } } };
    let valuesName = refName(entity.properties.values.$ref);
    if ((valuesUsers.get(valuesName) ?? 0) > 1) {
      const own = `${entityName}Values`;
      definitions[own] = structuredClone(definitions[valuesName]);
      entity.properties.values = { $ref: `#/definitions/${own}` };
      valuesName = own;
    }
    const values = definitions[valuesName] as { properties: Record<string, unknown> };
    const provider = resourceSchema(type);
    if (provider === null) throw new Error(`the generated provider schema has no resource type ${type} (npm run schema:provider)`);
    for (const [attribute, attributeSchema] of Object.entries(blockProperties(provider)).sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (!Object.hasOwn(values.properties, attribute)) {
        values.properties[attribute] = { ...attributeSchema, description: "Provider attribute, as planned (null when not set)." };
      }
    }
  }
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
  const schema = withProviderAttributes(inlineGenericAliases(generator.createSchema("Model") as SchemaDocument));
  return `${JSON.stringify({ ...schema, $id: "https://policy-check.dev/schema/model.json", title: "policy-check model" }, null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(SCHEMA_FILE, generateModelSchema());
  process.stdout.write(`wrote ${path.relative(ROOT, SCHEMA_FILE)}\n`);
}
