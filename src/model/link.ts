/**
 * Links between model entities, resolved once in TypeScript so rules never join in Rego.
 *
 * Each forward link is resolved from configuration references first (same module instance, through module
 * variables and outputs), then from known IDs/ARNs/names. Lookups are maps keyed by address, ID, name or
 * (API, stage name): linking is linear in the number of resources. A link that might point at something in
 * the input but cannot be decided is `uncertain`, and so is the reverse side on every candidate; both are
 * recorded in `unknown` as `links.<name>` so that rules report them as unverifiable instead of guessing.
 */
import { formatKey } from "../terraform/addresses";
import type { ResolvedReference, ResourceInstance } from "../ingest/types";
import type { AnyEntity, Link, LinkSet, ModelResources, ResourceType, UnknownMark } from "./types";

/** Entities a link may point at. Lists are shared between sources and only read (see Linker.markCandidates). */
type Candidates = readonly AnyEntity[];

interface Resolution {
  link: Link;
  /**
   * For an uncertain link: every entity it might point at, as lists that many sources share (all the APIs
   * whose ID is unknown, say), so that N sources with M candidates each cost N + M, not N × M.
   */
  candidates: readonly Candidates[];
}

const NO_ENTITIES: Candidates = Object.freeze([]);
const NO_CANDIDATES: readonly Candidates[] = Object.freeze([]);

const ABSENT: Resolution = { link: { target: null, index: null, state: "absent" }, candidates: NO_CANDIDATES };
const uncertain = (...candidates: Candidates[]): Resolution =>
  candidates.every((list) => list.length === 0) ? ABSENT : { link: { target: null, index: null, state: "uncertain" }, candidates };

/** Stages of one scope (an API, or every API) by known name, and those whose name is unknown. */
interface StagesByName {
  all: Candidates;
  byName: Map<string, AnyEntity[]>;
  unnamed: AnyEntity[];
}

/** `arn:aws:apigateway:us-east-1::/restapis/a1b2c3/stages/prod` → API ID and stage name. */
const STAGE_ARN = /^arn:aws[a-z-]*:apigateway:[a-z0-9-]*::\/restapis\/([^/]+)\/stages\/([^/]+)$/;

type Values = Record<string, unknown>;

/** The attributes whose known values find an entity (`rest_api_id` names an API's `id`). */
const VALUE_KEYS = ["id", "arn", "domain_name"] as const;

function values(entity: AnyEntity): Values {
  return entity.values as unknown as Values;
}

function stringValue(entity: AnyEntity, attribute: string): string | null {
  const v = values(entity)[attribute];
  return typeof v === "string" ? v : null;
}

function isUnknown(entity: AnyEntity, attribute: string): boolean {
  return entity.unknown[attribute] !== undefined;
}

/** Whether a reference's base address names one of `types`: its second-last step (module keys, which may hold dots, come before). */
function referencesType(base: string, types: readonly string[]): boolean {
  const last = base.lastIndexOf(".");
  if (last < 0) return false;
  const start = base.lastIndexOf(".", last - 1) + 1;
  for (const type of types) if (type.length === last - start && base.startsWith(type, start)) return true;
  return false;
}

const NO_REFERENCES: readonly ResolvedReference[] = [];

/** The address map the Linker built for each model's resources, kept for the engine and the runner (see entitiesByAddress). */
const addressMaps = new WeakMap<ModelResources, ReadonlyMap<string, AnyEntity>>();

/**
 * A model's entities by address. The Linker's own map when the model was linked here and its lists still hold as
 * many entities (buildModel's lists do not change after linking), so partitioning and the join of findings do not
 * build another one per run. Otherwise (a model made by hand, or one a library caller added entities to or
 * removed them from after building it) a map built now.
 */
export function entitiesByAddress(resources: ModelResources): ReadonlyMap<string, AnyEntity> {
  const lists = Object.values(resources) as AnyEntity[][];
  const linked = addressMaps.get(resources);
  if (linked !== undefined && lists.reduce((count, list) => count + list.length, 0) === linked.size) return linked;
  const built = new Map<string, AnyEntity>();
  for (const list of lists) for (const entity of list) built.set(entity.address, entity);
  return built;
}

class Linker {
  private readonly byAddress = new Map<string, AnyEntity>();
  /** Entity → position in its type's list. */
  private readonly position = new Map<AnyEntity, number>();
  /** Address without the trailing instance key → its instance, or its instances when there are several. */
  private readonly byBase = new Map<string, AnyEntity | AnyEntity[]>();
  /** type → attribute → value → entity, for known IDs, names and ARNs. */
  private readonly byValue = new Map<string, Map<string, Map<string, AnyEntity>>>();
  private readonly reverse = new Map<string, Map<string, LinkSet>>();
  /** Candidate lists computed once and shared by every source that needs them, by (kind, match, target types). */
  private readonly sharedCandidates = new Map<string, Candidates>();
  /** Reverse link names already marked on every entity of a candidate list. */
  private readonly marked = new WeakMap<Candidates, Set<string>>();

  constructor(
    private readonly resources: ModelResources,
    private readonly instances: ReadonlyMap<AnyEntity, ResourceInstance>,
  ) {
    for (const type of Object.keys(resources) as ResourceType[]) {
      const byAttribute = new Map<string, Map<string, AnyEntity>>(VALUE_KEYS.map((attribute) => [attribute, new Map()]));
      this.byValue.set(type, byAttribute);
      const list = resources[type] as AnyEntity[];
      for (let index = 0; index < list.length; index += 1) {
        const entity = list[index] as AnyEntity;
        this.byAddress.set(entity.address, entity);
        this.position.set(entity, index);
        const base = entity.index === null ? entity.address : entity.address.slice(0, -formatKey(entity.index).length);
        // Most bases have one instance: that entity alone, not a list of one (100,000 lists at 100,000 resources).
        const same = this.byBase.get(base);
        if (same === undefined) this.byBase.set(base, entity);
        else if (Array.isArray(same)) same.push(entity);
        else this.byBase.set(base, [same, entity]);
        for (const attribute of VALUE_KEYS) {
          const v = stringValue(entity, attribute);
          if (v !== null) byAttribute.get(attribute)?.set(v, entity);
        }
      }
    }
    addressMaps.set(resources, this.byAddress);
  }

  /** The entity of `type` whose known `attribute` (id, arn, domain_name) is `value`. */
  private byKnownValue(type: ResourceType, attribute: string, value: string): AnyEntity | undefined {
    return this.byValue.get(type)?.get(attribute)?.get(value);
  }

  /**
   * What a reference names, by the reference: the entity at its address (keyed), the instance or instances of its
   * base (not keyed), or null. The plan reader gives the references of one module instance to one resource one
   * object, which every source there shares: found once, not by its address for every source.
   */
  private readonly named = new Map<ResolvedReference, AnyEntity | AnyEntity[] | null>();

  private lookUp(ref: ResolvedReference): AnyEntity | AnyEntity[] | null {
    let found = this.named.get(ref);
    if (found === undefined) {
      found = (ref.key !== undefined ? this.byAddress.get(`${ref.base}${formatKey(ref.key)}`) : this.byBase.get(ref.base)) ?? null;
      this.named.set(ref, found);
    }
    return found;
  }

  /** The source referencesOf looked up last, and its references: links are set source by source, several each. */
  private lastSource: AnyEntity | null = null;
  private lastReferences: ResourceInstance["references"] | undefined;

  /** The references of a source's attribute in configuration (`rest_api_id` → `aws_api_gateway_rest_api.x`). */
  private referencesOf(source: AnyEntity, attribute: string): readonly ResolvedReference[] {
    if (source !== this.lastSource) {
      this.lastSource = source;
      this.lastReferences = this.instances.get(source)?.references;
    }
    return this.lastReferences?.[attribute] ?? NO_REFERENCES;
  }

  all(type: ResourceType): AnyEntity[] {
    return this.resources[type] as AnyEntity[];
  }

  /**
   * Entities of `types` whose `match` value is not a known string (or, with `orUnknown`, is marked unknown):
   * what an unknown reference may point at. Scanned once per (types, match): every such source shares the list.
   */
  private withoutKnownValue(types: readonly ResourceType[], match: string, orUnknown: boolean): Candidates {
    const key = `${orUnknown ? "unknown" : "null"}\0${match}\0${types.join(",")}`;
    let list = this.sharedCandidates.get(key);
    if (list === undefined) {
      list = Object.freeze(types.flatMap((t) => this.all(t)).filter((t) => (orUnknown && isUnknown(t, match)) || stringValue(t, match) === null));
      this.sharedCandidates.set(key, list);
    }
    return list;
  }

  resolved(target: AnyEntity): Resolution {
    return { link: { target: target.address, index: this.position.get(target) ?? null, state: "resolved" }, candidates: NO_CANDIDATES };
  }

  /**
   * Resolves the entity an attribute points at. `match` is the target attribute a literal value is compared
   * with (`id` for `rest_api_id`, `domain_name` for a mapping's `domain_name`).
   */
  byAttribute(source: AnyEntity, attribute: string, targetTypes: readonly ResourceType[], match = "id", valueAttribute = attribute): Resolution {
    const fromReferences = this.fromReferences(source, attribute, targetTypes);
    if (fromReferences !== null) return fromReferences;
    const literal = stringValue(source, valueAttribute);
    if (literal !== null) {
      for (const type of targetTypes) {
        const target = this.byKnownValue(type, match, literal);
        if (target !== undefined) return this.resolved(target);
      }
      return ABSENT; // a literal ID of something managed elsewhere
    }
    if (isUnknown(source, valueAttribute)) {
      // Unknown and not traceable to a resource: anything of the target type whose value is unknown might be it.
      return uncertain(this.withoutKnownValue(targetTypes, match, true));
    }
    return ABSENT;
  }

  /** null: the configuration does not reference any resource of the target types. */
  fromReferences(source: AnyEntity, attribute: string, targetTypes: readonly ResourceType[]): Resolution | null {
    const refs = this.referencesOf(source, attribute);
    if (refs.length === 0) return null;
    // What the references name, in order and each once: most name one entity, so a set only for a second.
    // (No closure or list made per call unless needed: this runs for most links of every entity.)
    let first: AnyEntity | undefined;
    let found: Set<AnyEntity> | undefined;
    let referencesTargetType = false;
    // Every instance of a base whose key was lost: one list per base, shared by every source that names it.
    let widened: Candidates[] | undefined;
    for (const ref of refs) {
      if (!referencesType(ref.base, targetTypes)) continue;
      referencesTargetType = true;
      let target: AnyEntity | undefined;
      const named = this.lookUp(ref);
      if (ref.key !== undefined) target = (named as AnyEntity | null) ?? undefined;
      else {
        const instances = named;
        if (!Array.isArray(instances)) target = instances ?? undefined;
        else {
          // `aws_x.y[each.key]` loses its dynamic key in `references`: pair instances with the same key.
          // Looked up by address, not by a scan of the instances: a source per instance would make that N × N.
          const sameKey = source.index === null ? undefined : this.byAddress.get(`${ref.base}${formatKey(source.index)}`);
          if (sameKey !== undefined && sameKey.index === source.index) target = sameKey;
          else (widened ??= []).push(instances);
        }
      }
      if (target === undefined) continue;
      if (first === undefined) first = target;
      else if (target !== first) (found ??= new Set([first])).add(target);
    }
    if (!referencesTargetType) return null;
    if (first !== undefined && found === undefined && widened === undefined) return this.resolved(first);
    return uncertain(found !== undefined ? [...found] : first !== undefined ? [first] : NO_ENTITIES, ...(widened ?? []));
  }

  /** Stages by the address of their resolved API (REST `rest_api` or v2 `api` link), built on first use. */
  private readonly stagesByApi = new Map<ResourceType, Map<string, AnyEntity[]>>();

  private stagesOf(stageType: ResourceType, apiAddress: string): AnyEntity[] {
    let index = this.stagesByApi.get(stageType);
    if (index === undefined) {
      index = new Map();
      for (const stage of this.all(stageType)) {
        const links = stage.links as { rest_api?: Link; api?: Link };
        const api = (links.rest_api ?? links.api)?.target;
        if (api === undefined || api === null) continue;
        const list = index.get(api) ?? [];
        list.push(stage);
        index.set(api, list);
      }
      this.stagesByApi.set(stageType, index);
    }
    return index.get(apiAddress) ?? [];
  }

  /**
   * A stage found by (API, stage name): method settings, base path mappings, usage plans and API mappings
   * name stages this way. `stageAttribute` is the source's attribute (or its dotted path in a list block).
   */
  stageByName(
    source: AnyEntity,
    stageAttribute: string,
    api: Link,
    name: string | null = stringValue(source, stageAttribute),
    stageType: ResourceType = "aws_api_gateway_stage",
  ): Resolution {
    const fromReferences = this.fromReferences(source, stageAttribute, [stageType]);
    if (fromReferences !== null) return fromReferences;
    if (api.state === "absent") return ABSENT;
    // With the API unresolved, any stage might be the one.
    const stages = this.stagesByName(stageType, api.state === "resolved" ? api.target : null);
    if (name !== null) {
      const exact = stages.byName.get(name) ?? NO_ENTITIES;
      if (exact.length === 1 && api.state === "resolved") return this.resolved(exact[0] as AnyEntity);
      return uncertain(exact, stages.unnamed);
    }
    return isUnknown(source, stageAttribute) ? uncertain(stages.all) : ABSENT;
  }

  /** Stages of one API (`apiAddress`) or of all (null), indexed by name once per scope, built on first use. */
  private readonly stageNameIndex = new Map<string, StagesByName>();

  private stagesByName(stageType: ResourceType, apiAddress: string | null): StagesByName {
    const key = `${stageType}\0${apiAddress ?? ""}`;
    let index = this.stageNameIndex.get(key);
    if (index === undefined) {
      const nameAttribute = stageType === "aws_api_gateway_stage" ? "stage_name" : "name";
      const all = apiAddress === null ? this.all(stageType) : this.stagesOf(stageType, apiAddress);
      index = { all, byName: new Map(), unnamed: [] };
      for (const stage of all) {
        const name = stringValue(stage, nameAttribute);
        if (name !== null) {
          const same = index.byName.get(name);
          if (same === undefined) index.byName.set(name, [stage]);
          else same.push(stage);
        }
        if (isUnknown(stage, nameAttribute)) index.unnamed.push(stage);
      }
      this.stageNameIndex.set(key, index);
    }
    return index;
  }

  /** Stages by `${api id}\0${stage name}` when both are known, and the stages where either is not. */
  private stageArnIndex: { known: Map<string, AnyEntity>; unknownByApiId: Map<string, AnyEntity[]> } | null = null;

  private apiIdOf(stage: AnyEntity): string | null {
    const direct = stringValue(stage, "rest_api_id");
    if (direct !== null) return direct;
    const api = (stage.links as { rest_api?: Link }).rest_api?.target;
    const linked = api === undefined || api === null ? undefined : this.byAddress.get(api);
    return linked === undefined ? null : stringValue(linked, "id");
  }

  private stagesByArn(): { known: Map<string, AnyEntity>; unknownByApiId: Map<string, AnyEntity[]> } {
    if (this.stageArnIndex === null) {
      const index = { known: new Map<string, AnyEntity>(), unknownByApiId: new Map<string, AnyEntity[]>() };
      for (const stage of this.all("aws_api_gateway_stage")) {
        const apiId = this.apiIdOf(stage);
        const name = stringValue(stage, "stage_name");
        if (apiId !== null && name !== null) index.known.set(`${apiId}\0${name}`, stage);
        else if (apiId !== null) {
          // Only these can match a literal ARN: its API ID is known, its name not (yet).
          const same = index.unknownByApiId.get(apiId);
          if (same === undefined) index.unknownByApiId.set(apiId, [stage]);
          else same.push(stage);
        }
      }
      this.stageArnIndex = index;
    }
    return this.stageArnIndex;
  }

  /** A WAF association's `resource_arn`: a stage by reference, or by a known stage ARN. */
  stageByArn(source: AnyEntity): Resolution {
    const fromReferences = this.fromReferences(source, "resource_arn", ["aws_api_gateway_stage"]);
    if (fromReferences !== null) return fromReferences;
    const arn = stringValue(source, "resource_arn");
    if (arn !== null) {
      const match = STAGE_ARN.exec(arn);
      if (match === null) return ABSENT; // protects something else (a load balancer, an AppSync API, ...)
      const index = this.stagesByArn();
      const exact = index.known.get(`${match[1] ?? ""}\0${match[2] ?? ""}`);
      if (exact !== undefined) return this.resolved(exact);
      // A literal ARN cannot name a stage of an API being created (AWS chooses the ID at apply, so no
      // configuration can have written it): only a stage of the named API whose name is not known yet
      // might be the one. Anything else means the association protects a stage managed elsewhere.
      return uncertain(index.unknownByApiId.get(match[1] ?? "") ?? NO_ENTITIES);
    }
    if (isUnknown(source, "resource_arn")) {
      // Unknown but traceable to another managed resource that is not a stage: it protects that resource.
      if (this.referencesOf(source, "resource_arn").length > 0) return ABSENT;
      return uncertain(this.all("aws_api_gateway_stage"));
    }
    return ABSENT;
  }

  /** Like byAttribute for an attribute inside a repeated block, whose value the caller reads. */
  byKeyedAttribute(source: AnyEntity, key: string, value: string | null, targetTypes: readonly ResourceType[]): Resolution {
    const fromReferences = this.fromReferences(source, key, targetTypes);
    if (fromReferences !== null) return fromReferences;
    if (value !== null) {
      for (const type of targetTypes) {
        const target = this.byKnownValue(type, "id", value);
        if (target !== undefined) return this.resolved(target);
      }
      return ABSENT;
    }
    return uncertain(this.withoutKnownValue(targetTypes, "id", false));
  }

  /**
   * The API a Lambda permission's `source_arn` names: by reference to the API or one of its stages or
   * deployments (whose execution ARNs end in the stage: any suffix stays within the API), or by the API ID in
   * a known ARN. A reference to the API's own execution ARN followed at once by a wildcard
   * (`${aws_api_gateway_rest_api.x.execution_arn}*`) extends the API ID, so names no one API. Never uncertain:
   * APIGW-107 needs to know whether the ARN names one API, not which.
   */
  apiOfSourceArn(source: AnyEntity, apiType: ResourceType, stageTypes: readonly ResourceType[]): Resolution {
    const direct = this.fromReferences(source, "source_arn", [apiType]);
    if (direct !== null && direct.link.state === "resolved" && !this.extendsApiId(source)) return direct;
    const viaStage = this.fromReferences(source, "source_arn", stageTypes);
    if (viaStage !== null && viaStage.link.state === "resolved" && viaStage.link.target !== null) {
      const stage = this.byAddress.get(viaStage.link.target);
      const links = stage?.links as { rest_api?: Link; api?: Link } | undefined;
      const api = (links?.rest_api ?? links?.api)?.target;
      const target = api === undefined || api === null ? undefined : this.byAddress.get(api);
      if (target !== undefined) return this.resolved(target);
    }
    const apiId = stringValue(source, "source_api_id");
    const known = apiId === null ? undefined : this.byKnownValue(apiType, "id", apiId);
    return known === undefined ? ABSENT : this.resolved(known);
  }

  /** True when the partial `source_arn` puts a wildcard right after an API's execution ARN (see apiOfSourceArn). */
  private extendsApiId(source: AnyEntity): boolean {
    const partial = this.instances.get(source)?.unknown.find((u) => u.path.length === 1 && u.path[0] === "source_arn")?.partial;
    return partial !== undefined && /_api\.[^/]*execution_arn[*?]/.test(partial);
  }

  /** Sets a forward link, and records the reverse side (`reverseName`) on the target or candidates. */
  set(source: AnyEntity, name: string, resolution: Resolution, reverseName?: string): void {
    (source.links as unknown as Record<string, Link>)[name] = resolution.link;
    if (resolution.link.state === "uncertain") {
      source.unknown[`links.${name}`] = { set: false, reason: "link", references: [], origins: [] };
    }
    if (reverseName === undefined) return;
    if (resolution.link.state === "resolved" && resolution.link.target !== null) {
      this.reverseSet(resolution.link.target, reverseName).targets.push(source.address);
    }
    this.markCandidates(resolution, reverseName);
  }

  /**
   * Marks the reverse link `reverseName` uncertain on every candidate. A shared list is marked once per name:
   * marking again changes nothing (the mark's key is in place since the first time), and N sources sharing
   * M candidates would cost N × M.
   */
  private markCandidates(resolution: Resolution, reverseName: string): void {
    for (const list of resolution.candidates) {
      let names = this.marked.get(list);
      if (names === undefined) {
        names = new Set();
        this.marked.set(list, names);
      } else if (names.has(reverseName)) continue;
      names.add(reverseName);
      for (const candidate of list) {
        this.reverseSet(candidate.address, reverseName).uncertain = true;
        candidate.unknown[`links.${reverseName}`] = { set: false, reason: "link", references: [], origins: [] };
      }
    }
  }

  /** A forward link that names several resources (a usage plan's `api_stages`): a LinkSet on the source. */
  setMany(source: AnyEntity, name: string, resolutions: readonly Resolution[], reverseName: string): void {
    const targets = new Set<string>();
    let isUncertain = false;
    for (const resolution of resolutions) {
      if (resolution.link.state === "resolved" && resolution.link.target !== null) {
        targets.add(resolution.link.target);
        this.reverseSet(resolution.link.target, reverseName).targets.push(source.address);
      }
      if (resolution.link.state === "uncertain") isUncertain = true;
      this.markCandidates(resolution, reverseName);
    }
    const sorted = [...targets].sort();
    (source.links as unknown as Record<string, LinkSet>)[name] = {
      targets: sorted,
      indices: sorted.map((address) => this.position.get(this.byAddress.get(address) as AnyEntity) ?? -1),
      uncertain: isUncertain,
    };
    if (isUncertain) source.unknown[`links.${name}`] = { set: false, reason: "link", references: [], origins: [] };
  }

  private reverseSet(address: string, name: string): LinkSet {
    let sets = this.reverse.get(address);
    if (sets === undefined) {
      sets = new Map();
      this.reverse.set(address, sets);
    }
    let set = sets.get(name);
    if (set === undefined) {
      set = { targets: [], indices: [], uncertain: false };
      sets.set(name, set);
    }
    return set;
  }

  /** Writes every reverse link set (empty when nothing links) onto entities of `type`. */
  finishReverse(type: ResourceType, names: readonly string[]): void {
    for (const entity of this.all(type)) {
      const links = entity.links as unknown as Record<string, LinkSet>;
      const sets = this.reverse.get(entity.address);
      for (const name of names) {
        const set = sets?.get(name);
        if (set === undefined) {
          links[name] = { targets: [], indices: [], uncertain: false };
          continue;
        }
        // Sources link in model order, so targets mostly come sorted and distinct already.
        if (!isSortedDistinct(set.targets)) set.targets = [...new Set(set.targets)].sort();
        set.indices = set.targets.map((address) => this.position.get(this.byAddress.get(address) as AnyEntity) ?? -1);
        links[name] = set;
      }
    }
  }
}

/** True when each string is greater than the one before (as `sort()` orders strings: by UTF-16 code units). */
function isSortedDistinct(list: readonly string[]): boolean {
  for (let i = 1; i < list.length; i += 1) if (!((list[i - 1] as string) < (list[i] as string))) return false;
  return true;
}

/** A usage plan's `api_stages[i]`: the REST stage it names, by reference or by (API, stage name). */
function usagePlanStages(linker: Linker, plan: AnyEntity): Resolution[] {
  const stages = (plan.values as unknown as { api_stages: Array<{ api_id: string | null; stage: string | null }> }).api_stages;
  return stages.map((item, i) => {
    const api = linker.byKeyedAttribute(plan, `api_stages.${i}.api_id`, item.api_id, ["aws_api_gateway_rest_api"]);
    return linker.stageByName(plan, `api_stages.${i}.stage`, api.link, item.stage);
  });
}

/** Links the entities of `resources`; `instances` gives each entity's resource instance (its references). */
export function linkModel(resources: ModelResources, instances: ReadonlyMap<AnyEntity, ResourceInstance>): void {
  const linker = new Linker(resources, instances);
  const API: ResourceType[] = ["aws_api_gateway_rest_api"];
  const V2API: ResourceType[] = ["aws_apigatewayv2_api"];
  for (const stage of linker.all("aws_api_gateway_stage")) {
    linker.set(stage, "rest_api", linker.byAttribute(stage, "rest_api_id", API), "stages");
    linker.set(stage, "deployment", linker.byAttribute(stage, "deployment_id", ["aws_api_gateway_deployment"]));
    linker.set(stage, "client_certificate", linker.byAttribute(stage, "client_certificate_id", ["aws_api_gateway_client_certificate"]));
  }
  for (const policy of linker.all("aws_api_gateway_rest_api_policy")) {
    linker.set(policy, "rest_api", linker.byAttribute(policy, "rest_api_id", API), "policies");
  }
  for (const method of linker.all("aws_api_gateway_method")) {
    linker.set(method, "rest_api", linker.byAttribute(method, "rest_api_id", API), "methods");
    linker.set(method, "authorizer", linker.byAttribute(method, "authorizer_id", ["aws_api_gateway_authorizer"]));
    linker.set(method, "request_validator", linker.byAttribute(method, "request_validator_id", ["aws_api_gateway_request_validator"]));
  }
  for (const integration of linker.all("aws_api_gateway_integration")) {
    linker.set(integration, "rest_api", linker.byAttribute(integration, "rest_api_id", API), "integrations");
  }
  for (const type of [
    "aws_api_gateway_authorizer",
    "aws_api_gateway_deployment",
    "aws_api_gateway_integration_response",
    "aws_api_gateway_method_response",
    "aws_api_gateway_gateway_response",
    "aws_api_gateway_request_validator",
  ] as const) {
    for (const entity of linker.all(type)) linker.set(entity, "rest_api", linker.byAttribute(entity, "rest_api_id", API));
  }
  // Stage links must exist before anything finds stages by (API, name) or by ARN.
  for (const settings of linker.all("aws_api_gateway_method_settings")) {
    const api = linker.byAttribute(settings, "rest_api_id", API);
    linker.set(settings, "rest_api", api);
    linker.set(settings, "stage", linker.stageByName(settings, "stage_name", api.link), "method_settings");
  }
  for (const mapping of linker.all("aws_api_gateway_base_path_mapping")) {
    const api = linker.byAttribute(mapping, "api_id", API);
    linker.set(mapping, "rest_api", api, "base_path_mappings");
    linker.set(mapping, "stage", linker.stageByName(mapping, "stage_name", api.link));
    linker.set(
      mapping,
      "domain_name",
      linker.byAttribute(mapping, "domain_name", ["aws_api_gateway_domain_name"], "domain_name"),
      "base_path_mappings",
    );
  }
  const loggingByAclArn = new Map<string, AnyEntity>();
  for (const logging of linker.all("aws_wafv2_web_acl_logging_configuration")) {
    linker.set(logging, "web_acl", linker.byAttribute(logging, "resource_arn", ["aws_wafv2_web_acl"], "arn"), "logging_configurations");
    const arn = stringValue(logging, "resource_arn");
    if (arn !== null) loggingByAclArn.set(arn, logging);
  }
  for (const association of linker.all("aws_wafv2_web_acl_association")) {
    linker.set(association, "stage", linker.stageByArn(association), "wafv2_associations");
    const webAcl = linker.byAttribute(association, "web_acl_arn", ["aws_wafv2_web_acl"], "arn", "web_acl");
    linker.set(association, "web_acl", webAcl, "associations");
    // An ACL managed elsewhere may still be logged by a configuration here that names its literal ARN.
    const arn = webAcl.link.state === "absent" ? stringValue(association, "web_acl") : null;
    const logging = arn === null ? undefined : loggingByAclArn.get(arn);
    linker.set(association, "web_acl_logging", logging === undefined ? ABSENT : linker.resolved(logging));
  }
  for (const association of linker.all("aws_wafregional_web_acl_association")) {
    linker.set(association, "stage", linker.stageByArn(association), "wafregional_associations");
  }
  for (const plan of linker.all("aws_api_gateway_usage_plan")) linker.setMany(plan, "stages", usagePlanStages(linker, plan), "usage_plans");

  for (const stage of linker.all("aws_apigatewayv2_stage")) linker.set(stage, "api", linker.byAttribute(stage, "api_id", V2API), "stages");
  for (const route of linker.all("aws_apigatewayv2_route")) {
    linker.set(route, "api", linker.byAttribute(route, "api_id", V2API), "routes");
    linker.set(route, "authorizer", linker.byAttribute(route, "authorizer_id", ["aws_apigatewayv2_authorizer"]));
  }
  for (const type of ["aws_apigatewayv2_integration", "aws_apigatewayv2_authorizer"] as const) {
    for (const entity of linker.all(type)) linker.set(entity, "api", linker.byAttribute(entity, "api_id", V2API));
  }
  for (const mapping of linker.all("aws_apigatewayv2_api_mapping")) {
    linker.set(mapping, "api", linker.byAttribute(mapping, "api_id", V2API), "api_mappings");
    linker.set(mapping, "domain_name", linker.byAttribute(mapping, "domain_name", ["aws_apigatewayv2_domain_name"], "domain_name"), "api_mappings");
  }
  for (const permission of linker.all("aws_lambda_permission")) {
    linker.set(
      permission,
      "rest_api",
      linker.apiOfSourceArn(permission, "aws_api_gateway_rest_api", ["aws_api_gateway_stage", "aws_api_gateway_deployment"]),
    );
    linker.set(permission, "v2_api", linker.apiOfSourceArn(permission, "aws_apigatewayv2_api", ["aws_apigatewayv2_stage"]));
  }

  linker.finishReverse("aws_api_gateway_rest_api", ["stages", "policies", "methods", "base_path_mappings", "integrations"]);
  linker.finishReverse("aws_api_gateway_stage", ["method_settings", "wafv2_associations", "wafregional_associations", "usage_plans"]);
  linker.finishReverse("aws_api_gateway_domain_name", ["base_path_mappings"]);
  linker.finishReverse("aws_wafv2_web_acl", ["associations", "logging_configurations"]);
  linker.finishReverse("aws_apigatewayv2_api", ["stages", "routes", "api_mappings"]);
  linker.finishReverse("aws_apigatewayv2_domain_name", ["api_mappings"]);
  for (const type of [
    "aws_api_gateway_client_certificate",
    "aws_api_gateway_api_key",
    "aws_api_gateway_account",
    "aws_cloudwatch_log_group",
  ] as const) {
    for (const entity of linker.all(type)) entity.links = {};
  }
  markHttpIntegrations(resources);
}

/** Integration types that call an HTTP endpoint: the only backends a stage's client certificate reaches. */
const HTTP_INTEGRATION_TYPES: ReadonlySet<string> = new Set(["HTTP", "HTTP_PROXY"]);

/**
 * Sets each REST API's `has_http_integration` from its linked integrations and its OpenAPI body, after the
 * integration links exist. When none is known to be HTTP but one may be (an integration type or the body is
 * known only after apply, or an integration might belong to this API), `unknown.has_http_integration` says
 * so. Each integration is visited once, through the API it links to: linear in the number of resources.
 */
function markHttpIntegrations(resources: ModelResources): void {
  for (const api of resources.aws_api_gateway_rest_api) {
    let known = false;
    let mayBe: UnknownMark["reason"] | null = api.links.integrations.uncertain ? "link" : null;
    // Where the unknown types and body come from (a variable, a data source, ...), for the message.
    const origins = new Set<UnknownMark["origins"][number]>();
    for (const index of api.links.integrations.indices) {
      const integration = resources.aws_api_gateway_integration[index];
      if (integration === undefined) continue;
      const typeMark = integration.unknown["type"];
      if (typeMark !== undefined) {
        mayBe = "after_apply";
        typeMark.origins.forEach((o) => origins.add(o));
      } else if (HTTP_INTEGRATION_TYPES.has((integration.values.type ?? "").toUpperCase())) known = true;
    }
    const body = api.values.body_document;
    const bodyMark = api.unknown["body"];
    if (body.state === "unknown") {
      mayBe = bodyMark?.reason ?? "after_apply";
      bodyMark?.origins.forEach((o) => origins.add(o));
    }
    if (body.operations.some((operation) => HTTP_INTEGRATION_TYPES.has(operation.integration_type ?? ""))) known = true;
    api.values.has_http_integration = known;
    if (!known && mayBe !== null) api.unknown["has_http_integration"] = { set: false, reason: mayBe, references: [], origins: [...origins].sort() };
  }
}
