/**
 * Input adapter for `terraform show -json` plans (Terraform and OpenTofu, format 0.x and 1.x).
 *
 * Reads `resource_changes` (which lists every managed resource, no-ops included), keeps only the resource
 * types the model knows (real plans are mostly other resources), and for each instance works out which
 * attribute values are unknown, unset or sensitive, and which resources its configuration references.
 *
 * Read strictly: a field the reader relies on that does not have the shape Terraform writes is an error
 * naming the entry (`resource_changes[3] (aws_api_gateway_stage.x): after is a string, expected an
 * object`), never skipped, so a malformed entry cannot make a failing resource vanish. Every entry's
 * identity (address, type, name, mode, actions) is checked, also for types the model drops.
 */
import { PolicyCheckError } from "../../errors";
import type { PlanAction } from "../../model/types";
import { MODEL_TYPES } from "../../model/spec";
import { cloneRecords, record } from "../../records";
import { parseModuleAddress, type ModuleStep } from "../../terraform/addresses";
import { describeJson } from "../json";
import type {
  InputAdapter,
  InputSource,
  IngestResult,
  Json,
  JsonObject,
  ResolvedReference,
  ResourceInstance,
  UnknownValue,
  ValuePath,
} from "../types";
import { expressionReferences, isExpression, PlanConfiguration } from "./configuration";

const PLAN_ACTIONS = new Set<string>(["no-op", "create", "read", "update", "delete", "forget"]);

function asObject(value: unknown): JsonObject | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as JsonObject) : null;
}

/** Says what a JSON document is when it is not a plan, so the error names the mistake. */
export function describeNonPlan(document: JsonObject): string | null {
  if ("lineage" in document && "serial" in document) {
    return "this is a raw Terraform state file, not a plan; run `terraform show -json PLANFILE` on a saved plan";
  }
  if ("values" in document && !("resource_changes" in document) && !("planned_values" in document)) {
    return "this is `terraform show -json` output of a state, not of a plan; save a plan with `terraform plan -out=PLANFILE` and run `terraform show -json PLANFILE`";
  }
  if ("provider_schemas" in document) return "this is a provider schema (`terraform providers schema -json`), not a plan";
  if ("resource" in document || "module" in document || "provider" in document) {
    return "this is Terraform JSON configuration, not a plan; run `terraform plan -out=PLANFILE` then `terraform show -json PLANFILE`";
  }
  return null;
}

/** `1.2`, `0.1`: the plan format's version as Terraform writes it. */
const FORMAT_VERSION = /^(\d+)\.(\d+)$/;

/** Sections the reader does not judge from but that must be objects when present. */
const OBJECT_SECTIONS = ["configuration", "prior_state", "planned_values", "variables"] as const;

export function isPlanDocument(document: JsonObject): boolean {
  return (
    typeof document["format_version"] === "string" && ("resource_changes" in document || "planned_values" in document || "configuration" in document)
  );
}

export const planAdapter: InputAdapter = {
  name: "plan",
  readsVarFiles: false,
  accepts(source: InputSource): boolean {
    const object = asObject(source.document);
    return object !== null && isPlanDocument(object);
  },
  read(source: InputSource): IngestResult {
    return readPlan(source.document, source.path);
  },
};

/**
 * Reads a parsed plan. `prechecked`: the judged entries of `resource_changes`, already through
 * {@link readIdentity} (the streaming reader, ./stream.ts, checks every entry as it passes and keeps only
 * these); `document.resource_changes` is then not read.
 */
export function readPlan(document: unknown, file: string, prechecked?: readonly ChangeEntry[]): IngestResult {
  const plan = asObject(document);
  if (plan === null) {
    throw new PolicyCheckError("INPUT_UNSUPPORTED", "expected a JSON object from `terraform show -json`", { input: file });
  }
  const notPlan = describeNonPlan(plan);
  if (notPlan !== null && !isPlanDocument(plan)) throw new PolicyCheckError("INPUT_UNSUPPORTED", notPlan, { input: file });
  const fail = (message: string): never => {
    throw new PolicyCheckError("INPUT_UNSUPPORTED", message, { input: file });
  };
  const formatVersion = plan["format_version"];
  if (typeof formatVersion !== "string") {
    throw new PolicyCheckError("INPUT_UNSUPPORTED", "not a Terraform plan: `format_version` is missing", { input: file });
  }
  const version = FORMAT_VERSION.exec(formatVersion);
  if (version === null) fail(`format_version ${JSON.stringify(formatVersion)} is not a version number (expected 0.x or 1.x)`);
  if (Number((version as RegExpExecArray)[1]) >= 2) {
    fail(`plan format_version ${JSON.stringify(formatVersion)} is not supported (expected 0.x or 1.x)`);
  }
  const toolVersion = plan["terraform_version"];
  if (toolVersion !== undefined && typeof toolVersion !== "string") fail(`terraform_version is ${describeJson(toolVersion)}, expected a string`);
  for (const section of OBJECT_SECTIONS) {
    const value = plan[section];
    if (value !== undefined && asObject(value) === null) fail(`${section} is ${describeJson(value)}, expected an object`);
  }
  // Terraform sets `errored` when planning failed part-way: what it lists may lack resources.
  const errored = plan["errored"];
  if (errored !== undefined && typeof errored !== "boolean") fail(`errored is ${describeJson(errored)}, expected true or false`);
  if (errored === true)
    fail("the plan errored (`errored: true`): Terraform could not finish planning, so resources may be missing; fix the plan's errors first");
  const changes = plan["resource_changes"] ?? missingChanges(plan, fail);
  if (!Array.isArray(changes)) fail(`resource_changes is ${describeJson(changes)}, expected a list`);

  const configuration = new PlanConfiguration(plan["configuration"], plan["variables"], fail);
  const instances: ResourceInstance[] = [];
  const before: ResourceInstance[] = [];
  const read = (change: ChangeEntry): void => {
    const instance = readResourceChange(change, configuration, file);
    if (instance !== null) instances.push(instance);
    const prior = readBefore(change, configuration, file);
    if (prior !== null) before.push(prior);
  };
  if (prechecked !== undefined) prechecked.forEach(read);
  else {
    const seen = new Map<string, number>();
    (changes as Json[]).forEach((item, position) => {
      const change = readIdentity(item, position, seen, fail);
      if (isJudged(change)) read(change);
    });
  }

  return {
    kind: "plan",
    file,
    format_version: formatVersion,
    tool_version: typeof toolVersion === "string" ? toolVersion : null,
    instances,
    before,
  };
}

/**
 * Terraform leaves `resource_changes` out when nothing is planned. Without it, a plan whose
 * `planned_values` still lists resources has lost the part the reader judges: refused, never a pass.
 */
function missingChanges(plan: JsonObject, fail: (message: string) => never): Json[] {
  if (!("resource_changes" in plan)) {
    const hasResources = (module: Json | undefined): boolean => {
      const object = asObject(module ?? null);
      if (object === null) return false;
      const resources = object["resources"];
      const children = object["child_modules"];
      return (Array.isArray(resources) && resources.length > 0) || (Array.isArray(children) && children.some(hasResources));
    };
    if (hasResources(asObject(plan["planned_values"] ?? null)?.["root_module"])) {
      fail("resource_changes is missing but planned_values lists resources: the plan was cut short; save it again with `terraform show -json`");
    }
    return [];
  }
  return fail("resource_changes is null, expected a list");
}

/** Dropped first and cheaply: everything that is not an API Gateway-related managed resource. */
export function isJudged(change: ChangeEntry): boolean {
  return MODEL_TYPES.has(change.type) && change.mode !== "data";
}

/** An entry of `resource_changes` whose identity has been checked. */
export interface ChangeEntry {
  raw: JsonObject;
  where: string;
  address: string;
  type: string;
  name: string;
  mode: "managed" | "data";
  body: JsonObject;
  actions: PlanAction[];
  fail: (message: string) => never;
}

/** Checks what every entry must have, whatever its type: the fields that decide whether it is judged. */
export function readIdentity(item: Json, position: number, seen: Map<string, number>, failPlan: (message: string) => never): ChangeEntry {
  const where = `resource_changes[${position}]`;
  const change = asObject(item);
  if (change === null) return failPlan(`${where} is ${describeJson(item)}, expected an object`);
  const address = change["address"];
  const label = typeof address === "string" && address !== "" ? ` (${address})` : "";
  const fail = (message: string): never => failPlan(`${where}${label}: ${message}`);
  const text = (key: string): string => {
    const value = change[key];
    if (typeof value !== "string" || value === "") fail(`${key} is ${value === "" ? "empty" : describeJson(value)}, expected a string`);
    return value as string;
  };
  text("address");
  const type = text("type");
  const name = text("name");
  const mode = change["mode"];
  if (mode !== "managed" && mode !== "data") fail(`mode is ${JSON.stringify(mode) ?? "missing"}, expected "managed" or "data"`);
  const moduleAddress = change["module_address"];
  if (moduleAddress !== undefined && typeof moduleAddress !== "string") fail(`module_address is ${describeJson(moduleAddress)}, expected a string`);
  const index = change["index"];
  if (index !== undefined && typeof index !== "string" && typeof index !== "number")
    fail(`index is ${describeJson(index)}, expected a string or a number`);
  const deposed = change["deposed"];
  if (deposed !== undefined && typeof deposed !== "string") fail(`deposed is ${describeJson(deposed)}, expected a string`);
  // A deposed object (create_before_destroy) shares its address with the current one.
  const key = `${address as string}\u0000${typeof deposed === "string" ? deposed : ""}`;
  const first = seen.get(key);
  if (first !== undefined) fail(`duplicate entry (also resource_changes[${first}])`);
  seen.set(key, position);
  const body = asObject(change["change"]);
  if (body === null) return fail(`change is ${describeJson(change["change"])}, expected an object`);
  const actions = body["actions"];
  if (!Array.isArray(actions) || actions.length === 0) return fail(`change.actions is ${describeJson(actions)}, expected a list of plan actions`);
  for (const action of actions) {
    if (typeof action !== "string" || !PLAN_ACTIONS.has(action)) fail(`change.actions holds ${JSON.stringify(action)}, which is not a plan action`);
  }
  if (new Set(actions).size !== actions.length) fail(`change.actions lists an action twice (${JSON.stringify(actions)})`);
  for (const side of ["before", "after"] as const) {
    const value = body[side];
    if (value !== undefined && value !== null && asObject(value) === null) fail(`${side} is ${describeJson(value)}, expected an object`);
  }
  return {
    raw: change,
    where,
    address: address as string,
    type,
    name,
    mode: mode as "managed" | "data",
    body,
    actions: actions as PlanAction[],
    fail,
  };
}

/**
 * Checks a mask (`after_unknown`, `after_sensitive`, `before_sensitive`): booleans, lists and objects of
 * masks. `name` is the mask's path for the message. At the top, `true` (the whole object) is not a shape
 * Terraform writes for a managed resource and would mark no attribute: refused.
 */
function checkMask(mask: Json | undefined, name: string, fail: (message: string) => never, top = true): void {
  if (mask === undefined) return;
  if (typeof mask === "boolean") {
    if (top && mask) fail(`${name} is true, expected an object of attribute masks`);
    return;
  }
  if (Array.isArray(mask)) {
    if (top) fail(`${name} is ${describeJson(mask)}, expected an object`);
    mask.forEach((m, i) => checkMask(m, `${name}[${i}]`, fail, false));
    return;
  }
  const object = asObject(mask);
  if (object === null) return fail(`${name} is ${describeJson(mask)}, expected true, false, a list or an object`);
  for (const key of Object.keys(object)) checkMask(object[key], `${name}.${key}`, fail, false);
}

/** What names an instance and says what the plan does to it, alike on the after and the before side. */
function identityOf(
  entry: ChangeEntry,
  moduleAddress: string,
  file: string,
): Pick<ResourceInstance, "address" | "type" | "name" | "module_address" | "index" | "actions" | "source"> {
  const index = entry.raw["index"];
  return {
    address: entry.address,
    type: entry.type,
    name: entry.name,
    module_address: moduleAddress,
    index: typeof index === "string" || typeof index === "number" ? index : null,
    actions: entry.actions,
    source: { kind: "plan", file },
  };
}

function readResourceChange(entry: ChangeEntry, configuration: PlanConfiguration, file: string): ResourceInstance | null {
  const { raw: change, type, name, body, actions, fail } = entry;
  // Only what exists after apply is judged: a pure delete (or forget) leaves nothing behind.
  if (!actions.includes("create") && !actions.includes("update") && !actions.includes("no-op")) return null;

  const moduleAddress = typeof change["module_address"] === "string" ? change["module_address"] : "";
  const steps = parseModuleAddress(moduleAddress);
  if (steps === null) fail(`malformed module_address ${JSON.stringify(moduleAddress)}`);
  const after = asObject(body["after"] ?? null);
  if (after === null) fail(`after is ${describeJson(body["after"])}, expected an object (the resource's values after ${actions.join("/")})`);
  checkMask(body["after_unknown"], "after_unknown", fail);
  checkMask(body["after_sensitive"], "after_sensitive", fail);
  checkMask(body["before_sensitive"], "before_sensitive", fail);
  const config = configuration.resource(steps as ModuleStep[], `${type}.${name}`);
  const expressions = config?.expressions ?? null;

  const values = cloneRecords(after as JsonObject);
  const sensitive: ValuePath[] = [];
  collectMarked(body["after_sensitive"], [], sensitive);
  const unknown: UnknownValue[] = [];
  collectUnknown(body["after_unknown"], [], expressions, configuration, steps as ModuleStep[], unknown);
  for (const u of unknown) deletePath(values, u.path);

  return {
    ...identityOf(entry, moduleAddress, file),
    values,
    unknown,
    sensitive,
    ...(expressions === null
      ? { references: record<ResolvedReference[]>(), literals: [] }
      : collectExpressions(expressions, configuration, steps as ModuleStep[])),
    configured: expressions === null ? null : Object.keys(expressions).sort(),
  };
}

/**
 * What existed before apply, for reviewing the change: `change.before` of an update, a replace, a no-op
 * and a delete; a create has none. Before values are state, so fully known; their links are found from the
 * IDs and ARNs they hold, never from the configuration, which describes the after side (a deleted resource
 * is not in it at all, and an edited one may point elsewhere now). What configuration sets is kept, so that
 * attributes another resource writes (`configuredOnly`) are read alike on both sides.
 */
function readBefore(entry: ChangeEntry, configuration: PlanConfiguration, file: string): ResourceInstance | null {
  const { raw: change, type, name, body, actions, fail } = entry;
  if (!actions.includes("update") && !actions.includes("no-op") && !actions.includes("delete")) return null;
  const prior = asObject(body["before"] ?? null);
  if (prior === null)
    return fail(`before is ${describeJson(body["before"])}, expected an object (the resource's values before ${actions.join("/")})`);
  checkMask(body["before_sensitive"], "before_sensitive", fail);
  const sensitive: ValuePath[] = [];
  collectMarked(body["before_sensitive"], [], sensitive);
  const moduleAddress = typeof change["module_address"] === "string" ? change["module_address"] : "";
  const steps = parseModuleAddress(moduleAddress);
  const expressions = steps === null ? null : (configuration.resource(steps, `${type}.${name}`)?.expressions ?? null);
  return {
    ...identityOf(entry, moduleAddress, file),
    values: cloneRecords(prior),
    unknown: [],
    sensitive,
    references: record<ResolvedReference[]>(),
    literals: [],
    configured: expressions === null ? null : Object.keys(expressions).sort(),
  };
}

/** Paths a mask (`after_sensitive`) marks true. */
function collectMarked(mask: Json | undefined, path: ValuePath, out: ValuePath[]): void {
  if (mask === true) {
    out.push(path);
    return;
  }
  if (Array.isArray(mask)) {
    mask.forEach((m, i) => collectMarked(m, [...path, i], out));
    return;
  }
  const object = asObject(mask);
  if (object === null) return;
  for (const [key, m] of Object.entries(object)) collectMarked(m, [...path, key], out);
}

/**
 * Finds the configuration node for a value path: blocks are lists of bodies, attributes are expressions.
 * Elements of a repeated block are tried at the same position first, then at every other position: blocks
 * that are sets (`aws_wafv2_web_acl.rule`) come out of the provider in another order than they were written.
 */
function expressionAt(node: Json | undefined, path: ValuePath): JsonObject | null {
  if (node === null || node === undefined) return null;
  if (Array.isArray(node)) {
    const [step, ...rest] = path;
    if (typeof step !== "number") return null;
    const same = expressionAt(node[step], rest);
    if (same !== null) return same;
    for (const [i, element] of node.entries()) {
      if (i === step) continue;
      const other = expressionAt(element, rest);
      if (other !== null) return other;
    }
    return null;
  }
  const object = asObject(node);
  if (object === null) return null;
  if (isExpression(object)) return object; // a whole-attribute expression covers every path below it
  const [step, ...rest] = path;
  if (step === undefined) return null;
  return typeof step === "string" ? expressionAt(object[step], rest) : null;
}

function collectUnknown(
  mask: Json | undefined,
  path: ValuePath,
  expressions: JsonObject | null,
  configuration: PlanConfiguration,
  steps: readonly ModuleStep[],
  out: UnknownValue[],
): void {
  if (mask === true) {
    // Without any configuration (an old plan) the value is simply unknown.
    if (expressions === null) {
      out.push({ path, set: false, references: [], configured: true });
      return;
    }
    const expression = expressionAt(expressions, path);
    if (expression === null) {
      // Inside a configured block but not configured itself: unset (the provider's default). A whole
      // top-level attribute or block absent from configuration is left to the model builder to decide.
      const top = path[0];
      if (typeof top === "string" && !Object.hasOwn(expressions, top)) out.push({ path, set: false, references: [], configured: false });
      return;
    }
    const references = expressionReferences(expression);
    // `policy = var.policy` where the variable is null: Terraform cannot tell the provider computes
    // nothing, so the plan says unknown, but the attribute is unset.
    if (configuration.onlyNullVariables(references, steps)) return;
    const set = configuration.resolve(references, steps).length > 0;
    out.push({ path, set, references, configured: true });
    return;
  }
  if (Array.isArray(mask)) {
    mask.forEach((m, i) => collectUnknown(m, [...path, i], expressions, configuration, steps, out));
    return;
  }
  const object = asObject(mask);
  if (object === null) return;
  for (const [key, m] of Object.entries(object)) collectUnknown(m, [...path, key], expressions, configuration, steps, out);
}

/** Sets the value at `path` to null (Terraform leaves unknown values out of `after`); never walks into a prototype. */
function deletePath(values: JsonObject, path: ValuePath): void {
  let node: Json | undefined = values;
  for (let i = 0; i < path.length - 1; i += 1) {
    const step = path[i];
    if (node === null || typeof node !== "object" || step === undefined) return;
    node = Array.isArray(node)
      ? typeof step === "number"
        ? node[step]
        : undefined
      : typeof step === "string" && Object.hasOwn(node, step)
        ? node[step]
        : undefined;
  }
  const last = path[path.length - 1];
  if (node === null || node === undefined || typeof node !== "object" || last === undefined) return;
  if (Array.isArray(node)) {
    if (typeof last === "number" && last < node.length) node[last] = null;
  } else if (typeof last === "string") {
    node[last] = null; // an own key even when it is `__proto__`: cloneRecords gave the object no prototype
  }
}

/**
 * Walks a resource's configuration expressions: resolved references per dotted attribute path (without
 * list indices, and with them inside repeated blocks), and the paths written as literal constants.
 */
function collectExpressions(
  expressions: JsonObject,
  configuration: PlanConfiguration,
  steps: readonly ModuleStep[],
): { references: Record<string, ResolvedReference[]>; literals: string[] } {
  const references = record<ResolvedReference[]>();
  const literals = new Set<string>();
  const add = (key: string, resolved: ResolvedReference[]): void => {
    references[key] = [...(references[key] ?? []), ...resolved];
  };
  const visit = (node: Json | undefined, path: string[], indexed: string[]): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, path, [...indexed, String(i)]));
      return;
    }
    const object = asObject(node);
    if (object === null) return;
    if (isExpression(object)) {
      if ("constant_value" in object) literals.add(path.join("."));
      const resolved = configuration.resolve(expressionReferences(object), steps);
      if (resolved.length > 0) {
        add(path.join("."), resolved);
        if (indexed.length > path.length) add(indexed.join("."), resolved);
      }
      return;
    }
    for (const [key, child] of Object.entries(object)) visit(child, [...path, key], [...indexed, key]);
  };
  visit(expressions, [], []);
  return { references, literals: [...literals].sort() };
}
