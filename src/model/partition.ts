/**
 * Splits a model into independent parts, so the engine can evaluate a huge plan part by part in a WebAssembly
 * instance sized for the part instead of the plan (WebAssembly memory stops at 4 GiB).
 *
 * Rules reach other entities only through links (`links.<name>.index` / `.indices`, followed in policies/lib),
 * so the parts are the connected components of the link graph: an API with its stages, methods, policies,
 * mappings and the domains, web ACLs and usage plans they share. Two exceptions, both listed here:
 * - Leaf targets: an entity without links of its own that others link to (a client certificate) goes with
 *   every part that links to it instead of joining those parts into one. A rule about it reads only the
 *   entity, so each copy yields the same findings; the engine keeps one of each.
 * - Whole-input reads: APIGW-306 (policies/policy/single_policy_source) reports an aws_api_gateway_rest_api_policy
 *   whose API is uncertain when *any* REST API in the input sets its own policy: such policies and every API
 *   with its own policy form one part. A rule added with another read across the whole input belongs here too
 *   (test/engine/partition.test.ts runs every fixture both ways).
 * Custom rules may read anything, so the engine partitions only for the built-in rule set.
 */
import { entitiesByAddress } from "./link";
import type { AnyEntity, Link, LinkSet, Model, ResourceType, UnknownMark } from "./types";

/** Types whose entities go with every part that links to them (no links of their own, no reverse link sets). */
const LEAF_TYPES: ReadonlySet<string> = new Set<ResourceType>(["aws_api_gateway_client_certificate"]);

/** One independent part: its entities in model order (type by type, each type's list order), with their ranks in that order. */
export interface ModelPart {
  entities: AnyEntity[];
  ranks: number[];
}

function isLinkSet(value: Link | LinkSet): value is LinkSet {
  return Array.isArray((value as LinkSet).targets);
}

/**
 * Calls `visit` with each address an entity's links resolve to (forward targets and reverse link sets) and the
 * target's place in its type's list the link gives (`index`, `indices`).
 */
function forEachLinkTarget(entity: AnyEntity, visit: (target: string, index: number | null) => void): void {
  const links = entity.links as Record<string, Link | LinkSet>;
  for (const name in links) {
    const value = links[name] as Link | LinkSet;
    if (isLinkSet(value)) {
      for (let k = 0; k < value.targets.length; k += 1) visit(value.targets[k] as string, value.indices[k] ?? null);
    } else if (value.state === "resolved" && value.target !== null) visit(value.target, value.index);
  }
}

/** Union-find over entity numbers, with path halving: linear in practice, no recursion. */
class Components {
  private readonly parent: Int32Array;
  constructor(size: number) {
    this.parent = new Int32Array(size);
    for (let i = 0; i < size; i += 1) this.parent[i] = i;
  }
  find(i: number): number {
    let x = i;
    while (this.parent[x] !== x) {
      const grand = this.parent[this.parent[x] as number] as number;
      this.parent[x] = grand;
      x = grand;
    }
    return x;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    // The smaller number wins, so a component is named by its first entity in model order.
    if (ra < rb) this.parent[rb] = ra;
    else if (rb < ra) this.parent[ra] = rb;
  }
}

/** The model's independent parts, ordered by their first entity in model order. */
export function partitionModel(model: Model): ModelPart[] {
  const entities: AnyEntity[] = [];
  /** Each type's first entity number. */
  const start = new Map<string, number>();
  for (const type of Object.keys(model.resources) as ResourceType[]) {
    start.set(type, entities.length);
    for (const entity of model.resources[type] as AnyEntity[]) entities.push(entity);
  }
  // An entity's number is its type's start plus its place in the type's list, which a link gives with its
  // target: no map of numbers by address for every entity (the Linker's map of entities serves).
  const byAddress = entitiesByAddress(model.resources);
  let numberByAddress: Map<string, number> | undefined;
  const numberOf = (target: string, index: number | null): number | undefined => {
    const entity = byAddress.get(target);
    if (entity === undefined) return undefined;
    const j = index === null ? -1 : (start.get(entity.type) ?? -1) + index;
    if (entities[j] === entity) return j;
    // A link whose index is not its target's place (a model put together by hand): by address.
    numberByAddress ??= new Map(entities.map((e, i) => [e.address, i]));
    return numberByAddress.get(target);
  };
  const components = new Components(entities.length);
  const leafTargets = new Map<number, number[]>();
  // One visitor for every entity (not a closure each): `i` is the entity whose links it is given.
  let i = 0;
  const visit = (target: string, index: number | null): void => {
    const j = numberOf(target, index);
    if (j === undefined) return;
    if (LEAF_TYPES.has((entities[j] as AnyEntity).type)) {
      const list = leafTargets.get(i) ?? [];
      list.push(j);
      leafTargets.set(i, list);
    } else components.union(i, j);
  };
  for (i = 0; i < entities.length; i += 1) forEachLinkTarget(entities[i] as AnyEntity, visit);
  joinWholeInputReads(model, start, components);

  // Each root's part, by the root's number (-1: none yet); parts in order of their first entity.
  const partOf = new Int32Array(entities.length).fill(-1);
  // Each part's entities and ranks, filled in one pass: members come in model order.
  const parts: ModelPart[] = [];
  for (i = 0; i < entities.length; i += 1) {
    const root = components.find(i);
    let part = partOf[root] as number;
    if (part < 0) {
      part = parts.length;
      partOf[root] = part;
      parts.push({ entities: [], ranks: [] });
    }
    const members = parts[part] as ModelPart;
    members.entities.push(entities[i] as AnyEntity);
    members.ranks.push(i);
  }
  if (leafTargets.size === 0) return parts;
  // Only leaf targets join a part out of model order.
  for (const members of parts) {
    const withLeaves = new Set(members.ranks);
    for (const i of members.ranks) for (const j of leafTargets.get(i) ?? []) withLeaves.add(j);
    if (withLeaves.size > members.ranks.length) {
      members.ranks = [...withLeaves].sort((a, b) => a - b);
      members.entities = members.ranks.map((i) => entities[i] as AnyEntity);
    }
  }
  return parts;
}

/** APIGW-306: policies whose API is uncertain, with every REST API that sets its own policy. */
function joinWholeInputReads(model: Model, start: ReadonlyMap<string, number>, components: Components): void {
  const members: number[] = [];
  const policyStart = start.get("aws_api_gateway_rest_api_policy") as number;
  model.resources.aws_api_gateway_rest_api_policy.forEach((p, i) => {
    if (p.links.rest_api.state === "uncertain") members.push(policyStart + i);
  });
  if (members.length === 0) return;
  const apiStart = start.get("aws_api_gateway_rest_api") as number;
  model.resources.aws_api_gateway_rest_api.forEach((api, i) => {
    if (api.values.policy_document.state !== "absent") members.push(apiStart + i);
  });
  for (const m of members) components.union(members[0] as number, m);
}

/**
 * The entity fields the built-in rules read (policies/): the rest of an entity (type, name, module_address,
 * index, actions, source, sensitive, waivers) and the `references` of each unknown mark are for the
 * TypeScript side and reports. A batch's text without them is shorter to write, to encode and for the
 * evaluator to parse. Custom rules may read any field of schema/model.json, so only the built-in rule set is
 * evaluated on these alone (PolicyEngine); test/engine/partition.test.ts judges every fixture from whole
 * entities and from these fields. Within them, what no rule reads is left out too (the sets below: null
 * values, attributes, links, target addresses and literal paths): 10,000 API Gateway resources, a batch of 500
 * entities went from 522 to 290 KB and an evaluation from about 745 to 660 ms CPU.
 */
export const RULE_FIELDS: readonly string[] = ["address", "values", "unknown", "literals", "links"];

/** An entity's unknown marks without their `references` (no rule reads them); the entity's own when it has none. */
function marksForRules(unknown: Record<string, UnknownMark>): Record<string, Omit<UnknownMark, "references">> {
  let marks: Record<string, Omit<UnknownMark, "references">> | null = null;
  for (const path in unknown) {
    marks ??= {};
    const { references: _references, ...read } = unknown[path] as UnknownMark;
    marks[path] = read;
  }
  return marks ?? unknown;
}

/**
 * Top-level attributes the built-in rules read as `<entity>.values.<name>` (policies/, not tests). Rego tells an
 * absent member from a null one there (`x.values.k == null`, `x.values.k in {"TOKEN", null}`, `!= true`), so
 * these keep their null members; every other read goes through model.value (object.get with default null),
 * for which absent and null are the same, and the batches leave those null members out (a fifth of a batch's
 * text: unset attributes). test/engine/partition.test.ts fails when a rule reads another one directly.
 */
export const VALUES_READ_DIRECTLY: ReadonlySet<string> = new Set([
  "api_key_required",
  "api_stages",
  "authorization",
  "authorization_type",
  "authorizer_type",
  "body_document",
  "connection_type",
  "cors_configuration",
  "endpoint_configuration",
  "has_http_integration",
  "has_rate_based_rule",
  "http_method",
  "managed_rule_groups",
  "method_path",
  "policy_document",
  "principal",
  "protocol_type",
  "response_parameters",
  "rest_api_id",
  "route_key",
  "route_settings",
  "source_api_id",
  "source_arn",
  "stage_name",
  "tls_config",
  "type",
  "validate_request_body",
]);

/**
 * Attributes no built-in rule reads that are large or on every resource in real plans (a REST API's OpenAPI
 * `body`, of which rules read the model's `body_document`; tags, WAF rule blocks, mapping templates): the
 * batches leave them out. A rule reads an attribute as `.values.<name>` or by a path whose first segment is a
 * string literal (model.value(x, "<name>.y")); test/engine/partition.test.ts fails when one of these is named
 * so, but for "body" in the paths rules give result.fail (which looks them up in `unknown` only).
 */
export const VALUES_NOT_READ: ReadonlySet<string> = new Set([
  "body",
  "canary_settings",
  "custom_response_body",
  "default_action",
  "request_parameters",
  "request_templates",
  "response_templates",
  "rule",
  "rule_json",
  "tags",
  "tags_all",
  "visibility_config",
]);

/** An entity's values without VALUES_NOT_READ and the null members no rule tells from absent ones (VALUES_READ_DIRECTLY). */
function valuesForRules(values: object): Record<string, unknown> {
  const read: Record<string, unknown> = {};
  for (const name in values) {
    const value = (values as Record<string, unknown>)[name];
    if (VALUES_NOT_READ.has(name)) continue;
    if (value !== null || VALUES_READ_DIRECTLY.has(name)) read[name] = value;
  }
  return read;
}

/**
 * Paths the built-in rules look up in an entity's `literals` (`"value" in key.literals`): the batches carry no
 * other literal path. test/engine/partition.test.ts fails when a rule reads another one.
 */
export const LITERALS_READ: ReadonlySet<string> = new Set(["value"]);

/**
 * Links the built-in rules read (`<entity>.links.<name>`, model.linked(entity, "<name>", type)): the batches carry
 * no other (a method's authorizer, a stage's deployment, an API's stages and methods are for partitioning and
 * reports). test/engine/partition.test.ts fails when a rule reads another one.
 */
export const LINKS_READ: ReadonlySet<string> = new Set([
  "api",
  "api_mappings",
  "associations",
  "base_path_mappings",
  "logging_configurations",
  "method_settings",
  "policies",
  "request_validator",
  "rest_api",
  "routes",
  "stage",
  "usage_plans",
  "v2_api",
  "wafregional_associations",
  "wafv2_associations",
  "web_acl",
  "web_acl_logging",
]);

/**
 * Links whose target addresses the built-in rules read (a message names them, or a count): `target` of single
 * links and `targets` of link sets. Rules follow every other link by `index`/`indices` (policies/lib/model.rego),
 * so the batches leave their addresses out. test/engine/partition.test.ts fails when a rule reads another one.
 */
export const LINK_TARGETS_READ: ReadonlySet<string> = new Set([
  "api_mappings",
  "base_path_mappings",
  "stage",
  "wafregional_associations",
  "wafv2_associations",
]);

/**
 * An entity's links with `index`/`indices` rewritten to positions in a part's lists (`position`); `forRules`:
 * only the links rules read (LINKS_READ), without the target addresses no rule reads (LINK_TARGETS_READ).
 */
function linksAt(entity: AnyEntity, position: ReadonlyMap<string, number>, forRules = false): Record<string, unknown> {
  const links: Record<string, unknown> = {};
  const original = entity.links as Record<string, Link | LinkSet>;
  for (const name in original) {
    if (forRules && !LINKS_READ.has(name)) continue;
    const value = original[name] as Link | LinkSet;
    const keepTargets = !forRules || LINK_TARGETS_READ.has(name);
    if (isLinkSet(value)) {
      const indices = value.targets.map((t) => position.get(t) ?? -1);
      links[name] = keepTargets ? { ...value, indices } : { indices, uncertain: value.uncertain };
    } else {
      const index = value.index === null || value.target === null ? value.index : (position.get(value.target) ?? null);
      links[name] = keepTargets ? { ...value, index } : { index, state: value.state };
    }
  }
  return links;
}

/**
 * The JSON text of the model of some parts: each type's list holds the parts' entities in model order, and
 * every link's `index`/`indices` is rewritten to positions in these lists. `forRules`: each entity is written
 * as a new object of RULE_FIELDS alone (the built-in rules). Without, the entities are written whole, as
 * they are, with rewritten links set on them only while the text is made and their own put back after: a copy
 * of every entity per batch cost more than writing the text (10,000 API Gateway resources, partitioned and
 * written in batches of 1,000: 73-127 against 78-146 ms). Nothing else runs meanwhile; the model is unchanged
 * afterwards.
 */
export function partJson(model: Model, parts: readonly ModelPart[], forRules = false): string {
  // In model order, each entity once (a leaf target may belong to several of the parts).
  const byRank = new Map<number, AnyEntity>();
  for (const part of parts) part.ranks.forEach((rank, i) => byRank.set(rank, part.entities[i] as AnyEntity));
  const resources = {} as Record<ResourceType, AnyEntity[]>;
  for (const type of Object.keys(model.resources) as ResourceType[]) resources[type] = [];
  const position = new Map<string, number>();
  for (const rank of Int32Array.from(byRank.keys()).sort()) {
    const entity = byRank.get(rank) as AnyEntity;
    const list = resources[entity.type];
    position.set(entity.address, list.length);
    list.push(entity);
  }
  if (forRules) {
    const projected = {} as Record<string, unknown[]>;
    for (const type of Object.keys(resources) as ResourceType[]) {
      // The fields of RULE_FIELDS, in its order (a literal: one object shape for every entity).
      projected[type] = resources[type].map((entity) => ({
        address: entity.address,
        values: valuesForRules(entity.values),
        unknown: marksForRules(entity.unknown),
        literals: entity.literals.filter((literal) => LITERALS_READ.has(literal)),
        links: linksAt(entity, position, true),
      }));
    }
    return JSON.stringify({ ...model, resources: projected });
  }
  /** Each entity with its own links, to put back. */
  const own: Array<[AnyEntity, AnyEntity["links"]]> = [];
  try {
    for (const type of Object.keys(resources) as ResourceType[]) {
      for (const entity of resources[type]) {
        const links = linksAt(entity, position);
        own.push([entity, entity.links]);
        (entity as { links: unknown }).links = links;
      }
    }
    return JSON.stringify({ ...model, resources });
  } finally {
    for (const [entity, links] of own) (entity as { links: unknown }).links = links;
  }
}
