/**
 * Why a value of a source scan is unknown, for unverifiable messages ("X is not known from the source (a
 * variable without a value)"). Follows an attribute's references as written to what the source cannot
 * know: a root variable without a value, a data source (read at plan time), a managed resource's attribute
 * known only after apply, a module the scan does not read, or an expression the evaluator does not compute.
 * References whose value is known are no reason; `var`, `local`, `module` outputs, `each`/`count` and the
 * rendered `aws_iam_policy_document` are followed to their own references (through the module call for a
 * module's variables), so a module input fed by a data source says "a data source".
 */
import { MAX_REFERENCE_DEPTH } from "../../limits";
import type { UnknownOrigin } from "../../model/types";
import type { Json } from "../types";
import { evaluate, type Scope } from "./evaluate";
import { parseExpression, traversalText } from "./expression";
import { staticInfo, type ModuleInstance } from "./scan";
import { isKnown } from "./values";

/** How far references are followed, as far as they are evaluated: past it, the thing itself is the reason. */
const MAX_ORIGIN_DEPTH = MAX_REFERENCE_DEPTH;

/**
 * Origins of a module instance's variables, locals, outputs and data sources, found once each: a chain of
 * locals each naming the one before twice is followed once per local (linear, not 2^n). In progress: a cycle,
 * which explains nothing.
 */
const memo = new WeakMap<ModuleInstance, Map<string, UnknownOrigin[] | null>>();

function remembered(module: ModuleInstance, key: string, find: () => UnknownOrigin[]): UnknownOrigin[] {
  let known = memo.get(module);
  if (known === undefined) {
    known = new Map();
    memo.set(module, known);
  }
  const cached = known.get(key);
  if (cached !== undefined) return cached ?? [];
  known.set(key, null);
  const found = find();
  known.set(key, found);
  return found;
}

/** Where a reference is read: the module instance, the scope with its `each`/`count`, and the block that expands. */
export interface OriginContext {
  module: ModuleInstance;
  scope: Scope;
  /** `for_each`/`count` of the block whose instance this is (resource or module call); `each`/`count` follow it. */
  expansion: Json | undefined;
}

function isKnownReference(text: string, scope: Scope): boolean {
  try {
    return isKnown(evaluate(parseExpression(text), scope));
  } catch {
    return false;
  }
}

const MANAGED_RESOURCE = /^[A-Za-z_][\w-]*\.[A-Za-z_][\w-]*$/;

/** Whether `text` names a managed resource of the module as a whole (`aws_x.y`, no attribute). */
function isManagedResource(text: string, context: OriginContext): boolean {
  return MANAGED_RESOURCE.test(text) && context.module.config.resources.has(text);
}

/** Whether a managed resource's whole value is known, per module instance (see isKnownInContext). */
const knownResources = new WeakMap<ModuleInstance, Map<string, boolean>>();

/**
 * isKnownReference, read once per module instance for a managed resource named without a key (`aws_x.y`,
 * as a reference `aws_x.y[count.index]` is listed): a counted resource's value is a tuple of every instance,
 * and N instances that each name it would walk N values each. Its value does not depend on the instance
 * reading it (no `each`/`count` in the text), and origins are found after the module is scanned.
 */
function isKnownInContext(text: string, context: OriginContext): boolean {
  if (!isManagedResource(text, context)) return isKnownReference(text, context.scope);
  let known = knownResources.get(context.module);
  if (known === undefined) {
    known = new Map();
    knownResources.set(context.module, known);
  }
  let result = known.get(text);
  if (result === undefined) {
    result = isKnownReference(text, context.scope);
    known.set(text, result);
  }
  return result;
}

/** The origins of an unknown value whose configuration has these references as written. */
export function unknownOrigins(references: readonly string[], context: OriginContext, depth = 0): UnknownOrigin[] {
  const found = new Set<UnknownOrigin>();
  // Terraform lists a reference with its prefixes (`aws_x.y.name`, `aws_x.y`): the longest is what is read.
  const read = references.filter(
    (r) => !references.some((other) => other.length > r.length && /^[.[]/.test(other.slice(r.length)) && other.startsWith(r)),
  );
  let wholeResource = false;
  for (const reference of read) {
    if (isKnownInContext(reference, context)) {
      wholeResource ||= isManagedResource(reference, context);
      continue;
    }
    for (const origin of referenceOrigins(reference, context, depth)) found.add(origin);
  }
  // Every reference is known, yet the value is not. A managed resource named whole stands for one read through
  // a dynamic key (`aws_x.y[count.index].id` is listed as `aws_x.y`): its configured arguments are known, but the
  // attribute read may be one the provider sets at apply. Otherwise a function or expression the evaluator does
  // not compute.
  if (found.size === 0) found.add(wholeResource ? "resource" : "expression");
  return [...found].sort();
}

/** Follows `node`'s references; `own` when it has none (the thing itself is the reason). */
function follow(node: Json | undefined, context: OriginContext, depth: number, own: UnknownOrigin): UnknownOrigin[] {
  if (node === undefined || depth >= MAX_ORIGIN_DEPTH) return [own];
  const references = staticInfo(node).references;
  return references.length === 0 ? [own] : unknownOrigins(references, context, depth + 1);
}

function referenceOrigins(reference: string, context: OriginContext, depth: number): UnknownOrigin[] {
  let parsed;
  try {
    parsed = traversalText(parseExpression(reference));
  } catch {
    parsed = null;
  }
  if (parsed === null) return ["expression"];
  const [first, second] = parsed.steps;
  const { module } = context;
  const config = module.config;
  const local = { module, scope: module.scope, expansion: undefined };
  switch (parsed.root) {
    case "var": {
      if (typeof first !== "string") return ["expression"];
      const caller = module.caller;
      // A root variable (or a CDKTF TerraformVariable): its value comes with the plan.
      if (caller === null) return ["variable"];
      const argument = caller.call.body[first];
      const scope = { module: caller.module, scope: caller.scope, expansion: caller.call.body["for_each"] ?? caller.call.body["count"] };
      return remembered(module, `var.${first}`, () =>
        argument === undefined
          ? follow(config.variables.get(first)?.body["default"], local, depth, "variable")
          : follow(argument, scope, depth, "variable"),
      );
    }
    case "local":
      if (typeof first !== "string") return ["expression"];
      return remembered(module, `local.${first}`, () => follow(config.locals.get(first)?.node, local, depth, "expression"));
    case "module": {
      if (typeof first !== "string") return ["expression"];
      const call = config.calls.get(first);
      if (call === undefined || call.module === null || typeof second !== "string") return ["module"];
      const output = call.module.outputs.get(second)?.body["value"];
      return remembered(module, `module.${first}.${second}`, () => {
        const child = module.childInstances(call)[0];
        return child === undefined ? ["module"] : follow(output, { module: child, scope: child.scope, expansion: undefined }, depth, "module");
      });
    }
    case "data": {
      const data = typeof first === "string" && typeof second === "string" ? config.data.get(`${first}.${second}`) : undefined;
      // aws_iam_policy_document is rendered from its arguments: unknown only through them.
      // (At CDKTF synth time it is not rendered: then its arguments are all known, and it is a data source.)
      if (data === undefined || first !== "aws_iam_policy_document") return ["data"];
      return remembered(module, `data.${first}.${String(second)}`, () => {
        const origins = follow(data.body, local, depth, "data");
        return origins.length === 1 && origins[0] === "expression" ? ["data"] : origins;
      });
    }
    case "each":
    case "count":
      return follow(context.expansion, local, depth, "expression");
    case "path":
    case "terraform":
    case "self":
      return ["expression"];
    default:
      // A managed resource of this module; any other root is a name bound inside the expression (a dynamic
      // block's iterator), whose own references the attribute lists too.
      return typeof first === "string" && config.resources.has(`${parsed.root}.${first}`) ? ["resource"] : [];
  }
}
