/** `--format json`: the stable machine contract (key names are part of the public API). */
import { UNSAFE_CHARACTERS, UNSAFE_CHARACTER } from "../printable";
import type { CheckResult, Finding } from "../findings";
import type { Reporter } from "./types";

/** Unsafe characters JSON.stringify leaves raw, as `\uXXXX` (C0 controls outside strings are the indentation's line breaks). */
function escapeUnsafe(text: string): string {
  // Most text has none: a test that stops at the first one costs less than a replace that copies.
  if (!UNSAFE_CHARACTER.test(text)) return text;
  return text.replace(UNSAFE_CHARACTERS, (ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return code < 0x20 ? ch : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

/**
 * JSON text for the JSON-based reports (json, sarif, codequality), their one escaping place. JSON.stringify
 * already writes C0 controls as `\u001b`; DEL, C1 controls, the line and paragraph separators and the
 * bidirectional overrides it leaves raw are written as `\uXXXX` too (they can only occur inside strings,
 * so the parsed value is unchanged), so no raw character in the file is one a log viewer would act on.
 */
export function jsonText(value: unknown): string {
  return `${escapeUnsafe(JSON.stringify(value, null, 2))}\n`;
}

/** The JSON texts a list's own item writer ({@link MappedList}.write) builds an item from. */
export interface JsonTexts {
  /** A string's JSON text, from the table of recurring ones (a rule's texts). */
  known(text: string): string;
  /** A string's JSON text. */
  string(text: string): string;
  /** A value's JSON text at `level` (a member's value written whole); undefined for what JSON.stringify leaves out. */
  value(value: unknown, level: number): string | undefined;
}

/**
 * A list whose items become JSON only as they are written ({@link jsonPieces}): a report of 100,000 findings
 * never holds a second copy of them in report shape.
 */
export class MappedList<T> {
  /**
   * `repeated`: members of the mapped items whose string values recur across items (a finding's rule text:
   * title, remediation, help_uri): each distinct value is written as JSON once, not once per item.
   * `write`: an item's JSON text at `level` without the mapped object, exactly what `map` would give;
   * undefined leaves that item to `map` (an item of a shape the writer does not know).
   */
  constructor(
    readonly items: readonly T[],
    readonly map: (item: T) => unknown,
    readonly repeated: readonly string[] = [],
    readonly write?: (item: T, texts: JsonTexts, level: number) => string | undefined,
  ) {}

  /** Inside a value written whole: the mapped items. */
  toJSON(): unknown[] {
    return this.items.map(this.map);
  }
}

/** A value JSON.stringify writes member by member: a plain object or an array, without toJSON. */
function isPlainContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  if (typeof value !== "object" || value === null) return false;
  if (Array.isArray(value)) return true;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return (prototype === Object.prototype || prototype === null) && typeof (value as { toJSON?: unknown }).toJSON !== "function";
}

/**
 * Characters a string's JSON text does not show as they are: what JSON.stringify escapes (quote, backslash,
 * C0 controls; surrogates, lone or paired, are left to it too) and what escapeUnsafe escapes. A string
 * without any is its JSON text in quotes, with no call to JSON.stringify.
 */
const NOT_AS_IS = /["\\\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]/;

/** Pieces of about this many characters: big enough that a write costs little, small beside a whole report. */
const PIECE_CHARS = 1 << 15;

/** At most this many distinct recurring strings are kept as JSON text (rules' texts are a few hundred). */
const KNOWN_TEXTS = 10_000;

/**
 * jsonText(value), in pieces of about a MiB, byte for byte (`[...jsonPieces(v, d)].join("")` equals
 * `jsonText(v)`): containers down to `depth` levels are written member by member, each member below by one
 * JSON.stringify re-indented to its level, so the whole text never exists as one string. A piece ends
 * between two values, never inside a string: the redactor's stream relies on that (Redactor.outputStream).
 */
export function* jsonPieces(value: unknown, depth: number): Generator<string> {
  /**
   * The texts of the piece being gathered, joined once it is full: one flat string, where appending each text
   * made a rope of hundreds of thousands of small strings that the redactor's search (or the write) then
   * flattened, at more than the cost of making the report's text.
   */
  let pending: string[] = [];
  let pendingLength = 0;
  const pieces: string[] = [];
  const emit = (text: string): void => {
    pending.push(text);
    pendingLength += text.length;
    if (pendingLength >= PIECE_CHARS) {
      pieces.push(pending.join(""));
      pending = [];
      pendingLength = 0;
    }
  };
  /** The text of a value written whole at `level`; undefined for what JSON.stringify leaves out (undefined, a function). */
  const whole = (item: unknown, level: number): string | undefined => {
    const text = JSON.stringify(item, null, 2) as string | undefined;
    if (text === undefined) return undefined;
    // JSON.stringify writes no raw line break inside a string: each one is the indentation's.
    return escapeUnsafe(level === 0 ? text : text.replace(/\n/g, `\n${"  ".repeat(level)}`));
  };
  /** JSON text of strings that recur (MappedList.repeated) and of member names, by value: few distinct ones. */
  const known = new Map<string, string>();
  const stringText = (text: string): string => (NOT_AS_IS.test(text) ? escapeUnsafe(JSON.stringify(text)) : `"${text}"`);
  const knownText = (text: string): string => {
    let json = known.get(text);
    if (json === undefined) {
      json = stringText(text);
      if (known.size < KNOWN_TEXTS) known.set(text, json);
    }
    return json;
  };
  /**
   * whole(item, level) of a plain object, member by member: the members in `repeated` from `known`, the
   * others as JSON.stringify writes them there (no re-indenting of what is only a string or a literal).
   */
  const objectText = (item: Record<string, unknown>, level: number, repeated: ReadonlySet<string>): string => {
    const indent = "  ".repeat(level);
    const inner = `\n${indent}  `;
    let text = "";
    for (const key of Object.keys(item)) {
      const child = item[key];
      let json: string | undefined;
      if (typeof child === "string") json = repeated.has(key) ? knownText(child) : stringText(child);
      else if (child === null) json = "null";
      else if (typeof child === "boolean") json = child ? "true" : "false";
      else if (isPlainContainer(child) && !Array.isArray(child)) json = objectText(child, level + 1, repeated);
      else json = whole(child, level + 1);
      // JSON.stringify leaves a member out when it cannot write its value.
      if (json === undefined) continue;
      text += `${text === "" ? "{" : ","}${inner}${knownText(key)}: ${json}`;
    }
    return text === "" ? "{}" : `${text}\n${indent}}`;
  };
  let repeatedHere: ReadonlySet<string> = new Set();
  /**
   * The last frozen object of scalars written by texts.value, its level and its text: findings share a few
   * source objects (a plan's one `{ kind, file }`), each written once per run of findings that share it.
   * Frozen, with no object below it, its text cannot change between two findings.
   */
  let sharedObject: object | null = null;
  let sharedLevel = -1;
  let sharedText = "";
  const texts: JsonTexts = {
    known: knownText,
    string: stringText,
    value: (child, level) => {
      // Asked first: most findings' source is the one before's.
      if (child === sharedObject && level === sharedLevel) return sharedText;
      if (typeof child === "string") return stringText(child);
      if (child === null) return "null";
      if (typeof child === "boolean") return child ? "true" : "false";
      if (isPlainContainer(child) && !Array.isArray(child)) {
        const text = objectText(child, level, repeatedHere);
        if (Object.isFrozen(child) && Object.values(child).every((member) => typeof member !== "object" || member === null)) {
          sharedObject = child;
          sharedLevel = level;
          sharedText = text;
        }
        return text;
      }
      return whole(child, level);
    },
  };
  const streamed = (item: unknown, level: number): boolean => item instanceof MappedList || (level < depth && isPlainContainer(item));
  // Members are written as they are reached; full pieces are handed out between members.
  function* member(item: unknown, level: number): Generator<void> {
    const indent = "  ".repeat(level);
    const inner = `${indent}  `;
    if (item instanceof MappedList || Array.isArray(item)) {
      const list: readonly unknown[] = item instanceof MappedList ? item.items : item;
      if (list.length === 0) return emit("[]");
      const repeated = item instanceof MappedList && item.repeated.length > 0 ? new Set(item.repeated) : null;
      const write = item instanceof MappedList ? item.write : undefined;
      if (repeated !== null) repeatedHere = repeated;
      const separator = `,\n${inner}`;
      for (let i = 0; i < list.length; i += 1) {
        emit(i === 0 ? `[\n${inner}` : separator);
        const written = write?.(list[i], texts, level + 1);
        if (written !== undefined) {
          emit(written);
          // Only a full piece is handed out: a pause after each of 15,000 findings cost more than writing some.
          if (pieces.length > 0) yield;
          continue;
        }
        const element: unknown = item instanceof MappedList ? item.map(list[i]) : list[i];
        // JSON.stringify writes null for what it cannot write in an array.
        if (streamed(element, level + 1)) yield* member(element, level + 1);
        else if (repeated !== null && isPlainContainer(element) && !Array.isArray(element)) emit(objectText(element, level + 1, repeated));
        else emit(whole(element, level + 1) ?? "null");
        yield;
      }
      return emit(`\n${indent}]`);
    }
    let first = true;
    for (const [key, child] of Object.entries(item as Record<string, unknown>)) {
      const text = streamed(child, level + 1) ? null : whole(child, level + 1);
      // ...and leaves such a member out of an object.
      if (text === undefined) continue;
      emit(`${first ? "{\n" : ",\n"}${inner}${escapeUnsafe(JSON.stringify(key))}: `);
      first = false;
      if (text === null) yield* member(child, level + 1);
      else emit(text);
      yield;
    }
    return emit(first ? "{}" : `\n${indent}}`);
  }
  if (streamed(value, 0)) {
    for (const _ of member(value, 0)) if (pieces.length > 0) yield* pieces.splice(0);
  } else {
    emit(whole(value, 0) ?? "undefined");
  }
  emit("\n");
  yield* pieces.splice(0);
  if (pendingLength > 0) yield pending.join("");
}

/** A rule's members in its findings' text at one level: those up to the address's name, and from the remediation's to `unknown`'s. */
interface RuleTexts {
  severity: string;
  title: string;
  remediation: string;
  help_uri: string | null | undefined;
  level: number;
  head: string;
  middle: string;
}

/**
 * A writer of findings' JSON text at `level`, what JSON.stringify of their report shape (jsonDocument's map,
 * member for member) writes there: without building that object or listing its keys. Most of a finding's text
 * is its rule's (title, remediation, link: two thirds of a 10,000-resource report), joined once per rule and
 * level, not member by member in each finding; an address is written once per run of findings on it.
 * Undefined for a finding of another shape (a library caller's), which the map writes.
 */
function findingWriter(): (f: Finding, texts: JsonTexts, level: number) => string | undefined {
  const rules = new Map<string, RuleTexts>();
  let lastAddress: string | undefined;
  let addressText = "";
  return (f, texts, level) => {
    if (
      typeof f.rule_id !== "string" ||
      typeof f.severity !== "string" ||
      typeof f.title !== "string" ||
      typeof f.address !== "string" ||
      typeof f.message !== "string" ||
      typeof f.remediation !== "string" ||
      typeof f.unknown !== "boolean" ||
      (f.help_uri != null && typeof f.help_uri !== "string") ||
      (f.change !== undefined && typeof f.change !== "string")
    )
      return undefined;
    const indent = INDENTS[level] ?? "  ".repeat(level);
    const next = `,\n${indent}  `;
    let rule = rules.get(f.rule_id);
    if (
      rule === undefined ||
      rule.severity !== f.severity ||
      rule.title !== f.title ||
      rule.remediation !== f.remediation ||
      rule.help_uri !== f.help_uri ||
      rule.level !== level
    ) {
      rule = {
        severity: f.severity,
        title: f.title,
        remediation: f.remediation,
        help_uri: f.help_uri,
        level,
        head: `{\n${indent}  "rule_id": ${texts.known(f.rule_id)}${next}"severity": ${texts.known(f.severity)}${next}"title": ${texts.known(f.title)}${next}"address": `,
        middle:
          `${next}"remediation": ${texts.known(f.remediation)}${next}"help_uri": ${f.help_uri == null ? "null" : texts.known(f.help_uri)}` +
          `${next}"unknown": `,
      };
      rules.set(f.rule_id, rule);
    }
    if (f.address !== lastAddress) {
      lastAddress = f.address;
      addressText = texts.string(f.address);
    }
    let text = `${rule.head}${addressText}${next}"message": ${texts.string(f.message)}${rule.middle}${f.unknown ? "true" : "false"}`;
    // JSON.stringify leaves out a member it cannot write (an undefined source).
    const source = texts.value(f.source, level + 1);
    if (source !== undefined) text += `${next}"source": ${source}`;
    if (f.change !== undefined) text += `${next}"change": ${texts.known(f.change)}`;
    const waiver = f.waiver === undefined ? undefined : texts.value(f.waiver, level + 1);
    if (waiver !== undefined) text += `${next}"waiver": ${waiver}`;
    if (f.baselined === true) text += `${next}"baselined": true`;
    const input = f.input === undefined ? undefined : texts.value(f.input, level + 1);
    if (input !== undefined) text += `${next}"input": ${input}`;
    return `${text}\n${indent}}`;
  };
}

/** Indentation by level, for the levels findings are written at. */
const INDENTS = ["", "  ", "    ", "      "];

/**
 * The report's document; findings are put in report shape as they are written. jsonText of it is the report
 * by one JSON.stringify (MappedList.toJSON maps every finding): what tests compare the pieces with.
 */
export function jsonDocument(result: CheckResult): Record<string, unknown> {
  return {
    version: result.version,
    input: result.input,
    ...(result.source_dir === undefined ? {} : { source_dir: result.source_dir }),
    findings: new MappedList(
      result.findings,
      (f) => {
        const shown: Record<string, unknown> = {
          rule_id: f.rule_id,
          severity: f.severity,
          title: f.title,
          address: f.address,
          message: f.message,
          remediation: f.remediation,
          help_uri: f.help_uri ?? null,
          unknown: f.unknown,
          source: f.source,
        };
        // Members set one by one, in this order (spreads of one-member objects cost an object each).
        if (f.change !== undefined) shown.change = f.change;
        if (f.waiver !== undefined) shown.waiver = f.waiver;
        if (f.baselined === true) shown.baselined = true;
        if (f.input !== undefined) shown.input = f.input;
        return shown;
      },
      // The rule's own text, the same in each of its findings, and the source's kind and file.
      ["rule_id", "severity", "title", "remediation", "help_uri", "change", "kind", "file"],
      findingWriter(),
    ),
    // Before against after (plans): findings the change resolves and settings it alters, weaker first.
    ...(result.review === undefined ? {} : { resolved: result.review.resolved, settings: result.review.settings }),
    summary: result.summary,
    ...(result.inputs === undefined ? {} : { inputs: result.inputs }),
    ...(result.configuration === undefined ? {} : { configuration: result.configuration }),
    ...(result.baseline === undefined ? {} : { baseline: result.baseline }),
    ...(result.waiver_issues === undefined || result.waiver_issues.length === 0 ? {} : { waiver_issues: result.waiver_issues }),
  };
}

/** The document, its lists and its summary member by member; each finding, resolved finding and setting whole. */
function jsonReportPieces(result: CheckResult): Iterable<string> {
  return jsonPieces(jsonDocument(result), 2);
}

export const jsonReporter: Reporter = {
  name: "json",
  render: (result) => [...jsonReportPieces(result)].join(""),
  pieces: jsonReportPieces,
};
