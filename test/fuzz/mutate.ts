/**
 * Seeded mutations of real fixture plans (plans/<scenario>/plan.json) for the fuzz suite: structural damage
 * (drop, duplicate, retype, swap), hostile strings (unicode, huge, empty), deep nesting, adversarial keys,
 * size, and the semantic variants the oracle compares against (a value made unknown, a value marked
 * sensitive, a sensitive canary). Everything is derived from one PRNG, so a seed reproduces a case exactly.
 */
import { isResourceType } from "../../src/model/spec";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };
export type Path = Array<string | number>;

/** mulberry32: a small, fast 32-bit PRNG; the same seed gives the same sequence on every machine. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(below: number): number {
    return Math.floor(this.next() * below);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[this.int(items.length)] as T;
  }
}

/** A string that must never reach any output once it is marked sensitive. */
export const CANARY = "FUZZ-CANARY-SECRET-5f1c2d";

export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function clone<T extends Json>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Sets a key as an own, enumerable property, so `__proto__` stays data (JSON.stringify writes it). */
export function defineKey(object: JsonObject, key: string, value: Json): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

export function get(root: Json, path: Path): Json | undefined {
  let node: Json | undefined = root;
  for (const step of path) {
    if (Array.isArray(node) && typeof step === "number") node = node[step];
    else if (isObject(node) && typeof step === "string" && Object.prototype.hasOwnProperty.call(node, step)) node = node[step];
    else return undefined;
  }
  return node;
}

function set(root: Json, path: Path, value: Json): void {
  const parent = get(root, path.slice(0, -1));
  const last = path[path.length - 1];
  if (Array.isArray(parent) && typeof last === "number") parent[last] = value;
  else if (isObject(parent) && typeof last === "string") defineKey(parent, last, value);
}

function remove(root: Json, path: Path): void {
  const parent = get(root, path.slice(0, -1));
  const last = path[path.length - 1];
  if (Array.isArray(parent) && typeof last === "number") parent.splice(last, 1);
  else if (isObject(parent) && typeof last === "string") delete parent[last];
}

/** Every path under root (objects and arrays included), up to a depth, root itself excluded. */
function paths(root: Json, maxDepth = 8, prefix: Path = [], out: Path[] = []): Path[] {
  if (prefix.length >= maxDepth) return out;
  if (Array.isArray(root)) {
    root.forEach((child, i) => {
      out.push([...prefix, i]);
      paths(child, maxDepth, [...prefix, i], out);
    });
  } else if (isObject(root)) {
    for (const [key, child] of Object.entries(root)) {
      out.push([...prefix, key]);
      paths(child, maxDepth, [...prefix, key], out);
    }
  }
  return out;
}

/** Leaves (scalars, empty containers) under root. */
function leaves(root: Json, prefix: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(root) && root.length > 0) root.forEach((child, i) => leaves(child, [...prefix, i], out));
  else if (isObject(root) && Object.keys(root).length > 0) for (const [k, child] of Object.entries(root)) leaves(child, [...prefix, k], out);
  else out.push(prefix);
  return out;
}

export interface Plan extends JsonObject {
  resource_changes: JsonObject[];
}

/** resource_changes the model judges (API Gateway and related types) that have an `after` object. */
function judgedChanges(plan: Json): JsonObject[] {
  const changes = isObject(plan) ? plan["resource_changes"] : undefined;
  if (!Array.isArray(changes)) return [];
  return changes.filter(
    (rc): rc is JsonObject =>
      isObject(rc) &&
      typeof rc["type"] === "string" &&
      isResourceType(rc["type"]) &&
      rc["mode"] === "managed" &&
      isObject(get(rc, ["change", "after"])),
  );
}

/** An attribute of a judged resource: the resource change and a path inside its `after`. */
export interface Attribute {
  change: JsonObject;
  path: Path;
}

/** Leaf attributes of judged resources, optionally only those whose value is a string. */
export function attributes(plan: Json, filter: (value: Json | undefined) => boolean = () => true): Attribute[] {
  return judgedChanges(plan).flatMap((change) =>
    leaves(get(change, ["change", "after"]) ?? null)
      .filter((path) => path.length > 0 && filter(get(change, ["change", "after", ...path])))
      .map((path) => ({ change, path })),
  );
}

/** Marks a path in a mask (`after_unknown` / `after_sensitive`), building the objects and lists on the way. */
function mark(change: JsonObject, maskName: "after_unknown" | "after_sensitive", path: Path): void {
  const inner = change["change"];
  if (!isObject(inner)) return;
  const after = inner["after"] ?? null;
  if (!isObject(inner[maskName])) defineKey(inner, maskName, {});
  let mask = inner[maskName] as Json;
  for (let i = 0; i < path.length - 1; i += 1) {
    const step = path[i] as string | number;
    const shape = get(after, path.slice(0, i + 1));
    const container = Array.isArray(mask) ? mask : isObject(mask) ? mask : null;
    if (container === null) return; // already marked whole (true)
    let next = Array.isArray(container) ? container[step as number] : (container as JsonObject)[step as string];
    if (next === true) return;
    if (next === undefined || next === false || next === null) {
      next = Array.isArray(shape) ? shape.map(() => false) : {};
      if (Array.isArray(container)) container[step as number] = next;
      else defineKey(container as JsonObject, step as string, next);
    }
    mask = next;
  }
  const last = path[path.length - 1] as string | number;
  if (Array.isArray(mask)) mask[last as number] = true;
  else if (isObject(mask)) defineKey(mask, last as string, true);
}

/**
 * The value at `path` becomes known only after apply, as Terraform writes it: absent from `after`, true in
 * `after_unknown`, and an expression in configuration that reads a data source (a value the plan does not know
 * always comes from an expression; a managed resource's attribute would also say "certainly set", which
 * rules needing presence rightly accept). Null when the resource's configuration cannot carry the expression
 * (module resources, blocks the configuration does not spell out): then "unknown" and "unset" could differ.
 */
export function makeUnknown(plan: Plan, attribute: Attribute): string | null {
  const config = rootConfiguration(plan, String(attribute.change["address"]));
  if (config === null) return null;
  const expressions = config["expressions"];
  if (!isObject(expressions)) return null;
  const parentPath = attribute.path.slice(0, -1);
  const parent = parentPath.length === 0 ? expressions : get(expressions, parentPath);
  const key = attribute.path[attribute.path.length - 1];
  if (!isObject(parent) || typeof key !== "string") return null;
  // A data source read at apply: unknown, and (unlike a managed resource's attribute) not certain to be set.
  defineKey(parent, key, { references: ["data.aws_ssm_parameter.fuzz.value", "data.aws_ssm_parameter.fuzz"] });
  remove(attribute.change, ["change", "after", ...attribute.path]);
  mark(attribute.change, "after_unknown", attribute.path);
  return `unknown ${String(attribute.change["address"])}.${attribute.path.join(".")}`;
}

function rootConfiguration(plan: Plan, address: string): JsonObject | null {
  const resources = get(plan, ["configuration", "root_module", "resources"]);
  if (!Array.isArray(resources)) return null;
  // count / for_each instances (`aws_x.y[0]`) share their resource's configuration.
  const base = address.replace(/\[[^\]]*\]$/, "");
  const found = resources.find((r) => isObject(r) && r["address"] === base);
  return isObject(found) ? found : null;
}

/** Marks the value at `path` sensitive (value unchanged), as Terraform does for sensitive inputs. */
export function makeSensitive(attribute: Attribute): string {
  mark(attribute.change, "after_sensitive", attribute.path);
  return `sensitive ${String(attribute.change["address"])}.${attribute.path.join(".")}`;
}

/** Replaces a string attribute with the canary and marks it sensitive. */
export function plantCanary(attribute: Attribute): string {
  set(attribute.change, ["change", "after", ...attribute.path], CANARY);
  mark(attribute.change, "after_sensitive", attribute.path);
  return `canary in ${String(attribute.change["address"])}.${attribute.path.join(".")}`;
}

const HOSTILE_STRINGS = [
  "",
  " ",
  "\u202eevil\u202c",
  "e\u0301\u0301\u0301",
  "\u{1F600}\u{1F4A9}",
  "nul\u0000byte",
  "\u001b[31mred\u001b[0m",
  "line\nbreak\r\n",
  "\ud800",
  "${aws_api_gateway_rest_api.x.id}",
  "%s%d%v%!",
  "<script>alert(1)</script>",
  "*",
  "execute-api:/*",
];

const ADVERSARIAL_KEYS = ["__proto__", "constructor", "prototype", "a.b", "a.b.c", "", "toString", "hasOwnProperty", "\u0000", "\u001b[2J", "k\ny"];

function otherType(value: Json | undefined, rng: Rng): Json {
  const choices: Json[] = [null, true, 0, -1, 1e308, "x", [], {}, [1, "a"], { a: 1 }];
  const different = choices.filter(
    (c) => typeof c !== typeof value || Array.isArray(c) !== Array.isArray(value) || (c === null) !== (value === null),
  );
  return rng.pick(different);
}

/**
 * Deep nesting is planted as a marker string and spelled out only in the JSON text (serialize): JSON.stringify
 * itself overflows the stack on it, and the point is to see whether the CLI's reader does.
 */
const DEEP_MARKER = /"\\u0000FUZZ-DEEP:(\d+)"/g;

function nested(depth: number): Json {
  return `\u0000FUZZ-DEEP:${depth}`;
}

/** The plan as JSON text, with deep-nesting markers expanded to alternating lists and objects. */
export function serialize(plan: Json): string {
  return JSON.stringify(plan).replace(DEEP_MARKER, (_, depth: string) => {
    const n = Number(depth);
    let open = "";
    let close = "";
    for (let i = 0; i < n; i += 1) {
      open += i % 2 === 0 ? "[" : '{"d":';
      close = (i % 2 === 0 ? "]" : "}") + close;
    }
    return `${open}"deep"${close}`;
  });
}

/** Picks a path to damage: mostly inside judged resources, sometimes anywhere in the plan. */
function target(plan: Plan, rng: Rng): Path {
  const changes = judgedChanges(plan);
  if (changes.length > 0 && rng.next() < 0.8) {
    const change = rng.pick(changes);
    const index = plan.resource_changes.indexOf(change);
    const inner = paths(change, 8);
    return ["resource_changes", index, ...rng.pick(inner)];
  }
  return rng.pick(paths(plan, 4));
}

type Mutation = (plan: Plan, rng: Rng) => string;

/** The structural and hostile-value mutations; each returns what it did. */
export const MUTATIONS: Readonly<Record<string, Mutation>> = {
  drop(plan, rng) {
    const path = target(plan, rng);
    remove(plan, path);
    return `drop ${path.join(".")}`;
  },
  duplicate(plan, rng) {
    const path = target(plan, rng);
    const parentPath = path.slice(0, -1);
    const parent = get(plan, parentPath);
    const value = get(plan, path);
    if (Array.isArray(parent) && value !== undefined) {
      parent.splice(Number(path[path.length - 1]), 0, clone(value));
      return `duplicate element ${path.join(".")}`;
    }
    const changes = plan.resource_changes;
    if (!Array.isArray(changes) || changes.length === 0) return "duplicate (nothing)";
    const rc = rng.pick(changes);
    changes.push(clone(rc));
    return `duplicate resource ${String(isObject(rc) ? rc["address"] : "?")}`;
  },
  retype(plan, rng) {
    const path = target(plan, rng);
    const value = otherType(get(plan, path), rng);
    set(plan, path, value);
    return `retype ${path.join(".")} to ${JSON.stringify(value)}`;
  },
  swap(plan, rng) {
    const a = target(plan, rng);
    const b = target(plan, rng);
    const va = get(plan, a);
    const vb = get(plan, b);
    if (va === undefined || vb === undefined || a.join("\u0000").startsWith(b.join("\u0000")) || b.join("\u0000").startsWith(a.join("\u0000")))
      return "swap (nested paths)";
    set(plan, a, clone(vb));
    set(plan, b, clone(va));
    return `swap ${a.join(".")} <-> ${b.join(".")}`;
  },
  unicode(plan, rng) {
    const candidates = attributes(plan, (v) => typeof v === "string");
    if (candidates.length === 0) return "unicode (no string)";
    const { change, path } = rng.pick(candidates);
    const value = rng.pick(HOSTILE_STRINGS);
    set(change, ["change", "after", ...path], value);
    return `hostile string ${JSON.stringify(value)} at ${String(change["address"])}.${path.join(".")}`;
  },
  huge(plan, rng) {
    const candidates = attributes(plan, (v) => typeof v === "string");
    if (candidates.length === 0) return "huge (no string)";
    const { change, path } = rng.pick(candidates);
    const size = rng.pick([64 * 1024, 1024 * 1024, 4 * 1024 * 1024]);
    set(change, ["change", "after", ...path], "A".repeat(size));
    return `huge string (${size} bytes) at ${String(change["address"])}.${path.join(".")}`;
  },
  deep(plan, rng) {
    const path = target(plan, rng);
    const depth = rng.pick([100, 1000, 10000]);
    set(plan, path, nested(depth));
    return `nesting ${depth} deep at ${path.join(".")}`;
  },
  keys(plan, rng) {
    // Mostly inside judged resources' masks and values, where the reader walks keys; sometimes anywhere.
    const masks = judgedChanges(plan).flatMap((rc) => {
      const index = plan.resource_changes.indexOf(rc);
      return ["after_unknown", "after_sensitive", "after"].flatMap((mask) =>
        [[], ...paths(get(rc, ["change", mask]) ?? null, 4)].map((p) => ["resource_changes", index, "change", mask, ...p]),
      );
    });
    const objects = [...(rng.next() < 0.6 ? masks : paths(plan, 8))].filter((p) => isObject(get(plan, p)));
    const where = objects.length > 0 && rng.next() < 0.9 ? rng.pick(objects) : [];
    const object = where.length === 0 ? plan : (get(plan, where) as JsonObject);
    const key = rng.pick(ADVERSARIAL_KEYS);
    const value: Json = rng.pick<Json>([
      { fuzzPolluted: true },
      true,
      "yes",
      { isAdmin: true, toString: "x" },
      [{ fuzzPolluted: true }],
      { constant_value: "x" },
    ]);
    defineKey(object, key, value);
    return `key ${JSON.stringify(key)} = ${JSON.stringify(value)} at ${where.join(".") || "(top)"}`;
  },
  size(plan, rng) {
    const changes = plan.resource_changes;
    if (!Array.isArray(changes) || changes.length === 0) return "size (no resources)";
    const times = rng.pick([10, 50]);
    const copies: Json[] = [];
    for (let i = 0; i < times; i += 1) {
      for (const rc of changes) {
        if (!isObject(rc)) continue;
        const copy = clone(rc);
        copy["address"] = `${String(rc["address"])}_fuzz${i}`;
        copy["name"] = `${String(rc["name"])}_fuzz${i}`;
        copies.push(copy);
      }
    }
    changes.push(...(copies as JsonObject[]));
    return `size x${times + 1} (${changes.length} resources)`;
  },
};
