/**
 * Streaming reader for `terraform show -json` plans: reads the input in chunks and never holds the plan as
 * one string or one parsed document, so memory follows the API Gateway resources in the plan, not its size,
 * and a plan larger than V8's longest string (MAX_PLAN_BYTES) can be read.
 *
 * A small tokenizer walks the plan's outline (the top-level object, `resource_changes`, the configuration's
 * modules, `planned_values`' modules) and hands every other value, as one slice of bytes, to JSON.parse, which
 * validates it (JSON.parse is native and measured faster than any tokenizer in JavaScript; see `npm run
 * bench`). What the plan reader does not read is checked and dropped as it passes:
 * - every entry of `resource_changes` is parsed, checked for its identity (plan.ts's readIdentity: address,
 *   type, mode, actions...) and kept only when judged (a managed resource of a model type);
 * - every configuration resource is checked and kept only when a judged change can look it up;
 * - `prior_state`, `resource_drift`, `output_changes` and any other section are validated, then only their
 *   kind (object, list...) is kept: the plan reader checks that much.
 *
 * Errors: the caller (../index.ts) reads an input that fails here again as one string with the reader that
 * names line and column, so every message stays what it was for the inputs that fit in one string; only a
 * larger input gets this reader's own message (a byte offset).
 */
import { isAscii, isUtf8 } from "node:buffer";
import { readSync } from "node:fs";
import { PolicyCheckError } from "../../errors";
import { formatBytes, MAX_JSON_DEPTH, MAX_STREAMED_PLAN_BYTES, STREAM_SLICE_BYTES } from "../../limits";
import { MODEL_TYPES } from "../../model/spec";
import { record, withoutPrototypes } from "../../records";
import { locateJsonError, nestsDeeperThan, TOO_DEEP } from "../json";
import type { IngestResult, Json, JsonObject } from "../types";
import { isLookedUp, PRUNED_RESOURCE, readConfigResource, type ConfigResource } from "./configuration";
import { isPlanDocument, readIdentity, readPlan, SeenEntries, shareMasks, type ChangeEntry } from "./plan";
import { checkedJsonEnd, isCheckedJson } from "./validate";

/** Bytes read at once. */
const CHUNK = 4 * 1024 * 1024;

/** A skipped section up to this long is validated by one JSON.parse; a longer one is walked. */
const SKIP_SLICE_BYTES = 4 * 1024 * 1024;

/** A module's configuration up to this long is compared with those read before (see RepeatedValues). */
const REPEATED_VALUE_BYTES = 4 * 1024 * 1024;

/**
 * Bytes of a list's elements parsed by one JSON.parse, at most (PlanStream.objects). A call costs little, and what
 * a group parses is held until its last element is handed on: 128 and 256 KiB measured no faster at 10,000
 * resources, and 256 KiB slower at 1M other resources.
 */
export const GROUP_BYTES = 64 * 1024;

/** The first key of every entry of `resource_changes` and of every resource of a module's configuration. */
const ADDRESS_KEY = Buffer.from('"address"');

/** Bytes of distinct module configurations held for comparing, at most. */
const REPEATED_VALUES_HELD_BYTES = 16 * 1024 * 1024;

/** Values held for comparing that start with the same bytes, at most (many such distinct values are not compared). */
const REPEATED_VALUES_PER_KEY = 8;

/** Bytes at the start of a value that key the values held (RepeatedValues). */
const REPEATED_KEY_BYTES = 64;

/** A value held for comparing: its bytes, its nesting, the value read from them. */
interface HeldValue {
  bytes: Buffer;
  depth: number;
  value: Json;
}

const NO_HELD_VALUES: readonly HeldValue[] = [];

/**
 * Values already read, by their bytes and nesting: Terraform writes a module's configuration once per module call,
 * so a module called a thousand times is a thousand identical texts. The same bytes at the same depth are read
 * into the same value, with the same checks (an error would have stopped the first): the second is compared, not
 * parsed, and the value is shared (parsed values are never changed). Values are keyed by the input bytes at their
 * start (REPEATED_KEY_BYTES, fewer at the end of the input): the input is compared with the values held before
 * its own end is looked for (PlanStream.repeated).
 */
export class RepeatedValues {
  private readonly byKey = new Map<string, HeldValue[]>();
  private held = 0;

  /** The values held whose input started with `key`. */
  candidates(key: string): readonly HeldValue[] {
    return this.byKey.get(key) ?? NO_HELD_VALUES;
  }

  /** Whether a value of this key and length would be held (then the caller copies its bytes before reading it). */
  holds(key: string, length: number): boolean {
    return this.held + length <= REPEATED_VALUES_HELD_BYTES && (this.byKey.get(key)?.length ?? 0) < REPEATED_VALUES_PER_KEY;
  }

  add(key: string, bytes: Buffer, depth: number, value: Json): void {
    let candidates = this.byKey.get(key);
    if (candidates === undefined) {
      candidates = [];
      this.byKey.set(key, candidates);
    }
    candidates.push({ bytes, depth, value });
    this.held += bytes.length;
  }
}

/** Where the input stops being JSON this reader can take: `offset` is a byte offset into the input. */
export class StreamSyntaxError extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** A plan that is not one (another JSON document): the caller hands it to the other adapters. */
export class NotAPlan extends Error {
  constructor(readonly top: JsonObject) {
    super("not a plan");
  }
}

/** The input as a window of bytes over a descriptor; bytes before `keepFrom` may be dropped. */
class ByteWindow {
  buf: Buffer;
  /** Input offset of buf[0]. */
  base = 0;
  /** Bytes held in buf. */
  len = 0;
  eof = false;
  keepFrom = 0;

  constructor(
    private readonly fd: number,
    private readonly input: string,
    /** Sees every chunk read (standard input keeps a copy for a second reading). */
    private readonly onChunk: (chunk: Buffer) => void,
    /** Bytes read at once (tests make it tiny so that every value crosses chunks). */
    readonly chunk: number,
  ) {
    this.buf = Buffer.allocUnsafe(2 * chunk);
  }

  /** Reads the next chunk; false at end of input. */
  fill(): boolean {
    if (this.eof) return false;
    const drop = this.keepFrom - this.base;
    if (drop > 0) {
      this.buf.copy(this.buf, 0, drop, this.len);
      this.base += drop;
      this.len -= drop;
    }
    if (this.len + this.chunk > this.buf.length) {
      const grown = Buffer.allocUnsafe(Math.max(2 * this.buf.length, this.len + this.chunk));
      this.buf.copy(grown, 0, 0, this.len);
      this.buf = grown;
    }
    let n: number;
    for (;;) {
      try {
        n = readSync(this.fd, this.buf, this.len, this.chunk, null);
        break;
      } catch (error) {
        // A non-blocking standard input has no data yet: wait for it (as src/bounded-read.ts does).
        if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
      }
    }
    if (n === 0) {
      this.eof = true;
      return false;
    }
    this.onChunk(this.buf.subarray(this.len, this.len + n));
    this.len += n;
    if (this.base + this.len > MAX_STREAMED_PLAN_BYTES) {
      throw new PolicyCheckError(
        "INPUT_UNSUPPORTED",
        `is larger than ${formatBytes(MAX_STREAMED_PLAN_BYTES)}, the limit for a plan (MAX_STREAMED_PLAN_BYTES)`,
        {
          input: this.input,
        },
      );
    }
    return true;
  }

  /** The byte at input offset `at`, or -1 at end of input. */
  byteAt(at: number): number {
    while (at - this.base >= this.len) if (!this.fill()) return -1;
    return this.buf[at - this.base] as number;
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const UNICODE_ESCAPE = Buffer.from("\\u");

/**
 * Whether JSON text may hold a `\uD...` escape (half of a surrogate pair, which JSON.parse accepts alone): one
 * native search, as plans rarely hold a `\u` escape at all. An escaped backslash before `u` counts too: it only
 * costs a check of the parsed strings.
 */
function hasSurrogateEscape(bytes: Buffer): boolean {
  for (let at = bytes.indexOf(UNICODE_ESCAPE); at >= 0; at = bytes.indexOf(UNICODE_ESCAPE, at + 2)) {
    if (((bytes[at + 2] as number) | 0x20) === 0x64) return true;
  }
  return false;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** V8's words when JSON.parse read a whole value and found more after it (other words, as a later V8 may use: -1). */
const TEXT_AFTER_VALUE = /^Unexpected non-whitespace character after JSON at position (\d+)$/;

/** JSON.parse of a group's text, when it is a list; otherwise where the text after a whole value starts, or -1. */
function parseGroup(text: string): Json[] | number {
  try {
    const value = JSON.parse(text) as Json;
    return Array.isArray(value) ? value : -1;
  } catch (error) {
    const after = TEXT_AFTER_VALUE.exec((error as Error).message);
    return after === null ? -1 : Number(after[1]);
  }
}

/**
 * The offset of the `}` before `key` when white space, `{`, white space, `,`, white space, `}` come before it (one
 * object ends and the next begins with that key), after `from`; -1 otherwise.
 */
function elementEndBefore(buf: Buffer, from: number, key: number): number {
  let at = key - 1;
  for (const expected of [0x7b, 0x2c, 0x7d]) {
    while (at > from && isSpace(buf[at] as number)) at -= 1;
    if (at <= from || buf[at] !== expected) return -1;
    if (expected !== 0x7d) at -= 1;
  }
  return at;
}

/** The path of an object's member, as the plan reader names it (`configuration.root_module`: no dot before the first key). */
function memberPath(where: string, key: string): string {
  return where === "" ? key : `${where}.${key}`;
}

/** Reads one value from the stream; `depth` is its nesting (the top-level object is 1), `where` its path. */
type Reader = (stream: PlanStream, depth: number, where: string) => Json;

export class PlanStream {
  private pos: number;
  /** Of the last value extent() measured: how deep it nests. */
  private nesting = 0;

  constructor(
    private readonly window: ByteWindow,
    start: number,
  ) {
    this.pos = start;
  }

  fail(reason: string, at = this.pos): never {
    throw new StreamSyntaxError(at, reason);
  }

  private describeAt(at: number): string {
    const c = this.window.byteAt(at);
    return c < 0 ? "unexpected end of input" : `unexpected ${JSON.stringify(String.fromCharCode(c))}`;
  }

  /** The next byte that is not white space (not consumed), or -1 at end of input. */
  peek(): number {
    for (;;) {
      const c = this.window.byteAt(this.pos);
      if (c < 0 || !isSpace(c)) return c;
      this.pos += 1;
    }
  }

  private expect(byte: number, what: string): void {
    if (this.peek() !== byte) this.fail(`${what}, ${this.describeAt(this.pos)}`);
    this.pos += 1;
  }

  /**
   * The offset just past the value starting at `start` (first byte not white space), found without
   * validating it (JSON.parse does), or -1 when it is longer than `cap`. Only strings and brackets are
   * tracked: a bracket inside a string does not count.
   */
  private extent(start: number, cap: number): number {
    const window = this.window;
    window.keepFrom = start;
    const first = window.byteAt(start);
    const open = first === 0x7b || first === 0x5b;
    this.nesting = 0;
    if (!open && first !== QUOTE) {
      // A number or a literal: up to the next delimiter.
      let at = start;
      for (;;) {
        const c = window.byteAt(at);
        if (c < 0 || c === 0x2c || c === 0x7d || c === 0x5d || c === 0x3a || isSpace(c)) return at;
        at += 1;
        if (at - start > 400) return at; // long enough for JSON.parse to say what is wrong
      }
    }
    let depth = open ? 1 : 0;
    let nesting = depth;
    let inString = !open;
    let buf = window.buf;
    let i = start - window.base + 1;
    let n = window.len;
    let capEnd = start - window.base + cap;
    for (;;) {
      const limit = n < capEnd ? n : capEnd;
      while (i < limit) {
        if (inString) {
          // Strings are most of a plan's bytes: their end is found natively (memchr), and a quote after an odd
          // run of backslashes is escaped (the run stops at the string's opening quote, still in the window).
          const quote = buf.indexOf(QUOTE, i);
          if (quote < 0 || quote >= limit) {
            i = limit;
            break;
          }
          i = quote + 1;
          let before = quote - 1;
          while (buf[before] === BACKSLASH) before -= 1;
          if (((quote - 1 - before) & 1) === 1) continue;
          inString = false;
          if (depth === 0) {
            this.nesting = nesting;
            return window.base + i;
          }
          continue;
        }
        const c = buf[i] as number;
        i += 1;
        if (c === QUOTE) inString = true;
        else if (c === 0x7b || c === 0x5b) {
          depth += 1;
          if (depth > nesting) nesting = depth;
        } else if (c === 0x7d || c === 0x5d) {
          depth -= 1;
          if (depth === 0) {
            this.nesting = nesting;
            return window.base + i;
          }
        }
      }
      this.nesting = nesting;
      if (limit === capEnd && i >= limit) return -1;
      const at = window.base + i;
      if (!window.fill()) this.fail(inString ? "unterminated string" : "unexpected end of input", at);
      buf = window.buf;
      i = at - window.base;
      n = window.len;
      capEnd = start - window.base + cap;
    }
  }

  /**
   * JSON.parse of input bytes [start, end) that extent() just measured, checked as the whole-document reader
   * checks (json.ts). `plain`: leave objects their prototype (a value only looked at by known keys and then
   * dropped; the caller calls withoutPrototypes on what it keeps).
   */
  private parseSlice(start: number, end: number, depth: number, plain = false): Json {
    const window = this.window;
    while (end - window.base > window.len) if (!window.fill()) this.fail("unexpected end of input", end);
    const bytes = window.buf.subarray(start - window.base, end - window.base);
    // Plans are nearly all ASCII: then one check, and a copy rather than a decoding.
    const ascii = isAscii(bytes);
    if (!ascii && !isUtf8(bytes)) this.fail("not valid UTF-8", start);
    // Before JSON.parse: locating a syntax error recurses once per level.
    if (this.nesting > MAX_JSON_DEPTH - depth + 1) this.fail(TOO_DEEP, start);
    const text = bytes.toString(ascii ? "latin1" : "utf8");
    let value: Json;
    try {
      value = JSON.parse(text) as Json;
    } catch {
      // Not JSON.parse's message: it quotes the input, which may hold a sensitive value.
      const { offset, reason } = locateJsonError(text);
      this.fail(reason, start + Buffer.byteLength(text.slice(0, offset)));
    }
    // A lone surrogate can only come from a `\uD...` escape: UTF-8 has none (isUtf8).
    const surrogateEscape = hasSurrogateEscape(bytes);
    if ((surrogateEscape || !plain) && withoutPrototypes(value, surrogateEscape) !== null) {
      this.fail("a string holds half of a UTF-16 surrogate pair, not a character", start);
    }
    this.pos = end;
    return value;
  }

  /** The next value, materialized (`plain`: see parseSlice). */
  value(depth: number, plain = false): Json {
    const start = this.pos;
    if (this.peek() < 0) this.fail("unexpected end of input");
    const end = this.extent(this.pos, STREAM_SLICE_BYTES);
    if (end < 0) this.fail(`a single value is larger than ${formatBytes(STREAM_SLICE_BYTES)} (STREAM_SLICE_BYTES)`, start);
    return this.parseSlice(this.pos, end, depth, plain);
  }

  /**
   * Validates the next value and returns only its kind: an empty object for an object, a list with as many
   * entries for a list up to one (`[]` or `[null]`: empty or not), the value itself otherwise. A value of up to
   * `slice` bytes is checked by JSON.parse at once; a larger one is walked.
   */
  skip(depth: number, where: string): Json {
    const c = this.peek();
    if (c !== 0x7b && c !== 0x5b) return this.value(depth);
    const inWindow = this.checkedInWindow(depth);
    if (inWindow !== null) return inWindow;
    const end = this.extent(this.pos, SKIP_SLICE_BYTES);
    if (end >= 0) {
      const kind = this.checked(this.pos, end, depth);
      if (kind !== null) return kind;
      const value = this.parseSlice(this.pos, end, depth, true);
      if (Array.isArray(value)) return value.length === 0 ? [] : [null];
      return record<Json>();
    }
    if (c === 0x7b) {
      this.object(depth, where, () => skipReader, false);
      return record<Json>();
    }
    let any = false;
    this.array(depth, where, skipReader, () => {
      any = true;
    });
    return any ? [null] : [];
  }

  /**
   * The kind of the list or object at input bytes [start, end) that extent() just measured, when it is checked
   * without being built (validate.ts); null when not sure, for parseSlice to read it and name what is wrong.
   */
  private checked(start: number, end: number, depth: number): Json | null {
    const window = this.window;
    const maxDepth = MAX_JSON_DEPTH - depth + 1;
    if (this.nesting > maxDepth) return null;
    const from = start - window.base;
    const to = end - window.base;
    const bytes = window.buf.subarray(from, to);
    if (!isAscii(bytes) && !isUtf8(bytes)) return null;
    if (!isCheckedJson(window.buf, from, to, maxDepth)) return null;
    return this.checkedKind(from, end);
  }

  /**
   * checked() without extent(): the kind of the list or object at the stream's position when it lies whole in the
   * window (up to SKIP_SLICE_BYTES) and is checked, its end found by the check; null otherwise, for skip() to
   * measure it and go on as before (the same verdicts: an error is found and named there).
   */
  private checkedInWindow(depth: number): Json | null {
    const window = this.window;
    // What comes before may be dropped, as extent() lets it (a list of sections checked here has no other reads).
    window.keepFrom = this.pos;
    const from = this.pos - window.base;
    const limit = Math.min(window.len, from + SKIP_SLICE_BYTES);
    const to = checkedJsonEnd(window.buf, from, limit, MAX_JSON_DEPTH - depth + 1);
    if (to < 0) return null;
    const bytes = window.buf.subarray(from, to);
    if (!isAscii(bytes) && !isUtf8(bytes)) return null;
    return this.checkedKind(from, window.base + to);
  }

  /** Moves past a checked list or object, from window offset `from` to input offset `end`, and returns its kind. */
  private checkedKind(from: number, end: number): Json {
    const window = this.window;
    this.pos = end;
    if (window.buf[from] === 0x7b) return record<Json>();
    let at = from + 1;
    while (isSpace(window.buf[at] as number)) at += 1;
    return window.buf[at] === 0x5d ? [] : [null];
  }

  /**
   * The next value read by `read`, or, when an object of the same bytes was read before at this depth, that
   * object again (see RepeatedValues).
   */
  repeated(depth: number, where: string, read: Reader, seen: RepeatedValues): Json {
    if (this.peek() !== 0x7b) return read(this, depth, where);
    const start = this.pos;
    const window = this.window;
    window.keepFrom = start;
    const keyEnd = window.byteAt(start + REPEATED_KEY_BYTES - 1) < 0 ? window.base + window.len : start + REPEATED_KEY_BYTES;
    const key = window.buf.toString("latin1", start - window.base, keyEnd - window.base);
    for (const held of seen.candidates(key)) {
      const end = start + held.bytes.length;
      if (held.depth !== depth || window.byteAt(end - 1) < 0) continue;
      // A value's text ends where its own brackets close: input that starts with the text of a value read before
      // holds that value, and ends where it ends (extent() would say the same).
      if (window.buf.compare(held.bytes, 0, held.bytes.length, start - window.base, end - window.base) !== 0) continue;
      this.pos = end;
      return held.value;
    }
    const end = this.extent(start, REPEATED_VALUE_BYTES);
    if (end < 0) return read(this, depth, where);
    // Copied before reading: the window moves on as the value is read.
    const copy = seen.holds(key, end - start) ? Buffer.from(window.buf.subarray(start - window.base, end - window.base)) : null;
    const value = read(this, depth, where);
    if (copy !== null) seen.add(key, copy, depth, value);
    return value;
  }

  /** A property name. */
  private key(): string {
    if (this.peek() !== QUOTE) this.fail(`expected a property name, ${this.describeAt(this.pos)}`);
    const end = this.extent(this.pos, STREAM_SLICE_BYTES);
    return this.parseSlice(this.pos, end, 0) as string;
  }

  /**
   * Walks an object; each property is read by `field(key)` (default: validated and kept as its kind only).
   * `keep`: whether to build the object (false: only validate).
   */
  object(depth: number, where: string, field: (key: string) => Reader | undefined, keep = true): JsonObject {
    if (depth > MAX_JSON_DEPTH) this.fail(TOO_DEEP);
    const out = record<Json>();
    this.expect(0x7b, "expected '{'");
    if (this.peek() === 0x7d) {
      this.pos += 1;
      return out;
    }
    for (;;) {
      const key = this.key();
      this.expect(0x3a, "expected ':'");
      const read = field(key) ?? skipReader;
      const value = read(this, depth + 1, memberPath(where, key));
      if (keep) out[key] = value;
      const c = this.peek();
      this.pos += 1;
      if (c === 0x2c) continue;
      if (c === 0x7d) return out;
      this.fail(`expected ',' or '}', ${this.describeAt(this.pos - 1)}`, this.pos - 1);
    }
  }

  /** Walks a list, handing each element (read by `element`) and its position to `each`. */
  array(depth: number, where: string, element: Reader, each: (value: Json, position: number) => void): void {
    if (depth > MAX_JSON_DEPTH) this.fail(TOO_DEEP);
    this.expect(0x5b, "expected '['");
    if (this.peek() === 0x5d) {
      this.pos += 1;
      return;
    }
    for (let position = 0; ; position += 1) {
      // A reader that reads the element whole never names it: no path per element (most of a plan's lists).
      each(element(this, depth + 1, element === plainReader || element === valueReader ? where : `${where}[${position}]`), position);
      if (!this.listGoesOn()) return;
    }
  }

  /** After a list's element: true past a comma, false past the list's `]`; anything else is refused. */
  private listGoesOn(): boolean {
    const c = this.peek();
    this.pos += 1;
    if (c === 0x2c) return true;
    if (c === 0x5d) return false;
    return this.fail(`expected ',' or ']', ${this.describeAt(this.pos - 1)}`, this.pos - 1);
  }

  /**
   * array() with plainReader for a list of objects whose first key is `firstKey` (with its quotes): most of a
   * plan's bytes (`resource_changes`). Elements are parsed a group at a time: the text of up to GROUP_BYTES, up to
   * the last place in it where one element ends and the next begins with that key (`},{"address"`, white space
   * allowed), given to one JSON.parse as a list, which leaves extent()'s walk over every byte out. A group whose
   * text parses as a list is the elements there: cut inside a string or inside an element, the text would not
   * parse. A group that does not parse, or that parseSlice's checks would not pass (not UTF-8, a `\u` escape of a
   * surrogate, too deep), is read one element at a time instead, as array() reads it, which finds and names what
   * is wrong there; no group is tried again before its end. A list's last group, which reaches past the list's
   * end, is read up to that end (group()).
   */
  objects(depth: number, firstKey: Buffer, each: (value: Json, position: number) => void): void {
    if (depth > MAX_JSON_DEPTH) this.fail(TOO_DEEP);
    this.expect(0x5b, "expected '['");
    if (this.peek() === 0x5d) {
      this.pos += 1;
      return;
    }
    let position = 0;
    let oneByOneUntil = 0;
    for (;;) {
      if (this.pos >= oneByOneUntil) {
        const group = this.group(depth + 1, firstKey);
        if (Array.isArray(group)) {
          for (let i = 0; i < group.length; i += 1) {
            const value = group[i] as Json;
            // Not held by the group once handed on: a dropped entry (most of a plan of other resources) is
            // garbage as soon as it is checked, not once the whole group is.
            group[i] = null;
            each(value, position);
            position += 1;
          }
          // What follows was found before the group was parsed: the comma before the next element, or the list's end.
          if (this.listGoesOn()) continue;
          return;
        }
        oneByOneUntil = group;
      }
      each(this.value(depth + 1, true), position);
      position += 1;
      if (!this.listGoesOn()) return;
    }
  }

  /**
   * The elements from the stream's position up to the last element end within GROUP_BYTES that objects() finds,
   * or up to the list's end when it comes first, parsed as objects() says, the position then past them; or, when
   * they are not read so, the input offset up to which they are read one at a time (0: no such place).
   */
  private group(depth: number, firstKey: Buffer): Json[] | number {
    const window = this.window;
    const start = this.pos;
    window.keepFrom = start;
    while (window.base + window.len < start + GROUP_BYTES && window.fill());
    const buf = window.buf;
    const from = start - window.base;
    let cut = -1;
    for (let at = Math.min(window.len, from + GROUP_BYTES) - firstKey.length; cut < 0;) {
      // (A negative offset would count from the buffer's end, past what the window holds.)
      const key = at > from ? buf.lastIndexOf(firstKey, at) : -1;
      if (key <= from) return 0;
      cut = elementEndBefore(buf, from, key);
      at = key - 1;
    }
    const end = window.base + cut + 1;
    const bytes = buf.subarray(from, cut + 1);
    const ascii = isAscii(bytes);
    if ((!ascii && !isUtf8(bytes)) || hasSurrogateEscape(bytes)) return end;
    const text = `[${bytes.toString(ascii ? "latin1" : "utf8")}]`;
    let values = parseGroup(text);
    let past = end;
    if (typeof values === "number" && values > 0) {
      // A list's last group usually reaches past the list, into what follows it: JSON.parse then reads the list
      // to its `]` and stops at the text after it. The text up to there, when it parses, is the rest of the list.
      const rest = text.slice(0, values).trimEnd();
      values = parseGroup(rest);
      past = start + (ascii ? rest.length : Buffer.byteLength(rest)) - 2; // at the list's `]`
    }
    if (typeof values === "number") return end;
    const maxDepth = MAX_JSON_DEPTH - depth + 1;
    for (const value of values) if (nestsDeeperThan(value, maxDepth)) return end;
    this.pos = past;
    return values;
  }

  /** Ends the input: nothing but white space may follow the plan. */
  end(): void {
    const c = this.peek();
    if (c >= 0) this.fail(`${this.describeAt(this.pos)} after the JSON value`);
  }
}

const valueReader: Reader = (stream, depth) => stream.value(depth);
/** A value checked by known keys, then kept (and given withoutPrototypes) or dropped. */
const plainReader: Reader = (stream, depth) => stream.value(depth, true);
const skipReader: Reader = (stream, depth, where) => stream.skip(depth, where);

/** An object read with `fields` (others kept as their kind); anything but an object is read whole. */
function objectOf(fields: (key: string, where: string) => Reader | undefined): Reader {
  return (stream, depth, where) =>
    stream.peek() === 0x7b ? stream.object(depth, where, (key) => fields(key, memberPath(where, key))) : stream.value(depth);
}

/** A list whose elements are read by `element` and kept, or not, by `keep`; anything but a list is read whole. */
function listOf(element: Reader, keep: (value: Json, where: string) => Json | null): Reader {
  return (stream, depth, where) => {
    if (stream.peek() !== 0x5b) return stream.value(depth);
    const out: Json[] = [];
    stream.array(depth, where, element, (value, position) => {
      const kept = keep(value, `${where}[${position}]`);
      if (kept !== null) out.push(kept);
    });
    return out;
  };
}

/** listOf(plainReader, keep) for a list of objects whose first key is `firstKey` (PlanStream.objects). */
function objectsOf(firstKey: Buffer, keep: (value: Json, where: string) => Json | null): Reader {
  return (stream, depth, where) => {
    if (stream.peek() !== 0x5b) return stream.value(depth);
    const out: Json[] = [];
    stream.objects(depth, firstKey, (value, position) => {
      const kept = keep(value, `${where}[${position}]`);
      if (kept !== null) out.push(kept);
    });
    return out;
  };
}

/** `planned_values`: the plan reader only asks whether a module lists resources (a plan cut short). */
const plannedModule: Reader = objectOf((key) =>
  key === "child_modules"
    ? listOf(
        (stream, depth, where) => plannedModule(stream, depth, where),
        (value) => value,
      )
    : undefined,
);
const plannedValues: Reader = objectOf((key) => (key === "root_module" ? plannedModule : undefined));

/** What a streamed plan gives the plan reader: its outline, and the judged changes already checked. */
export interface StreamedPlan {
  top: JsonObject;
  /** Handed over to the plan reader, which empties it as it reads. */
  judged: Array<ChangeEntry | null>;
  /** The configuration resources kept, read as they passed. */
  configResources: Map<Json, ConfigResource>;
}

/** Reads a plan from the stream; throws StreamSyntaxError, PolicyCheckError (a malformed plan) or NotAPlan. */
export function readPlanStream(stream: PlanStream, input: string): StreamedPlan {
  const failPlan = (message: string): never => {
    throw new PolicyCheckError("INPUT_UNSUPPORTED", message, { input });
  };
  const judged: ChangeEntry[] = [];
  const configResources = new Map<Json, ConfigResource>();
  const seen = new SeenEntries();
  const walked = new Set<string>();
  const modules = new RepeatedValues();

  // Configuration resources: checked where they are, kept when a judged change can look them up.
  const configResource = (value: Json, where: string): Json => {
    const resource = readConfigResource(value, where, failPlan);
    if (!isLookedUp(resource, MODEL_TYPES)) return PRUNED_RESOURCE;
    withoutPrototypes(value, false); // parseSlice checked the text
    configResources.set(value, resource);
    return value;
  };
  const configModule: Reader = objectOf((key) => {
    if (key === "resources") return objectsOf(ADDRESS_KEY, configResource);
    if (key === "module_calls") return objectOf(() => objectOf((field) => (field === "module" ? calledModule : valueReader)));
    if (key === "variables" || key === "outputs") return valueReader;
    return undefined;
  });
  // Each call's copy of a module's configuration: read once, compared after.
  const calledModule: Reader = (stream, depth, where) => stream.repeated(depth, where, configModule, modules);
  const configuration: Reader = objectOf((key) => (key === "root_module" ? configModule : undefined));

  const changes: Reader = (stream, depth) => {
    if (stream.peek() !== 0x5b) return stream.value(depth);
    stream.objects(depth, ADDRESS_KEY, (item, position) => {
      const change = readIdentity(item, position, seen, failPlan);
      // Kept with its prototypes: the plan reader reads an entry only by fixed keys and Object.keys, and takes
      // the prototypes off the values it keeps (plan.ts values()); parseSlice already refused a lone surrogate.
      if (change !== null) judged.push(shareMasks(change, seen));
    });
    return [];
  };

  const top = stream.object(1, "", (key) => {
    const reader =
      key === "resource_changes"
        ? changes
        : key === "configuration"
          ? configuration
          : key === "planned_values"
            ? plannedValues
            : key === "format_version" || key === "terraform_version" || key === "errored" || key === "variables"
              ? valueReader
              : undefined;
    // JSON.parse keeps the last of two equal keys; a walked section read twice would add to the first.
    if (reader !== undefined && reader !== valueReader) {
      if (walked.has(key)) stream.fail(`${key} appears twice`);
      walked.add(key);
    }
    return reader;
  });
  stream.end();
  if (!isPlanDocument(top)) throw new NotAPlan(top);
  return { top, judged, configResources };
}

/** Reads the plan a stream holds into the plan adapter's result. */
export function readStreamedPlan(streamed: StreamedPlan, input: string): IngestResult {
  return readPlan(streamed.top, input, streamed.judged, streamed.configResources);
}

/**
 * Opens a stream over descriptor `fd` when its input looks like a JSON object in UTF-8 (what `terraform show
 * -json` writes); null when it does not (binary, UTF-16, empty, not an object), for the caller to read it as
 * before. `onChunk` sees every chunk read.
 */
export function openPlanStream(
  fd: number,
  input: string,
  onChunk: (chunk: Buffer) => void = () => undefined,
  chunk = CHUNK,
): { stream: PlanStream | null; window: ByteWindow } {
  const window = new ByteWindow(fd, input, onChunk, chunk);
  while (window.len < 1024 && window.fill());
  const head = window.buf.subarray(0, Math.min(window.len, 1024));
  const bom = head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  if (head.includes(0) || (head.length >= 2 && (head[0] === 0xff || head[0] === 0xfe))) return { stream: null, window };
  let at = bom;
  while (at < head.length && isSpace(head[at] as number)) at += 1;
  if (head[at] !== 0x7b) return { stream: null, window };
  return { stream: new PlanStream(window, at), window };
}
