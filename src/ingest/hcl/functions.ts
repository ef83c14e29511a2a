/**
 * Terraform's built-in functions that can be computed before plan from known arguments. A function that is
 * not here, or whose arguments are not all known, gives an unknown value (never a guess). Results carry
 * the marks of their arguments: the references (so links still resolve) and sensitivity.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { readTextBounded } from "../../bounded-read";
import { PolicyCheckError } from "../../errors";
import { MAX_SOURCE_FILE_BYTES } from "../../limits";
import { parseNestedJson } from "../json";
import type { Json } from "../types";
import {
  asBool,
  asNumber,
  asString,
  deepRefs,
  deepSensitive,
  entries,
  equal,
  fromJson,
  invalid,
  isKnown,
  mark,
  mergeRefList,
  mergeRefs,
  nonNull,
  NULL,
  object,
  prim,
  toJson,
  tuple,
  unknown,
  type Val,
} from "./values";

export interface FunctionContext {
  /** Directory that relative paths in `file()` are read from (Terraform: the working directory). */
  baseDir: string;
  /**
   * When set, only these functions are computed; any other call is unknown. At CDKTF synth time a function
   * call (`Fn.*`) is left to Terraform, except the type conversions CDKTF writes itself (an iterator over a
   * literal list synthesizes `toset([...])`).
   */
  only?: ReadonlySet<string>;
}

type Fn = (args: Val[], ctx: FunctionContext) => Val;

function strings(args: readonly Val[]): string[] | null {
  const out: string[] = [];
  for (const a of args) {
    const s = asString(a);
    if (s === null) return null;
    out.push(s);
  }
  return out;
}

function collection(value: Val | undefined): Val[] | null {
  if (value === undefined) return null;
  if (value.k === "t") return [...value.items];
  if (value.k === "o") return entries(value).map(([, v]) => v);
  return null;
}

/** Terraform's jsonencode: object keys sorted, compact. */
export function jsonEncode(value: Val): string {
  const sortKeys = (json: Json): Json => {
    if (Array.isArray(json)) return json.map(sortKeys);
    if (json !== null && typeof json === "object") {
      return Object.fromEntries(
        Object.keys(json)
          .sort()
          .map((k) => [k, sortKeys(json[k] as Json)]),
      );
    }
    return json;
  };
  return JSON.stringify(sortKeys(toJson(value)));
}

function stringFn(f: (...s: string[]) => string | null): Fn {
  return (args) => {
    const s = strings(args);
    if (s === null) return invalid();
    const out = f(...s);
    return out === null ? invalid() : prim(out);
  };
}

function hash(algorithm: string): Fn {
  return stringFn((s) =>
    createHash(algorithm)
      .update(s ?? "", "utf8")
      .digest("hex"),
  );
}

function format(spec: string, args: readonly Val[]): string | null {
  let i = 0;
  let failed = false;
  const out = spec.replace(/%(%|[-+# 0]*\d*(?:\.\d+)?[sdvqtf])/g, (whole, verb: string) => {
    if (verb === "%") return "%";
    const arg = args[i];
    i += 1;
    if (arg === undefined) {
      failed = true;
      return whole;
    }
    const kind = verb[verb.length - 1];
    if (kind === "q") return JSON.stringify(asString(arg) ?? "");
    if (kind === "d") {
      const n = asNumber(arg);
      if (n === null) failed = true;
      return String(Math.trunc(n ?? 0));
    }
    if (kind === "v" && arg.k !== "p") return jsonEncode(arg);
    const s = asString(arg);
    if (s === null) failed = true;
    return s ?? "";
  });
  return failed ? null : out;
}

const FUNCTIONS: Record<string, Fn> = {
  jsonencode: ([v]) => (v === undefined ? invalid() : prim(jsonEncode(v))),
  jsondecode: ([v]) => {
    const s = v === undefined ? null : asString(v);
    if (s === null) return invalid();
    try {
      return fromJson(parseNestedJson(s) as Json);
    } catch {
      return invalid();
    }
  },
  sha1: hash("sha1"),
  sha256: hash("sha256"),
  sha512: hash("sha512"),
  md5: hash("md5"),
  base64encode: stringFn((s) => Buffer.from(s ?? "", "utf8").toString("base64")),
  base64decode: stringFn((s) => Buffer.from(s ?? "", "base64").toString("utf8")),
  base64sha256: stringFn((s) =>
    createHash("sha256")
      .update(s ?? "", "utf8")
      .digest("base64"),
  ),
  lower: stringFn((s) => (s ?? "").toLowerCase()),
  upper: stringFn((s) => (s ?? "").toUpperCase()),
  trimspace: stringFn((s) => (s ?? "").trim()),
  trimprefix: stringFn((s, p) => ((s ?? "").startsWith(p ?? "") ? (s ?? "").slice((p ?? "").length) : (s ?? ""))),
  trimsuffix: stringFn((s, p) => ((s ?? "").endsWith(p ?? "") && p !== "" ? (s ?? "").slice(0, -(p ?? "").length) : (s ?? ""))),
  startswith: ([s, p]) => (s === undefined || p === undefined ? invalid() : prim((asString(s) ?? "").startsWith(asString(p) ?? ""))),
  endswith: ([s, p]) => (s === undefined || p === undefined ? invalid() : prim((asString(s) ?? "").endsWith(asString(p) ?? ""))),
  strcontains: ([s, p]) => (s === undefined || p === undefined ? invalid() : prim((asString(s) ?? "").includes(asString(p) ?? ""))),
  replace: stringFn((s, search, replacement) => {
    if (s === undefined || search === undefined || replacement === undefined) return null;
    const regex = /^\/(.*)\/$/.exec(search);
    if (regex !== null) {
      try {
        return s.replace(new RegExp(regex[1] ?? "", "g"), replacement.replace(/\$\{(\d+)\}/g, "$$$1"));
      } catch {
        return null;
      }
    }
    return s.split(search).join(replacement);
  }),
  substr: ([s, offset, length]) => {
    const str = s === undefined ? null : asString(s);
    const o = offset === undefined ? null : asNumber(offset);
    const l = length === undefined ? null : asNumber(length);
    if (str === null || o === null || l === null) return invalid();
    const chars = [...str];
    const start = o < 0 ? chars.length + o : o;
    return prim(chars.slice(start, l < 0 ? undefined : start + l).join(""));
  },
  format: ([spec, ...rest]) => {
    const s = spec === undefined ? null : asString(spec);
    const out = s === null ? null : format(s, rest);
    return out === null ? invalid() : prim(out);
  },
  join: ([sep, ...lists]) => {
    const s = sep === undefined ? null : asString(sep);
    const items = lists.flatMap((l) => collection(l) ?? [NULL]);
    const parts = strings(items);
    return s === null || parts === null ? invalid() : prim(parts.join(s));
  },
  split: ([sep, str]) => {
    const s = sep === undefined ? null : asString(sep);
    const t = str === undefined ? null : asString(str);
    return s === null || t === null ? invalid() : tuple(t.split(s).map(prim));
  },
  concat: (args) => {
    const lists = args.map(collection);
    if (lists.some((l) => l === null)) return invalid();
    return tuple(lists.flatMap((l) => l ?? []));
  },
  merge: (args) => {
    const items = new Map<string, Val>();
    for (const a of args) {
      if (a.k === "p" && a.v === null) continue;
      if (a.k !== "o") return invalid();
      for (const [k, v] of a.items) items.set(k, mark(v, a.refs, a.sensitive));
    }
    return object(items);
  },
  lookup: ([map, key, fallback]) => {
    const k = key === undefined ? null : asString(key);
    if (map?.k !== "o" || k === null) return invalid();
    const found = map.items.get(k);
    if (found !== undefined) return mark(found, map.refs, map.sensitive);
    return fallback ?? invalid();
  },
  element: ([list, index]) => {
    const items = collection(list);
    const i = index === undefined ? null : asNumber(index);
    if (items === null || i === null || items.length === 0) return invalid();
    return items[((Math.trunc(i) % items.length) + items.length) % items.length] as Val;
  },
  length: ([v]) => {
    if (v === undefined) return invalid();
    if (v.k === "t") return prim(v.items.length);
    if (v.k === "o") return prim(v.items.size);
    const s = asString(v);
    return s === null ? invalid() : prim([...s].length);
  },
  keys: ([v]) => (v?.k === "o" ? tuple([...v.items.keys()].sort().map(prim)) : invalid()),
  values: ([v]) => (v?.k === "o" ? tuple(entries(v).map(([, x]) => x)) : invalid()),
  tolist: ([v]) => (v?.k === "t" ? v : invalid()),
  toset: ([v]) => {
    if (v?.k !== "t") return invalid();
    const out: Val[] = [];
    for (const item of v.items) if (!out.some((o) => equal(o, item))) out.push(item);
    // Sets of strings iterate in lexical order in Terraform.
    if (out.every((o) => o.k === "p" && typeof o.v === "string")) out.sort((a, b) => ((asString(a) ?? "") < (asString(b) ?? "") ? -1 : 1));
    return tuple(out);
  },
  tomap: ([v]) => (v?.k === "o" ? v : invalid()),
  tostring: ([v]) => {
    if (v?.k === "p" && v.v === null) return NULL;
    const s = v === undefined ? null : asString(v);
    return s === null ? invalid() : prim(s);
  },
  tonumber: ([v]) => {
    if (v?.k === "p" && v.v === null) return NULL;
    const n = v === undefined ? null : asNumber(v);
    return n === null ? invalid() : prim(n);
  },
  tobool: ([v]) => {
    if (v?.k === "p" && v.v === null) return NULL;
    const b = v === undefined ? null : asBool(v);
    return b === null ? invalid() : prim(b);
  },
  contains: ([list, value]) => {
    const items = collection(list);
    return items === null || value === undefined ? invalid() : prim(items.some((i) => equal(i, value)));
  },
  coalesce: (args) => args.find((a) => !(a.k === "p" && (a.v === null || a.v === ""))) ?? invalid(),
  compact: ([list]) => {
    const items = collection(list);
    return items === null ? invalid() : tuple(items.filter((i) => !(i.k === "p" && (i.v === null || i.v === ""))));
  },
  flatten: ([list]) => {
    const flat = (v: Val): Val[] => (v.k === "t" ? v.items.flatMap(flat) : [v]);
    return list?.k === "t" ? tuple(flat(list)) : invalid();
  },
  distinct: ([list]) => {
    if (list?.k !== "t") return invalid();
    const out: Val[] = [];
    for (const item of list.items) if (!out.some((o) => equal(o, item))) out.push(item);
    return tuple(out);
  },
  reverse: ([list]) => (list?.k === "t" ? tuple([...list.items].reverse()) : invalid()),
  sort: ([list]) => {
    const items = list?.k === "t" ? strings(list.items) : null;
    return items === null ? invalid() : tuple([...items].sort().map(prim));
  },
  zipmap: ([ks, vs]) => {
    const keys = ks?.k === "t" ? strings(ks.items) : null;
    if (keys === null || vs?.k !== "t") return invalid();
    return object(new Map(keys.map((k, i) => [k, vs.items[i] ?? NULL])));
  },
  range: (args) => {
    const n = args.map(asNumber);
    if (n.some((x) => x === null) || n.length === 0) return invalid();
    const [a, b, step] = n.length === 1 ? [0, n[0] as number, 1] : [n[0] as number, n[1] as number, (n[2] ?? 1) as number];
    if (step === 0) return invalid();
    const out: Val[] = [];
    for (let x = a; step > 0 ? x < b : x > b; x += step) {
      out.push(prim(x));
      if (out.length > 1024) return invalid();
    }
    return tuple(out);
  },
  min: (args) => {
    const n = args.map(asNumber);
    return n.some((x) => x === null) ? invalid() : prim((n as number[]).reduce((a, b) => Math.min(a, b)));
  },
  max: (args) => {
    const n = args.map(asNumber);
    return n.some((x) => x === null) ? invalid() : prim((n as number[]).reduce((a, b) => Math.max(a, b)));
  },
  abs: ([v]) => (v === undefined || asNumber(v) === null ? invalid() : prim(Math.abs(asNumber(v) as number))),
  ceil: ([v]) => (v === undefined || asNumber(v) === null ? invalid() : prim(Math.ceil(asNumber(v) as number))),
  floor: ([v]) => (v === undefined || asNumber(v) === null ? invalid() : prim(Math.floor(asNumber(v) as number))),
  one: ([list]) => {
    const items = collection(list);
    if (items === null || items.length > 1) return invalid();
    return items[0] ?? NULL;
  },
  file: ([p], ctx) => {
    const name = p === undefined ? null : asString(p);
    if (name === null) return invalid();
    try {
      return prim(
        readTextBounded(path.resolve(ctx.baseDir, name), {
          limit: MAX_SOURCE_FILE_BYTES,
          kind: "a file read by file() (MAX_SOURCE_FILE_BYTES)",
          shown: name,
        }),
      );
    } catch (error) {
      // A missing or unreadable file is an unknown value; one over the limit or not a regular file stops the scan.
      if (error instanceof PolicyCheckError && error.code === "INPUT_UNSUPPORTED") throw error;
      return invalid();
    }
  },
};

/** Functions whose arguments may be unknown or invalid: they decide themselves. */
const LENIENT: Record<string, (args: Val[]) => Val> = {
  try: (args) => {
    for (const a of args) {
      if (a.k === "u" && a.invalid === true) continue;
      return a;
    }
    return invalid();
  },
  can: ([a]) => (a === undefined ? invalid() : a.k === "u" ? (a.invalid === true ? prim(false) : unknown(a.refs)) : prim(true)),
  sensitive: ([a]) => (a === undefined ? invalid() : mark(a, [], true)),
  nonsensitive: ([a]) => (a === undefined ? invalid() : { ...a, sensitive: false }),
  jsonencode: ([a]) => {
    if (a === undefined) return invalid();
    if (isKnown(a)) return mark(prim(jsonEncode(a)), deepRefs(a), deepSensitive(a));
    // Keep the structure: enough to judge a policy whose only unknown part is, say, its API's ARN.
    return nonNull(unknown(deepRefs(a), deepSensitive(a), a));
  },
};

const STRUCTURAL = new Set([
  "merge",
  "lookup",
  "element",
  "concat",
  "values",
  "tolist",
  "toset",
  "tomap",
  "flatten",
  "distinct",
  "reverse",
  "one",
  "coalesce",
  "compact",
  "zipmap",
]);

/** Calls a function; unknown or unsupported → unknown, carrying the arguments' references. */
export function callFunction(name: string, args: Val[], ctx: FunctionContext): Val {
  const short = name.replace(/^provider::[^:]+::/, "");
  if (ctx.only !== undefined && !ctx.only.has(short)) return unknown(mergeRefList(args.map(deepRefs)), args.some(deepSensitive));
  const lenient = LENIENT[short];
  if (lenient !== undefined) return lenient(args);
  const refs = mergeRefList(args.map(deepRefs));
  const sensitive = args.some(deepSensitive);
  const fn = Object.hasOwn(FUNCTIONS, short) ? FUNCTIONS[short] : undefined;
  if (fn === undefined || !args.every(isKnown)) {
    const bad = args.find((a) => a.k === "u" && a.invalid === true);
    return bad !== undefined ? invalid(refs) : unknown(refs, sensitive);
  }
  const result = fn(args, ctx);
  // Structural results (merge, lookup, element...) keep their elements' own marks, so `lookup(stages, "a")`
  // names one stage; anything computed from the arguments carries all of their marks.
  if (STRUCTURAL.has(short) && result.k !== "u") return result;
  return result.k === "u" ? { ...result, refs: mergeRefs(result.refs, refs) } : mark(result, refs, sensitive);
}
