/**
 * Characters from an input (resource names, stage-variable keys, file names) that a terminal, a CI log viewer
 * or a text renderer would act on instead of showing: C0 and C1 controls (ESC starts terminal escape
 * sequences, BEL rings, CR overwrites a line), DEL, the Unicode line and paragraph separators, and the
 * bidirectional overrides that reorder what a reader sees. Each output kind escapes them in one place, with
 * its own syntax (src/report/*); this module only says which characters they are and how to show one.
 */

/** Every such character; `\t`, `\n` and `\r` included (each caller says which of them its format keeps). */
export const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `\x1b`, `\u2028`: a visible, unambiguous spelling of one unsafe character. */
export function visibleEscape(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/**
 * `text` with every unsafe character spelled as a visible escape, except those in `keep` (a format that
 * handles line breaks itself keeps "\n").
 */
export function printable(text: string, keep = ""): string {
  return text.replace(UNSAFE_CHARACTERS, (ch) => (keep.includes(ch) ? ch : visibleEscape(ch)));
}

/** The same class, not global: `test` keeps no position between calls (whether a text has any at all). */
export const UNSAFE_CHARACTER = new RegExp(UNSAFE_CHARACTERS.source);
