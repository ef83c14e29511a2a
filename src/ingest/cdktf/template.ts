/**
 * Terraform JSON configuration syntax as CDKTF writes it. Every JSON string is a template:
 * `"${aws_api_gateway_rest_api.api_1A2B3C.id}"`, `"${aws_x.y.execution_arn}/*"`, `"${jsonencode(...)}"`;
 * `$${` and `%%{` stand for a literal `${` and `%{`.
 *
 * This module splits templates, finds the traversals an expression reads (the strings Terraform lists as
 * `references` in a plan), and evaluates what is statically known when the app is synthesized: literals,
 * `local.*` whose value is known, `count.index`, `each.*` and dynamic-block iterators over known collections,
 * and `toset([...])` of literal strings (how CDKTF writes `TerraformIterator.fromList` of a literal list).
 * Everything else (resource attributes, `var.*`, data sources, module outputs, `terraform_remote_state`
 * outputs, function calls, operators) is unknown at synth time: rules report such values as unverifiable.
 */
import { record } from "../../records";
import { formatKey } from "../addresses";
import type { Json, JsonObject, ResolvedReference, ValuePath } from "../types";

export type TemplatePart = { literal: string } | { expression: string } | { directive: string };

/** A static traversal: `aws_x.y["k"].id` → steps `aws_x`, `y`, {key: "k"}, `id`. */
export interface Traversal {
  text: string;
  steps: Array<string | { key: string | number }>;
}

/** Index of the closing quote of the HCL string literal opening at `open`, or -1. */
function stringEnd(text: string, open: number, to: number = text.length): number {
  for (let i = open + 1; i < to; i += 1) {
    const ch = text[i];
    if (ch === "\\") {
      i += 1;
      continue;
    }
    if (ch === '"') return i;
    if ((ch === "$" || ch === "%") && text[i + 1] === ch && text[i + 2] === "{") {
      i += 2; // `$${` / `%%{`: an escaped, literal `${` / `%{`
      continue;
    }
    if ((ch === "$" || ch === "%") && text[i + 1] === "{") {
      const end = expressionEnd(text, i + 2, to);
      if (end < 0) return -1;
      i = end;
    }
  }
  return -1;
}

/** Index of the `}` that closes an interpolation whose expression starts at `start`, or -1. */
function expressionEnd(text: string, start: number, to: number = text.length): number {
  let depth = 0;
  for (let i = start; i < to; i += 1) {
    const ch = text[i];
    if (ch === '"') {
      i = stringEnd(text, i, to);
      if (i < 0) return -1;
      continue;
    }
    if (ch === "{" || ch === "(" || ch === "[") depth += 1;
    else if (ch === "}" || ch === ")" || ch === "]") {
      if (depth === 0) return ch === "}" ? i : -1;
      depth -= 1;
    }
  }
  return -1;
}

/** Splits a JSON string into literal text, `${...}` interpolations and `%{...}` directives; null if malformed. */
export function splitTemplate(text: string): TemplatePart[] | null {
  const parts: TemplatePart[] = [];
  let literal = "";
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if ((ch === "$" || ch === "%") && text[i + 1] === ch && text[i + 2] === "{") {
      literal += `${ch}{`;
      i += 3;
      continue;
    }
    if ((ch === "$" || ch === "%") && text[i + 1] === "{") {
      const end = expressionEnd(text, i + 2);
      if (end < 0) return null;
      if (literal !== "") parts.push({ literal });
      literal = "";
      const inner = text.slice(i + 2, end);
      parts.push(ch === "$" ? { expression: inner } : { directive: inner });
      i = end + 1;
      continue;
    }
    literal += ch;
    i += 1;
  }
  if (literal !== "" || parts.length === 0) parts.push({ literal });
  return parts;
}

/** True when a JSON string contains an interpolation or directive (anything but literal text). */
export function isTemplate(text: string): boolean {
  const parts = splitTemplate(text);
  return parts === null || parts.some((p) => !("literal" in p));
}

const IDENT_START = /[A-Za-z_]/;
const IDENT = /[A-Za-z0-9_-]/;
const KEYWORDS = new Set(["true", "false", "null", "for", "in", "if", "else", "endif", "endfor"]);

function bracketEnd(text: string, open: number, to: number): number {
  let depth = 0;
  for (let i = open; i < to; i += 1) {
    const ch = text[i];
    if (ch === '"') {
      i = stringEnd(text, i, to);
      if (i < 0) return -1;
      continue;
    }
    if (ch === "[") depth += 1;
    else if (ch === "]") {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function scanTraversals(text: string, from: number, to: number, out: Traversal[]): void {
  let i = from;
  while (i < to) {
    const ch = text[i] as string;
    if (ch === '"') {
      const end = stringEnd(text, i, to);
      const stop = end < 0 ? to : end;
      scanStringTraversals(text, i + 1, stop, out);
      i = stop + 1;
      continue;
    }
    const previous = i === 0 ? "" : (text[i - 1] as string);
    if (!IDENT_START.test(ch) || /[A-Za-z0-9_.]/.test(previous)) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < to && IDENT.test(text[j] as string)) j += 1;
    const steps: Traversal["steps"] = [text.slice(i, j)];
    let k = j;
    for (;;) {
      if (text[k] === "." && k + 1 < to && IDENT_START.test(text[k + 1] as string)) {
        let m = k + 1;
        while (m < to && IDENT.test(text[m] as string)) m += 1;
        steps.push(text.slice(k + 1, m));
        k = m;
        continue;
      }
      if (text[k] === "." && /[0-9]/.test(text[k + 1] ?? "")) {
        let m = k + 1;
        while (m < to && /[0-9]/.test(text[m] as string)) m += 1;
        steps.push({ key: Number(text.slice(k + 1, m)) });
        k = m;
        continue;
      }
      if (text[k] === "[") {
        const close = bracketEnd(text, k, to);
        if (close < 0) break;
        const inner = text.slice(k + 1, close).trim();
        if (/^\d+$/.test(inner)) {
          steps.push({ key: Number(inner) });
          k = close + 1;
          continue;
        }
        if (/^"(?:[^"\\$%]|\\.)*"$/.test(inner)) {
          try {
            steps.push({ key: JSON.parse(inner) as string });
            k = close + 1;
            continue;
          } catch {
            break;
          }
        }
        // A dynamic index (`[each.key]`) or a splat ends the static traversal, as in Terraform's references.
        break;
      }
      break;
    }
    let after = k;
    while (after < to && /\s/.test(text[after] as string)) after += 1;
    const root = steps[0] as string;
    const isCall = steps.length === 1 && (text[after] === "(" || text.startsWith("::", j));
    if (!isCall && steps.length >= 2 && !KEYWORDS.has(root)) out.push({ text: text.slice(i, k), steps });
    i = k;
  }
}

function scanStringTraversals(text: string, from: number, to: number, out: Traversal[]): void {
  for (let i = from; i < to; i += 1) {
    const ch = text[i];
    if (ch === "\\") {
      i += 1;
      continue;
    }
    if ((ch === "$" || ch === "%") && text[i + 1] === ch && text[i + 2] === "{") {
      i += 2;
      continue;
    }
    if ((ch === "$" || ch === "%") && text[i + 1] === "{") {
      const end = expressionEnd(text, i + 2, to);
      if (end < 0) return;
      scanTraversals(text, i + 2, end, out);
      i = end;
    }
  }
}

/** The static traversals an HCL expression reads (two steps or more; function names and keywords are not). */
export function traversals(expression: string): Traversal[] {
  const out: Traversal[] = [];
  scanTraversals(expression, 0, expression.length, out);
  return out;
}

function formatSteps(steps: Traversal["steps"]): string {
  return steps.map((s, i) => (typeof s === "string" ? (i === 0 ? s : `.${s}`) : formatKey(s.key))).join("");
}

/**
 * What Terraform lists in a plan's `references` for one traversal: the traversal, then the object it reads
 * with its instance key, then without (`aws_x.y["k"].id`, `aws_x.y["k"]`, `aws_x.y`; `each.value.id`, `each.value`).
 */
export function referenceStrings(traversal: Traversal): string[] {
  const subjectLength = traversal.steps[0] === "data" ? 3 : 2;
  const subject = traversal.steps.slice(0, subjectLength);
  const next = traversal.steps[subjectLength];
  const out = [traversal.text];
  const keyed = next !== undefined && typeof next === "object" ? formatSteps([...subject, next]) : null;
  if (keyed !== null && keyed !== traversal.text) out.push(keyed);
  const plain = formatSteps(subject);
  if (plain !== traversal.text) out.push(plain);
  return out;
}

/** An iteration symbol in scope: `each`, a dynamic block's iterator; null when the collection is unknown. */
export interface Iteration {
  key: Json;
  value: Json;
}

/** How deep locals and resource attributes may refer to one another before the value counts as unknown. */
const MAX_NESTING = 64;
let nesting = 0;

/**
 * Memoized evaluation by name with cycle detection: `local.*` values and configured resource attributes are
 * each evaluated once (a chain costs its length, not the number of paths through it); a value that depends
 * on itself, or on a chain deeper than MAX_NESTING (which would exhaust the stack), is unknown.
 */
class Memo {
  private readonly cache = new Map<string, Evaluated | null>();

  get(key: string, compute: () => Evaluated | null): Evaluated | null {
    if (this.cache.has(key)) return this.cache.get(key) ?? null;
    if (nesting >= MAX_NESTING) return null;
    this.cache.set(key, null);
    nesting += 1;
    try {
      const result = compute();
      this.cache.set(key, result);
      return result;
    } finally {
      nesting -= 1;
    }
  }
}

/** The `locals` of a configuration. */
export class Locals {
  private readonly memo = new Memo();

  constructor(private readonly raw: Readonly<JsonObject>) {}

  has(name: string): boolean {
    return Object.hasOwn(this.raw, name);
  }

  /** The evaluated local; null for a local that depends on itself. */
  get(name: string, scope: Scope): Evaluated | null {
    // Locals are module-level: they never see `each`, `count` or iterators.
    return this.memo.get(name, () => evaluate(this.raw[name] as Json, { resources: scope.resources, locals: this }));
  }
}

/**
 * The managed resources of a configuration, by `type.name`, with their bodies as written. A reference to an
 * attribute the configuration sets (`aws_api_gateway_stage.prod.stage_name`) has that value, as in a plan,
 * where Terraform knows every configured value before apply; computed attributes (`id`, `arn`) are unknown.
 */
export class Resources {
  private readonly memo = new Memo();

  constructor(private readonly bodies: ReadonlyMap<string, JsonObject>) {}

  has(address: string): boolean {
    return this.bodies.has(address);
  }

  /** The configured value of a top-level attribute; null when not configured, repeated, or circular. */
  attribute(address: string, attribute: string, scope: Scope): Evaluated | null {
    const body = this.bodies.get(address);
    // Instances of a resource with count / for_each are told apart only by key: left unknown.
    if (body === undefined || "count" in body || "for_each" in body || !Object.hasOwn(body, attribute)) return null;
    if (attribute === "//" || attribute === "dynamic" || attribute === "depends_on" || attribute === "lifecycle" || attribute === "provider") return null;
    return this.memo.get(`${address}.${attribute}`, () => evaluate(body[attribute] as Json, { resources: this, locals: scope.locals }));
  }
}

export interface Scope {
  /** Managed resources the configuration declares: only these resolve to references. */
  resources: Resources;
  locals: Locals;
  /** `count.index` of the instance; null when the resource has a count that is not known at synth time. */
  count?: number | null;
  /** `each` and dynamic-block iterators by name. */
  iterators?: ReadonlyMap<string, Iteration | null>;
}

/**
 * An expression's value: known or not, the references Terraform would list for it, and the managed
 * resources it refers to (also when the value is known: links follow references, as in a plan).
 */
export interface Value {
  known: boolean;
  /** Null when not known. */
  value: Json;
  references: string[];
  resolved: ResolvedReference[];
}

const known = (value: Json, references: string[] = [], resolved: ResolvedReference[] = []): Value => ({ known: true, value, references, resolved });
const unknown = (references: string[] = [], resolved: ResolvedReference[] = []): Value => ({ known: false, value: null, references, resolved });

function dedupeResolved(refs: readonly ResolvedReference[]): ResolvedReference[] {
  const seen = new Map<string, ResolvedReference>();
  for (const ref of refs) seen.set(`${ref.base}#${ref.key === undefined ? "" : String(ref.key)}`, ref);
  return [...seen.values()];
}

/** A reference to a declared managed resource: `aws_x.y.id` → {base: "aws_x.y"}, `aws_x.y[0].id` → key 0. */
function resolveResource(traversal: Traversal, scope: Scope): ResolvedReference[] {
  const [type, name, maybeKey] = traversal.steps;
  if (typeof type !== "string" || typeof name !== "string" || !scope.resources.has(`${type}.${name}`)) return [];
  const base = `${type}.${name}`;
  return [maybeKey !== undefined && typeof maybeKey === "object" ? { base, key: maybeKey.key } : { base }];
}

/** Reads steps (attributes, keys) out of a known value; a block written as an object is its own element 0. */
function navigate(value: Json, steps: Traversal["steps"]): Json | undefined {
  let node: Json | undefined = value;
  for (const step of steps) {
    if (node === null || node === undefined || typeof node !== "object") return undefined;
    const key = typeof step === "string" ? step : step.key;
    if (Array.isArray(node)) node = typeof key === "number" ? node[key] : undefined;
    else node = key === 0 ? node : node[String(key)];
  }
  return node;
}

function evaluateTraversal(traversal: Traversal, scope: Scope): Value {
  const [root, second, third] = traversal.steps;
  const references = referenceStrings(traversal);
  if (root === "local" && typeof second === "string" && scope.locals.has(second)) {
    const local = scope.locals.get(second, scope);
    if (local !== null && local.unknown.length === 0) {
      const value = navigate(local.value, traversal.steps.slice(2));
      if (value !== undefined) return known(value, references, local.resolved);
    }
    return unknown(references, local?.resolved ?? []);
  }
  if (root === "count" && second === "index" && traversal.steps.length === 2 && typeof scope.count === "number") {
    return known(scope.count, references);
  }
  if (typeof root === "string" && (second === "key" || second === "value")) {
    const iteration = scope.iterators?.get(root);
    if (iteration !== undefined && iteration !== null) {
      const value = navigate(second === "key" ? iteration.key : iteration.value, traversal.steps.slice(2));
      return value === undefined ? unknown(references) : known(value, references);
    }
  }
  const resolved = resolveResource(traversal, scope);
  if (resolved.length > 0 && typeof root === "string" && typeof second === "string" && typeof third === "string") {
    const configured = scope.resources.attribute(`${root}.${second}`, third, scope);
    if (configured !== null && configured.unknown.length === 0) {
      const value = navigate(configured.value, traversal.steps.slice(3));
      if (value !== undefined) return known(value, references, resolved);
    }
  }
  return unknown(references, resolved);
}

/** `["a", "b"]`: a tuple of string literals without interpolation; null for anything else. */
function stringTuple(text: string): string[] | null {
  if (!/^\[\s*(?:"(?:[^"\\$%]|\\.)*"\s*(?:,\s*"(?:[^"\\$%]|\\.)*"\s*)*,?\s*)?\]$/.test(text)) return null;
  try {
    const parsed: unknown = JSON.parse(text.replace(/,\s*\]$/, "]"));
    return Array.isArray(parsed) && parsed.every((s) => typeof s === "string") ? (parsed as string[]) : null;
  } catch {
    return null;
  }
}

function evaluateExpression(expression: string, scope: Scope): Value {
  const text = expression.trim();
  const found = traversals(text);
  if (found.length === 1 && found[0]?.text === text) return evaluateTraversal(found[0], scope);
  // `TerraformIterator.fromList(["a", "b"])` synthesizes `toset(["a", "b"])`: a set of strings, sorted.
  const set = /^toset\(\s*([\s\S]*?)\s*\)$/.exec(text);
  const members = set?.[1] === undefined ? null : stringTuple(set[1]);
  if (members !== null) return known([...new Set(members)].sort());
  if (/^-?\d+(\.\d+)?$/.test(text)) return known(Number(text));
  if (text === "true" || text === "false") return known(text === "true");
  // Function calls, operators, conditionals, for expressions: not evaluated at synth time.
  const values = found.map((t) => evaluateTraversal(t, scope));
  return unknown(
    values.flatMap((v) => v.references),
    dedupeResolved(values.flatMap((v) => v.resolved)),
  );
}

/** Evaluates one JSON string of the configuration. */
export function evaluateString(text: string, scope: Scope): Value {
  const parts = splitTemplate(text);
  if (parts === null) return unknown(); // unbalanced `${`: Terraform rejects it; never a known value
  if (parts.every((p) => "literal" in p)) return known(parts.map((p) => ("literal" in p ? p.literal : "")).join(""));
  const only = parts[0];
  // A template that is one interpolation yields the value itself, not its string form (HCL semantics).
  if (parts.length === 1 && only !== undefined && "expression" in only && !/^~|~$/.test(only.expression)) {
    return evaluateExpression(only.expression, scope);
  }
  let out = "";
  let isKnown = true;
  const references: string[] = [];
  const resolved: ResolvedReference[] = [];
  for (const part of parts) {
    if ("literal" in part) {
      out += part.literal;
      continue;
    }
    const source = "expression" in part ? part.expression : part.directive;
    // `~` strip markers and `%{ if }` / `%{ for }` directives change the text around them: not evaluated.
    const evaluable = "expression" in part && !/^~|~$/.test(source);
    const value = evaluateExpression(source.replace(/^~|~$/g, ""), scope);
    references.push(...value.references);
    resolved.push(...value.resolved);
    if (evaluable && value.known && ["string", "number", "boolean"].includes(typeof value.value)) out += String(value.value);
    else isKnown = false;
  }
  return isKnown ? known(out, references, dedupeResolved(resolved)) : unknown(references, dedupeResolved(resolved));
}

/** A value unknown at synth time, at `path` inside the evaluated value. */
export interface UnknownLeaf {
  path: ValuePath;
  references: string[];
  resolved: ResolvedReference[];
}

export interface Evaluated {
  /** The value with null where it is unknown. */
  value: Json;
  unknown: UnknownLeaf[];
  /** Every managed resource the value refers to (known or not). */
  resolved: ResolvedReference[];
  /** True when the value is written as a constant: no interpolation anywhere in it. */
  literal: boolean;
}

/** Evaluates a JSON value of the configuration: strings as templates, arrays and objects element-wise. */
export function evaluate(raw: Json, scope: Scope): Evaluated {
  if (typeof raw === "string") {
    const literal = !isTemplate(raw);
    const value = evaluateString(raw, scope);
    if (value.known) return { value: value.value, unknown: [], resolved: value.resolved, literal };
    return { value: null, unknown: [{ path: [], references: value.references, resolved: value.resolved }], resolved: value.resolved, literal };
  }
  if (raw === null || typeof raw !== "object") return { value: raw, unknown: [], resolved: [], literal: true };
  const entries: Array<[string | number, Json]> = Array.isArray(raw) ? raw.map((v, i) => [i, v]) : Object.entries(raw);
  const value: Json = Array.isArray(raw) ? [] : record<Json>();
  const out: Evaluated = { value, unknown: [], resolved: [], literal: true };
  for (const [key, child] of entries) {
    const evaluated = evaluate(child, scope);
    if (Array.isArray(value)) value.push(evaluated.value);
    else value[String(key)] = evaluated.value;
    for (const leaf of evaluated.unknown) out.unknown.push({ ...leaf, path: [key, ...leaf.path] });
    out.resolved.push(...evaluated.resolved);
    out.literal &&= evaluated.literal;
  }
  out.resolved = dedupeResolved(out.resolved);
  return out;
}
