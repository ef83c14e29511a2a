/**
 * The strings to hide for one entity: every string inside a value the input marks sensitive (read at the
 * input's own path, so list elements of repeated blocks and map keys with dots are found), and what the model
 * derived from such a value (a policy's statements, an OpenAPI body's operations, an API ID taken from a
 * source ARN), which a rule may quote on its own.
 */
import type { Json, JsonObject, ResourceInstance, ValuePath } from "../ingest/types";
import type { Redactor } from "../redact";
import type { TypeSpec } from "./spec";

function valueAt(values: JsonObject, path: ValuePath): Json | undefined {
  let node: Json | undefined = values;
  for (const step of path) {
    if (Array.isArray(node) && typeof step === "number") node = node[step];
    else if (node !== null && typeof node === "object" && !Array.isArray(node) && typeof step === "string") {
      node = Object.prototype.hasOwnProperty.call(node, step) ? node[step] : undefined;
    } else return undefined;
  }
  return node;
}

/**
 * Model values derived from a Terraform attribute: the content of a parsed document (statements, operations;
 * not its state or error, which are the model's words) and `derived` values.
 */
function derivedFrom(spec: TypeSpec, attribute: string, values: JsonObject): Json[] {
  const out: Json[] = [];
  const document = (name: string): JsonObject | null => {
    const value = values[`${name}_document`];
    return value !== null && typeof value === "object" && !Array.isArray(value) ? value : null;
  };
  if ((spec.policies ?? []).includes(attribute)) out.push(document(attribute)?.["statements"] ?? null);
  if ((spec.openapi ?? []).includes(attribute)) {
    out.push(document(attribute)?.["operations"] ?? null, document(attribute)?.["request_validator"] ?? null);
  }
  for (const [name, source] of Object.entries(spec.derived ?? {})) if (source === attribute) out.push(values[name] ?? null);
  return out;
}

export function collectSensitive(spec: TypeSpec, instance: ResourceInstance, values: JsonObject, redactor: Redactor): void {
  for (const path of instance.sensitive) {
    redactor.add(valueAt(instance.values, path));
    const top = path[0];
    if (typeof top === "string") for (const derived of derivedFrom(spec, top, values)) redactor.addDerived(derived);
  }
}
