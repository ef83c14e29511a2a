/**
 * The shared model builder: turns adapter output (resource instances in Terraform's shape) into the typed
 * model: normalized values, unknown/sensitive markers with dotted paths, parsed policies, and links.
 * Sensitive values stay as they are, so rules judge the real value; the strings to hide from output are
 * handed to a Redactor beside the model (src/redact.ts).
 */
import { PolicyCheckError } from "../errors";
import { resourceSchema } from "../terraform/provider-schema";
import type { IngestResult, Json, JsonObject, ResourceInstance, UnknownValue, ValuePath } from "../ingest/types";
import { record } from "../records";
import { clearDeletedWebAcls } from "./deleted";
import { linkModel } from "./link";
import { parseOpenApi, parsePartialOpenApi, UNKNOWN_OPENAPI } from "./openapi";
import { knownPrefix } from "./partial";
import { ABSENT_POLICY, parsePartialPolicyDocument, parsePolicyDocument, UNKNOWN_POLICY, UNREADABLE_POLICY } from "./policy-document";
import { RESOURCE_TYPES, SPECS, type ListBlockSpec, type TypeSpec } from "./spec";
import type { Redactor } from "../redact";
import { collectSensitive } from "./sensitive";
import {
  MODEL_VERSION,
  WAIVE_TAG,
  type AnyEntity,
  type InlineWaiver,
  type Model,
  type ModelResources,
  type OpenApiDocument,
  type PolicyDocument,
  type ResourceType,
  type UnknownMark,
  type UnknownOrigin,
} from "./types";

function asObject(value: Json | undefined): JsonObject | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value : null;
}

/** A single nested block: Terraform's plan shape is a one-element list; CDKTF may write an object. */
function singleBlock(value: Json | undefined): JsonObject | null {
  if (Array.isArray(value)) return asObject(value[0]);
  return asObject(value);
}

/**
 * An object holding `keys` in this order, each null, to copy (`{ ...template }`) and fill in. V8 keeps an object
 * that has no prototype from the start (Object.create(null)), or one given more than 16 keys one by one under
 * computed names (`o[key] = v`), as a hash table ("dictionary mode"): several times slower to build than a copy
 * of an object that has its keys already, larger (more garbage to collect), and slower to read and to
 * serialise for the engine. A copy of an object made by JSON.parse keeps V8's fast layout, and so does the copy
 * after `Object.setPrototypeOf(copy, null)` (see {@link withoutPrototype}). JSON.parse makes own keys of any
 * name, `__proto__` included, and a copy's own `__proto__` key is then written like any other (own keys come
 * first), so the template is safe for keys from input.
 */
function template(keys: Iterable<string>): JsonObject {
  return JSON.parse(`{${[...keys].map((key) => `${JSON.stringify(key)}:null`).join(",")}}`) as JsonObject;
}

/** Drops the prototype of a model object filled in from a template: keys from input are then ordinary keys (src/records.ts). */
function withoutPrototype(object: JsonObject): JsonObject {
  return Object.setPrototypeOf(object, null) as JsonObject;
}

/** What normalizeList reads from a list block's spec, worked out once per spec. */
interface ListLayout {
  attributes: readonly string[];
  listBlocks: ReadonlyArray<readonly [string, ListBlockSpec]>;
  template: JsonObject;
}

const listLayouts = new WeakMap<ListBlockSpec, ListLayout>();

function listLayout(spec: ListBlockSpec): ListLayout {
  let layout = listLayouts.get(spec);
  if (layout === undefined) {
    const listBlocks = Object.entries(spec.listBlocks ?? {});
    layout = { attributes: spec.attributes, listBlocks, template: template(new Set([...spec.attributes, ...listBlocks.map(([block]) => block)])) };
    listLayouts.set(spec, layout);
  }
  return layout;
}

/** A block element that is not an object: read as an empty one. */
const NO_BODY: JsonObject = Object.freeze(record<Json>());

function normalizeList(spec: ListBlockSpec, raw: Json | undefined): Json[] {
  if (!Array.isArray(raw)) return [];
  const layout = listLayout(spec);
  return raw.map((element) => {
    const body = asObject(element) ?? NO_BODY;
    const normalized = { ...layout.template };
    for (const attribute of layout.attributes) normalized[attribute] = body[attribute] ?? null;
    for (const [block, inner] of layout.listBlocks) normalized[block] = normalizeList(inner, body[block]);
    return withoutPrototype(normalized);
  });
}

/**
 * What toEntity reads from a type's spec, worked out once per type rather than once per resource (a plan of
 * 100,000 resources holds a few dozen types): the names the spec writes first, the blocks as entry lists,
 * the lookups of unknown paths.
 */
interface TypeLayout {
  /** The type's name (one string for every entity of the type, whatever string the input gave). */
  type: ResourceType;
  spec: TypeSpec;
  listBlocks: ReadonlyArray<readonly [string, ListBlockSpec]>;
  /** Each single block with the template of its object. */
  singleBlocks: ReadonlyArray<readonly [string, readonly string[], JsonObject]>;
  renamed: ReadonlyArray<readonly [string, readonly string[]]>;
  /** Every name the spec writes (attributes, blocks, renamed): other planned attributes follow as given. */
  specNames: ReadonlySet<string>;
  /** The provider's attribute and block names the spec does not write: null when the input leaves them out. */
  providerExtras: readonly string[];
  /** Terraform attribute → the renamed model attribute it is read into (the last one naming it). */
  renamedFrom: ReadonlyMap<string, string>;
  /** Derived values by the Terraform attribute they come from (`rule` → `managed_rule_groups`, ...). */
  derivedBySource: ReadonlyMap<string, readonly string[]>;
  /** Blocks the provider does not compute: an unknown one with no configuration is a `dynamic` block. */
  dynamicBlocks: ReadonlySet<string>;
  /** The keys every entity's values start with, in order: attributes, blocks, renamed attributes. */
  leadingKeys: readonly string[];
  /** The keys toEntity adds after the planned attributes, in order: derived values, then parsed documents. */
  trailingKeys: readonly string[];
  /** Templates of values by the input's attribute names (JSON text of the list): a plan gives one list per type. */
  shapes: Map<string, ValuesShape>;
  /**
   * The shapes used last, the latest first: the next resource of the type most likely has the attributes of one
   * of them (a module with a few resources of one type alternates between their shapes).
   */
  recentShapes: ValuesShape[];
}

/** Shapes tried by their key lists before the signature of a list is made. */
const RECENT_SHAPES = 4;

/** The values template for one list of input attribute names. */
interface ValuesShape {
  rawKeys: readonly string[];
  template: JsonObject;
  /** The input's attributes the spec does not name, in the input's order: copied as given. */
  extras: readonly string[];
}

/** Distinct attribute lists kept per type: input from HCL may give each resource its own list. */
const MAX_SHAPES = 256;

/** The provider's attribute and block names of a resource type (src/terraform/aws-provider-schema.generated.ts). */
function providerAttributes(type: string): readonly string[] {
  const schema = resourceSchema(type);
  return schema === null ? [] : [...Object.keys(schema.attributes), ...Object.keys(schema.blocks)];
}

function typeLayout(type: ResourceType): TypeLayout {
  const spec = SPECS[type];
  const listBlocks = Object.entries(spec.listBlocks ?? {});
  const singleBlocks = Object.entries(spec.singleBlocks ?? {}).map(([block, inner]) => [block, inner, template(inner)] as const);
  const renamed = Object.entries(spec.renamed ?? {});
  const specNames = new Set<string>([...spec.attributes, ...listBlocks.map(([b]) => b), ...singleBlocks.map(([b]) => b), ...renamed.map(([n]) => n)]);
  // toEntity nulls a configuredOnly attribute in place: were it not a kept attribute, its key's place would
  // depend on the resource's configuration, not on its attribute names (see valuesShape).
  for (const attribute of spec.configuredOnly ?? []) {
    if (!spec.attributes.includes(attribute)) throw new Error(`${type}: configuredOnly ${attribute} is not one of its attributes`);
  }
  const renamedFrom = new Map<string, string>();
  for (const [name, sources] of renamed) for (const source of sources) renamedFrom.set(source, name);
  const derivedBySource = new Map<string, string[]>();
  for (const [name, source] of Object.entries(spec.derived ?? {})) derivedBySource.set(source, [...(derivedBySource.get(source) ?? []), name]);
  const computed = new Set(spec.computedBlocks ?? []);
  const providerExtras = providerAttributes(type).filter((attribute) => !specNames.has(attribute));
  return {
    type,
    spec,
    listBlocks,
    singleBlocks,
    renamed,
    specNames,
    providerExtras,
    renamedFrom,
    derivedBySource,
    dynamicBlocks: new Set([...singleBlocks, ...listBlocks].map(([block]) => block).filter((block) => !computed.has(block))),
    leadingKeys: [...specNames],
    trailingKeys: [
      ...Object.keys(spec.derived ?? {}),
      ...(spec.policies ?? []).map((attribute) => `${attribute}_document`),
      ...(spec.openapi ?? []).map((attribute) => `${attribute}_document`),
    ],
    shapes: new Map(),
    recentShapes: [],
  };
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The template of an entity's values (see {@link template}): every key normalizeValues and toEntity write, in the
 * order they first write it. That order follows from the type and the input's attribute names alone: the spec's
 * names, the input's other attributes as given, the provider's attributes the input leaves out, derived values,
 * parsed documents (`has_http_integration`, set by the linker, comes after).
 */
function valuesShape(layout: TypeLayout, rawKeys: readonly string[]): ValuesShape {
  const recent = layout.recentShapes;
  for (let i = 0; i < recent.length; i += 1) {
    const candidate = recent[i] as ValuesShape;
    if (sameKeys(candidate.rawKeys, rawKeys)) return candidate;
  }
  const signature = JSON.stringify(rawKeys);
  let shape = layout.shapes.get(signature);
  if (shape === undefined) {
    const keys = new Set(layout.leadingKeys);
    for (const key of rawKeys) keys.add(key);
    const given = new Set(rawKeys);
    for (const key of layout.providerExtras) if (!given.has(key)) keys.add(key);
    for (const key of layout.trailingKeys) keys.add(key);
    shape = { rawKeys, template: template(keys), extras: rawKeys.filter((key) => !layout.specNames.has(key)) };
    if (layout.shapes.size < MAX_SHAPES) layout.shapes.set(signature, shape);
  }
  recent.unshift(shape);
  if (recent.length > RECENT_SHAPES) recent.pop();
  return shape;
}

let layouts: ReadonlyMap<string, TypeLayout> | null = null;

/** The layout of a type the model keeps, by its name as the input spells it; undefined for any other type. */
function layoutOf(type: string): TypeLayout | undefined {
  layouts ??= new Map(RESOURCE_TYPES.map((t) => [t, typeLayout(t)]));
  return layouts.get(type);
}

function normalizeValues(layout: TypeLayout, raw: JsonObject): JsonObject {
  const rawKeys = Object.keys(raw);
  const shape = valuesShape(layout, rawKeys);
  const values = { ...shape.template };
  // Indexed loops: a model is built once per run, much of it before the code is optimized, when `for...of`
  // makes an iterator and a result object per step.
  const attributes = layout.spec.attributes;
  for (let i = 0; i < attributes.length; i += 1) {
    const attribute = attributes[i] as string;
    values[attribute] = raw[attribute] ?? null;
  }
  const listBlocks = layout.listBlocks;
  for (let i = 0; i < listBlocks.length; i += 1) {
    const entry = listBlocks[i] as readonly [string, ListBlockSpec];
    values[entry[0]] = normalizeList(entry[1], raw[entry[0]]);
  }
  const singleBlocks = layout.singleBlocks;
  for (let i = 0; i < singleBlocks.length; i += 1) {
    const entry = singleBlocks[i] as readonly [string, readonly string[], JsonObject];
    const block = entry[0];
    const inner = entry[1];
    const blockTemplate = entry[2];
    const body = singleBlock(raw[block]);
    if (body === null) {
      values[block] = null;
      continue;
    }
    const normalized = { ...blockTemplate };
    for (const attribute of inner) normalized[attribute] = body[attribute] ?? null;
    values[block] = withoutPrototype(normalized);
  }
  for (const [name, sources] of layout.renamed) {
    const source = sources.find((s) => raw[s] !== undefined && raw[s] !== null);
    values[name] = source === undefined ? null : (raw[source] ?? null);
  }
  // Every other planned attribute as Terraform gives it, so a custom rule reading one (`description`) judges
  // its real value; schema/model.json types them from the provider schema (src/terraform/provider-schema.ts). One the input leaves out (an HCL
  // block that does not set it) is null, as in a plan (the template holds it, null): every attribute the schema names is there.
  const extras = shape.extras;
  for (let i = 0; i < extras.length; i += 1) {
    const attribute = extras[i] as string;
    values[attribute] = raw[attribute] as Json;
  }
  return withoutPrototype(values);
}

/** Terraform value path → the model's dotted path (`access_log_settings.0.destination_arn` → `access_log_settings.destination_arn`). */
function modelPath(layout: TypeLayout, path: ValuePath, kept: Readonly<Record<string, unknown>>): string | null {
  const first = path[0];
  if (typeof first !== "string") return null;
  const head = layout.renamedFrom.get(first) ?? first;
  // Own keys only: a path from input may start with `constructor` or `__proto__` (specNames is a Set).
  const known = layout.specNames.has(head);
  // An attribute the spec does not name but the model keeps as given: its own path.
  if (!known && !Object.hasOwn(kept, first)) return null;
  let dotted = known ? head : first;
  for (let i = 1; i < path.length; i += 1) {
    const step = path[i];
    if (typeof step === "string") dotted += `.${step}`;
  }
  return dotted;
}

const NO_NAMES: readonly string[] = [];

/**
 * An unknown value with no configuration behind it is unset (the provider's default), unless it sits in
 * a block the provider does not compute: then it is a `dynamic` block, and really unknown.
 */
function isUnknownUnconfigured(layout: TypeLayout, path: ValuePath): boolean {
  const top = path[0];
  return typeof top === "string" && layout.dynamicBlocks.has(top);
}

/** The distinct strings of a list, in first-seen order, as a new array (a short list without a Set: most hold one or two). */
function distinct<T>(list: readonly T[]): T[] {
  if (list.length > 16) return [...new Set(list)];
  const out: T[] = [];
  for (let i = 0; i < list.length; i += 1) {
    const item = list[i] as T;
    if (!out.includes(item)) out.push(item);
  }
  return out;
}

/** `arn:aws:execute-api:us-east-1:123456789012:a1b2c3/prod/GET/pets` → `a1b2c3` (`*` when wildcarded). */
const EXECUTE_API_ARN = /^arn:aws[a-z-]*:execute-api:[^:]*:[^:]*:([^/]+)(\/|$)/;

/** Walks WAF rule statements at any depth (and_statement, not_statement, ...) for what APIGW-202 asks. */
function wafRuleFacts(rules: Json | undefined): { groups: Set<string>; rateBased: boolean } {
  const facts = { groups: new Set<string>(), rateBased: false };
  const visit = (node: Json | undefined): void => {
    if (typeof node !== "object" || node === null) return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    // Keys, not entries: a rule's tree holds many keys, and a pair per key was most of this walk's time.
    for (const key of Object.keys(node)) {
      const child = node[key];
      if (key === "managed_rule_group_statement") {
        for (const group of Array.isArray(child) ? child : [child]) {
          const name = asObject(group)?.["name"];
          if (typeof name === "string") facts.groups.add(name);
        }
      }
      if (key === "rate_based_statement" && Array.isArray(child) && child.length > 0) facts.rateBased = true;
      visit(child);
    }
  };
  visit(rules);
  return facts;
}

function deriveValues(type: string, raw: JsonObject, values: JsonObject): void {
  if (type === "aws_wafv2_web_acl") {
    const facts = wafRuleFacts(raw["rule"]);
    values["managed_rule_groups"] = [...facts.groups].sort();
    values["has_rate_based_rule"] = facts.rateBased;
  }
  if (type === "aws_lambda_permission") {
    const arn = raw["source_arn"];
    values["source_api_id"] = typeof arn === "string" ? (EXECUTE_API_ARN.exec(arn)?.[1] ?? null) : null;
  }
}

/**
 * The waivers written on a resource: its `policy-check:waive` tag and the HCL comments above its block. A
 * waiver's reason is printed in every report, so a tag the input marks sensitive is an error, never shown.
 */
function inlineWaivers(instance: ResourceInstance): InlineWaiver[] {
  const out: InlineWaiver[] = [];
  const tag = asObject(instance.values["tags"])?.[WAIVE_TAG];
  if (typeof tag === "string") {
    const where = `tag ${WAIVE_TAG} on ${instance.address}`;
    const hidden = instance.sensitive.some((p) => p[0] === "tags" && (p.length === 1 || p[1] === WAIVE_TAG));
    if (hidden)
      throw new PolicyCheckError("USAGE", "the waiver tag is marked sensitive, so its reason cannot be reported; use a plain tag", { input: where });
    out.push({ text: tag, where });
  }
  for (const comment of instance.waiver_comments ?? [])
    out.push({ text: comment.text, where: `${instance.source.file}:${comment.line}`, ...(comment.peer === true ? { peer: true as const } : {}) });
  return out;
}

/**
 * A document known in part (a policy or an OpenAPI body with unknown leaves) is judged: the attribute's own
 * unknown mark gives way to marks on the document's unknown facts (`policy_document.statements.0.conditions.1.values`),
 * which carry the attribute's references, so the rules a fact decides report it as unverifiable.
 */
function judgeKnownPart<T>(unknown: Record<string, UnknownMark>, attribute: string, known: { document: T; unknown: readonly string[] }): T {
  const mark = unknown[attribute] as UnknownMark;
  delete unknown[attribute];
  for (const path of known.unknown) {
    unknown[`${attribute}_document.${path}`] = { set: mark.set, reason: "after_apply", references: mark.references, origins: mark.origins };
  }
  return known.document;
}

/** Merges what one unknown Terraform value says about a model path into the marks so far. */
function markUnknown(unknown: Record<string, UnknownMark>, path: string, u: UnknownValue, prefix: string): void {
  const previous = unknown[path];
  // The prefix is the value's own (a derived value has none), and only when every part agrees on it.
  const agreed = previous === undefined ? prefix : previous.prefix === prefix ? prefix : "";
  const origins = u.origins ?? NO_ORIGINS;
  const mark: UnknownMark = {
    set: (previous?.set ?? true) && u.set,
    reason: "after_apply",
    references: previous === undefined ? distinct(u.references) : [...new Set([...previous.references, ...u.references])],
    origins: previous === undefined ? (origins.length === 0 ? [] : distinct(origins).sort()) : [...new Set([...previous.origins, ...origins])].sort(),
  };
  if (agreed !== "") mark.prefix = agreed;
  unknown[path] = mark;
}

const NO_ORIGINS: readonly UnknownOrigin[] = [];

/**
 * Parsed policies and OpenAPI bodies by their exact text, for one build: the instances of one module hold the
 * same document text, which is parsed once and its (frozen) document shared by every entity that holds it.
 * Bounded: past MAX_MEMO_TEXTS texts, a text not seen yet is parsed for its entity alone.
 */
class ParsedDocuments {
  private readonly policies = new Map<string, PolicyDocument>();
  private readonly bodies = new Map<string, OpenApiDocument>();

  policy(text: string): PolicyDocument {
    return memoized(this.policies, text, parsePolicyDocument);
  }

  openApi(text: string): OpenApiDocument {
    return memoized(this.bodies, text, parseOpenApi);
  }
}

const MAX_MEMO_TEXTS = 65_536;

function memoized<T>(memo: Map<string, T>, text: string, parse: (text: string) => T): T {
  let document = memo.get(text);
  if (document === undefined) {
    document = deepFreeze(parse(text));
    if (memo.size < MAX_MEMO_TEXTS) memo.set(text, document);
  }
  return document;
}

/** Freezes a parsed document (plain objects and arrays, a few levels deep), so no entity can change another's copy. */
function deepFreeze<T>(value: T): T {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return value;
  for (const inner of Object.values(value)) deepFreeze(inner);
  return Object.freeze(value);
}

function toEntity(instance: ResourceInstance, redactor: Redactor | undefined, documents: ParsedDocuments): AnyEntity | null {
  const layout = layoutOf(instance.type);
  if (layout === undefined) return null;
  const { type, spec } = layout;
  const values = normalizeValues(layout, instance.values);
  const configuredOnly = spec.configuredOnly ?? NO_NAMES;
  for (let i = 0; i < configuredOnly.length; i += 1) {
    const attribute = configuredOnly[i] as string;
    if (instance.configured !== null && !instance.configured.includes(attribute)) values[attribute] = null;
  }
  // Few keys, written one by one: a fast object without a prototype, where Object.create(null) starts as a hash table.
  const unknown = Object.setPrototypeOf({}, null) as Record<string, UnknownMark>;
  /** Partial texts of whole top-level attributes (documents are parsed from them). */
  let partials: Map<string, string> | null = null;
  for (let i = 0; i < instance.unknown.length; i += 1) {
    const u = instance.unknown[i] as UnknownValue;
    if (!u.configured && !isUnknownUnconfigured(layout, u.path)) continue;
    const own = modelPath(layout, u.path, values);
    if (own !== null) markUnknown(unknown, own, u, u.partial !== undefined ? knownPrefix(u.partial) : "");
    const top = u.path[0];
    const derivedNames = typeof top === "string" ? (layout.derivedBySource.get(top) ?? NO_NAMES) : NO_NAMES;
    for (let d = 0; d < derivedNames.length; d += 1) {
      const derived = derivedNames[d] as string;
      markUnknown(unknown, derived, u, derived === own && u.partial !== undefined ? knownPrefix(u.partial) : "");
    }
    if (u.path.length === 1 && typeof top === "string" && u.partial !== undefined) (partials ??= new Map()).set(top, u.partial);
  }
  deriveValues(type, instance.values, values);
  let sensitive: string[] = [];
  if (instance.sensitive.length > 0) {
    const paths = new Set<string>();
    for (const raw of instance.sensitive) {
      const path = modelPath(layout, raw, values);
      if (path !== null) paths.add(path);
    }
    sensitive = [...paths].sort();
  }
  const policies = spec.policies ?? NO_NAMES;
  for (let i = 0; i < policies.length; i += 1) {
    const attribute = policies[i] as string;
    const text = values[attribute];
    let document: PolicyDocument;
    const partial = unknown[attribute] === undefined ? undefined : partials?.get(attribute);
    const known = partial === undefined ? null : parsePartialPolicyDocument(partial);
    if (known !== null) document = judgeKnownPart(unknown, attribute, known);
    else if (unknown[attribute] !== undefined) document = UNKNOWN_POLICY;
    else if (text === "" && (spec.requiredPolicies ?? []).includes(attribute)) document = UNREADABLE_POLICY;
    else document = typeof text === "string" ? documents.policy(text) : ABSENT_POLICY;
    values[`${attribute}_document`] = document as unknown as Json;
  }
  const openapi = spec.openapi ?? NO_NAMES;
  for (let i = 0; i < openapi.length; i += 1) {
    const attribute = openapi[i] as string;
    const text = values[attribute];
    const partial = unknown[attribute] === undefined ? undefined : partials?.get(attribute);
    const known = partial === undefined ? null : parsePartialOpenApi(partial);
    const document =
      known !== null
        ? judgeKnownPart(unknown, attribute, known)
        : unknown[attribute] !== undefined
          ? UNKNOWN_OPENAPI
          : typeof text === "string"
            ? documents.openApi(text)
            : parseOpenApi(null);
    if (document.state === "unknown" && document.error !== null) {
      // A body the parser cannot read may hold any operation: unverifiable for every body rule, never a pass.
      unknown[attribute] = { set: true, reason: "unreadable", references: [], origins: [] };
    }
    values[`${attribute}_document`] = document as unknown as Json;
  }
  const entity = {
    address: instance.address,
    type,
    name: instance.name,
    module_address: instance.module_address,
    index: instance.index,
    actions: instance.actions,
    source: instance.source,
    values,
    unknown,
    sensitive,
    literals: instance.literals,
    links: {},
    waivers: inlineWaivers(instance),
  };
  if (redactor !== undefined) collectSensitive(spec, instance, values, redactor);
  return entity as unknown as AnyEntity;
}

function byAddress(a: AnyEntity, b: AnyEntity): number {
  return a.address < b.address ? -1 : a.address > b.address ? 1 : 0;
}

/** True when each entity's address is greater than the one before (as byAddress orders them). */
function isSortedDistinct(list: readonly AnyEntity[]): boolean {
  for (let i = 1; i < list.length; i += 1) if (!((list[i - 1] as AnyEntity).address < (list[i] as AnyEntity).address)) return false;
  return true;
}

export function emptyResources(): ModelResources {
  return Object.fromEntries(RESOURCE_TYPES.map((t) => [t, []])) as unknown as ModelResources;
}

/** Builds the model; the strings of sensitive values (and what the model derived from them) go to `redactor`. */
export function buildModel(ingest: IngestResult, redactor?: Redactor): Model {
  const resources = emptyResources();
  const instanceOf = new Map<AnyEntity, ResourceInstance>();
  const documents = new ParsedDocuments();
  for (const instance of ingest.instances) {
    const entity = toEntity(instance, redactor, documents);
    if (entity === null) continue;
    (resources[entity.type] as AnyEntity[]).push(entity);
    instanceOf.set(entity, instance);
  }
  for (const type of RESOURCE_TYPES) {
    const list = resources[type] as AnyEntity[];
    // A plan lists resources mostly in address order already: a list in order, each address once, is left as it is.
    if (isSortedDistinct(list)) continue;
    // Stable: of entities with the same address (one resource given twice), the first given stays.
    list.sort(byAddress);
    let kept = 0;
    for (let i = 0; i < list.length; i += 1) {
      const entity = list[i] as AnyEntity;
      if (kept === 0 || (list[kept - 1] as AnyEntity).address !== entity.address) list[kept++] = entity;
    }
    list.length = kept;
  }
  // What the plan deletes must not guard what stays (a stale web_acl_arn): before values are the evidence.
  if (ingest.before !== undefined) clearDeletedWebAcls(resources, ingest.before);
  linkModel(resources, instanceOf);
  return {
    model_version: MODEL_VERSION,
    input: {
      kind: ingest.kind,
      file: ingest.file,
      format_version: ingest.format_version,
      tool_version: ingest.tool_version,
    },
    resources,
  };
}
