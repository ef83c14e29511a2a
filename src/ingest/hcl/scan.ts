/**
 * Static evaluation of a configuration: module instances (count/for_each over known collections), their
 * variables (defaults, tfvars, module arguments), locals, outputs and resource instances, each evaluated
 * at most once (memoized), so the work is linear in the size of the configuration times its instances.
 * A reference cycle (which Terraform would reject) evaluates to an unknown value instead of recursing.
 */
import { PolicyCheckError } from "../../errors";
import { MAX_INSTANCES, MAX_INSTANCES_PER_BLOCK, MAX_MODULE_DEPTH, MAX_REFERENCE_DEPTH } from "../../limits";
import { formatKey, formatModuleAddress, joinAddress, type ModuleStep } from "../../terraform/addresses";
import { isResourceType, SPECS } from "../../model/spec";
import { nestedBlock, NO_BLOCKS, resourceBlocks, type BlockSchema } from "../../terraform/blocks";
import { COUNT_AND_FOR_EACH, hasCountAndForEach, JSON_COMMENT, META_ARGUMENTS } from "../../terraform/meta-arguments";
import { describeJson } from "../json";
import type { Json, JsonObject } from "../types";
import { moduleTooDeep, type Declared, type ModuleCallConfig, type ModuleConfig, type ResourceConfig } from "./config";
import { evaluate, Scope } from "./evaluate";
import { parseTemplate, traversalText, walk, type Expr } from "./expression";
import type { FunctionContext } from "./functions";
import { renderIamPolicyDocument } from "./iam-policy-document";
import { conformResourceBody, conformVariable, parseTypeConstraint } from "./types";
import {
  asNumber,
  asString,
  deepRefs,
  entries,
  invalid,
  isKnown,
  mark,
  namespace,
  NULL,
  object,
  prim,
  tuple,
  unknown,
  type Ref,
  type Val,
} from "./values";

const templates = new Map<string, Expr>();

function template(text: string): Expr {
  let expr = templates.get(text);
  if (expr === undefined) {
    expr = parseTemplate(text);
    templates.set(text, expr);
  }
  return expr;
}

function asObject(value: Json | undefined): JsonObject | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value : null;
}

/** A JSON-syntax value in expression position: strings are templates, objects are object constructors. */
export function evaluateNode(node: Json, scope: Scope): Val {
  if (typeof node === "string") return evaluate(template(node), scope);
  if (Array.isArray(node)) return tuple(node.map((n) => evaluateNode(n, scope)));
  if (node !== null && typeof node === "object") {
    const items = new Map<string, Val>();
    const keyRefs: Ref[][] = [];
    for (const [rawKey, value] of Object.entries(node)) {
      const key = rawKey.includes("${") ? evaluate(template(rawKey), scope) : prim(rawKey);
      const k = asString(key);
      if (key.k === "u" || k === null) return unknown(deepRefs(key));
      keyRefs.push([...key.refs]);
      items.set(k, evaluateNode(value, scope));
    }
    return mark(object(items), keyRefs.flat());
  }
  return prim(node);
}

/** What configuration says about one attribute expression, before evaluation. */
export interface StaticInfo {
  /** References as written (`aws_cloudwatch_log_group.x.arn`, `aws_cloudwatch_log_group.x`). */
  references: string[];
  /** No reference of any kind: a literal constant (Terraform's `constant_value`). */
  literal: boolean;
}

const staticCache = new Map<string, StaticInfo>();

export function staticInfo(node: Json): StaticInfo {
  const strings: string[] = [];
  const collect = (n: Json): void => {
    if (typeof n === "string") strings.push(n);
    else if (Array.isArray(n)) n.forEach(collect);
    else if (n !== null && typeof n === "object") {
      for (const [k, v] of Object.entries(n)) {
        if (k.includes("${")) strings.push(k);
        collect(v);
      }
    }
  };
  collect(node);
  const references: string[] = [];
  let literal = true;
  for (const text of strings) {
    if (!text.includes("${") && !text.includes("%{")) continue;
    let info = staticCache.get(text);
    if (info === undefined) {
      info = analyze(template(text));
      staticCache.set(text, info);
    }
    if (!info.literal) literal = false;
    for (const r of info.references) if (!references.includes(r)) references.push(r);
  }
  return { references, literal };
}

function analyze(expr: Expr): StaticInfo {
  const bound = new Set<string>();
  walk(expr, (e) => {
    if (e.t === "for") {
      bound.add(e.valVar);
      if (e.keyVar !== null) bound.add(e.keyVar);
    }
  });
  const references: string[] = [];
  let literal = expr.t !== "unsupported";
  walk(expr, (e) => {
    if (e.t === "scope" || e.t === "anon") literal = false;
    if (e.t !== "attr" && e.t !== "index") return;
    const traversal = traversalText(e);
    // Terraform lists a reference and its prefixes down to the object it names: `data.t.n`, never `data.t`.
    if (traversal === null || bound.has(traversal.root) || traversal.steps.length < (traversal.root === "data" ? 2 : 1)) return;
    if (!references.includes(traversal.text)) references.push(traversal.text);
  });
  return { references, literal };
}

/** One attribute of an evaluated resource body, with where it sits. */
export interface AttributeResult {
  /** Path in Terraform's value shape, with block indices: `["access_log_settings", 0, "destination_arn"]`. */
  valuePath: Array<string | number>;
  value: Val;
  info: StaticInfo;
}

export interface BodyResult {
  value: Val;
  attributes: AttributeResult[];
  /** Top-level attributes and blocks present in configuration (dynamic blocks by their name). */
  configured: string[];
}

const IN_PROGRESS = Symbol("in progress");

const schemas = new Map<string, BlockSchema>();

/** The nested blocks of a resource type the model reads (JSON syntax does not mark blocks as such). */
function blockSchema(type: string): BlockSchema {
  let schema = schemas.get(type);
  if (schema === undefined) {
    schema = resourceBlocks(type, isResourceType(type) ? SPECS[type] : undefined);
    schemas.set(type, schema);
  }
  return schema;
}

/**
 * Evaluates a resource (or data source) body: attributes are expressions; nested blocks are what `schema`
 * names (written as one object or a list of objects) and any other list of objects. Meta-arguments and
 * JSON comments (`//`) are not values.
 */
export function evaluateBody(body: JsonObject, scope: Scope, schema: BlockSchema, fail: Malformed): BodyResult {
  const attributes: AttributeResult[] = [];
  const value = evaluateBlock(body, scope, [], { out: attributes, fail }, true, schema);
  const configured = Object.keys(body).filter((k) => !META_ARGUMENTS.has(k) && k !== "dynamic" && k !== JSON_COMMENT);
  for (const [name] of dynamicBlocks(body, fail)) if (!configured.includes(name)) configured.push(name);
  return { value, attributes, configured: configured.sort() };
}

/** Reports a malformed part of a block body (the caller names the block). */
type Malformed = (message: string) => never;

interface Dynamic {
  forEach: Json;
  iterator: Json | undefined;
  content: JsonObject;
}

/**
 * A body's `dynamic` blocks by name, each with its `for_each`, `iterator` and `content` (JSON syntax may write
 * one as an object, or a list of them). A malformed one is an error, never left out.
 */
function dynamicBlocks(body: JsonObject, fail: Malformed): Array<[string, Dynamic[]]> {
  const raw = body["dynamic"];
  if (raw === undefined) return [];
  const dynamic = asObject(raw) ?? fail(`dynamic is ${describeJson(raw)}, expected an object of blocks`);
  return Object.entries(dynamic)
    .filter(([name]) => name !== JSON_COMMENT)
    .map(([name, specs]) => [
      name,
      (Array.isArray(specs) ? specs : [specs]).map((spec): Dynamic => {
        const dyn = asObject(spec) ?? fail(`dynamic.${name} is ${describeJson(spec)}, expected an object`);
        const rawContent = Array.isArray(dyn["content"]) && dyn["content"].length === 1 ? dyn["content"][0] : dyn["content"];
        const content = asObject(rawContent ?? null) ?? fail(`dynamic.${name}.content is ${describeJson(rawContent)}, expected an object`);
        return { forEach: dyn["for_each"] ?? null, iterator: dyn["iterator"], content };
      }),
    ]);
}

function isBlockList(node: Json | undefined): node is JsonObject[] {
  return Array.isArray(node) && node.length > 0 && node.every((n) => asObject(n) !== null);
}

/** The blocks a nested-block argument holds (JSON syntax may write a single block as an object); null: an attribute. */
function blockBodies(node: Json, schema: BlockSchema | null): JsonObject[] | null {
  if (isBlockList(node)) return node;
  const single = schema === null ? null : asObject(node);
  return single === null ? null : [single];
}

function evaluateBlock(
  body: JsonObject,
  scope: Scope,
  at: Array<string | number>,
  into: { out: AttributeResult[]; fail: Malformed },
  top: boolean,
  schema: BlockSchema,
): Val {
  const { out } = into;
  const items = new Map<string, Val>();
  for (const [key, node] of Object.entries(body)) {
    if ((top && META_ARGUMENTS.has(key)) || key === "dynamic" || key === JSON_COMMENT) continue;
    const nested = nestedBlock(schema, key);
    const blocks = blockBodies(node, nested);
    if (blocks !== null) {
      items.set(
        key,
        tuple(
          blocks.map((b, i) => evaluateBlock(b, scope, [...at, key, i], into, false, nested ?? NO_BLOCKS)),
          true,
        ),
      );
      continue;
    }
    const value = evaluateNode(node, scope);
    out.push({ valuePath: [...at, key], value, info: staticInfo(node) });
    items.set(key, value);
  }
  for (const [name, specs] of dynamicBlocks(body, into.fail)) {
    const existing = items.get(name);
    const blocks: Val[] = existing?.k === "t" ? [...existing.items] : [];
    let whole: Val | null = null;
    for (const { forEach: forEachNode, iterator: iteratorNode, content } of specs) {
      const forEach = evaluateNode(forEachNode, scope);
      const iteratorText = typeof iteratorNode === "string" ? iteratorNode.replace(/^\$\{(.*)\}$/, "$1").trim() : name;
      if (forEach.k === "u" || forEach.k === "ns" || forEach.k === "p") {
        // The blocks exist only after apply (or the for_each is not a collection): the whole block is unknown.
        whole = unknown(deepRefs(forEach), forEach.sensitive);
        out.push({ valuePath: [...at, name], value: whole, info: staticInfo(forEachNode) });
        continue;
      }
      for (const [k, v] of entries(forEach)) {
        const iterator = object(
          new Map<string, Val>([
            ["key", k],
            ["value", mark(v, forEach.refs, forEach.sensitive)],
          ]),
        );
        blocks.push(
          evaluateBlock(
            content,
            scope.with({ [iteratorText]: iterator }),
            [...at, name, blocks.length],
            into,
            false,
            nestedBlock(schema, name) ?? NO_BLOCKS,
          ),
        );
      }
    }
    items.set(name, whole ?? tuple(blocks, true));
  }
  return object(items, true);
}

/** A resource instance after evaluation. */
export interface InstanceResult {
  config: ResourceConfig;
  module: ModuleInstance;
  /** The module's scope with this instance's `each`/`count`. */
  scope: Scope;
  address: string;
  /** Address without the instance key. */
  base: string;
  index: string | number | null;
  body: BodyResult;
}

interface Expansion {
  /** Instance keys; null when the resource has neither count nor for_each. */
  keys: Array<string | number> | null;
  /** Per key, the `each`/`count` bindings. */
  bindings: (key: string | number) => Record<string, Val>;
  /** Set when count/for_each is unknown: one representative instance, with unknown `each`/`count`. */
  unknownBindings: Record<string, Val> | null;
  forEach: boolean;
}

export interface ScanContext {
  fn: FunctionContext;
  /**
   * CDKTF synth-time semantics: what Terraform learns only at plan is unknown. Variables (TerraformVariable:
   * their values come with the plan, from tfvars or the environment), data sources (remote state among
   * them); function calls too, through `fn.only`; the caller leaves module calls unread.
   */
  synthTime?: boolean;
  /** Values of the root module's variables given by tfvars files (already in precedence order). */
  rootVariables: Map<string, Val>;
  budget: ScanBudget;
}

/**
 * `main.tf:3: local value "a"`: where a declaration is, for limit errors (file relative to the scanned root).
 * A declaration without a line is in the one document the input names (a CDKTF stack): just `local value "a"`.
 */
function at(declared: Declared, what: string): string {
  return declared.line > 0 ? `${declared.file}:${declared.line}: ${what}` : what;
}

/**
 * The limits one scan shares across all its module instances (src/limits.ts): how deep values are evaluated
 * inside each other (a chain of locals recurses once per link) and how many instances exist in all.
 */
export class ScanBudget {
  private depth = 0;
  private instances = 0;

  /** Evaluates `body` one reference level deeper, refusing to go past MAX_REFERENCE_DEPTH. */
  nested<T>(where: string, body: () => T): T {
    if (this.depth >= MAX_REFERENCE_DEPTH) {
      throw new PolicyCheckError(
        "INPUT_UNSUPPORTED",
        `${where}: references nest deeper than ${MAX_REFERENCE_DEPTH} levels (MAX_REFERENCE_DEPTH), as in a chain of locals each naming the next`,
      );
    }
    this.depth += 1;
    try {
      return body();
    } finally {
      this.depth -= 1;
    }
  }

  /** Counts the instances of one block against MAX_INSTANCES_PER_BLOCK and, for the whole scan, MAX_INSTANCES. */
  count(where: string, n: number): void {
    if (n > MAX_INSTANCES_PER_BLOCK) {
      throw new PolicyCheckError("INPUT_UNSUPPORTED", `${where}: ${n} instances, more than ${MAX_INSTANCES_PER_BLOCK} (MAX_INSTANCES_PER_BLOCK)`);
    }
    this.instances += n;
    if (this.instances > MAX_INSTANCES) {
      throw new PolicyCheckError(
        "INPUT_UNSUPPORTED",
        `${where}: the configuration expands to more than ${MAX_INSTANCES} resource and module instances (MAX_INSTANCES)`,
      );
    }
  }
}

/** Reports a malformed part of the block at `where` (`main.tf:3: resource "aws_x" "y"`). */
function malformedIn(where: string): Malformed {
  return (message) => {
    throw new PolicyCheckError("INPUT_UNSUPPORTED", `${where}: ${message}`);
  };
}

function expand(body: JsonObject, scope: Scope, budget: ScanBudget, where: string): Expansion {
  if (hasCountAndForEach(body)) throw new PolicyCheckError("INPUT_UNSUPPORTED", `${where}: ${COUNT_AND_FOR_EACH}`);
  if (body["for_each"] !== undefined) {
    const value = evaluateNode(body["for_each"], scope);
    if (value.k === "o" || value.k === "t") {
      const pairs = new Map<string, Val>();
      for (const [k, v] of entries(value)) {
        // A set of strings is keyed by its values; a map by its keys.
        const key = value.k === "t" ? asString(v) : asString(k);
        if (key !== null) pairs.set(key, mark(v, value.refs, value.sensitive));
      }
      budget.count(where, pairs.size);
      return {
        keys: [...pairs.keys()].sort(),
        bindings: (key) => ({
          each: object(
            new Map([
              ["key", prim(key)],
              ["value", pairs.get(String(key)) ?? NULL],
            ]),
          ),
        }),
        unknownBindings: null,
        forEach: true,
      };
    }
    const each = object(
      new Map<string, Val>([
        ["key", unknown(deepRefs(value))],
        ["value", unknown(deepRefs(value))],
      ]),
    );
    return { keys: [], bindings: () => ({}), unknownBindings: { each }, forEach: true };
  }
  if (body["count"] !== undefined) {
    const value = evaluateNode(body["count"], scope);
    const n = asNumber(value);
    if (n !== null && isKnown(value)) {
      budget.count(where, Math.max(0, Math.trunc(n)));
      const keys = Array.from({ length: Math.max(0, Math.trunc(n)) }, (_, i) => i);
      return { keys, bindings: (key) => ({ count: object(new Map([["index", prim(key)]])) }), unknownBindings: null, forEach: false };
    }
    return {
      keys: [],
      bindings: () => ({}),
      unknownBindings: { count: object(new Map([["index", unknown(deepRefs(value))]])) },
      forEach: false,
    };
  }
  return { keys: null, bindings: () => ({}), unknownBindings: null, forEach: false };
}

/** A resource body with its attribute values converted to the provider schema's types (./types.ts). */
function conformBody(type: string, body: BodyResult): BodyResult {
  const value = conformResourceBody(type, body.value);
  if (value === body.value) return body;
  return { ...body, value, attributes: body.attributes.map((a) => ({ ...a, value: valueAt(value, a.valuePath) ?? a.value })) };
}

/** The part of a value at a path of attribute names and block indexes; undefined when it is not there. */
function valueAt(value: Val, valuePath: ReadonlyArray<string | number>): Val | undefined {
  let node: Val | undefined = value;
  for (const step of valuePath) {
    if (node?.k === "o" && typeof step === "string") node = node.items.get(step);
    else if (node?.k === "t" && typeof step === "number") node = node.items[step];
    else return undefined;
  }
  return node;
}

export class ModuleInstance {
  readonly address: string;
  readonly scope: Scope;
  private readonly variables = new Map<string, Val>();
  private readonly locals = new Map<string, Val | typeof IN_PROGRESS>();
  private readonly outputs = new Map<string, Val | typeof IN_PROGRESS>();
  private readonly resources = new Map<string, InstanceResult[] | typeof IN_PROGRESS>();
  private readonly resourceValues = new Map<string, Val>();
  private readonly children = new Map<string, ModuleInstance[]>();
  private readonly childValues = new Map<string, Val>();

  constructor(
    readonly config: ModuleConfig,
    readonly steps: readonly ModuleStep[],
    private readonly context: ScanContext,
    /** Arguments of the module call, evaluated in the caller's scope; null for the root module. */
    private readonly argument: ((name: string) => Val | undefined) | null,
    /** The module instance that calls this one, its call and the scope its arguments are read in; null for the root. */
    readonly caller: { module: ModuleInstance; call: ModuleCallConfig; scope: Scope } | null = null,
  ) {
    this.address = formatModuleAddress(steps);
    this.scope = new Scope((name) => this.root(name), context.fn);
  }

  private root(name: string): Val {
    switch (name) {
      case "var":
        return namespace((n) => this.variable(n));
      case "local":
        return namespace((n) => this.local(n));
      case "module":
        return namespace((n) => this.moduleValue(n));
      case "data":
        return namespace((type) => namespace((n) => this.dataValue(type, n)));
      case "path":
        return namespace((n) =>
          n === "module" ? prim(this.config.relDir) : n === "root" ? prim(".") : n === "cwd" ? prim(this.context.fn.baseDir) : invalid(),
        );
      case "terraform":
        return namespace((n) => (n === "workspace" ? prim("default") : unknown()));
      case "self":
      case "each":
      case "count":
        return invalid();
      default:
        return namespace((n) => this.resourceValue(name, n));
    }
  }

  variable(name: string): Val {
    const cached = this.variables.get(name);
    if (cached !== undefined) return cached;
    const declared = this.config.variables.get(name);
    let value: Val;
    if (declared === undefined) value = invalid();
    else {
      const given =
        this.context.synthTime === true
          ? unknown()
          : this.context.budget.nested(at(declared, `variable "${name}"`), () =>
              this.argument === null ? this.context.rootVariables.get(name) : this.argument(name),
            );
      const fallback = declared.body["default"];
      const constants = new Scope(() => invalid(), this.context.fn);
      // `nullable = false`: a null argument means the default, as if the caller had left it out.
      const notNull = declared.body["nullable"] === false && given?.k === "p" && given.v === null ? undefined : given;
      value = notNull ?? (fallback === undefined ? unknown() : evaluateNode(fallback, constants));
      value = conformVariable(value, parseTypeConstraint(declared.body["type"], constants));
      if (declared.body["sensitive"] === true) value = mark(value, [], true);
    }
    this.variables.set(name, value);
    return value;
  }

  local(name: string): Val {
    const cached = this.locals.get(name);
    if (cached === IN_PROGRESS) return invalid();
    if (cached !== undefined) return cached;
    const declared = this.config.locals.get(name);
    if (declared === undefined) return invalid();
    this.locals.set(name, IN_PROGRESS);
    const value = this.context.budget.nested(at(declared, `local value "${name}"`), () => evaluateNode(declared.node, this.scope));
    this.locals.set(name, value);
    return value;
  }

  output(name: string): Val {
    const cached = this.outputs.get(name);
    if (cached === IN_PROGRESS) return unknown();
    if (cached !== undefined) return cached;
    const declared = this.config.outputs.get(name);
    if (declared === undefined) return invalid();
    this.outputs.set(name, IN_PROGRESS);
    const value = this.context.budget.nested(at(declared, `output "${name}"`), () => evaluateNode(declared.body["value"] ?? null, this.scope));
    this.outputs.set(name, value);
    return value;
  }

  /** Instances of a managed resource, evaluated once. */
  instances(config: ResourceConfig): InstanceResult[] | null {
    const id = `${config.type}.${config.name}`;
    const cached = this.resources.get(id);
    if (cached === IN_PROGRESS) return null;
    if (cached !== undefined) return cached;
    this.resources.set(id, IN_PROGRESS);
    const base = joinAddress(this.address, id);
    const where = at(config, `resource "${config.type}" "${config.name}"`);
    const expansion = this.context.budget.nested(where, () => expand(config.body, this.scope, this.context.budget, where));
    const schema = blockSchema(config.type);
    const make = (index: string | number | null, bindings: Record<string, Val>): InstanceResult => ({
      config,
      module: this,
      scope: this.scope.with(bindings),
      address: index === null ? base : `${base}${formatKey(index)}`,
      base,
      index,
      body: this.context.budget.nested(where, () =>
        conformBody(config.type, evaluateBody(config.body, this.scope.with(bindings), schema, malformedIn(where))),
      ),
    });
    let results: InstanceResult[];
    if (expansion.unknownBindings !== null) results = [make(null, expansion.unknownBindings)];
    else if (expansion.keys === null) results = [make(null, {})];
    else results = expansion.keys.map((key) => make(key, expansion.bindings(key)));
    this.resources.set(id, results);
    return results;
  }

  /** `aws_x.y`: the instance object, a tuple (count) or a map (for_each) of them. */
  private resourceValue(type: string, name: string): Val {
    const id = `${type}.${name}`;
    const cached = this.resourceValues.get(id);
    if (cached !== undefined) return cached;
    const config = this.config.resources.get(id);
    if (config === undefined) return invalid();
    const base = joinAddress(this.address, id);
    const results = this.instances(config);
    // A reference back into a resource being evaluated: Terraform rejects the cycle; we only know the origin.
    if (results === null) return unknown([{ base }]);
    const instanceValue = (r: InstanceResult): Val => mark(r.body.value, r.index === null ? [{ base }] : [{ base, key: r.index }]);
    let value: Val;
    const first = results[0];
    if (results.length === 1 && first !== undefined && first.index === null) {
      value = instanceValue(first);
      // Representative instance of an unknown count/for_each: which instances exist is unknown.
      if (config.body["count"] !== undefined || config.body["for_each"] !== undefined) value = unknown([{ base }]);
    } else if (config.body["for_each"] !== undefined) {
      value = object(new Map(results.map((r) => [String(r.index), instanceValue(r)])));
    } else {
      value = tuple(results.map(instanceValue));
    }
    this.resourceValues.set(id, value);
    return value;
  }

  /**
   * `data.type.name`. Data sources are read during plan, so their results are unknown before it, except
   * `aws_iam_policy_document`, which the provider computes from its arguments alone.
   */
  private dataValue(type: string, name: string): Val {
    const id = `data.${type}.${name}`;
    const cached = this.resourceValues.get(id);
    if (cached !== undefined) return cached;
    const config = this.config.data.get(`${type}.${name}`);
    if (config === undefined) return invalid();
    let value: Val = unknown();
    if (type === "aws_iam_policy_document" && this.context.synthTime !== true) {
      this.resourceValues.set(id, unknown());
      const where = at(config, `data "${type}" "${name}"`);
      const expansion = expand(config.body, this.scope, this.context.budget, where);
      const render = (bindings: Record<string, Val>): Val => {
        const json = renderIamPolicyDocument(evaluateBody(config.body, this.scope.with(bindings), NO_BLOCKS, malformedIn(where)).value);
        return object(
          new Map([
            ["json", json],
            ["minified_json", json],
          ]),
          true,
        );
      };
      if (expansion.unknownBindings !== null) value = unknown();
      else if (expansion.keys === null) value = render({});
      else if (expansion.forEach) value = object(new Map(expansion.keys.map((k) => [String(k), render(expansion.bindings(k))])));
      else value = tuple(expansion.keys.map((k) => render(expansion.bindings(k))));
    }
    this.resourceValues.set(id, value);
    return value;
  }

  /** Instances of a module call, each with its own variables. */
  childInstances(call: ModuleCallConfig): ModuleInstance[] {
    const cached = this.children.get(call.name);
    if (cached !== undefined) return cached;
    const module = call.module;
    if (module === null) {
      this.children.set(call.name, []);
      return [];
    }
    // Terraform rejects a module that calls itself; here the chain of instances would never end.
    if (this.steps.length >= MAX_MODULE_DEPTH) throw moduleTooDeep(call.file, call);
    const where = at(call, `module "${call.name}"`);
    const expansion = this.context.budget.nested(where, () => expand(call.body, this.scope, this.context.budget, where));
    const make = (key: string | number | undefined, bindings: Record<string, Val>): ModuleInstance => {
      const scope = this.scope.with(bindings);
      const args = new Map<string, Val>();
      const argument = (name: string): Val | undefined => {
        if (META_ARGUMENTS.has(name) || !(name in call.body)) return undefined;
        let value = args.get(name);
        if (value === undefined) {
          value = evaluateNode(call.body[name] ?? null, scope);
          args.set(name, value);
        }
        return value;
      };
      const step: ModuleStep = key === undefined ? { name: call.name } : { name: call.name, key };
      return new ModuleInstance(module, [...this.steps, step], this.context, argument, { module: this, call, scope });
    };
    let result: ModuleInstance[];
    if (expansion.unknownBindings !== null) result = [make(undefined, expansion.unknownBindings)];
    else if (expansion.keys === null) result = [make(undefined, {})];
    else result = expansion.keys.map((key) => make(key, expansion.bindings(key)));
    this.children.set(call.name, result);
    return result;
  }

  private moduleValue(name: string): Val {
    const cached = this.childValues.get(name);
    if (cached !== undefined) return cached;
    const call = this.config.calls.get(name);
    let value: Val;
    if (call === undefined) value = invalid();
    else if (call.module === null) value = unknown();
    else {
      const instances = this.childInstances(call);
      const outputs = (m: ModuleInstance): Val => namespace((n) => m.output(n));
      const first = instances[0];
      if (call.body["for_each"] !== undefined) {
        value =
          first !== undefined && first.steps[first.steps.length - 1]?.key === undefined
            ? unknown()
            : object(new Map(instances.map((m) => [String(m.steps[m.steps.length - 1]?.key), outputs(m)])));
      } else if (call.body["count"] !== undefined) {
        value = first !== undefined && first.steps[first.steps.length - 1]?.key === undefined ? unknown() : tuple(instances.map(outputs));
      } else value = first === undefined ? unknown() : outputs(first);
    }
    this.childValues.set(name, value);
    return value;
  }

  /** Every managed resource instance in this module instance and below, depth first. */
  allInstances(accept: (type: string) => boolean): InstanceResult[] {
    const out: InstanceResult[] = [];
    for (const config of this.config.resources.values()) {
      if (!accept(config.type)) continue;
      for (const instance of this.instances(config) ?? []) out.push(instance);
    }
    for (const call of this.config.calls.values()) {
      for (const child of this.childInstances(call)) for (const instance of child.allInstances(accept)) out.push(instance);
    }
    return out;
  }
}
