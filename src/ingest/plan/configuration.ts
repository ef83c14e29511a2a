/**
 * The `configuration` section of a plan: per-module resource expressions, and resolution of their
 * `references` (module-relative strings) to absolute managed-resource addresses through module variables
 * and outputs. Built once per plan; every lookup is a map access.
 */
import { formatModuleAddress, joinAddress, parseReference, type ModuleStep, type ParsedReference } from "../../terraform/addresses";
import { record } from "../../records";
import { describeJson } from "../json";
import type { Json, JsonObject, ResolvedReference } from "../types";

export interface ConfigResource {
  address: string;
  mode: string;
  type: string;
  name: string;
  expressions: JsonObject;
  /** What its expressions say whatever the module instance: read once, with the check. */
  walk: ExpressionWalk;
}

/**
 * What a configuration resource's expressions say whatever the module instance: read once per configuration
 * resource (and so once for all the instances of a resource, or of a module, with count or for_each); the
 * plan reader resolves the references for each instance.
 */
export interface ExpressionWalk {
  /**
   * Every expression with references, in walk order: its node, its dotted path, the path with list indices
   * (inside repeated blocks; null elsewhere), its references.
   */
  expressions: Array<{ node: JsonObject; path: string; indexed: string | null; references: readonly string[] }>;
  /** Each expression's position in `expressions`, by its node (the plan reader resolves them all first). */
  positions: Map<JsonObject, number>;
  /** Dotted attribute paths written as literal constants, sorted. */
  literals: readonly string[];
  /** Top-level attributes and blocks configured, sorted. */
  configured: readonly string[];
}

/** Strings in sort() order; most lists come sorted already (Terraform writes object keys in order). */
function sorted(strings: string[]): string[] {
  for (let i = 1; i < strings.length; i += 1) {
    if ((strings[i - 1] as string) > (strings[i] as string)) return strings.sort();
  }
  return strings;
}

/**
 * Walks a resource's expressions: null when checkExpressions would refuse them (the caller then calls it
 * for the message), so that a well-formed resource, nearly every one, is walked once and no path is
 * spelled out.
 */
function walkExpressions(expressions: JsonObject): ExpressionWalk | null {
  const walk: ExpressionWalk = { expressions: [], positions: new Map(), literals: [], configured: sorted(Object.keys(expressions)) };
  const literals = new Set<string>();
  // Dotted paths as strings (`path.join(".")` of the steps so far): `depth` steps in `path`; `indexed`
  // also has list positions, and differs from `path` once inside a list (`inList`).
  const join = (prefix: string, depth: number, step: string): string => (depth === 0 ? step : `${prefix}.${step}`);
  const visit = (node: Json | undefined, path: string, depth: number, indexed: string, indexedDepth: number, inList: boolean): boolean => {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i += 1) {
        if (!visit(node[i], path, depth, join(indexed, indexedDepth, String(i)), indexedDepth + 1, true)) return false;
      }
      return true;
    }
    const object = asObject(node ?? null);
    if (object === null) return false;
    if (isExpression(object)) {
      const references = object["references"];
      if (references !== undefined && !(Array.isArray(references) && references.every((r) => typeof r === "string"))) return false;
      if ("constant_value" in object) literals.add(path);
      if (references !== undefined && references.length > 0) {
        walk.positions.set(object, walk.expressions.length);
        walk.expressions.push({ node: object, path, indexed: inList ? indexed : null, references: references as string[] });
      }
      return true;
    }
    for (const key of Object.keys(object)) {
      if (!visit(object[key], join(path, depth, key), depth + 1, join(indexed, indexedDepth, key), indexedDepth + 1, inList)) return false;
    }
    return true;
  };
  if (!visit(expressions, "", 0, "", 0, false)) return null;
  walk.literals = sorted([...literals]);
  // Every instance of the resource holds this list (ResourceInstance.configured): frozen, so none can change it for the others.
  Object.freeze(walk.configured);
  return walk;
}

interface ConfigModule {
  resources: Map<string, ConfigResource>;
  calls: Map<string, ConfigModuleCall>;
  outputs: Map<string, JsonObject>;
  /** Variables declared with `default = null` (or given null by the caller, see isNullVariable). */
  nullDefaults: Set<string>;
}

interface ConfigModuleCall {
  expressions: JsonObject;
  module: ConfigModule;
  repeated: boolean;
}

function asObject(value: unknown): JsonObject | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as JsonObject) : null;
}

type Fail = (message: string) => never;

/** An optional object field: absent gives an empty record, anything but an object is an error naming `where`. */
function objectField(parent: JsonObject, key: string, where: string, fail: Fail): JsonObject {
  const value = parent[key];
  if (value === undefined) return record<Json>();
  return asObject(value) ?? fail(`${where}.${key} is ${describeJson(value)}, expected an object`);
}

/**
 * Checks a resource's (or module call's) expressions: block bodies are objects, repeated blocks lists of
 * them, and an expression's `references` a list of strings. A malformed reference list would otherwise be
 * read as no reference at all, and a link the rules need would be lost.
 */
function checkExpressions(node: Json | undefined, where: string, fail: Fail): void {
  if (Array.isArray(node)) {
    node.forEach((element, i) => checkExpressions(element, `${where}[${i}]`, fail));
    return;
  }
  const object = asObject(node ?? null);
  if (object === null) return fail(`${where} is ${describeJson(node)}, expected an expression or a block`);
  if (isExpression(object)) {
    const references = object["references"];
    if (references !== undefined && !(Array.isArray(references) && references.every((r) => typeof r === "string"))) {
      fail(`${where}.references is ${describeJson(references)}, expected a list of strings`);
    }
    return;
  }
  for (const key of Object.keys(object)) checkExpressions(object[key], `${where}.${key}`, fail);
}

/**
 * Stands in for a configuration resource the streaming plan reader (./stream.ts) checked with
 * {@link readConfigResource} and dropped: one no plan entry can look up (see {@link isLookedUp}).
 */
export const PRUNED_RESOURCE: JsonObject = Object.freeze(record<Json>());

/** Checks one entry of a module's `resources` (`at` names it) and returns what lookups need. */
export function readConfigResource(item: Json, at: string, fail: Fail): ConfigResource {
  const r = asObject(item) ?? fail(`${at} is ${describeJson(item)}, expected an object`);
  const address = r["address"];
  if (typeof address !== "string" || address === "") fail(`${at}: address is ${describeJson(address)}, expected a string`);
  for (const key of ["mode", "type", "name"]) {
    if (r[key] !== undefined && typeof r[key] !== "string")
      fail(`${at} (${address as string}): ${key} is ${describeJson(r[key])}, expected a string`);
  }
  const expressions = objectField(r, "expressions", `${at} (${address as string})`, fail);
  const walk = walkExpressions(expressions);
  if (walk === null) checkExpressions(expressions, `${at} (${address as string}).expressions`, fail);
  const resource: ConfigResource = {
    address: address as string,
    mode: typeof r["mode"] === "string" ? r["mode"] : "managed",
    type: typeof r["type"] === "string" ? r["type"] : "",
    name: typeof r["name"] === "string" ? r["name"] : "",
    expressions,
    walk: walk as ExpressionWalk,
  };
  return resource;
}

/**
 * Whether the plan reader can look this configuration resource up: resources are found by `type.name`
 * of a judged (managed, model-type) change, so any other address is never read.
 */
export function isLookedUp(resource: ConfigResource, types: ReadonlySet<string>): boolean {
  const dot = resource.address.indexOf(".");
  return dot > 0 && types.has(resource.address.slice(0, dot));
}

/**
 * Configuration resources already read, by their object: the streaming reader (./stream.ts) reads each one
 * as it passes, and PlanConfiguration would otherwise walk its expressions again. Parsed values are never
 * changed, so what was read holds.
 */
export type ReadResources = ReadonlyMap<Json, ConfigResource>;

/**
 * Modules already read, by their object: the streaming reader gives every call of a module whose configuration
 * is the same text one shared object (stream.ts RepeatedValues). What is read from it depends on nothing else,
 * and it was checked when first read (an error would have stopped there).
 */
type ReadModules = Map<JsonObject, ConfigModule>;

function readModule(raw: JsonObject | null, where: string, fail: Fail, read: ReadResources | undefined, modules: ReadModules): ConfigModule {
  if (raw !== null) {
    const known = modules.get(raw);
    if (known !== undefined) return known;
  }
  const module: ConfigModule = { resources: new Map(), calls: new Map(), outputs: new Map(), nullDefaults: new Set() };
  if (raw === null) return module;
  const resources = raw["resources"];
  if (resources !== undefined && !Array.isArray(resources)) fail(`${where}.resources is ${describeJson(resources)}, expected a list`);
  for (const [i, item] of ((resources ?? []) as Json[]).entries()) {
    if (item === PRUNED_RESOURCE) continue;
    const resource = read?.get(item) ?? readConfigResource(item, `${where}.resources[${i}]`, fail);
    module.resources.set(resource.address, resource);
  }
  for (const [name, value] of Object.entries(objectField(raw, "module_calls", where, fail))) {
    const at = `${where}.module_calls.${name}`;
    const call = asObject(value) ?? fail(`${at} is ${describeJson(value)}, expected an object`);
    const expressions = objectField(call, "expressions", at, fail);
    checkExpressions(expressions, `${at}.expressions`, fail);
    const child = call["module"];
    if (child !== undefined && asObject(child) === null) fail(`${at}.module is ${describeJson(child)}, expected an object`);
    module.calls.set(name, {
      expressions,
      module: readModule(asObject(child ?? null), `${at}.module`, fail, read, modules),
      repeated: call["count_expression"] !== undefined || call["for_each_expression"] !== undefined,
    });
  }
  for (const [name, value] of Object.entries(objectField(raw, "variables", where, fail))) {
    const variable = asObject(value) ?? fail(`${where}.variables.${name} is ${describeJson(value)}, expected an object`);
    if ("default" in variable && variable["default"] === null) module.nullDefaults.add(name);
  }
  for (const [name, value] of Object.entries(objectField(raw, "outputs", where, fail))) {
    const at = `${where}.outputs.${name}`;
    const output = asObject(value) ?? fail(`${at} is ${describeJson(value)}, expected an object`);
    const expression = output["expression"];
    if (expression === undefined) continue;
    const object = asObject(expression) ?? fail(`${at}.expression is ${describeJson(expression)}, expected an object`);
    checkExpressions(object, `${at}.expression`, fail);
    module.outputs.set(name, object);
  }
  modules.set(raw, module);
  return module;
}

/** True when a configuration node is an expression (`{references, constant_value}`) rather than a block body. */
export function isExpression(node: JsonObject): boolean {
  return "references" in node || "constant_value" in node || isEmpty(node);
}

/** No own key (without listing them: most nodes asked about are block bodies, with keys). */
function isEmpty(node: JsonObject): boolean {
  for (const key in node) if (Object.hasOwn(node, key)) return false;
  return true;
}

const MAX_DEPTH = 16;

/** What tells resolved references apart: `base#key`. */
function referenceId(ref: ResolvedReference): string {
  return `${ref.base}#${ref.key === undefined ? "" : String(ref.key)}`;
}

/** referenceId(a) === referenceId(b), without building them when the bases are alike or cannot collide. */
function sameReference(a: ResolvedReference, b: ResolvedReference): boolean {
  if (a.base === b.base) return a.key === b.key || (a.key === undefined ? "" : String(a.key)) === (b.key === undefined ? "" : String(b.key));
  return (a.base.includes("#") || b.base.includes("#")) && referenceId(a) === referenceId(b);
}

/**
 * Adds `ref` to `out` unless a reference with the same `base#key` is there: compared field by field while the
 * list is short (most expressions name one resource), then by text in `seen`, made when the list reaches 8 and
 * returned for the next call.
 */
function addReference(out: ResolvedReference[], seen: Set<string> | null, ref: ResolvedReference): Set<string> | null {
  if (seen !== null) {
    const id = referenceId(ref);
    if (seen.has(id)) return seen;
    seen.add(id);
  } else {
    for (let i = 0; i < out.length; i += 1) if (sameReference(out[i] as ResolvedReference, ref)) return null;
    if (out.length === 8) seen = new Set([...out, ref].map(referenceId));
  }
  out.push(ref);
  return seen;
}

/**
 * A list of references as resolve() reads it whatever the module instance, worked out once per list (a module's
 * lists are read for every resource instance of every call of it): the references that can name a resource, in
 * order, and whether every one reads a variable.
 */
interface PreparedReferences {
  /**
   * Parsed resource, variable and module-output references; without those that never name a resource, and
   * without a resource's whole-resource reference when a keyed one is listed too (Terraform lists a traversal
   * and its prefixes, `aws_x.y[0].id`, `aws_x.y[0]`, `aws_x.y`: the most specific is kept, so an indexed
   * reference is not widened to every instance).
   */
  refs: ParsedReference[];
  /** The names of the variables read, when the list reads only variables (and is not empty); else null. */
  onlyVariables: string[] | null;
}

const NO_RESOLVED: readonly ResolvedReference[] = Object.freeze([]);
const NO_STRINGS: readonly string[] = Object.freeze([]);

/** The map kept under `key` in `outer` (one per module instance), made when missing. */
function mapUnder<K extends object, V>(outer: WeakMap<K, Map<ParsedReference, V>>, key: K): Map<ParsedReference, V> {
  let inner = outer.get(key);
  if (inner === undefined) {
    inner = new Map();
    outer.set(key, inner);
  }
  return inner;
}

/** An expression's `references` as written (checked when read: see readModule), or an empty list. */
function referencesIn(node: Json | undefined): readonly string[] {
  const expression = asObject(node ?? null);
  const refs = expression === null ? undefined : expression["references"];
  return Array.isArray(refs) ? (refs as string[]) : NO_STRINGS;
}

export class PlanConfiguration {
  private readonly root: ConfigModule;
  /** Root variables whose value in this plan is null. */
  private readonly nullRootVariables = new Set<string>();
  /** parseReference by text: a module's references repeat in every resource and every instance of it. */
  private readonly parsed = new Map<string, ParsedReference | null>();
  /** Reference lists worked out (see PreparedReferences), by the list: lists from configuration are shared. */
  private readonly prepared = new WeakMap<readonly string[], PreparedReferences>();
  /**
   * What a module call's argument resolves to, by argument expression and the calling module instance's
   * address: `var.x` reads the same argument from every resource of every instance of the call.
   */
  private readonly arguments = new WeakMap<JsonObject, Map<string, ResolvedReference[]>>();
  /**
   * A resource reference resolved in a module instance, by the instance's steps (the plan reader's list per
   * module address) and the parsed reference: every instance of the module's resources names the same few
   * resources, and one object for each is kept by all their references.
   */
  private readonly resolvedIn = new WeakMap<readonly ModuleStep[], Map<ParsedReference, ResolvedReference>>();
  /** The steps of a module instance's parent, by the instance's steps (one list for every lookup). */
  private readonly parents = new WeakMap<readonly ModuleStep[], readonly ModuleStep[]>();
  /** The steps of a module call's instance below a module instance, by the parent's steps and the reference. */
  private readonly children = new WeakMap<readonly ModuleStep[], Map<ParsedReference, readonly ModuleStep[]>>();
  /** formatModuleAddress by steps. */
  private readonly addresses = new WeakMap<readonly ModuleStep[], string>();

  /** `fail` reports a malformed section (the plan reader names the input); sections are optional. */
  constructor(raw: unknown, variables: unknown, fail: Fail, read?: ReadResources) {
    const configuration = asObject(raw ?? null) ?? record<Json>();
    const root = configuration["root_module"];
    if (root !== undefined && asObject(root) === null) fail(`configuration.root_module is ${describeJson(root)}, expected an object`);
    this.root = readModule(asObject(root ?? null), "configuration.root_module", fail, read, new Map());
    for (const [name, value] of Object.entries(asObject(variables ?? null) ?? record<Json>())) {
      const variable = asObject(value) ?? fail(`variables.${name} is ${describeJson(value)}, expected an object`);
      if (variable["value"] === null) this.nullRootVariables.add(name);
    }
  }

  private parentOf(steps: readonly ModuleStep[]): readonly ModuleStep[] {
    let parent = this.parents.get(steps);
    if (parent === undefined) {
      parent = steps.slice(0, -1);
      this.parents.set(steps, parent);
    }
    return parent;
  }

  private childOf(steps: readonly ModuleStep[], ref: ParsedReference & { kind: "module" }): readonly ModuleStep[] {
    const byRef = mapUnder(this.children, steps);
    let child = byRef.get(ref);
    if (child === undefined) {
      const step: ModuleStep = ref.key === undefined ? { name: ref.name } : { name: ref.name, key: ref.key };
      child = [...steps, step];
      byRef.set(ref, child);
    }
    return child;
  }

  private addressOf(steps: readonly ModuleStep[]): string {
    let address = this.addresses.get(steps);
    if (address === undefined) {
      address = formatModuleAddress(steps);
      this.addresses.set(steps, address);
    }
    return address;
  }

  /**
   * True when `var.name` is null in module instance `steps`: a root variable whose plan value is null, or a
   * module variable the call leaves out (or sets to the literal null) whose default is null.
   */
  isNullVariable(steps: readonly ModuleStep[], name: string): boolean {
    if (steps.length === 0) return this.nullRootVariables.has(name);
    const last = steps[steps.length - 1];
    const call = last === undefined ? undefined : this.moduleAt(this.parentOf(steps))?.calls.get(last.name);
    if (call === undefined) return false;
    const argument = asObject(call.expressions[name]);
    if (argument === null) return call.module.nullDefaults.has(name);
    return "constant_value" in argument && argument["constant_value"] === null;
  }

  private parse(text: string): ParsedReference | null {
    let ref = this.parsed.get(text);
    if (ref === undefined) {
      ref = parseReference(text);
      this.parsed.set(text, ref);
    }
    return ref;
  }

  private prepare(references: readonly string[]): PreparedReferences {
    let prepared = this.prepared.get(references);
    if (prepared !== undefined) return prepared;
    const texts = references.filter((r) => typeof r === "string");
    const parsed = texts.map((text) => this.parse(text));
    const keyed = new Set<string>();
    for (const ref of parsed) if (ref?.kind === "resource" && ref.key !== undefined) keyed.add(`${ref.type}.${ref.name}`);
    const refs: ParsedReference[] = [];
    for (const ref of parsed) {
      if (ref === null || ref.kind === "other" || (ref.kind === "module" && ref.output === undefined)) continue;
      if (ref.kind === "resource" && ref.key === undefined && keyed.has(`${ref.type}.${ref.name}`)) continue;
      refs.push(ref);
    }
    const variables = parsed.every((ref) => ref?.kind === "variable") ? parsed.map((ref) => (ref as { name: string }).name) : null;
    prepared = { refs, onlyVariables: texts.length > 0 ? variables : null };
    this.prepared.set(references, prepared);
    return prepared;
  }

  /** True when an expression only reads variables that are null: the attribute is unset, not unknown. */
  onlyNullVariables(references: readonly string[], steps: readonly ModuleStep[]): boolean {
    if (references.length === 0) return false;
    const names = this.prepare(references).onlyVariables;
    return names !== null && names.every((name) => this.isNullVariable(steps, name));
  }

  private moduleAt(steps: readonly ModuleStep[]): ConfigModule | null {
    let module: ConfigModule | undefined = this.root;
    for (let i = 0; i < steps.length; i += 1) {
      module = module.calls.get((steps[i] as ModuleStep).name)?.module;
      if (module === undefined) return null;
    }
    return module;
  }

  /** The configuration of a resource in a module instance (`aws_api_gateway_stage.this`). */
  resource(steps: readonly ModuleStep[], configAddress: string): ConfigResource | null {
    return this.moduleAt(steps)?.resources.get(configAddress) ?? null;
  }

  /** A resource reference in module instance `steps`, one object per instance and reference. */
  private resourceIn(steps: readonly ModuleStep[], ref: ParsedReference & { kind: "resource" }): ResolvedReference {
    const byRef = mapUnder(this.resolvedIn, steps);
    let resolved = byRef.get(ref);
    if (resolved === undefined) {
      const base = joinAddress(this.addressOf(steps), `${ref.type}.${ref.name}`);
      resolved = ref.key === undefined ? { base } : { base, key: ref.key };
      byRef.set(ref, resolved);
    }
    return resolved;
  }

  /**
   * Resolves configuration references written in module instance `steps` to managed resources, following
   * `var.x` up to the module call's argument and `module.m.out` down to the output's expression. The list is
   * shared by every caller and never changed (empty: one frozen list).
   */
  resolve(references: readonly string[], steps: readonly ModuleStep[], depth = 0): readonly ResolvedReference[] {
    if (depth > MAX_DEPTH || references.length === 0) return NO_RESOLVED;
    let out: ResolvedReference[] | null = null;
    let seen: Set<string> | null = null;
    const refs = this.prepare(references).refs;
    for (let i = 0; i < refs.length; i += 1) {
      const ref = refs[i] as ParsedReference;
      switch (ref.kind) {
        case "resource":
          seen = addReference((out ??= []), seen, this.resourceIn(steps, ref));
          break;
        case "variable": {
          if (steps.length === 0) break; // root variables are known values, never resources
          const parentSteps = this.parentOf(steps);
          const last = steps[steps.length - 1];
          const call = last === undefined ? undefined : this.moduleAt(parentSteps)?.calls.get(last.name);
          const argument = asObject(call?.expressions[ref.name]);
          if (argument === null) break; // no argument: a default value, never a resource
          for (const r of this.resolveArgument(argument, parentSteps, depth + 1)) seen = addReference((out ??= []), seen, r);
          break;
        }
        case "module": {
          const call = this.moduleAt(steps)?.calls.get(ref.name);
          if (call === undefined) break;
          // `module.m.out` on a module with count/for_each names every instance: the key is not known here.
          if (call.repeated && ref.key === undefined) break;
          const expression = call.module.outputs.get(ref.output as string);
          for (const r of this.resolve(referencesIn(expression), this.childOf(steps, ref), depth + 1)) seen = addReference((out ??= []), seen, r);
          break;
        }
        case "other":
          break;
      }
    }
    return out ?? NO_RESOLVED;
  }

  /**
   * A module call's argument resolved in the calling module instance `steps`, once per argument and instance:
   * what it resolves to depends on nothing else (the argument's references, and the configuration above).
   */
  private resolveArgument(argument: JsonObject, steps: readonly ModuleStep[], depth: number): readonly ResolvedReference[] {
    // Deeper down, the depth limit may cut the result short: only a top-level resolution is kept and reused.
    if (depth !== 1) return this.resolve(referencesIn(argument), steps, depth);
    let byInstance = this.arguments.get(argument);
    if (byInstance === undefined) {
      byInstance = new Map();
      this.arguments.set(argument, byInstance);
    }
    const at = this.addressOf(steps);
    let resolved = byInstance.get(at);
    if (resolved === undefined) {
      resolved = this.resolve(referencesIn(argument), steps, depth) as ResolvedReference[];
      byInstance.set(at, resolved);
    }
    return resolved;
  }
}
