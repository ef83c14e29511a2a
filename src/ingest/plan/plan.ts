/**
 * Input adapter for `terraform show -json` plans (Terraform and OpenTofu, format 0.x and 1.x).
 *
 * Reads `resource_changes` (which lists every managed resource, no-ops included), keeps only the resource
 * types the model knows (real plans are mostly other resources), and for each instance works out which
 * attribute values are unknown, unset or sensitive, and which resources its configuration references.
 */
import { PolicyCheckError } from "../../errors";
import type { PlanAction } from "../../model/types";
import { MODEL_TYPES } from "../../model/spec";
import { parseModuleAddress, type ModuleStep } from "../addresses";
import type { InputAdapter, InputSource, IngestResult, Json, JsonObject, ResolvedReference, ResourceInstance, UnknownValue, ValuePath } from "../types";
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

function isPlanDocument(document: JsonObject): boolean {
  return (
    typeof document["format_version"] === "string" &&
    ("resource_changes" in document || "planned_values" in document || "configuration" in document)
  );
}

export const planAdapter: InputAdapter = {
  name: "plan",
  accepts(source: InputSource): boolean {
    const object = asObject(source.document);
    return object !== null && isPlanDocument(object);
  },
  read(source: InputSource): IngestResult {
    return readPlan(source.document, source.path);
  },
};

export function readPlan(document: unknown, file: string): IngestResult {
  const plan = asObject(document);
  if (plan === null) {
    throw new PolicyCheckError("INPUT_UNSUPPORTED", "expected a JSON object from `terraform show -json`", { input: file });
  }
  const notPlan = describeNonPlan(plan);
  if (notPlan !== null && !isPlanDocument(plan)) throw new PolicyCheckError("INPUT_UNSUPPORTED", notPlan, { input: file });
  const formatVersion = plan["format_version"];
  if (typeof formatVersion !== "string") {
    throw new PolicyCheckError("INPUT_UNSUPPORTED", "not a Terraform plan: `format_version` is missing", { input: file });
  }
  const major = Number.parseInt(formatVersion.split(".")[0] ?? "", 10);
  if (!Number.isInteger(major) || major >= 2) {
    throw new PolicyCheckError(
      "INPUT_UNSUPPORTED",
      `plan format_version ${JSON.stringify(formatVersion)} is not supported (expected 0.x or 1.x)`,
      { input: file },
    );
  }
  const changes = plan["resource_changes"] ?? [];
  if (!Array.isArray(changes)) {
    throw new PolicyCheckError("INPUT_UNSUPPORTED", "`resource_changes` is not a list", { input: file });
  }

  const configuration = new PlanConfiguration(plan["configuration"], plan["variables"]);
  const instances: ResourceInstance[] = [];
  changes.forEach((item, position) => {
    const change = asObject(item);
    const type = change?.["type"];
    // Dropped first and cheaply: everything that is not an API Gateway-related managed resource.
    if (change === null || typeof type !== "string" || !MODEL_TYPES.has(type) || change["mode"] === "data") return;
    const instance = readResourceChange(change, type, configuration, file, position);
    if (instance !== null) instances.push(instance);
  });

  return {
    kind: "plan",
    file,
    format_version: formatVersion,
    tool_version: typeof plan["terraform_version"] === "string" ? plan["terraform_version"] : null,
    instances,
  };
}

function readResourceChange(
  change: JsonObject,
  type: string,
  configuration: PlanConfiguration,
  file: string,
  position: number,
): ResourceInstance | null {
  const where = `resource_changes[${position}]`;
  const address = change["address"];
  const name = change["name"];
  const body = asObject(change["change"]);
  if (typeof address !== "string" || typeof name !== "string" || body === null) {
    throw new PolicyCheckError("INPUT_UNSUPPORTED", `${where} lacks address, name or change`, { input: file });
  }
  const rawActions = body["actions"];
  if (!Array.isArray(rawActions) || !rawActions.every((a) => typeof a === "string" && PLAN_ACTIONS.has(a))) {
    throw new PolicyCheckError("INPUT_UNSUPPORTED", `${address}: change.actions is not a list of plan actions`, { input: file });
  }
  const actions = rawActions as PlanAction[];
  // Only what exists after apply is judged: a pure delete (or forget) leaves nothing behind.
  if (!actions.includes("create") && !actions.includes("update") && !actions.includes("no-op")) return null;

  const moduleAddress = typeof change["module_address"] === "string" ? change["module_address"] : "";
  const steps = parseModuleAddress(moduleAddress);
  if (steps === null) {
    throw new PolicyCheckError("INPUT_UNSUPPORTED", `${address}: malformed module_address ${JSON.stringify(moduleAddress)}`, {
      input: file,
    });
  }
  const index = change["index"];
  const config = configuration.resource(steps, `${type}.${name}`);
  const expressions = config?.expressions ?? null;

  const values = structuredClone(asObject(body["after"]) ?? {});
  const sensitive: ValuePath[] = [];
  collectMarked(body["after_sensitive"], [], sensitive);
  const unknown: UnknownValue[] = [];
  collectUnknown(body["after_unknown"], [], expressions, configuration, steps, unknown);
  for (const u of unknown) deletePath(values, u.path);

  return {
    address,
    type,
    name,
    module_address: moduleAddress,
    index: typeof index === "string" || typeof index === "number" ? index : null,
    actions,
    source: { kind: "plan", file },
    values,
    unknown,
    sensitive,
    ...(expressions === null ? { references: {}, literals: [] } : collectExpressions(expressions, configuration, steps)),
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
      if (typeof top === "string" && !(top in expressions)) out.push({ path, set: false, references: [], configured: false });
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

function deletePath(values: JsonObject, path: ValuePath): void {
  let node: Json | undefined = values;
  for (let i = 0; i < path.length - 1; i += 1) {
    const step = path[i];
    if (node === null || typeof node !== "object" || step === undefined) return;
    node = Array.isArray(node) ? (typeof step === "number" ? node[step] : undefined) : typeof step === "string" ? node[step] : undefined;
  }
  const last = path[path.length - 1];
  if (node === null || node === undefined || typeof node !== "object" || last === undefined) return;
  if (Array.isArray(node)) {
    if (typeof last === "number" && last < node.length) node[last] = null;
  } else if (typeof last === "string") {
    node[last] = null;
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
  const references: Record<string, ResolvedReference[]> = {};
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
