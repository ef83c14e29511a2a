/**
 * config-schema: regenerates the per-rule part of schema/config.json (`properties.rules.properties`) from
 * dist/policy/rules.json, so each built-in rule's `params` are exactly what its METADATA declares
 * (`custom.parameters`: type, constraints, default, description) and an undeclared parameter is an error.
 * The rest of the schema is hand-written. A jest test fails when the file is stale; `npm run schema:config`
 * rewrites it.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { RuleCatalog, RuleParameter } from "../src/engine/rules";

interface ConfigSchemaDocument {
  properties: { rules: { properties?: Record<string, unknown> } };
}

/** A declaration as a JSON Schema property: description and type first, the default last, for reading. */
function parameterSchema(declaration: RuleParameter): Record<string, unknown> {
  const { description, type, default: fallback, ...constraints } = declaration;
  const sorted = Object.fromEntries(
    Object.keys(constraints)
      .sort()
      .map((k) => [k, constraints[k]]),
  );
  return { description, type, ...sorted, default: fallback };
}

export function renderConfigSchema(text: string, catalog: RuleCatalog): string {
  const schema = JSON.parse(text) as ConfigSchemaDocument;
  const rules: Record<string, unknown> = {};
  for (const rule of catalog.rules) {
    const params = Object.fromEntries(Object.entries(rule.parameters).map(([name, declaration]) => [name, parameterSchema(declaration)]));
    rules[rule.id] = {
      $ref: "#/$defs/rule",
      type: "object",
      properties: { params: { type: "object", additionalProperties: false, properties: params } },
    };
  }
  schema.properties.rules.properties = rules;
  return `${JSON.stringify(schema, null, 2)}\n`;
}

if (require.main === module) {
  const root = path.resolve(__dirname, "..", "..");
  const catalog = JSON.parse(readFileSync(path.join(root, "dist", "policy", "rules.json"), "utf8")) as RuleCatalog;
  const file = path.join(root, "schema", "config.json");
  writeFileSync(file, renderConfigSchema(readFileSync(file, "utf8"), catalog));
  process.stdout.write("schema/config.json rule parameters updated\n");
}
