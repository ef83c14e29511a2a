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
/** Character codes an address can start with, as a table: the scan asks at every word start. */
const ADDRESS_START = new Uint8Array(128);
/** What an address starts with (`module.`, the types' first four characters: `aws_`), tested before the address pattern. */
const ADDRESS_PREFIXES = [...new Set(["module.", ...RESOURCE_TYPES.map((t) => t.slice(0, 4))])];
for (const prefix of ADDRESS_PREFIXES) ADDRESS_START[prefix.charCodeAt(0)] = 1;

/** True when an address may start at `at`: a report has hundreds of thousands of word starts, few of them addresses. */
function addressMayStart(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code >= 128 || ADDRESS_START[code] !== 1) return false;
  for (const prefix of ADDRESS_PREFIXES) if (text.startsWith(prefix, at)) return true;
  return false;
}

/** Up to this many long secrets, a text is searched for them (Indexes.few); more, by sampled blocks (BLOCK, Redactor.firstLongIn). */
const FEW_SECRETS = 32;

/** A few secrets of up to this many characters in all are one pattern (Indexes.few): far below what a pattern may hold. */
const FEW_SECRETS_CHARS = 4096;

/**
 * The characters a window of the scan hashes: MIN_SUBSTRING_LENGTH, as a module constant (the compiled module
 * reads an exported one as a property of its exports, at every character of the scan's loops).
 */
const WINDOW = MIN_SUBSTRING_LENGTH;

/** 31 to the power MIN_SUBSTRING_LENGTH - 1 (mod 2^32): what the first character of a window adds to its hash. */
const LEADING_WEIGHT = Array.from({ length: MIN_SUBSTRING_LENGTH - 1 }).reduce<number>((weight) => Math.imul(weight, 31), 1);

/** Text a redaction stream gathers before it scrubs and writes (Redactor.outputStream). */
const PENDING_CHARS = 1 << 15;

/** Slots of the table of long secrets' prefix hashes (a one-hash Bloom filter): 256 KiB, few collisions. */
const PREFIX_SLOTS = 1 << 18;

/**
 * The search for many long secrets (Redactor.firstLongIn) reads a block of BLOCK characters every `stride`
 * positions (Indexes.stride), not a window at every position. With the shortest long secret `shortest` characters
 * long, the stride is shortest - BLOCK + 1 (at most MAX_STRIDE): a secret starting at p holds the block that
 * starts at p + o for every o below the stride, and exactly one of those positions is a sampled one. So indexing
 * those blocks of every secret, each with its offset o (Indexes.longBlocks), finds every secret, and a sampled block
 * names the few positions where a secret holding it would start. Measured on a 23 MB JSON report (10,000 API
 * Gateway resources, 1,380 sensitive values of 38 characters or more; medians of 5 in one process each): the
 * search alone took 159 ms with a window hash rolled at every character (a chain of multiplications per
 * character), 21 ms at stride 16, and 71 ms at stride 3 (one more sensitive value, of 6 characters).
 */
const BLOCK = 4;

/** The longest stride: a block's offsets are bits of a 16-bit slot (Indexes.longBlocks). */
const MAX_STRIDE = 16;

/** Slots of the table of long secrets' blocks (a one-hash filter like PREFIX_SLOTS, holding offsets): 512 KiB. */
const BLOCK_SLOTS = 1 << 18;

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
  for (let i = at; i < at + WINDOW; i += 1) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return hash;
}

/** A hash of the BLOCK characters at `at` (the sampled search's filter key). */
function blockHash(text: string, at: number): number {
  return (
    (Math.imul(Math.imul(Math.imul(text.charCodeAt(at), 31) + text.charCodeAt(at + 1), 31) + text.charCodeAt(at + 2), 31) + text.charCodeAt(at + 3)) |
    0
  );
}

/** The first (longest) of `candidates` that starts at `at`; with `word`, only one standing as a whole word there. */
function secretAt(candidates: readonly string[] | undefined, text: string, at: number, word: boolean): string | undefined {
  if (candidates === undefined) return undefined;
  for (const candidate of candidates) {
    if (text.startsWith(candidate, at) && (!word || !isWordChar(text.charCodeAt(at + candidate.length)))) return candidate;
  }
  return undefined;
}

/** A Redactor's secrets, indexed for its scans. */
interface Indexes {
  /**
   * Long secrets by a hash of their first {@link MIN_SUBSTRING_LENGTH} characters, short ones by their first
   * character, longest first: a text is scanned once, position by position, in time linear in its length
   * whatever the number of secrets (one alternation of thousands of secrets made every message cost as much
   * as the whole set).
   */
  long: Map<number, string[]>;
  short: Map<string, string[]>;
  /**
   * Which prefix hashes long secrets have, by slot (collisions allowed): most positions of a large report
   * fail this one typed-array lookup and skip the map, whose number keys cost a hash each, so a scan costs
   * little more than reading the text.
   */
  longPrefixes: Uint8Array;
  /**
   * By slot of a block's hash: the offsets (bit o) at which that block starts in a long secret, for offsets below
   * the stride (see BLOCK); collisions allowed.
   */
  longBlocks: Uint16Array;
  /** Positions between two sampled blocks (see BLOCK): the shortest long secret's length - BLOCK + 1, at most MAX_STRIDE. */
  stride: number;
  /** The longest long secret's length. */
  longest: number;
  /** The long secrets, as a list (a few are each searched for). */
  secrets: string[];
  /**
   * A few secrets (FEW_SECRETS, FEW_SECRETS_CHARS) as one pattern of alternatives: one search finds the first
   * of them where a search for each took twice as long (3 secrets: 15,000 finding messages, 6 against 12 ms; a
   * 23 MB report, 5 against 8 ms). Null for more or longer ones, and for none.
   */
  few: RegExp | null;
}

export class Redactor {
  private readonly long = new Set<string>();
  private readonly short = new Set<string>();
  /**
   * The indexes of the secrets added so far (see {@link Indexes}), made again after an addition: one object
   * that every call reads until then, not one per call (messages are redacted one finding at a time).
   */
  private indexed: Indexes | null = null;
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

  /**
   * Where the first long secret that lies whole in `text` starts at `from` or after; `text.length` when none
   * does. A few secrets are found by one pattern (Indexes.few), or each searched for when too long for one (the
   * engine's string search skips ahead); more, by a pass over sampled blocks of the text (BLOCK), each window near
   * a block that starts a secret looked up in the table of the secrets' prefix hashes (the scan's first step
   * alone: no word or address checks, which matter only once a secret is found).
   */
  private firstLongIn(text: string, from: number): number {
    const { long, longPrefixes, longBlocks, stride, secrets, few } = this.indexes();
    if (few !== null) {
      few.lastIndex = from;
      return few.exec(text)?.index ?? text.length;
    }
    if (secrets.length <= FEW_SECRETS) {
      let first = text.length;
      for (const secret of secrets) {
        const at = text.indexOf(secret, from);
        if (at >= 0 && at < first) first = at;
      }
      return first;
    }
    const lastWindow = text.length - WINDOW;
    // A secret starting at p holds the block at the one sampled position among p to p + stride - 1 (see BLOCK):
    // the block's offsets name where such a secret would start. Samples come in order, and each names positions
    // after the previous one's, the largest offset (the first position) first: the first secret found is the
    // first in the text.
    for (let sample = from; sample <= text.length - BLOCK; sample += stride) {
      let offsets = longBlocks[blockHash(text, sample) & (BLOCK_SLOTS - 1)] as number;
      while (offsets !== 0) {
        const offset = 31 - Math.clz32(offsets);
        offsets ^= 1 << offset;
        const i = sample - offset;
        if (i < from || i > lastWindow) continue;
        const hash = prefixHash(text, i);
        if (longPrefixes[hash & (PREFIX_SLOTS - 1)] === 1 && secretAt(long.get(hash), text, i, false) !== undefined) return i;
      }
    }
    return text.length;
  }

  /**
   * Where the first long secret that ends in `piece` starts, from the piece's start (negative: in `recent`,
   * the `hold` characters just before it); undefined when none does. One that ends later is found with the
   * piece it ends in.
   */
  private firstLongEndingIn(recent: string, piece: string, hold: number): number | undefined {
    const inPiece = this.firstLongIn(piece, 0);
    if (recent === "") return inPiece < piece.length ? inPiece : undefined;
    // Across the piece's start: the recent characters and as many of the piece's (a secret is at most hold + 1
    // long), each start among the recent ones; only a secret that ends in the piece counts (one within
    // `recent` was found with its own piece).
    const { long, longPrefixes } = this.indexes();
    const joint = recent + piece.slice(0, hold);
    for (let at = 0; at < recent.length && at <= joint.length - WINDOW; at += 1) {
      const hash = prefixHash(joint, at);
      if (longPrefixes[hash & (PREFIX_SLOTS - 1)] !== 1) continue;
      for (const secret of long.get(hash) ?? []) if (at + secret.length > recent.length && joint.startsWith(secret, at)) return at - recent.length;
    }
    return inPiece < piece.length ? inPiece : undefined;
  }

  private indexes(): Indexes {
    if (this.dirty || this.indexed === null) {
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
      let longest = 0;
      let shortest = Infinity;
      let chars = 0;
      for (const value of this.long) {
        longest = Math.max(longest, value.length);
        shortest = Math.min(shortest, value.length);
        chars += value.length;
      }
      // Long secrets are at least WINDOW characters: the stride is at least WINDOW - BLOCK + 1.
      const stride = Math.min(MAX_STRIDE, shortest - BLOCK + 1);
      const longPrefixes = new Uint8Array(PREFIX_SLOTS);
      const longBlocks = new Uint16Array(BLOCK_SLOTS);
      for (const value of this.long) {
        longPrefixes[prefixHash(value, 0) & (PREFIX_SLOTS - 1)] = 1;
        for (let offset = 0; offset < stride; offset += 1) {
          const slot = blockHash(value, offset) & (BLOCK_SLOTS - 1);
          longBlocks[slot] = (longBlocks[slot] as number) | (1 << offset);
        }
      }
      const secrets = [...this.long];
      const few =
        secrets.length > 0 && secrets.length <= FEW_SECRETS && chars <= FEW_SECRETS_CHARS
          ? new RegExp(secrets.map((secret) => secret.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&")).join("|"), "g")
          : null;
      this.indexed = {
        long: index(this.long, (value) => prefixHash(value, 0)),
        short: index(this.short, (value) => value[0] ?? ""),
        longPrefixes,
        longBlocks,
        stride,
        longest,
        secrets,
        few,
      };
      this.dirty = false;
    }
    return this.indexed;
  }

  /**
   * At each position, in this order: a long secret starting there is replaced whole (longest first); an
   * address of a known resource type is kept as it is; a short secret there, standing as a whole word, is
   * replaced (only when `words`).
   */
  private scrub(text: string, words: boolean): string {
    const { long, short } = this.indexes();
    if (long.size === 0 && (!words || short.size === 0)) return text;
    // No long secret in the text (and no short one asked for): nothing to replace, and the search costs far
    // less than the scan below, which checks words and addresses at every character of a whole report.
    if ((!words || short.size === 0) && this.firstLongIn(text, 0) === text.length) return text;
    return this.scan(text, 0, text.length, words).out;
  }

  /**
   * The scrub of the positions `from` to `stop` of `text`: their text with secrets replaced, and where the scan
   * stopped (`next`, past `stop` when a secret or an address starting before it runs on). Positions before
   * `from` are only read (a word starts after a non-word character).
   */
  private scan(text: string, from: number, stop: number, words: boolean): { out: string; next: number } {
    const { long, short, longPrefixes } = this.indexes();
    // No closure reads the position: the loop runs once per character of a whole report, and variables a
    // closure captures live in a context object, which made every step several times slower.
    const scanLong = long.size > 0;
    const lastWindow = text.length - WINDOW;
    let out = "";
    let copied = from;
    let i = from;
    let hash = 0;
    let hashAt = -2; // no window hashed yet (-1 would read as "the one before position 0")
    while (i < stop) {
      let secret: string | undefined;
      if (scanLong && i <= lastWindow) {
        // The window hash rolls one character on (prefixHash's value, without reading the window again).
        hash =
          hashAt === i - 1
            ? (Math.imul(hash - Math.imul(text.charCodeAt(i - 1), LEADING_WEIGHT), 31) + text.charCodeAt(i + WINDOW - 1)) | 0
            : prefixHash(text, i);
        hashAt = i;
        if (longPrefixes[hash & (PREFIX_SLOTS - 1)] === 1) secret = secretAt(long.get(hash), text, i, false);
      }
      if (secret === undefined) {
        const wordStart = i === 0 || !isWordChar(text.charCodeAt(i - 1));
        if (wordStart && addressMayStart(text, i)) {
          ADDRESS.lastIndex = i;
          const address = ADDRESS.exec(text);
          if (address !== null) {
            i += address[0].length;
            continue;
          }
        }
        if (words && wordStart) secret = secretAt(short.get(text[i] as string), text, i, true);
      }
      if (secret === undefined) {
        i += 1;
        continue;
      }
      out += text.slice(copied, i) + REDACTED;
      i += secret.length;
      copied = i;
    }
    return { out: out + text.slice(copied, i), next: i };
  }

  /**
   * {@link output} for a text written in pieces (a report too big to hold as one string): what `write` receives,
   * joined, is `output` of the pieces joined. A long secret may span pieces: the last characters that could
   * begin one wait for the next piece. Each piece must end where no resource address continues (the JSON
   * report's pieces end between two values, never inside a string): the scan resumes at piece ends. Text is
   * scrubbed and written once `gather` characters are waiting.
   */
  outputStream(write: (text: string) => void, gather = PENDING_CHARS): { write(piece: string): void; end(): void } {
    /**
     * Text received and not written yet, in the pieces it came in: a piece is searched on its own when it
     * comes and written as it is, never joined to the text around it unless a secret is in it (joining
     * copied every character again with each piece that followed).
     */
    let held: string[] = [];
    let heldLength = 0;
    /** Piece ends in the held text: where a scan may stop and resume. */
    let ends: number[] = [];
    /** The last character written (none yet: ""): the scan asks whether a word starts after it. */
    let before = "";
    let written = false;
    /**
     * Where in the held text the first long secret found so far starts
     * (Infinity: none). Every one that ends in the text received is found, with the piece it ends in.
     */
    let firstSecret = Infinity;
    /** The last `longest - 1` characters received: where a secret that ends in the next piece may start. */
    let recent = "";
    const emit = (text: string): void => {
      if (text !== "") write(text);
    };
    /** Scrubs the held text from its start to `stop` (or on, while a secret or an address runs on), writes it, holds the rest. */
    const scanHeld = (stop: number): void => {
      const pending = before + held.join("");
      const from = before.length;
      const { out, next } = this.scan(pending, from, stop + from, false);
      emit(out);
      written = true;
      before = pending[next - 1] ?? "";
      const rest = pending.slice(next);
      held = rest === "" ? [] : [rest];
      heldLength = rest.length;
      ends = ends.map((e) => e + from - next).filter((e) => e > 0);
      // What is held again is searched again (rarely: only after a secret was found).
      const again = this.firstLongIn(rest, 0);
      firstSecret = again === rest.length ? Infinity : again;
    };
    return {
      write: (piece) => {
        if (piece === "") return;
        const { longest } = this.indexes();
        // The last piece end where no long secret starting before it can still run past what is here.
        const hold = Math.max(0, longest - 1);
        const found = this.firstLongEndingIn(recent, piece, hold);
        if (found !== undefined) firstSecret = Math.min(firstSecret, heldLength + found);
        recent = hold === 0 ? "" : piece.length >= hold ? piece.slice(piece.length - hold) : (recent + piece).slice(-hold);
        held.push(piece);
        heldLength += piece.length;
        ends.push(heldLength);
        let cut = -1;
        for (const end of ends) if (end <= heldLength - hold) cut = end;
        // Too little after the last end yet: wait for more (pieces are 32 KiB, secrets short).
        if (cut < 0 || heldLength < gather) return;
        if (firstSecret < cut) return scanHeld(cut);
        // No long secret starts before the cut: the scan would copy the text as it is, up to the cut. A held
        // text may run past it: after a scan the rest is held as one text, which may hold several piece ends.
        let pieces = 0;
        for (let left = cut; left > 0;) {
          const text = held[pieces] as string;
          if (text.length > left) {
            emit(text.slice(0, left));
            before = text[left - 1] as string;
            held[pieces] = text.slice(left);
            break;
          }
          emit(text);
          before = text[text.length - 1] ?? before;
          left -= text.length;
          pieces += 1;
        }
        written = true;
        held = held.slice(pieces);
        heldLength -= cut;
        ends = ends.filter((e) => e > cut).map((e) => e - cut);
        firstSecret -= cut;
      },
      end: () => {
        if (!written) emit(this.output(held.join("")));
        else if (firstSecret < heldLength) scanHeld(heldLength);
        else for (const text of held) emit(text);
        held = [];
        heldLength = 0;
        ends = [];
        before = "";
        written = false;
        firstSecret = Infinity;
        recent = "";
      },
    };
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
