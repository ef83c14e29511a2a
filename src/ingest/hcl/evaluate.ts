/**
 * The static evaluator: an expression tree and a scope → a value that may be (partly) unknown. It never
 * throws on the configuration's content: what Terraform would reject, or what cannot be known before
 * apply, is an unknown value (rules report those as unverifiable).
 */
import { UNKNOWN_PART } from "../../model/types";
import { traversalText, type Expr } from "./expression";
import { callFunction, type FunctionContext } from "./functions";
import {
  asBool,
  asNumber,
  asString,
  deepRefs,
  deepSensitive,
  entries,
  equal,
  invalid,
  isKnown,
  mark,
  mergeRefList,
  mergeRefs,
  nonNull,
  object,
  partialText,
  prim,
  tuple,
  unknown,
  type Val,
} from "./values";

export class Scope {
  constructor(
    /** Resolves names not bound here: `var`, `local`, `module`, `data`, resource types... */
    private readonly resolve: (name: string) => Val,
    readonly fn: FunctionContext,
    private readonly vars: ReadonlyMap<string, Val> = new Map(),
  ) {}

  root(name: string): Val {
    return this.vars.get(name) ?? this.resolve(name);
  }

  with(bindings: Record<string, Val>): Scope {
    const vars = new Map(this.vars);
    for (const [k, v] of Object.entries(bindings)) vars.set(k, v);
    return new Scope(this.resolve, this.fn, vars);
  }
}

/** `value.name`: objects (and namespaces) by name. */
export function getAttr(value: Val, name: string): Val {
  switch (value.k) {
    case "ns":
      return value.get(name);
    case "o": {
      const child = value.items.get(name);
      if (child === undefined) return value.open === true ? unknown(value.refs, value.sensitive) : invalid(value.refs);
      return mark(child, value.refs, value.sensitive);
    }
    case "u":
      return value.invalid === true ? value : unknown(value.refs, value.sensitive);
    default:
      return invalid(value.refs);
  }
}

/** `value[key]`: tuples by number, objects by string. */
export function getIndex(value: Val, key: Val): Val {
  if (key.k === "u" || value.k === "u") return unknown(mergeRefs(value.refs, key.refs), value.sensitive);
  if (value.k === "t") {
    const n = asNumber(key);
    const item = n === null ? undefined : value.items[n];
    return item === undefined ? invalid(value.refs) : mark(item, value.refs, value.sensitive);
  }
  if (value.k === "o" || value.k === "ns") {
    const k = asString(key);
    return k === null ? invalid(value.refs) : getAttr(value, k);
  }
  return invalid(value.refs);
}

function arithmetic(op: string, a: number, b: number): number | null {
  switch (op) {
    case "+":
      return a + b;
    case "-":
      return a - b;
    case "*":
      return a * b;
    case "/":
      return b === 0 ? null : a / b;
    case "%":
      return b === 0 ? null : a % b;
    default:
      return null;
  }
}

function binary(op: string, l: Val, r: Val): Val {
  const refs = mergeRefs(deepRefs(l), deepRefs(r));
  const sensitive = deepSensitive(l) || deepSensitive(r);
  if (!isKnown(l) || !isKnown(r)) return unknown(refs, sensitive);
  let result: Val;
  if (op === "==" || op === "!=") result = prim(equal(l, r) === (op === "=="));
  else if (op === "&&" || op === "||") {
    const a = asBool(l);
    const b = asBool(r);
    result = a === null || b === null ? invalid() : prim(op === "&&" ? a && b : a || b);
  } else {
    const a = asNumber(l);
    const b = asNumber(r);
    if (a === null || b === null) result = invalid();
    else if (op === "<") result = prim(a < b);
    else if (op === "<=") result = prim(a <= b);
    else if (op === ">") result = prim(a > b);
    else if (op === ">=") result = prim(a >= b);
    else {
      const n = arithmetic(op, a, b);
      result = n === null ? invalid() : prim(n);
    }
  }
  return mark(result, refs, sensitive);
}

/**
 * Stands for an unknown part of a string in a partially known value (see Unk.partial). Only characters that
 * IAM patterns and the policy engine's glob treat literally: `known-after-apply:aws_x.y.execution_arn`.
 */
export function unknownPlaceholder(expr: Expr | null): string {
  const traversal = expr === null ? null : traversalText(expr);
  return traversal === null ? UNKNOWN_PART : `${UNKNOWN_PART}:${traversal.text.replace(/[^A-Za-z0-9_.:/-]/g, "_")}`;
}

/** Roots of a traversal that are not a resource type: `aws_lb.x.arn` is a resource's, `var.x_arn` is not. */
const NOT_RESOURCES = new Set(["var", "local", "module", "each", "count", "path", "terraform", "self"]);

/**
 * The partial text of an unknown traversal: its placeholder, after `arn:` when it reads a managed resource's
 * or data source's ARN attribute (`arn`, `execution_arn`, `listener_arn`...): by the provider schema such a
 * value is an ARN, whatever it turns out to be (a backend URI that is a listener ARN is never `http://`).
 */
function traversalPartial(expr: Expr): string {
  const placeholder = unknownPlaceholder(expr);
  const traversal = traversalText(expr);
  const last = traversal?.steps[traversal.steps.length - 1];
  const resource = traversal !== null && (traversal.root === "data" || (!NOT_RESOURCES.has(traversal.root) && traversal.root.includes("_")));
  const arn = typeof last === "string" && (last === "arn" || last.endsWith("_arn"));
  return resource && arn && traversal.steps.length >= 2 ? `arn:${placeholder}` : placeholder;
}

function template(parts: ReadonlyArray<string | Expr>, scope: Scope): Val {
  let text = "";
  const values: Val[] = [];
  let known = true;
  let bad = false;
  for (const part of parts) {
    if (typeof part === "string") {
      text += part;
      continue;
    }
    const value = evaluate(part, scope);
    values.push(value);
    if (value.k === "u") {
      known = false;
      if (value.invalid === true) bad = true;
      // Keep the known text around the unknown part: `${aws_x.y.execution_arn}/*` still says "/*".
      text += partialText(value) ?? unknownPlaceholder(part);
      continue;
    }
    const s = asString(value);
    if (s === null) bad = true;
    else text += s;
  }
  const refs = mergeRefList(values.map(deepRefs));
  const sensitive = values.some(deepSensitive);
  if (bad) return invalid(refs);
  return known ? mark(prim(text), refs, sensitive) : nonNull(unknown(refs, sensitive, prim(text)));
}

function forExpression(expr: Extract<Expr, { t: "for" }>, scope: Scope): Val {
  const coll = evaluate(expr.coll, scope);
  if (coll.k === "u" || coll.k === "ns") return unknown(deepRefs(coll), deepSensitive(coll));
  if (coll.k === "p") return invalid(coll.refs);
  const tupleOut: Val[] = [];
  const objectOut = new Map<string, Val>();
  const groups = new Map<string, Val[]>();
  const extra: Val[] = [coll];
  for (const [key, value] of entries(coll)) {
    const bindings: Record<string, Val> = { [expr.valVar]: mark(value, coll.refs, coll.sensitive) };
    if (expr.keyVar !== null) bindings[expr.keyVar] = key;
    const inner = scope.with(bindings);
    if (expr.cond !== null) {
      const cond = evaluate(expr.cond, inner);
      if (cond.k === "u") return unknown(mergeRefs(deepRefs(coll), cond.refs));
      const keep = asBool(cond);
      if (keep === null) return invalid();
      if (!keep) continue;
    }
    const v = evaluate(expr.value, inner);
    if (expr.key === null) {
      tupleOut.push(v);
      continue;
    }
    const k = evaluate(expr.key, inner);
    const ks = asString(k);
    if (k.k === "u" || ks === null) return k.k === "u" ? unknown(mergeRefs(deepRefs(coll), k.refs)) : invalid();
    extra.push(k);
    if (expr.group) groups.set(ks, [...(groups.get(ks) ?? []), v]);
    else objectOut.set(ks, v);
  }
  if (expr.key === null) return tuple(tupleOut);
  for (const [k, vs] of groups) objectOut.set(k, tuple(vs));
  return object(objectOut);
}

function splat(obj: Val, each: Expr, scope: Scope): Val {
  if (obj.k === "u" || obj.k === "ns") return unknown(obj.refs, obj.sensitive);
  if (obj.k === "p" && obj.v === null) return tuple([]);
  const items = obj.k === "t" ? obj.items : [obj];
  return mark(tuple(items.map((item) => evaluate(each, scope.with({ "\u0000anon": item })))), obj.refs, obj.sensitive);
}

export function evaluate(expr: Expr, scope: Scope): Val {
  switch (expr.t) {
    case "lit":
      return prim(expr.v);
    case "tmpl":
      return template(expr.parts, scope);
    case "tuple":
      return tuple(expr.items.map((e) => evaluate(e, scope)));
    case "object": {
      const items = new Map<string, Val>();
      const keyMarks: Val[] = [];
      for (const { key, value } of expr.items) {
        const k = evaluate(key, scope);
        const ks = asString(k);
        if (k.k === "u") return unknown(k.refs);
        if (ks === null) return invalid();
        keyMarks.push(k);
        items.set(ks, evaluate(value, scope));
      }
      return mark(object(items), mergeRefList(keyMarks.map((k) => k.refs)));
    }
    case "scope":
      return scope.root(expr.name);
    case "anon":
      return scope.root("\u0000anon");
    case "attr":
    case "index": {
      const value =
        expr.t === "attr" ? getAttr(evaluate(expr.obj, scope), expr.name) : getIndex(evaluate(expr.obj, scope), evaluate(expr.key, scope));
      // An unknown traversal remembers what it was, so two statements naming the same unknown ARN agree.
      if (value.k === "u" && value.invalid !== true && value.partial === undefined) {
        return { ...value, partial: prim(traversalPartial(expr)) };
      }
      return value;
    }
    case "splat":
      return splat(evaluate(expr.obj, scope), expr.each, scope);
    case "call": {
      let args = expr.args.map((a) => evaluate(a, scope));
      if (expr.expand) {
        const last = args[args.length - 1];
        if (last === undefined || last.k !== "t") return unknown(mergeRefList(args.map(deepRefs)));
        args = [...args.slice(0, -1), ...last.items];
      }
      return callFunction(expr.name, args, scope.fn);
    }
    case "cond": {
      const cond = evaluate(expr.cond, scope);
      const chosen = asBool(cond);
      if (cond.k === "u" || chosen === null) {
        if (cond.k !== "u" && chosen === null) return invalid(cond.refs);
        const a = evaluate(expr.then, scope);
        const b = evaluate(expr.else, scope);
        return unknown(mergeRefs(cond.refs, deepRefs(a), deepRefs(b)), cond.sensitive || deepSensitive(a) || deepSensitive(b));
      }
      return mark(evaluate(chosen ? expr.then : expr.else, scope), cond.refs, cond.sensitive);
    }
    case "unary": {
      const v = evaluate(expr.e, scope);
      if (v.k === "u") return unknown(v.refs, v.sensitive);
      if (expr.op === "!") {
        const b = asBool(v);
        return b === null ? invalid() : mark(prim(!b), v.refs, v.sensitive);
      }
      const n = asNumber(v);
      return n === null ? invalid() : mark(prim(-n), v.refs, v.sensitive);
    }
    case "binary":
      return binary(expr.op, evaluate(expr.l, scope), evaluate(expr.r, scope));
    case "for":
      return forExpression(expr, scope);
    case "unsupported":
      return unknown();
  }
}
