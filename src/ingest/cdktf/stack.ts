/**
 * One synthesized CDKTF stack (`cdktf.out/stacks/<stack>/cdk.tf.json`, Terraform JSON configuration syntax)
 * → resource instances in Terraform's plan shape, for the shared model builder.
 *
 * - Resources are keyed by type and logical ID; the address is `type.logicalId` as Terraform names it.
 *   `count` and `for_each` known at synth time (literals, `toset([...])` of literals, known locals) expand into
 *   `type.id[0]` / `type.id["key"]` instances; when they are not known, one instance stands for all of them
 *   at `type.id`, and every value that reads `count.index` or `each.*` is unknown.
 * - Token strings become references (`"${aws_api_gateway_rest_api.api_1A2B3C.id}"` resolves to
 *   `aws_api_gateway_rest_api.api_1A2B3C`, keyed by attribute path exactly as the plan adapter keys them),
 *   and their values are unknown (set when they refer to a managed resource).
 * - What cannot be known at synth time is unknown, never a silent pass: `var.*`, data sources (including
 *   `terraform_remote_state` outputs: cross-stack references), `module.*` outputs, function calls.
 * - Resources inside Terraform modules (`module` blocks) are not in the stack's JSON and are not judged.
 * - Each instance's `source.construct_path` is the element's `"//".metadata.path`.
 */
import { PolicyCheckError } from "../../errors";
import { MODEL_TYPES, SPECS, isResourceType, type ListBlockSpec } from "../../model/spec";
import { record } from "../../records";
import { formatKey } from "../addresses";
import { describeJson } from "../json";
import type { IngestResult, Json, JsonObject, ResolvedReference, ResourceInstance, UnknownValue, ValuePath } from "../types";
import { evaluate, Locals, Resources, type Iteration, type Scope } from "./template";

function asObject(value: unknown): JsonObject | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as JsonObject) : null;
}

/** Resource arguments that are Terraform meta-arguments, not attribute values. */
const META_ARGUMENTS = new Set(["//", "count", "for_each", "depends_on", "lifecycle", "provider", "provisioner", "connection", "dynamic"]);

/** Keys of a nested block body that are not values: CDKTF metadata, and `dynamic` (read on its own). */
const BODY_SKIPPED: ReadonlySet<string> = new Set(["//", "dynamic"]);

/**
 * Attributes the AWS provider's schema marks sensitive (the plan's `after_sensitive` says so; a synthesized
 * configuration does not): judged as they are, and hidden from every output (src/redact.ts).
 */
const SCHEMA_SENSITIVE: Readonly<Record<string, readonly string[]>> = {
  aws_api_gateway_api_key: ["value"],
};

/**
 * Attributes whose nested objects are all blocks. Terraform's plan shape has every block as a list; CDKTF
 * writes a block that occurs once as an object, and the WAF rule statement is untyped in the provider
 * bindings (`statement: { rate_based_statement: {...} }`), so its shape is normalized here.
 */
const BLOCK_TREES: Readonly<Record<string, readonly string[]>> = {
  aws_wafv2_web_acl: ["rule"],
};

/** Nested blocks (single and repeated) the model reads, by name, with their own nested blocks. */
function blockSpecs(type: string): Record<string, ListBlockSpec> {
  if (!isResourceType(type)) return {};
  const spec = SPECS[type];
  const out = record<ListBlockSpec>();
  for (const [name, attributes] of Object.entries(spec.singleBlocks ?? {})) out[name] = { attributes };
  for (const [name, inner] of Object.entries(spec.listBlocks ?? {})) out[name] = inner;
  return out;
}

function blocksOnly(value: Json): Json {
  if (Array.isArray(value)) return value.map(blocksOnly);
  const object = asObject(value);
  if (object === null) return value;
  const out = record<Json>();
  for (const [key, child] of Object.entries(object)) {
    const normalized = blocksOnly(child);
    out[key] = asObject(child) !== null ? [normalized] : normalized;
  }
  return out;
}

/** Everything an instance's configuration says, gathered by walking it once. */
class InstanceBuilder {
  readonly values = record<Json>();
  readonly unknown: UnknownValue[] = [];
  readonly references = record<ResolvedReference[]>();
  readonly literals = new Set<string>();

  /** `fail` reports a malformed part of the resource body (the stack reader names the resource and file). */
  constructor(
    private readonly scope: Scope,
    private readonly fail: (message: string) => never,
  ) {}

  private addReferences(key: string, resolved: readonly ResolvedReference[]): void {
    if (resolved.length === 0) return;
    const list = this.references[key];
    if (list === undefined) this.references[key] = [...resolved];
    else list.push(...resolved);
  }

  /**
   * An attribute (any value that is not a block the model reads). `path` is its Terraform value path;
   * `dotted` and `indexed` its reference keys without and with block list indices.
   */
  attribute(target: JsonObject, name: string, raw: Json, path: ValuePath, dotted: string[], indexed: string[], scope: Scope): void {
    const evaluated = evaluate(raw, scope);
    target[name] = evaluated.value;
    for (const leaf of evaluated.unknown) {
      this.unknown.push({ path: [...path, ...leaf.path], configured: true, set: leaf.resolved.length > 0, references: leaf.references });
    }
    if (evaluated.literal) this.literals.add(dotted.join("."));
    this.addReferences(dotted.join("."), evaluated.resolved);
    if (indexed.length > dotted.length) this.addReferences(indexed.join("."), evaluated.resolved);
  }

  /** A block body: its attributes, nested blocks the model reads, and `dynamic` blocks. */
  body(
    target: JsonObject,
    raw: JsonObject,
    blocks: Readonly<Record<string, ListBlockSpec>>,
    path: ValuePath,
    dotted: string[],
    indexed: string[],
    scope: Scope,
    skip: ReadonlySet<string> = BODY_SKIPPED,
  ): void {
    for (const [key, value] of Object.entries(raw)) {
      if (skip.has(key)) continue;
      const block = Object.hasOwn(blocks, key) ? blocks[key] : undefined;
      if (block === undefined) {
        this.attribute(target, key, value, [...path, key], [...dotted, key], [...indexed, key], scope);
        continue;
      }
      this.block(target, key, value, block, path, dotted, indexed, scope);
    }
    const rawDynamic = raw["dynamic"];
    const dynamic = rawDynamic === undefined ? null : (asObject(rawDynamic) ?? this.fail(`dynamic is ${describeJson(rawDynamic)}, expected an object of blocks`));
    if (dynamic !== null) {
      for (const [key, value] of Object.entries(dynamic)) {
        this.dynamic(target, key, value, (Object.hasOwn(blocks, key) ? blocks[key] : undefined) ?? { attributes: [] }, path, dotted, indexed, scope);
      }
    }
  }

  private block(
    target: JsonObject,
    key: string,
    value: Json,
    spec: ListBlockSpec,
    path: ValuePath,
    dotted: string[],
    indexed: string[],
    scope: Scope,
  ): void {
    if (value === null) {
      target[key] = null;
      return;
    }
    const elements = Array.isArray(value) ? value : [value];
    const list: Json[] = [];
    for (const element of elements) {
      const body = asObject(element);
      if (body === null) {
        // A block written as a token (not valid Terraform JSON for a block): its content is not known.
        this.attribute(target, key, element, [...path, key], [...dotted, key], [...indexed, key], scope);
        return;
      }
      const normalized = record<Json>();
      const i = list.length;
      list.push(normalized);
      this.body(normalized, body, spec.listBlocks ?? {}, [...path, key, i], [...dotted, key], [...indexed, key, String(i)], scope);
    }
    target[key] = list;
  }

  /** `"dynamic": { "<block>": { "for_each": ..., "iterator": ..., "content": {...} } }`. */
  private dynamic(
    target: JsonObject,
    key: string,
    raw: Json,
    spec: ListBlockSpec,
    path: ValuePath,
    dotted: string[],
    indexed: string[],
    scope: Scope,
  ): void {
    const definition =
      asObject(Array.isArray(raw) && raw.length === 1 ? (raw[0] ?? null) : raw) ?? this.fail(`dynamic.${key} is ${describeJson(raw)}, expected an object`);
    const iterator = typeof definition["iterator"] === "string" ? definition["iterator"] : key;
    const collection = evaluate(definition["for_each"] ?? null, scope);
    const rawContent = definition["content"];
    const content = asObject(rawContent ?? null) ?? this.fail(`dynamic.${key}.content is ${describeJson(rawContent)}, expected an object`);
    const existing = target[key];
    if (collection.unknown.length > 0 || collection.value === null || typeof collection.value !== "object" || existing === null) {
      // How many blocks there will be is not known at synth time: the whole block is unknown, never unset.
      target[key] = null;
      const references = collection.unknown.flatMap((u) => u.references);
      this.unknown.push({ path: [...path, key], configured: true, set: false, references });
      this.addReferences([...dotted, key].join("."), collection.resolved);
      return;
    }
    const list: Json[] = Array.isArray(existing) ? existing : [];
    const elements: Array<[Json, Json]> = Array.isArray(collection.value)
      ? collection.value.map((v, i) => [i, v])
      : Object.entries(collection.value);
    for (const [k, v] of elements) {
      const iterators = new Map(scope.iterators ?? []);
      iterators.set(iterator, { key: k, value: v });
      const normalized = record<Json>();
      const i = list.length;
      list.push(normalized);
      this.body(normalized, content, spec.listBlocks ?? {}, [...path, key, i], [...dotted, key], [...indexed, key, String(i)], {
        ...scope,
        iterators,
      });
    }
    target[key] = list;
  }

  build(type: string, body: JsonObject): void {
    this.body(this.values, body, blockSpecs(type), [], [], [], this.scope, META_ARGUMENTS);
    for (const tree of BLOCK_TREES[type] ?? []) {
      const value = this.values[tree];
      if (value !== undefined) this.values[tree] = Array.isArray(value) ? value.map(blocksOnly) : blocksOnly(value);
    }
  }
}

/** The instances a resource's `count` / `for_each` stands for: key and iteration, or one unknown stand-in. */
function expansion(
  body: JsonObject,
  scope: Scope,
  fail: (message: string) => never,
): Array<{ index: string | number | null; count?: number | null; each?: Iteration | null }> {
  const hasCount = "count" in body;
  const hasForEach = "for_each" in body;
  if (hasCount && hasForEach) fail("has both count and for_each");
  if (hasCount) {
    const count = evaluate(body["count"] ?? null, scope);
    const n = count.value;
    if (count.unknown.length === 0 && typeof n === "number" && Number.isInteger(n) && n >= 0) {
      return Array.from({ length: n }, (_, i) => ({ index: i, count: i }));
    }
    return [{ index: null, count: null }];
  }
  if (hasForEach) {
    const forEach = evaluate(body["for_each"] ?? null, scope);
    const collection = forEach.value;
    if (forEach.unknown.length === 0 && Array.isArray(collection) && collection.every((k) => typeof k === "string")) {
      return [...new Set(collection as string[])].sort().map((k) => ({ index: k, each: { key: k, value: k } }));
    }
    const object = forEach.unknown.length === 0 ? asObject(collection) : null;
    if (object !== null) {
      return Object.keys(object)
        .sort()
        .map((k) => ({ index: k, each: { key: k, value: object[k] ?? null } }));
    }
    return [{ index: null, each: null }];
  }
  return [{ index: null }];
}

export interface StackDocument {
  /** The stack name (`"//".metadata.stackName`). */
  name: string | null;
  /** The CDKTF version that synthesized it (`"//".metadata.version`). */
  version: string | null;
}

/** True when a JSON document is a synthesized CDKTF stack (Terraform JSON with CDKTF's `"//"` metadata). */
export function isStackDocument(document: unknown): boolean {
  const object = asObject(document);
  return object !== null && asObject(asObject(object["//"])?.["metadata"]) !== null && !("format_version" in object);
}

export function stackMetadata(document: unknown): StackDocument {
  const metadata = asObject(asObject(asObject(document)?.["//"])?.["metadata"]);
  const name = metadata?.["stackName"];
  const version = metadata?.["version"];
  return { name: typeof name === "string" ? name : null, version: typeof version === "string" ? version : null };
}

/** Merges a top-level block that Terraform JSON allows as an object or a list of objects (`locals`). */
function mergedObject(value: Json | undefined, name: string, fail: (message: string) => never): JsonObject {
  const merged = record<Json>();
  if (value === undefined) return merged;
  const parts = Array.isArray(value) ? value : [value];
  parts.forEach((part, i) => {
    const object = asObject(part) ?? fail(`${Array.isArray(value) ? `${name}[${i}]` : name} is ${describeJson(part)}, expected an object`);
    for (const key of Object.keys(object)) merged[key] = object[key] as Json;
  });
  return merged;
}

/** Reads one synthesized stack document. `file` names it in findings and errors. */
export function readStackDocument(document: unknown, file: string): IngestResult {
  const root = asObject(document);
  if (root === null) throw new PolicyCheckError("INPUT_UNSUPPORTED", "expected a JSON object (a synthesized CDKTF stack)", { input: file });
  const resourceSection = root["resource"] ?? {};
  const resources = asObject(resourceSection);
  if (resources === null) {
    throw new PolicyCheckError("INPUT_UNSUPPORTED", "`resource` is not an object of resource types", { input: file });
  }
  const failStack = (message: string): never => {
    throw new PolicyCheckError("INPUT_UNSUPPORTED", message, { input: file });
  };
  const bodies = new Map<string, JsonObject>();
  for (const [type, byName] of Object.entries(resources)) {
    const names = asObject(byName);
    if (names === null) throw new PolicyCheckError("INPUT_UNSUPPORTED", `resource.${type} is not an object keyed by logical ID`, { input: file });
    for (const [name, body] of Object.entries(names)) {
      bodies.set(`${type}.${name}`, asObject(body) ?? failStack(`resource.${type}.${name} is ${describeJson(body)}, expected an object`));
    }
  }
  const scope: Scope = { resources: new Resources(bodies), locals: new Locals(mergedObject(root["locals"], "locals", failStack)) };

  const instances: ResourceInstance[] = [];
  for (const [type, byName] of Object.entries(resources)) {
    // Dropped first and cheaply: everything that is not an API Gateway-related resource type.
    if (!MODEL_TYPES.has(type)) continue;
    for (const name of Object.keys(byName as JsonObject)) {
      const where = `resource.${type}.${name}`;
      const fail = (message: string): never => {
        throw new PolicyCheckError("INPUT_UNSUPPORTED", `${where}: ${message}`, { input: file });
      };
      const config = bodies.get(`${type}.${name}`) as JsonObject;
      const constructPath = asObject(asObject(config["//"])?.["metadata"])?.["path"];
      for (const { index, count, each } of expansion(config, scope, fail)) {
        const iterators = new Map<string, Iteration | null>();
        if (each !== undefined) iterators.set("each", each);
        const instanceScope: Scope = { ...scope, iterators, ...(count === undefined ? {} : { count }) };
        const builder = new InstanceBuilder(instanceScope, fail);
        builder.build(type, config);
        const configured = Object.keys(config).filter((k) => !META_ARGUMENTS.has(k));
        configured.push(...Object.keys(asObject(config["dynamic"]) ?? {}));
        const sensitive: ValuePath[] = (SCHEMA_SENSITIVE[type] ?? [])
          .filter((attribute) => builder.values[attribute] !== undefined && builder.values[attribute] !== null)
          .map((attribute) => [attribute]);
        instances.push({
          address: `${type}.${name}${index === null ? "" : formatKey(index)}`,
          type,
          name,
          module_address: "",
          index,
          // A synthesized configuration is what will exist after apply: every resource in it is judged.
          actions: ["create"],
          source: { kind: "cdktf", file, ...(typeof constructPath === "string" ? { construct_path: constructPath } : {}) },
          values: builder.values,
          unknown: builder.unknown,
          sensitive,
          references: builder.references,
          literals: [...builder.literals].sort(),
          configured: [...new Set(configured)].sort(),
        });
      }
    }
  }
  return { kind: "cdktf", file, format_version: null, tool_version: stackMetadata(document).version, instances };
}
