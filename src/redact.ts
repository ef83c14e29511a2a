/**
 * Sensitive values never reach any output. The model keeps them as they are so rules judge the real value;
 * the set of sensitive strings travels beside the model (src/model/sensitive.ts collects it) and is applied
 * here, where data leaves the core: the runner redacts what rules emit (finding messages and addresses, of
 * custom rules too) and the CLI passes every byte it writes (reports, error lines, `--debug` stack traces)
 * through the same redactor.
 *
 * Which strings are hidden, and how:
 * - A sensitive string of {@link MIN_SUBSTRING_LENGTH} or more characters is replaced wherever it occurs,
 *   with what a message may derive from it: other letter case, the trimmed value, its JSON-escaped spelling,
 *   a URL's host, origin, path and credentials, and the strings inside a JSON document.
 * - A shorter one (an enum word such as `INFO`, a stage name such as `prod`) is replaced only in free text
 *   that rules and inputs produce, and only as a whole word: as a substring it would mangle unrelated words,
 *   and report formats use such words for their own labels.
 * - Terraform addresses of known resource types are never rewritten (`aws_api_gateway_stage.prod` names a
 *   resource; it is not the value): findings, waivers and fingerprints rely on them.
 * - Strings under {@link MIN_WORD_LENGTH} characters (`*`, `0`), booleans and numbers are not hidden: they
 *   carry no secret a reader could not infer from the verdict itself (a finding for data tracing says the flag
 *   is on), and scrubbing `true` or `1` would destroy every message.
 */
import { RESOURCE_TYPES } from "./model/spec";

export const REDACTED = "(sensitive)";

/** Sensitive strings at least this long are hidden wherever they occur. */
export const MIN_SUBSTRING_LENGTH = 6;
/** Shorter sensitive strings of at least this length are hidden as whole words in rule and input text. */
export const MIN_WORD_LENGTH = 3;

/** Characters that continue a word (letters, digits, `_`, `-`): a short value is hidden only where none is on either side. */
function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 45;
}
const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * A Terraform address of a resource the model knows (`module.api["a"].aws_api_gateway_stage.prod`): names of
 * resources are structure, printed by Terraform itself, and never hidden, even when a sensitive value happens
 * to spell the same word. A sensitive string that starts where an address would is still hidden whole.
 */
const NAME = "[A-Za-z_][A-Za-z0-9_-]*";
const KEY = String.raw`(?:\[(?:\d+|"(?:[^"\\]|\\.)*")\])`;
const ADDRESS = new RegExp(`(?:module\\.${NAME}${KEY}?\\.)*(?:${RESOURCE_TYPES.join("|")})\\.${NAME}${KEY}?`, "y");
/** First characters an address can start with (`module.` or a resource type). */
const ADDRESS_START = new Set(["m", ...RESOURCE_TYPES.map((t) => t[0] ?? "")]);

/** Every string inside a JSON value (object keys are structure, not values, and are left out). */
function jsonStrings(value: unknown, out: string[]): void {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const item of value) jsonStrings(item, out);
  else if (typeof value === "object" && value !== null) for (const item of Object.values(value)) jsonStrings(item, out);
}

/** The parts of a URL a message may quote on their own. */
function urlParts(text: string): string[] {
  if (!URL_LIKE.test(text)) return [];
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return [];
  }
  const parts = [url.host, url.hostname, url.origin, `${url.pathname}${url.search}`, url.href];
  for (const credential of [url.username, url.password]) {
    if (credential === "") continue;
    parts.push(credential);
    try {
      parts.push(decodeURIComponent(credential));
    } catch {
      // an invalid escape stays as written, which is already listed
    }
  }
  return parts;
}

/** A JSON document's string leaves, when the text is one (resource policies and OpenAPI bodies are). */
function documentStrings(text: string): string[] {
  const start = text.trimStart()[0];
  if (start !== "{" && start !== "[") return [];
  try {
    const out: string[] = [];
    jsonStrings(JSON.parse(text) as unknown, out);
    return out;
  } catch {
    return [];
  }
}

/** A hash of the {@link MIN_SUBSTRING_LENGTH} characters at `at`: the scan's index key, computed without allocating. */
function prefixHash(text: string, at: number): number {
  let hash = 0;
  for (let i = at; i < at + MIN_SUBSTRING_LENGTH; i += 1) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return hash;
}

export class Redactor {
  private readonly long = new Set<string>();
  private readonly short = new Set<string>();
  /**
   * Secrets by a hash of their first {@link MIN_SUBSTRING_LENGTH} characters (long) or their first character (short), longest
   * first: a text is scanned once, position by position, in time linear in its length whatever the number
   * of secrets (one alternation of thousands of secrets made every message cost as much as the whole set).
   */
  private longIndex = new Map<number, string[]>();
  private shortIndex = new Map<string, string[]>();
  private dirty = false;

  /** Adds a sensitive value: every string inside it, with the strings a message may derive from each. */
  add(value: unknown): void {
    const strings: string[] = [];
    jsonStrings(value, strings);
    for (const text of strings) this.addString(text, 0);
  }

  /**
   * Adds a string the model derived from a sensitive value (a policy's principal, an OpenAPI path): only
   * when it is long enough to hide as a substring. Short derived strings are the document's vocabulary
   * (`Allow`, `get`, `*`), not its secret.
   */
  addDerived(value: unknown): void {
    const strings: string[] = [];
    jsonStrings(value, strings);
    for (const text of strings) if (text.length >= MIN_SUBSTRING_LENGTH) this.addString(text, 0);
  }

  /** True when nothing sensitive was added (so nothing can be scrubbed). */
  get empty(): boolean {
    return this.long.size === 0 && this.short.size === 0;
  }

  private addString(text: string, depth: number): void {
    if (text.length < MIN_WORD_LENGTH) return;
    if (text.length < MIN_SUBSTRING_LENGTH) {
      if (!this.short.has(text)) {
        this.short.add(text);
        this.dirty = true;
      }
      return;
    }
    if (this.long.has(text)) return;
    this.long.add(text);
    this.dirty = true;
    const variants = [text.trim(), text.toLowerCase(), text.toUpperCase(), JSON.stringify(text).slice(1, -1)];
    for (const variant of variants) if (variant.length >= MIN_SUBSTRING_LENGTH) this.addLong(variant);
    // Bounded: documents nest strings, but a derived string is only expanded a few levels deep.
    if (depth > 3) return;
    for (const part of [...urlParts(text), ...documentStrings(text)]) this.addString(part, depth + 1);
  }

  private addLong(text: string): void {
    if (!this.long.has(text)) {
      this.long.add(text);
      this.dirty = true;
    }
  }

  private indexes(): { long: Map<number, string[]>; short: Map<string, string[]> } {
    if (this.dirty) {
      const index = <K>(values: Set<string>, key: (value: string) => K): Map<K, string[]> => {
        const map = new Map<K, string[]>();
        for (const value of values) {
          const list = map.get(key(value));
          if (list === undefined) map.set(key(value), [value]);
          else list.push(value);
        }
        for (const list of map.values()) list.sort((a, b) => b.length - a.length);
        return map;
      };
      this.longIndex = index(this.long, (value) => prefixHash(value, 0));
      this.shortIndex = index(this.short, (value) => value[0] ?? "");
      this.dirty = false;
    }
    return { long: this.longIndex, short: this.shortIndex };
  }

  /**
   * At each position, in this order: a long secret starting there is replaced whole (longest first); an
   * address of a known resource type is kept as it is; a short secret there, standing as a whole word, is
   * replaced (only when `words`).
   */
  private scrub(text: string, words: boolean): string {
    const { long, short } = this.indexes();
    if (long.size === 0 && (!words || short.size === 0)) return text;
    let out = "";
    let copied = 0;
    let i = 0;
    const replaceWith = (length: number, replacement: string): void => {
      out += text.slice(copied, i) + replacement;
      i += length;
      copied = i;
    };
    while (i < text.length) {
      const char = text[i] as string;
      if (long.size > 0 && i + MIN_SUBSTRING_LENGTH <= text.length) {
        const secret = long.get(prefixHash(text, i))?.find((s) => text.startsWith(s, i));
        if (secret !== undefined) {
          replaceWith(secret.length, REDACTED);
          continue;
        }
      }
      const wordStart = i === 0 || !isWordChar(text.charCodeAt(i - 1));
      if (wordStart && ADDRESS_START.has(char)) {
        ADDRESS.lastIndex = i;
        const address = ADDRESS.exec(text);
        if (address !== null) {
          i += address[0].length;
          continue;
        }
      }
      if (words && wordStart) {
        const word = short.get(char)?.find((s) => text.startsWith(s, i) && !isWordChar(text.charCodeAt(i + s.length)));
        if (word !== undefined) {
          replaceWith(word.length, REDACTED);
          continue;
        }
      }
      i += 1;
    }
    return out + text.slice(copied);
  }

  /**
   * Free text that rules or inputs produced (finding messages and addresses, error lines, stack traces):
   * every sensitive string is replaced by {@link REDACTED}, short ones as whole words.
   */
  message(text: string): string {
    return this.scrub(text, true);
  }

  /** Rendered output (a whole report): long sensitive strings are replaced wherever they occur. */
  output(text: string): string {
    return this.scrub(text, false);
  }
}
