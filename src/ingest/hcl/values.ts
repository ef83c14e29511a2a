/**
 * Values of the static evaluator. Like Terraform's own values (cty), a value may be unknown (known only
 * after apply) and may carry marks: the managed resources it came from (`refs`, so links resolve exactly as
 * in the plan path) and whether it is sensitive. Marks sit on the node they were attached to, so a map
 * built from two resources keeps each entry's origin apart (`each.value.arn` names one stage, not all).
 */
import { UNKNOWN_PART } from "../../model/types";
import { record } from "../../records";
import type { Json, ResolvedReference } from "../types";

export type Ref = ResolvedReference;

interface Marks {
  readonly refs: readonly Ref[];
  readonly sensitive: boolean;
}

export interface Prim extends Marks {
  readonly k: "p";
  readonly v: null | boolean | number | string;
}

export interface Tup extends Marks {
  readonly k: "t";
  readonly items: readonly Val[];
  /** A list of nested blocks (not an attribute's tuple): attributes inside are separate expressions. */
  readonly blocks?: true;
}

export interface Obj extends Marks {
  readonly k: "o";
  readonly items: ReadonlyMap<string, Val>;
  /** A resource instance or block body: reading an attribute it does not configure gives an unknown value. */
  readonly open?: true;
}

export interface Unk extends Marks {
  readonly k: "u";
  /**
   * What is known of a value whose serialization is unknown: `jsonencode` of a structure with unknown
   * leaves keeps the structure here, and a template its literal text (partialText), so the model can judge a
   * policy whose only unknown part is an ARN, or a URL whose scheme is literal (src/model/partial.ts).
   */
  readonly partial?: Val;
  /** Certainly not null once known: a template's result (Terraform refuses to interpolate null), jsonencode's. */
  readonly nonNull?: true;
  /** The expression is an error in Terraform (a missing map key, a bad conversion): `try()` skips it. */
  readonly invalid?: true;
}

/** A namespace (`var`, `local`, `aws_api_gateway_stage`...): attribute access looks names up lazily. */
export interface Ns extends Marks {
  readonly k: "ns";
  readonly get: (name: string) => Val;
}

export type Val = Prim | Tup | Obj | Unk | Ns;

const NO_REFS: readonly Ref[] = [];

export function prim(v: null | boolean | number | string): Prim {
  return { k: "p", v, refs: NO_REFS, sensitive: false };
}

export const NULL = prim(null);

export function tuple(items: readonly Val[], blocks = false): Tup {
  return blocks ? { k: "t", items, refs: NO_REFS, sensitive: false, blocks: true } : { k: "t", items, refs: NO_REFS, sensitive: false };
}

export function object(items: ReadonlyMap<string, Val>, open = false): Obj {
  return open ? { k: "o", items, refs: NO_REFS, sensitive: false, open: true } : { k: "o", items, refs: NO_REFS, sensitive: false };
}

export function unknown(refs: readonly Ref[] = NO_REFS, sensitive = false, partial?: Val): Unk {
  return partial === undefined ? { k: "u", refs, sensitive } : { k: "u", refs, sensitive, partial };
}

/** The same unknown value, known to be a string (never null) once known. */
export function nonNull(value: Unk): Unk {
  return { ...value, nonNull: true };
}

/**
 * The value as far as it is known, as the text the model reads (src/model/partial.ts): a string's partial
 * text, or a structure's JSON (keys sorted as jsonencode writes them) with every unknown leaf spelled by
 * its own partial text or a bare placeholder. null for an unknown value that carries nothing known.
 */
export function partialText(value: Val): string | null {
  if (value.k !== "u" || value.partial === undefined) return null;
  if (value.partial.k === "p") return typeof value.partial.v === "string" ? value.partial.v : null;
  const render = (v: Val): Json => {
    switch (v.k) {
      case "p":
        return v.v;
      case "t":
        return v.items.map(render);
      case "o":
        return Object.fromEntries([...v.items.keys()].sort().map((k) => [k, render(v.items.get(k) as Val)]));
      default:
        return partialText(v) ?? UNKNOWN_PART;
    }
  };
  return JSON.stringify(render(value.partial));
}

/** An evaluation error: unknown to every rule, but `try()` and `can()` tell it apart. */
export function invalid(refs: readonly Ref[] = NO_REFS): Unk {
  return { k: "u", refs, sensitive: false, invalid: true };
}

export function namespace(get: (name: string) => Val): Ns {
  return { k: "ns", get, refs: NO_REFS, sensitive: false };
}

export function refId(ref: Ref): string {
  return ref.key === undefined ? ref.base : `${ref.base}#${typeof ref.key}:${String(ref.key)}`;
}

export function mergeRefs(...lists: ReadonlyArray<readonly Ref[]>): readonly Ref[] {
  return mergeRefList(lists);
}

/** mergeRefs of a list of any length (spreading a long list into arguments overflows the stack). */
export function mergeRefList(lists: ReadonlyArray<readonly Ref[]>): readonly Ref[] {
  const nonEmpty = lists.filter((l) => l.length > 0);
  if (nonEmpty.length === 0) return NO_REFS;
  if (nonEmpty.length === 1) return nonEmpty[0] as readonly Ref[];
  const seen = new Map<string, Ref>();
  for (const list of nonEmpty) for (const ref of list) if (!seen.has(refId(ref))) seen.set(refId(ref), ref);
  return [...seen.values()];
}

/** The same value with more marks on its own node. */
export function mark(value: Val, refs: readonly Ref[], sensitive = false): Val {
  if (refs.length === 0 && (!sensitive || value.sensitive)) return value;
  return { ...value, refs: mergeRefs(value.refs, refs), sensitive: value.sensitive || sensitive };
}

/** Every reference in a value, its own and its elements'. */
export function deepRefs(value: Val): readonly Ref[] {
  const lists: Array<readonly Ref[]> = [];
  const visit = (v: Val): void => {
    if (v.refs.length > 0) lists.push(v.refs);
    if (v.k === "t") v.items.forEach(visit);
    else if (v.k === "o") v.items.forEach(visit);
    else if (v.k === "u" && v.partial !== undefined) visit(v.partial);
  };
  visit(value);
  return mergeRefList(lists);
}

export function deepSensitive(value: Val): boolean {
  if (value.sensitive) return true;
  if (value.k === "t") return value.items.some(deepSensitive);
  if (value.k === "o") return [...value.items.values()].some(deepSensitive);
  if (value.k === "u" && value.partial !== undefined) return deepSensitive(value.partial);
  return false;
}

/** True when no part of the value is unknown. */
export function isKnown(value: Val): boolean {
  if (value.k === "u" || value.k === "ns") return false;
  if (value.k === "t") return value.items.every(isKnown);
  if (value.k === "o") return [...value.items.values()].every(isKnown);
  return true;
}

/** The value as JSON; unknown parts become null. */
export function toJson(value: Val): Json {
  switch (value.k) {
    case "p":
      return value.v;
    case "t":
      return value.items.map(toJson);
    case "o": {
      const out = record<Json>();
      for (const [k, v] of value.items) out[k] = toJson(v);
      return out;
    }
    default:
      return null;
  }
}

export function fromJson(json: Json): Val {
  if (Array.isArray(json)) return tuple(json.map(fromJson));
  if (json !== null && typeof json === "object") return object(new Map(Object.entries(json).map(([k, v]) => [k, fromJson(v)])));
  return prim(json);
}

/** Deep equality of two known values (Terraform's `==`: types must agree too). */
export function equal(a: Val, b: Val): boolean {
  if (a.k === "p" && b.k === "p") return a.v === b.v;
  if (a.k === "t" && b.k === "t") return a.items.length === b.items.length && a.items.every((x, i) => equal(x, b.items[i] as Val));
  if (a.k === "o" && b.k === "o") {
    if (a.items.size !== b.items.size) return false;
    for (const [k, v] of a.items) {
      const other = b.items.get(k);
      if (other === undefined || !equal(v, other)) return false;
    }
    return true;
  }
  return false;
}

/** A primitive as a string, as template interpolation and string parameters convert it; null if it cannot be. */
export function asString(value: Val): string | null {
  if (value.k !== "p" || value.v === null) return null;
  return typeof value.v === "string" ? value.v : String(value.v);
}

export function asNumber(value: Val): number | null {
  if (value.k !== "p") return null;
  if (typeof value.v === "number") return value.v;
  if (typeof value.v === "string" && value.v.trim() !== "" && Number.isFinite(Number(value.v))) return Number(value.v);
  return null;
}

export function asBool(value: Val): boolean | null {
  if (value.k !== "p") return null;
  if (typeof value.v === "boolean") return value.v;
  if (value.v === "true") return true;
  if (value.v === "false") return false;
  return null;
}

/** Elements of a collection (tuple/list/set: by position; object/map: by key, sorted as Terraform does). */
export function entries(value: Tup | Obj): Array<[Val, Val]> {
  if (value.k === "t") return value.items.map((v, i) => [prim(i), v]);
  return [...value.items.keys()].sort().map((k) => [prim(k), value.items.get(k) as Val]);
}
