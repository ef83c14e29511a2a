/**
 * Objects built from input have no prototype. Input chooses keys, and a key such as `__proto__`,
 * `constructor` or `toString` must be an ordinary key: reading it from a plain object finds
 * `Object.prototype`'s members, and writing through it (`target[a][b] = v` with `a = "__proto__"`) changes
 * `Object.prototype` for the whole process (an `after_unknown: {"__proto__": {"constant_value": true}}`
 * once made every configuration node look like a constant). Every parser's output passes through
 * {@link withoutPrototypes}, and every map keyed by input is a {@link record} or a `Map`.
 */

/** An empty object without a prototype, for keys that come from input. */
export function record<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** `Object.fromEntries` into an object without a prototype. */
export function recordFromEntries<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  const out = record<T>();
  for (const [key, value] of entries) out[key] = value;
  return out;
}

/** A UTF-16 surrogate that is not half of a pair (`u` makes a pair one code point, so only lone ones match). */
const LONE_SURROGATE = /\p{Cs}/u;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Removes the prototype of every plain object in a parsed document, in place (JSON.parse and YAML's toJS
 * make own `__proto__` keys, which are safe only once the object has no prototype to reach). Returns the
 * first string or key that is not well-formed Unicode (a lone UTF-16 surrogate, which `\ud800` in JSON
 * text gives), or null: callers refuse such input rather than judge a garbled value. `checkText` false: the
 * caller has checked the text already (the streaming plan reader: UTF-8 without a `\uD...` escape), and
 * the answer is null.
 */
export function withoutPrototypes(value: unknown, checkText = true): string | null {
  if (!checkText) {
    stripPrototypes(value);
    return null;
  }
  let illFormed: string | null = null;
  const visit = (node: unknown): void => {
    if (typeof node === "string") {
      if (checkText && illFormed === null && LONE_SURROGATE.test(node)) illFormed = node;
      return;
    }
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!isPlainObject(node)) return;
    Object.setPrototypeOf(node, null);
    for (const key of Object.keys(node)) {
      if (checkText && illFormed === null && LONE_SURROGATE.test(key)) illFormed = key;
      visit(node[key]);
    }
  };
  visit(value);
  return illFormed;
}

/**
 * withoutPrototypes without the text check: the streaming plan reader's path, run on every value it keeps. A
 * `for...in` walk (no key list per object: once the prototype is gone it sees own keys only, `__proto__`
 * included), and only objects are visited.
 */
function stripPrototypes(node: unknown): void {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i += 1) {
      const item: unknown = node[i];
      if (typeof item === "object" && item !== null) stripPrototypes(item);
    }
    return;
  }
  if (!isPlainObject(node)) return;
  Object.setPrototypeOf(node, null);
  for (const key in node) {
    const item = node[key];
    if (typeof item === "object" && item !== null) stripPrototypes(item);
  }
}

/** A deep copy of JSON data whose objects have no prototype (structuredClone would give them one). */
export function cloneRecords<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => cloneRecords(item)) as T;
  if (typeof value !== "object" || value === null) return value;
  const out = record<unknown>();
  for (const key of Object.keys(value)) out[key] = cloneRecords((value as Record<string, unknown>)[key]);
  return out as T;
}
