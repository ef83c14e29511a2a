/**
 * Checks JSON text without building it, for the sections the streaming plan reader (./stream.ts) validates and
 * drops (`planned_values`, `prior_state`, ...): JSON.parse would build every object only for the garbage
 * collector. Strict: it accepts only what JSON.parse accepts (RFC 8259), and says "not sure" (false) for
 * anything else, including a `\uD...` escape (half of a surrogate pair, which the reader refuses alone) and
 * nesting deeper than allowed: the caller then parses the text as before, which finds the error and names it.
 * UTF-8 is the caller's check (isUtf8).
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_LIST = 0x5b;
const CLOSE_LIST = 0x5d;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);
}

/** The first offset from `at` that is not white space (at most `end`). */
function skipSpace(bytes: Uint8Array, at: number, end: number): number {
  while (at < end && isSpace(bytes[at] as number)) at += 1;
  return at;
}

/** The offset past the string opening at `at`, or -1. */
function stringEnd(bytes: Uint8Array, at: number, end: number): number {
  let i = at + 1;
  while (i < end) {
    const c = bytes[i] as number;
    i += 1;
    if (c === QUOTE) return i;
    if (c < 0x20) return -1;
    if (c !== BACKSLASH) continue;
    if (i >= end) return -1;
    const e = bytes[i] as number;
    i += 1;
    if (e === 0x75) {
      // \uXXXX; \uD... may be half of a surrogate pair: not sure.
      if (i + 4 > end) return -1;
      const h = bytes[i] as number;
      if ((h | 0x20) === 0x64 || !isHex(h) || !isHex(bytes[i + 1] as number) || !isHex(bytes[i + 2] as number) || !isHex(bytes[i + 3] as number))
        return -1;
      i += 4;
    } else if (!(e === QUOTE || e === BACKSLASH || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74)) {
      return -1;
    }
  }
  return -1;
}

/** The offset past the digits from `at`. */
function digitsEnd(bytes: Uint8Array, at: number, end: number): number {
  while (at < end && isDigit(bytes[at] as number)) at += 1;
  return at;
}

/** The offset past the number starting at `at`, or -1. */
function numberEnd(bytes: Uint8Array, at: number, end: number): number {
  let i = at;
  if (bytes[i] === 0x2d) i += 1;
  if (i >= end) return -1;
  const first = bytes[i] as number;
  if (first === 0x30) i += 1;
  else if (first >= 0x31 && first <= 0x39) i = digitsEnd(bytes, i + 1, end);
  else return -1;
  if (i < end && bytes[i] === 0x2e) {
    const from = i + 1;
    i = digitsEnd(bytes, from, end);
    if (i === from) return -1;
  }
  if (i < end && ((bytes[i] as number) | 0x20) === 0x65) {
    i += 1;
    if (i < end && (bytes[i] === 0x2b || bytes[i] === 0x2d)) i += 1;
    const from = i;
    i = digitsEnd(bytes, from, end);
    if (i === from) return -1;
  }
  return i;
}

/** The offset past `word` (true, false, null) at `at`, or -1. */
function literalEnd(bytes: Uint8Array, at: number, end: number, word: readonly number[]): number {
  if (at + word.length > end) return -1;
  for (let k = 0; k < word.length; k += 1) if (bytes[at + k] !== word[k]) return -1;
  return at + word.length;
}

const TRUE = [0x74, 0x72, 0x75, 0x65];
const FALSE = [0x66, 0x61, 0x6c, 0x73, 0x65];
const NULL = [0x6e, 0x75, 0x6c, 0x6c];

/** The offset past `"key" :` from `at` (white space first), or -1. */
function keyEnd(bytes: Uint8Array, at: number, end: number): number {
  const i = skipSpace(bytes, at, end);
  if (i >= end || bytes[i] !== QUOTE) return -1;
  const after = skipSpace(bytes, stringEnd(bytes, i, end), end);
  if (after < 0 || after >= end || bytes[after] !== 0x3a) return -1;
  return after + 1;
}

/**
 * True when bytes [start, end) are one JSON value that JSON.parse accepts, ending at `end` (as extent() measures),
 * nesting at most `maxDepth` lists and objects, with no `\uD...` escape; false when not sure.
 */
export function isCheckedJson(bytes: Uint8Array, start: number, end: number, maxDepth: number): boolean {
  return checkedJsonEnd(bytes, start, end, maxDepth) === end;
}

/**
 * The offset just past the JSON value at `start` when it is one that JSON.parse accepts (as isCheckedJson says)
 * and ends before `end`; -1 when not sure, or when it runs on past `end` (a number that reaches `end` is taken to
 * end there: asked about a list or an object, the answer is exact). The value's end is found as it is checked:
 * the streaming reader needs no other pass over a section it drops (extent()).
 */
export function checkedJsonEnd(bytes: Uint8Array, start: number, end: number, maxDepth: number): number {
  // Open lists and objects, innermost last.
  const open: number[] = [];
  let i = start;
  for (;;) {
    // A value at i.
    i = skipSpace(bytes, i, end);
    if (i >= end) return -1;
    const c = bytes[i] as number;
    if (c === OPEN_OBJECT || c === OPEN_LIST) {
      if (open.length >= maxDepth) return -1;
      i = skipSpace(bytes, i + 1, end);
      if (i >= end) return -1;
      if (bytes[i] === (c === OPEN_OBJECT ? CLOSE_OBJECT : CLOSE_LIST)) {
        i += 1;
      } else {
        open.push(c);
        if (c === OPEN_OBJECT) {
          i = keyEnd(bytes, i, end);
          if (i < 0) return -1;
        }
        continue;
      }
    } else if (c === QUOTE) i = stringEnd(bytes, i, end);
    else if (c === 0x2d || isDigit(c)) i = numberEnd(bytes, i, end);
    else if (c === 0x74) i = literalEnd(bytes, i, end, TRUE);
    else if (c === 0x66) i = literalEnd(bytes, i, end, FALSE);
    else if (c === 0x6e) i = literalEnd(bytes, i, end, NULL);
    else return -1;
    if (i < 0) return -1;
    // After a value: close what ends here, up to the next value.
    for (;;) {
      const inner = open[open.length - 1];
      if (inner === undefined) return i;
      i = skipSpace(bytes, i, end);
      if (i >= end) return -1;
      const next = bytes[i] as number;
      if (next === 0x2c) {
        i += 1;
        if (inner === OPEN_OBJECT) {
          i = keyEnd(bytes, i, end);
          if (i < 0) return -1;
        }
        break;
      }
      if (next !== (inner === OPEN_OBJECT ? CLOSE_OBJECT : CLOSE_LIST)) return -1;
      open.pop();
      i += 1;
    }
  }
}
