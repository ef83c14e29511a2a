/**
 * A small JSON Schema validator for the subset schema/config.json uses ($ref to $defs, type, enum,
 * properties, patternProperties, additionalProperties, required, items, minItems, minLength, pattern).
 * Hand-written because ajv is a development dependency only; test/config checks with ajv that the schema is
 * valid and that both agree on the fixtures. Linear in the size of the configuration.
 */
export interface Schema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  patternProperties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  required?: string[];
  items?: Schema;
  minItems?: number;
  minLength?: number;
  pattern?: string;
  $defs?: Record<string, Schema>;
  description?: string;
}

export interface SchemaProblem {
  path: Array<string | number>;
  message: string;
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

export function validate(root: Schema, value: unknown): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const resolve = (ref: string): Schema => {
    const name = ref.replace(/^#\/\$defs\//, "");
    const target = root.$defs?.[name];
    if (target === undefined) throw new Error(`schema reference ${ref} does not resolve`);
    return target;
  };
  const visit = (schema: Schema, v: unknown, at: Array<string | number>): void => {
    if (schema.$ref !== undefined) visit(resolve(schema.$ref), v, at);
    const actual = typeOf(v);
    if (schema.type !== undefined && schema.type !== actual && !(schema.type === "number" && actual === "integer")) {
      problems.push({ path: at, message: `expected ${schema.type}, got ${actual}${actual === "null" ? " (empty value)" : ""}` });
      return;
    }
    if (schema.enum !== undefined && !schema.enum.includes(v)) {
      problems.push({ path: at, message: `${JSON.stringify(v)} is not one of ${schema.enum.map(String).join(", ")}` });
      return;
    }
    if (typeof v === "string") {
      if (schema.minLength !== undefined && v.length < schema.minLength) problems.push({ path: at, message: "must not be empty" });
      if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(v)) {
        problems.push({ path: at, message: `${JSON.stringify(v)} does not match ${schema.pattern}` });
      }
    }
    if (Array.isArray(v)) {
      if (schema.minItems !== undefined && v.length < schema.minItems)
        problems.push({ path: at, message: `needs at least ${schema.minItems} item(s)` });
      if (schema.items !== undefined) v.forEach((item, i) => visit(schema.items as Schema, item, [...at, i]));
    }
    if (actual === "object") {
      const object = v as Record<string, unknown>;
      for (const key of schema.required ?? []) {
        if (!(key in object)) problems.push({ path: at, message: `missing required key ${key}` });
      }
      for (const [key, item] of Object.entries(object)) {
        let matched = false;
        const own = schema.properties?.[key];
        if (own !== undefined) {
          matched = true;
          visit(own, item, [...at, key]);
        }
        for (const [pattern, sub] of Object.entries(schema.patternProperties ?? {})) {
          if (new RegExp(pattern, "u").test(key)) {
            matched = true;
            visit(sub, item, [...at, key]);
          }
        }
        if (matched || schema.additionalProperties === undefined || schema.additionalProperties === true) continue;
        if (schema.additionalProperties === false) {
          const known = Object.keys(schema.properties ?? {});
          problems.push({
            path: [...at, key],
            message: `unknown key${known.length > 0 && known.length <= 12 ? ` (expected one of ${known.join(", ")})` : ""}`,
          });
        } else visit(schema.additionalProperties, item, [...at, key]);
      }
    }
  };
  visit(root, value, []);
  return problems;
}
