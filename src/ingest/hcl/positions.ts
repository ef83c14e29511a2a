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

/**
 * Lines of the blocks of a Terraform JSON file: every object key down to `depth` keys, by its path of keys
 * (list levels skipped) joined with NUL, at the line of the key (`resource`, type, name → the line of the
 * name). The first occurrence of a path wins. One pass over the text, which has already parsed as JSON.
 */
export function jsonKeyLines(text: string, depth = 3): Map<string, number> {
  const out = new Map<string, number>();
  // One frame per open object or list; an object's frame holds its current key.
  const frames: Array<{ object: boolean; key: string | null }> = [];
  let objects = 0;
  let line = 1;
  let expectKey = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (ch === "\n") line += 1;
    else if (ch === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
      const top = frames[frames.length - 1];
      if (expectKey && top?.object === true) {
        top.key = JSON.parse(text.slice(i, end + 1)) as string;
        if (objects <= depth) {
          const id = frames.flatMap((f) => (f.object && f.key !== null ? [f.key] : [])).join("\u0000");
          if (!out.has(id)) out.set(id, line);
        }
      }
      i = end;
    } else if (ch === "{" || ch === "[") {
      frames.push({ object: ch === "{", key: null });
      if (ch === "{") objects += 1;
      expectKey = ch === "{";
    } else if (ch === "}" || ch === "]") {
      if (frames.pop()?.object === true) objects -= 1;
      expectKey = false;
    } else if (ch === ":") expectKey = false;
    else if (ch === ",") expectKey = frames[frames.length - 1]?.object === true;
  }
  return out;
}
