/**
 * Where each top-level block starts. The parser's JSON has no positions, so the source text is scanned:
 * comments, strings (with nested `${...}`) and heredocs are skipped, braces are counted, and a block header
 * (`resource "type" "name" {`) at depth 0 is recorded with its 1-based line. Linear in the text's length.
 * The file has already parsed, so the scanner never needs to report errors.
 */

export interface BlockPosition {
  /** Block type and labels: `["resource", "aws_api_gateway_stage", "prod"]`. */
  words: string[];
  line: number;
}

export function blockPositions(text: string): BlockPosition[] {
  const out: BlockPosition[] = [];
  let i = 0;
  let line = 1;
  let depth = 0;
  let pending: BlockPosition | null = null;
  const n = text.length;

  const skipComment = (): void => {
    if (text[i] === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      const stop = end < 0 ? n : end + 2;
      for (let j = i; j < stop; j += 1) if (text.charCodeAt(j) === 10) line += 1;
      i = stop;
      return;
    }
    while (i < n && text[i] !== "\n") i += 1;
  };

  // Skips `${ ... }` (i at the `{`), which may hold strings with their own templates.
  const skipInterpolation = (): void => {
    let level = 0;
    while (i < n) {
      const ch = text[i];
      if (ch === "\n") line += 1;
      if (ch === "{") level += 1;
      else if (ch === "}") {
        level -= 1;
        if (level === 0) {
          i += 1;
          return;
        }
      } else if (ch === '"') {
        skipString();
        continue;
      }
      i += 1;
    }
  };

  // Skips a quoted string (i at the opening quote); returns its raw content.
  const skipString = (): string => {
    const start = i + 1;
    i += 1;
    while (i < n) {
      const ch = text[i];
      if (ch === "\\") {
        i += 2;
        continue;
      }
      if (ch === '"') {
        i += 1;
        return text.slice(start, i - 1);
      }
      if ((ch === "$" || ch === "%") && text[i + 1] === ch && text[i + 2] === "{") {
        i += 3; // `$${` and `%%{` are escaped literals
        continue;
      }
      if ((ch === "$" || ch === "%") && text[i + 1] === "{") {
        i += 1;
        skipInterpolation();
        continue;
      }
      if (ch === "\n") {
        line += 1;
      }
      i += 1;
    }
    return text.slice(start);
  };

  const skipHeredoc = (): boolean => {
    const match = /^<<-?([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/.exec(text.slice(i, i + 200));
    if (match === null) return false;
    const marker = match[1] as string;
    i += match[0].length;
    line += 1;
    while (i < n) {
      const nl = text.indexOf("\n", i);
      const end = nl < 0 ? n : nl;
      const done = text.slice(i, end).trim() === marker;
      i = end;
      if (done) return true;
      if (nl >= 0) {
        i += 1;
        line += 1;
      }
    }
    return true;
  };

  while (i < n) {
    const ch = text[i] as string;
    if (ch === "\n") {
      line += 1;
      i += 1;
      if (depth === 0) pending = null;
      continue;
    }
    if (ch === "#" || (ch === "/" && (text[i + 1] === "/" || text[i + 1] === "*"))) {
      skipComment();
      continue;
    }
    if (ch === '"') {
      const startLine = line;
      const content = skipString();
      if (depth === 0) {
        if (pending !== null) pending.words.push(content);
        else pending = { words: [content], line: startLine };
      }
      continue;
    }
    if (ch === "<" && text[i + 1] === "<" && skipHeredoc()) continue;
    if (ch === "{") {
      if (depth === 0 && pending !== null) out.push(pending);
      pending = null;
      depth += 1;
      i += 1;
      continue;
    }
    if (ch === "}") {
      depth = Math.max(0, depth - 1);
      i += 1;
      continue;
    }
    if (/[A-Za-z_]/.test(ch)) {
      const start = i;
      while (i < n && /[A-Za-z0-9_-]/.test(text[i] as string)) i += 1;
      if (depth === 0) {
        const word = text.slice(start, i);
        if (pending !== null) pending.words.push(word);
        else pending = { words: [word], line };
      }
      continue;
    }
    i += 1;
  }
  return out;
}

/** Line of a block in Terraform JSON syntax: the line of its innermost label's key, searched in order. */
export function jsonBlockLine(text: string, words: readonly string[]): number {
  let offset = 0;
  for (const word of words) {
    const found = text.indexOf(JSON.stringify(word), offset);
    if (found < 0) return 1;
    offset = found + 1;
  }
  let line = 1;
  for (let j = 0; j < offset - 1; j += 1) if (text.charCodeAt(j) === 10) line += 1;
  return line;
}
