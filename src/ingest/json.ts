import { PolicyCheckError } from "../errors";
import { MAX_JSON_DEPTH } from "../limits";
import { withoutPrototypes } from "../records";

/** What a JSON value is, for messages: `after is a string, expected an object`. */
export function describeJson(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return value.length === 0 ? "an empty list" : "a list";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

/** Line and column (1-based) of a character offset, for error messages. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i += 1) {
    if (text.charCodeAt(i) === 10) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * Finds where JSON text stops being valid. Only runs after JSON.parse failed: V8 does not always say
 * where (`Unexpected token ',', "..." is not valid JSON` has no position), and users need a line and column.
 */
export function locateJsonError(text: string): { offset: number; reason: string } {
  let i = 0;
  const fail = (reason: string): never => {
    throw { offset: i, reason };
  };
  const ws = (): void => {
    while (i < text.length && " \t\n\r".includes(text[i] as string)) i += 1;
  };
  const describe = (): string => (i >= text.length ? "unexpected end of input" : `unexpected ${JSON.stringify(text[i])}`);
  const literal = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length;
    else fail(describe());
  };
  const string = (): void => {
    i += 1;
    while (i < text.length) {
      const ch = text[i] as string;
      if (ch === '"') {
        i += 1;
        return;
      }
      if (ch === "\\") {
        const next = text[i + 1] ?? "";
        if (next === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail("bad \\u escape in string");
          i += 6;
        } else if ('"\\/bfnrt'.includes(next) && next !== "") i += 2;
        else fail("bad escape in string");
        continue;
      }
      if (ch.charCodeAt(0) < 0x20) fail("control character in string");
      i += 1;
    }
    fail("unterminated string");
  };
  const number = (): void => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (match === null || match[0] === "" || match[0] === "-") fail(describe());
    i += (match as RegExpExecArray)[0].length;
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === "{") {
      i += 1;
      ws();
      if (text[i] === "}") {
        i += 1;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`expected a property name, ${describe()}`);
        string();
        ws();
        if (text[i] !== ":") fail(`expected ':', ${describe()}`);
        i += 1;
        value();
        ws();
        if (text[i] === ",") {
          i += 1;
          continue;
        }
        if (text[i] === "}") {
          i += 1;
          return;
        }
        fail(`expected ',' or '}', ${describe()}`);
      }
    }
    if (ch === "[") {
      i += 1;
      ws();
      if (text[i] === "]") {
        i += 1;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ",") {
          i += 1;
          continue;
        }
        if (text[i] === "]") {
          i += 1;
          return;
        }
        fail(`expected ',' or ']', ${describe()}`);
      }
    }
    if (ch === '"') return string();
    if (ch === "t") return literal("true");
    if (ch === "f") return literal("false");
    if (ch === "n") return literal("null");
    if (ch !== undefined && /[-0-9]/.test(ch)) return number();
    fail(describe());
  };
  try {
    value();
    ws();
    if (i < text.length) fail(`${describe()} after the JSON value`);
  } catch (error) {
    if (typeof error === "object" && error !== null && "offset" in error) return error as { offset: number; reason: string };
    throw error;
  }
  return { offset: text.length, reason: "invalid JSON" };
}

/**
 * Offset of the first `\uXXXX` escape in JSON text that stands for half of a UTF-16 surrogate pair without
 * its other half, or -1. Walks strings only, so an escaped backslash followed by `ud800` is not one.
 */
export function locateLoneSurrogate(text: string): number {
  const unit = (at: number): number => (text[at] === "\\" && text[at + 1] === "u" ? Number.parseInt(text.slice(at + 2, at + 6), 16) : -1);
  const isHigh = (u: number): boolean => u >= 0xd800 && u <= 0xdbff;
  const isLow = (u: number): boolean => u >= 0xdc00 && u <= 0xdfff;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (!inString) {
      if (ch === '"') inString = true;
      continue;
    }
    if (ch === '"') {
      inString = false;
      continue;
    }
    if (ch !== "\\") continue;
    const u = unit(i);
    if (u < 0) {
      i += 1; // a two-character escape
      continue;
    }
    if (isLow(u)) return i;
    if (isHigh(u)) {
      if (!isLow(unit(i + 6))) return i;
      i += 6;
    }
    i += 5;
  }
  return -1;
}

/**
 * Whether a parsed JSON value nests arrays and objects deeper than `limit` (the value itself is the first level).
 * It recurses at most `limit` calls deep and stops there, so a value of any depth is measured without
 * overflowing the call stack it protects; no allocation per node (the streaming reader checks every entry).
 */
export function nestsDeeperThan(value: unknown, limit: number = MAX_JSON_DEPTH): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (limit <= 0) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const item: unknown = value[i];
      if (typeof item === "object" && item !== null && nestsDeeperThan(item, limit - 1)) return true;
    }
    return false;
  }
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    if (typeof item === "object" && item !== null && nestsDeeperThan(item, limit - 1)) return true;
  }
  return false;
}

export const TOO_DEEP = `nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels (MAX_JSON_DEPTH)`;

/**
 * JSON.parse for JSON found inside an input (policy documents, OpenAPI bodies, `jsondecode`): throws a
 * plain Error on invalid or too deeply nested JSON, which callers report as an invalid value. Objects come
 * back without a prototype (src/records.ts).
 */
export function parseNestedJson(text: string): unknown {
  const value: unknown = JSON.parse(text);
  if (nestsDeeperThan(value)) throw new Error(TOO_DEEP);
  withoutPrototypes(value);
  return value;
}

/**
 * JSON.parse with an error that names the file, line and column. Objects come back without a prototype
 * (src/records.ts). A string holding a lone UTF-16 surrogate (`"\ud800"`: valid JSON syntax, not text) is
 * refused: it cannot reach the policies unchanged, and a changed value could be judged as passing. So is a
 * value nested deeper than MAX_JSON_DEPTH (checked first: the code after it recurses).
 */
export function parseJson(text: string, file: string): unknown {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const { offset, reason } = locateJsonError(text);
    const { line, column } = lineAndColumn(text, offset);
    throw new PolicyCheckError("INPUT_INVALID_JSON", `invalid JSON at line ${line}, column ${column}: ${reason}`, {
      input: file,
      cause: error,
    });
  }
  if (nestsDeeperThan(document)) throw new PolicyCheckError("INPUT_UNSUPPORTED", TOO_DEEP, { input: file });
  if (withoutPrototypes(document) !== null) {
    const offset = locateLoneSurrogate(text);
    const { line, column } = lineAndColumn(text, Math.max(offset, 0));
    const escape = offset < 0 ? "" : ` ${text.slice(offset, offset + 6)}`;
    throw new PolicyCheckError(
      "INPUT_INVALID_JSON",
      `invalid text at line ${line}, column ${column}: the escape${escape} is half of a UTF-16 surrogate pair, not a character`,
      { input: file },
    );
  }
  return document;
}
