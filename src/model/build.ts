/**
 * The shared model builder: turns adapter output (resource instances in Terraform's shape) into the typed
 * model: normalized values, unknown/sensitive markers with dotted paths, parsed policies, and links.
 * Sensitive values stay as they are, so rules judge the real value; the strings to hide from output are
 * handed to a Redactor beside the model (src/redact.ts).
 */
import { PolicyCheckError } from "../errors";
import { resourceSchema } from "../terraform/provider-schema";
import type { IngestResult, Json, JsonObject, ResourceInstance, ValuePath } from "../ingest/types";
import { record } from "../records";
import { clearDeletedWebAcls } from "./deleted";
import { linkModel } from "./link";
import { parseOpenApi, parsePartialOpenApi, UNKNOWN_OPENAPI } from "./openapi";
import { knownPrefix } from "./partial";
import { ABSENT_POLICY, parsePartialPolicyDocument, parsePolicyDocument, UNKNOWN_POLICY, UNREADABLE_POLICY } from "./policy-document";
import { isResourceType, RESOURCE_TYPES, SPECS, type ListBlockSpec, type TypeSpec } from "./spec";
import type { Redactor } from "../redact";
import { collectSensitive } from "./sensitive";
import {
  MODEL_VERSION,
  WAIVE_TAG,
  type AnyEntity,
  type InlineWaiver,
  type Model,
  type ModelResources,
  type PolicyDocument,
  type UnknownMark,
} from "./types";

function asObject(value: Json | undefined): JsonObject | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value : null;
}

/** A single nested block: Terraform's plan shape is a one-element list; CDKTF may write an object. */
function singleBlock(value: Json | undefined): JsonObject | null {
  if (Array.isArray(value)) return asObject(value[0]);
  return asObject(value);
}

function normalizeList(spec: ListBlockSpec, raw: Json | undefined): Json[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((element) => {
    const body = asObject(element) ?? record<Json>();
    const normalized = record<Json>();
    for (const attribute of spec.attributes) normalized[attribute] = body[attribute] ?? null;
    for (const [block, inner] of Object.entries(spec.listBlocks ?? {})) normalized[block] = normalizeList(inner, body[block]);
    return normalized;
  });
}

function normalizeValues(type: string, spec: TypeSpec, raw: JsonObject): JsonObject {
  const values = record<Json>();
  for (const attribute of spec.attributes) values[attribute] = raw[attribute] ?? null;
  for (const [block, inner] of Object.entries(spec.listBlocks ?? {})) values[block] = normalizeList(inner, raw[block]);
  for (const [block, inner] of Object.entries(spec.singleBlocks ?? {})) {
    const body = singleBlock(raw[block]);
    if (body === null) {
      values[block] = null;
      continue;
    }
    const normalized = record<Json>();
    for (const attribute of inner) normalized[attribute] = body[attribute] ?? null;
    values[block] = normalized;
  }
  for (const [name, sources] of Object.entries(spec.renamed ?? {})) {
    const source = sources.find((s) => raw[s] !== undefined && raw[s] !== null);
    values[name] = source === undefined ? null : (raw[source] ?? null);
  }
  // Every other planned attribute as Terraform gives it, so a custom rule reading one (`description`) judges
  // its real value; schema/model.json types them from the provider schema (src/terraform/provider-schema.ts). One the input leaves out (an HCL
  // block that does not set it) is null, as in a plan: every attribute the schema names is there.
  for (const [attribute, value] of Object.entries(raw)) if (!Object.hasOwn(values, attribute)) values[attribute] = value;
  for (const attribute of providerAttributes(type)) if (!Object.hasOwn(values, attribute)) values[attribute] = null;
  return values;
}

const attributesByType = new Map<string, readonly string[]>();

/** The provider's attribute and block names of a resource type (src/terraform/aws-provider-schema.generated.ts). */
function providerAttributes(type: string): readonly string[] {
  let names = attributesByType.get(type);
  if (names === undefined) {
    const schema = resourceSchema(type);
    names = schema === null ? [] : [...Object.keys(schema.attributes), ...Object.keys(schema.blocks)];
    attributesByType.set(type, names);
  }
  return names;
}

/** Terraform value path → the model's dotted path (`access_log_settings.0.destination_arn` → `access_log_settings.destination_arn`). */
export function modelPath(spec: TypeSpec, path: ValuePath, kept?: Readonly<Record<string, unknown>>): string | null {
  const [first, ...rest] = path;
  if (typeof first !== "string") return null;
  let head = first;
  for (const [name, sources] of Object.entries(spec.renamed ?? {})) if (sources.includes(first)) head = name;
  // Own keys only: a path from input may start with `constructor` or `__proto__`.
  const known =
    spec.attributes.includes(head) ||
    Object.hasOwn(spec.singleBlocks ?? {}, head) ||
    Object.hasOwn(spec.listBlocks ?? {}, head) ||
    Object.hasOwn(spec.renamed ?? {}, head);
  const tail = rest.filter((step): step is string => typeof step === "string");
  // An attribute the spec does not name but the model keeps as given: its own path.
  if (!known) return kept !== undefined && Object.hasOwn(kept, first) ? [first, ...tail].join(".") : null;
  return [head, ...tail].join(".");
}

/** Derived values that an unknown Terraform attribute makes unknown (`rule` → `managed_rule_groups`). */
function derivedFrom(spec: TypeSpec, path: ValuePath): string[] {
  return Object.entries(spec.derived ?? {})
    .filter(([, source]) => source === path[0])
    .map(([name]) => name);
}

/**
 * An unknown value with no configuration behind it is unset (the provider's default), unless it sits in
 * a block the provider does not compute: then it is a `dynamic` block, and really unknown.
 */
function isUnknownUnconfigured(spec: TypeSpec, path: ValuePath): boolean {
  const top = path[0];
  if (typeof top !== "string" || (spec.computedBlocks ?? []).includes(top)) return false;
  return Object.hasOwn(spec.singleBlocks ?? {}, top) || Object.hasOwn(spec.listBlocks ?? {}, top);
}

/** `arn:aws:execute-api:us-east-1:123456789012:a1b2c3/prod/GET/pets` → `a1b2c3` (`*` when wildcarded). */
const EXECUTE_API_ARN = /^arn:aws[a-z-]*:execute-api:[^:]*:[^:]*:([^/]+)(\/|$)/;

/** Walks WAF rule statements at any depth (and_statement, not_statement, ...) for what APIGW-202 asks. */
function wafRuleFacts(rules: Json | undefined): { groups: Set<string>; rateBased: boolean } {
  const facts = { groups: new Set<string>(), rateBased: false };
  const visit = (node: Json | undefined): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    const object = asObject(node);
    if (object === null) return;
    for (const [key, child] of Object.entries(object)) {
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

function toEntity(instance: ResourceInstance, redactor: Redactor | undefined): AnyEntity | null {
  if (!isResourceType(instance.type)) return null;
  const spec = SPECS[instance.type];
  const values = normalizeValues(instance.type, spec, instance.values);
  for (const attribute of spec.configuredOnly ?? []) {
    if (instance.configured !== null && !instance.configured.includes(attribute)) values[attribute] = null;
  }
  const unknown = record<UnknownMark>();
  /** Partial texts of whole top-level attributes (documents are parsed from them). */
  const partials = new Map<string, string>();
  for (const u of instance.unknown) {
    if (!u.configured && !isUnknownUnconfigured(spec, u.path)) continue;
    const own = modelPath(spec, u.path, values);
    for (const path of [own, ...derivedFrom(spec, u.path)]) {
      if (path === null) continue;
      const previous = unknown[path];
      // The prefix is the value's own (a derived value has none), and only when every part agrees on it.
      const prefix = path === own && u.partial !== undefined ? knownPrefix(u.partial) : "";
      const agreed = previous === undefined ? prefix : previous.prefix === prefix ? prefix : "";
      unknown[path] = {
        set: (previous?.set ?? true) && u.set,
        reason: "after_apply",
        references: [...new Set([...(previous?.references ?? []), ...u.references])],
        origins: [...new Set([...(previous?.origins ?? []), ...(u.origins ?? [])])].sort(),
        ...(agreed === "" ? {} : { prefix: agreed }),
      };
    }
    if (u.path.length === 1 && typeof u.path[0] === "string" && u.partial !== undefined) partials.set(u.path[0], u.partial);
  }
  deriveValues(instance.type, instance.values, values);
  const sensitive = new Set<string>();
  for (const raw of instance.sensitive) {
    const path = modelPath(spec, raw, values);
    if (path !== null) sensitive.add(path);
  }
  for (const attribute of spec.policies ?? []) {
    const text = values[attribute];
    let document: PolicyDocument;
    const partial = unknown[attribute] === undefined ? undefined : partials.get(attribute);
    const known = partial === undefined ? null : parsePartialPolicyDocument(partial);
    if (known !== null) document = judgeKnownPart(unknown, attribute, known);
    else if (unknown[attribute] !== undefined) document = UNKNOWN_POLICY;
    else if (text === "" && (spec.requiredPolicies ?? []).includes(attribute)) document = UNREADABLE_POLICY;
    else document = typeof text === "string" ? parsePolicyDocument(text) : ABSENT_POLICY;
    values[`${attribute}_document`] = document as unknown as Json;
  }
  for (const attribute of spec.openapi ?? []) {
    const text = values[attribute];
    const partial = unknown[attribute] === undefined ? undefined : partials.get(attribute);
    const known = partial === undefined ? null : parsePartialOpenApi(partial);
    const document =
      known !== null
        ? judgeKnownPart(unknown, attribute, known)
        : unknown[attribute] !== undefined
          ? UNKNOWN_OPENAPI
          : parseOpenApi(typeof text === "string" ? text : null);
    if (document.state === "unknown" && document.error !== null) {
      // A body the parser cannot read may hold any operation: unverifiable for every body rule, never a pass.
      unknown[attribute] = { set: true, reason: "unreadable", references: [], origins: [] };
    }
    values[`${attribute}_document`] = document as unknown as Json;
  }
  const entity = {
    address: instance.address,
    type: instance.type,
    name: instance.name,
    module_address: instance.module_address,
    index: instance.index,
    actions: instance.actions,
    source: instance.source,
    values,
    unknown,
    sensitive: [...sensitive].sort(),
    literals: instance.literals,
    links: {},
    waivers: inlineWaivers(instance),
  };
  if (redactor !== undefined) collectSensitive(spec, instance, values, redactor);
  return entity as unknown as AnyEntity;
}

export function emptyResources(): ModelResources {
  return Object.fromEntries(RESOURCE_TYPES.map((t) => [t, []])) as unknown as ModelResources;
}

/** Builds the model; the strings of sensitive values (and what the model derived from them) go to `redactor`. */
export function buildModel(ingest: IngestResult, redactor?: Redactor): Model {
  const resources = emptyResources();
  const instances = new Map<string, ResourceInstance>();
  for (const instance of ingest.instances) {
    const entity = toEntity(instance, redactor);
    if (entity === null || instances.has(entity.address)) continue;
    (resources[entity.type] as AnyEntity[]).push(entity);
    instances.set(entity.address, instance);
  }
  for (const type of RESOURCE_TYPES) {
    (resources[type] as AnyEntity[]).sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  }
  // What the plan deletes must not guard what stays (a stale web_acl_arn): before values are the evidence.
  if (ingest.before !== undefined) clearDeletedWebAcls(resources, ingest.before);
  linkModel(resources, instances);
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
