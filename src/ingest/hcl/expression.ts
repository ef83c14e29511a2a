/**
 * HCL expressions and templates, parsed from the text Terraform JSON syntax leaves in strings (`"${...}"`).
 * @cdktf/hcl2json validates the whole file first, so this parser may be lenient: it never has to explain a
 * syntax error, only to produce a tree the evaluator understands. What it does not support (template
 * directives, for instance) becomes an `unsupported` node, which evaluates to an unknown value.
 */
import { PolicyCheckError } from "../../errors";
import { MAX_EXPRESSION_DEPTH } from "../../limits";

export type Expr =
  | { t: "lit"; v: null | boolean | number | string }
  | { t: "tmpl"; parts: Array<string | Expr> }
  | { t: "tuple"; items: Expr[] }
  | { t: "object"; items: Array<{ key: Expr; value: Expr }> }
  | { t: "scope"; name: string }
  | { t: "attr"; obj: Expr; name: string }
  | { t: "index"; obj: Expr; key: Expr }
  | { t: "splat"; obj: Expr; each: Expr }
  | { t: "anon" }
  | { t: "call"; name: string; args: Expr[]; expand: boolean }
  | { t: "cond"; cond: Expr; then: Expr; else: Expr }
  | { t: "unary"; op: "-" | "!"; e: Expr }
  | { t: "binary"; op: string; l: Expr; r: Expr }
  | {
      t: "for";
      keyVar: string | null;
      valVar: string;
      coll: Expr;
      key: Expr | null;
      value: Expr;
      cond: Expr | null;
      group: boolean;
    }
  | { t: "unsupported"; why: string };

class ParseFailure extends Error {}

const BINARY_PRECEDENCE: Record<string, number> = {
  "||": 1,
  "&&": 2,
  "==": 3,
  "!=": 3,
  "<": 4,
  "<=": 4,
  ">": 4,
  ">=": 4,
  "+": 5,
  "-": 5,
  "*": 6,
  "/": 6,
  "%": 6,
};
const OPERATORS = ["==", "!=", "<=", ">=", "&&", "||", "<", ">", "+", "-", "*", "/", "%"];

function isIdStart(ch: string | undefined): boolean {
  return ch !== undefined && /[A-Za-z_\u00C0-\uFFFF]/.test(ch);
}

function isIdChar(ch: string | undefined): boolean {
  return ch !== undefined && /[A-Za-z0-9_\-\u00C0-\uFFFF]/.test(ch);
}

type TemplateMode = "json" | "quoted" | "heredoc";

/** The error for an expression nested past MAX_EXPRESSION_DEPTH (the HCL adapter names the input). */
export const EXPRESSION_TOO_DEEP = `an expression nests deeper than ${MAX_EXPRESSION_DEPTH} levels (MAX_EXPRESSION_DEPTH)`;

class Parser {
  pos = 0;
  /** Nesting of expression() and unary() calls: the parser recurses once per level. */
  private depth = 0;
  /** Inside an object constructor's items, a newline ends an item; inside ( ) and [ ] it is whitespace. */
  private newlineEnds = false;

  constructor(private readonly src: string) {}

  fail(why: string): never {
    throw new ParseFailure(why);
  }

  /** Skips blanks and comments; newlines too unless they end an item here. */
  space(): void {
    const s = this.src;
    for (;;) {
      const ch = s[this.pos];
      if (ch === " " || ch === "\t" || ch === "\r") this.pos += 1;
      else if (ch === "\n" && !this.newlineEnds) this.pos += 1;
      else if (ch === "#" || (ch === "/" && s[this.pos + 1] === "/")) {
        while (this.pos < s.length && s[this.pos] !== "\n") this.pos += 1;
      } else if (ch === "/" && s[this.pos + 1] === "*") {
        const end = s.indexOf("*/", this.pos + 2);
        this.pos = end < 0 ? s.length : end + 2;
      } else return;
    }
  }

  /** Skips everything blank, newlines included. */
  spaceAll(): void {
    const saved = this.newlineEnds;
    this.newlineEnds = false;
    this.space();
    this.newlineEnds = saved;
  }

  peek(text: string): boolean {
    this.space();
    return this.src.startsWith(text, this.pos);
  }

  eat(text: string): boolean {
    if (!this.peek(text)) return false;
    this.pos += text.length;
    return true;
  }

  expect(text: string): void {
    if (!this.eat(text)) this.fail(`expected ${text}`);
  }

  withNewlines<T>(ends: boolean, body: () => T): T {
    const saved = this.newlineEnds;
    this.newlineEnds = ends;
    try {
      return body();
    } finally {
      this.newlineEnds = saved;
    }
  }

  identifier(): string | null {
    this.space();
    if (!isIdStart(this.src[this.pos])) return null;
    const start = this.pos;
    while (isIdChar(this.src[this.pos])) this.pos += 1;
    return this.src.slice(start, this.pos);
  }

  /** Runs one level of nesting, refusing to go past MAX_EXPRESSION_DEPTH (a real error, not "unsupported"). */
  private nested<T>(body: () => T): T {
    if (this.depth >= MAX_EXPRESSION_DEPTH) throw new PolicyCheckError("INPUT_UNSUPPORTED", EXPRESSION_TOO_DEEP);
    this.depth += 1;
    try {
      return body();
    } finally {
      this.depth -= 1;
    }
  }

  expression(): Expr {
    return this.nested(() => this.conditional());
  }

  private conditional(): Expr {
    const cond = this.binary(0);
    if (this.peek("?")) {
      this.pos += 1;
      const then = this.expression();
      this.expect(":");
      const otherwise = this.expression();
      return { t: "cond", cond, then, else: otherwise };
    }
    return cond;
  }

  private operator(): string | null {
    this.space();
    for (const op of OPERATORS) {
      if (!this.src.startsWith(op, this.pos)) continue;
      // `=>` and `==` start with `=`; `*` could be a splat only after `.` or `[`, handled in postfix.
      return op;
    }
    return null;
  }

  private binary(minPrecedence: number): Expr {
    let left = this.unary();
    for (;;) {
      const op = this.operator();
      const precedence = op === null ? undefined : BINARY_PRECEDENCE[op];
      if (op === null || precedence === undefined || precedence <= minPrecedence) return left;
      this.pos += op.length;
      const right = this.binary(precedence);
      left = { t: "binary", op, l: left, r: right };
    }
  }

  private unary(): Expr {
    return this.nested(() => this.unaryLevel());
  }

  private unaryLevel(): Expr {
    this.space();
    const ch = this.src[this.pos];
    if (ch === "-" || ch === "!") {
      this.pos += 1;
      const e = this.unary();
      if (ch === "-" && e.t === "lit" && typeof e.v === "number") return { t: "lit", v: -e.v };
      return { t: "unary", op: ch, e };
    }
    return this.postfix(this.primary());
  }

  private postfix(base: Expr): Expr {
    let expr = base;
    for (;;) {
      // Traversal steps never follow a line break.
      const saved = this.newlineEnds;
      this.newlineEnds = true;
      this.space();
      this.newlineEnds = saved;
      const s = this.src;
      if (s[this.pos] === "." && s[this.pos + 1] === "*") {
        this.pos += 2;
        expr = { t: "splat", obj: expr, each: this.splatSteps({ t: "anon" }, true) };
        continue;
      }
      if (s[this.pos] === "[" && /^\[\s*\*\s*\]/.test(s.slice(this.pos, this.pos + 8))) {
        this.pos = s.indexOf("]", this.pos) + 1;
        expr = { t: "splat", obj: expr, each: this.splatSteps({ t: "anon" }, false) };
        continue;
      }
      if (s[this.pos] === "." && s[this.pos + 1] !== ".") {
        this.pos += 1;
        this.space();
        if (/[0-9]/.test(s[this.pos] ?? "")) {
          const start = this.pos;
          while (/[0-9]/.test(s[this.pos] ?? "")) this.pos += 1;
          expr = { t: "index", obj: expr, key: { t: "lit", v: Number(s.slice(start, this.pos)) } };
          continue;
        }
        const name = this.identifier();
        if (name === null) this.fail("expected an attribute name");
        expr = { t: "attr", obj: expr, name };
        continue;
      }
      if (s[this.pos] === "[") {
        this.pos += 1;
        const key = this.withNewlines(false, () => this.expression());
        this.spaceAll();
        this.expect("]");
        expr = { t: "index", obj: expr, key };
        continue;
      }
      return expr;
    }
  }

  /** Steps after a splat apply to each element: `.id`, `[0]`, `.a.b` (attribute splats take only `.name`). */
  private splatSteps(start: Expr, attributeOnly: boolean): Expr {
    let expr = start;
    for (;;) {
      const s = this.src;
      if (s[this.pos] === "." && isIdStart(s[this.pos + 1])) {
        this.pos += 1;
        const name = this.identifier() as string;
        expr = { t: "attr", obj: expr, name };
        continue;
      }
      if (!attributeOnly && s[this.pos] === "[" && !/^\[\s*\*/.test(s.slice(this.pos, this.pos + 4))) {
        this.pos += 1;
        const key = this.withNewlines(false, () => this.expression());
        this.spaceAll();
        this.expect("]");
        expr = { t: "index", obj: expr, key };
        continue;
      }
      return expr;
    }
  }

  private number(): Expr {
    const match = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.src.slice(this.pos));
    if (match === null) this.fail("expected a number");
    this.pos += match[0].length;
    return { t: "lit", v: Number(match[0]) };
  }

  private primary(): Expr {
    this.space();
    const s = this.src;
    const ch = s[this.pos];
    if (ch === undefined) this.fail("unexpected end of expression");
    if (/[0-9]/.test(ch)) return this.number();
    if (ch === '"') {
      this.pos += 1;
      return this.template("quoted");
    }
    if (ch === "<" && s[this.pos + 1] === "<") return this.heredoc();
    if (ch === "(") {
      this.pos += 1;
      const inner = this.withNewlines(false, () => this.expression());
      this.spaceAll();
      this.expect(")");
      return inner;
    }
    if (ch === "[") {
      this.pos += 1;
      return this.withNewlines(false, () => this.tuple());
    }
    if (ch === "{") {
      this.pos += 1;
      return this.object();
    }
    const name = this.identifier();
    if (name === null) this.fail(`unexpected ${JSON.stringify(ch)}`);
    if (name === "true") return { t: "lit", v: true };
    if (name === "false") return { t: "lit", v: false };
    if (name === "null") return { t: "lit", v: null };
    // A function call: `name(` or a provider-namespaced `provider::p::name(`.
    let callee = name;
    while (s.startsWith("::", this.pos)) {
      this.pos += 2;
      callee += `::${this.identifier() ?? ""}`;
    }
    this.space();
    if (s[this.pos] === "(") {
      this.pos += 1;
      return this.withNewlines(false, () => this.call(callee));
    }
    return { t: "scope", name };
  }

  private call(name: string): Expr {
    const args: Expr[] = [];
    let expand = false;
    this.spaceAll();
    while (!this.eat(")")) {
      args.push(this.expression());
      if (this.eat("...")) expand = true;
      this.spaceAll();
      if (!this.eat(",")) {
        this.spaceAll();
        this.expect(")");
        break;
      }
      this.spaceAll();
    }
    return { t: "call", name, args, expand };
  }

  private tuple(): Expr {
    this.spaceAll();
    if (this.peekKeyword("for")) return this.forExpression("]");
    const items: Expr[] = [];
    while (!this.eat("]")) {
      items.push(this.expression());
      this.spaceAll();
      if (!this.eat(",")) {
        this.spaceAll();
        this.expect("]");
        break;
      }
      this.spaceAll();
    }
    return { t: "tuple", items };
  }

  private peekKeyword(word: string): boolean {
    this.space();
    return this.src.startsWith(word, this.pos) && !isIdChar(this.src[this.pos + word.length]);
  }

  private forExpression(close: "]" | "}"): Expr {
    return this.withNewlines(false, () => {
      this.pos += 3;
      const first = this.identifier();
      if (first === null) this.fail("expected a for variable");
      let keyVar: string | null = null;
      let valVar = first;
      if (this.eat(",")) {
        keyVar = first;
        valVar = this.identifier() ?? this.fail("expected a for variable");
      }
      if (!this.peekKeyword("in")) this.fail("expected in");
      this.pos += 2;
      const coll = this.expression();
      this.expect(":");
      let key: Expr | null = null;
      let value = this.expression();
      let group = false;
      if (close === "}") {
        this.expect("=>");
        key = value;
        value = this.expression();
        if (this.eat("...")) group = true;
      }
      let cond: Expr | null = null;
      if (this.peekKeyword("if")) {
        this.pos += 2;
        cond = this.expression();
      }
      this.spaceAll();
      this.expect(close);
      return { t: "for", keyVar, valVar, coll, key, value, cond, group };
    });
  }

  private object(): Expr {
    this.spaceAll();
    if (this.peekKeyword("for")) return this.forExpression("}");
    const items: Array<{ key: Expr; value: Expr }> = [];
    return this.withNewlines(true, () => {
      for (;;) {
        this.spaceAll();
        if (this.eat("}")) return { t: "object", items };
        let key: Expr;
        const s = this.src;
        if (s[this.pos] === "(") {
          this.pos += 1;
          key = this.withNewlines(false, () => this.expression());
          this.spaceAll();
          this.expect(")");
        } else if (isIdStart(s[this.pos])) {
          const start = this.pos;
          const name = this.identifier() as string;
          this.space();
          // A bare name is a literal key unless it is followed by a traversal (`local.k = ...` is an error in
          // Terraform anyway); keywords are keys too.
          key = s[this.pos] === "=" || s[this.pos] === ":" ? { t: "lit", v: name } : this.postfixFrom(start);
        } else {
          key = this.primary();
        }
        this.space();
        if (!this.eat("=") && !this.eat(":")) this.fail("expected = in object");
        const value = this.expression();
        items.push({ key, value });
        this.space();
        this.eat(",");
      }
    });
  }

  private postfixFrom(start: number): Expr {
    this.pos = start;
    return this.postfix(this.primary());
  }

  private heredoc(): Expr {
    const match = /^<<(-?)([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?\n/.exec(this.src.slice(this.pos));
    if (match === null) this.fail("bad heredoc");
    this.pos += match[0].length;
    const marker = match[2] as string;
    const strip = match[1] === "-";
    const start = this.pos;
    // The body ends at a line whose only content (after indentation) is the marker.
    const lines: string[] = [];
    let end = -1;
    let cursor = start;
    while (cursor <= this.src.length) {
      const nl = this.src.indexOf("\n", cursor);
      const line = this.src.slice(cursor, nl < 0 ? this.src.length : nl);
      if (line.trim() === marker) {
        end = cursor;
        this.pos = nl < 0 ? this.src.length : nl;
        break;
      }
      lines.push(line);
      if (nl < 0) break;
      cursor = nl + 1;
    }
    if (end < 0) this.fail("unterminated heredoc");
    let body = lines.map((l) => `${l}\n`).join("");
    if (strip) {
      const indents = lines.filter((l) => l.trim() !== "").map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0);
      const cut = indents.length === 0 ? 0 : indents.reduce((a, b) => Math.min(a, b));
      body = lines.map((l) => `${l.slice(Math.min(cut, /^[ \t]*/.exec(l)?.[0].length ?? 0))}\n`).join("");
    }
    return parseTemplate(body, "heredoc");
  }

  /** Parses a template up to its end (`"` for quoted ones, end of text otherwise). */
  template(mode: TemplateMode): Expr {
    const s = this.src;
    const parts: Array<string | Expr> = [];
    let text = "";
    for (;;) {
      const ch = s[this.pos];
      if (ch === undefined) {
        if (mode === "quoted") this.fail("unterminated string");
        break;
      }
      if (mode === "quoted" && ch === '"') {
        this.pos += 1;
        break;
      }
      if (mode === "quoted" && ch === "\\") {
        text += this.escape();
        continue;
      }
      if ((ch === "$" || ch === "%") && s[this.pos + 1] === ch && s[this.pos + 2] === "{") {
        text += `${ch}{`;
        this.pos += 3;
        continue;
      }
      if (ch === "$" && s[this.pos + 1] === "{") {
        this.pos += 2;
        if (s[this.pos] === "~") {
          this.pos += 1;
          text = text.replace(/\s+$/, "");
        }
        if (text !== "") parts.push(text);
        text = "";
        const inner = this.withNewlines(false, () => this.expression());
        this.spaceAll();
        let trimAfter = false;
        if (s[this.pos] === "~") {
          this.pos += 1;
          trimAfter = true;
        }
        this.expect("}");
        parts.push(inner);
        if (trimAfter) while (/\s/.test(s[this.pos] ?? "")) this.pos += 1;
        continue;
      }
      if (ch === "%" && s[this.pos + 1] === "{") {
        // Template directives (%{if}, %{for}) are not evaluated: the whole template is unknown.
        return { t: "unsupported", why: "template directive" };
      }
      text += ch;
      this.pos += 1;
    }
    if (text !== "") parts.push(text);
    if (parts.length === 0) return { t: "lit", v: "" };
    if (parts.length === 1 && typeof parts[0] === "string") return { t: "lit", v: parts[0] };
    return { t: "tmpl", parts };
  }

  private escape(): string {
    const s = this.src;
    const next = s[this.pos + 1];
    this.pos += 2;
    switch (next) {
      case "n":
        return "\n";
      case "r":
        return "\r";
      case "t":
        return "\t";
      case '"':
        return '"';
      case "\\":
        return "\\";
      case "u":
      case "U": {
        const length = next === "u" ? 4 : 8;
        const hex = s.slice(this.pos, this.pos + length);
        this.pos += length;
        return String.fromCodePoint(Number.parseInt(hex, 16));
      }
      default:
        this.fail("bad escape");
    }
  }
}

/** Parses a whole template: a Terraform JSON string, or a heredoc body. */
export function parseTemplate(text: string, mode: "json" | "heredoc" = "json"): Expr {
  // Fast path: most strings are plain literals.
  if (!text.includes("${") && !text.includes("%{")) return { t: "lit", v: text };
  const parser = new Parser(text);
  try {
    const expr = parser.template(mode);
    // `"${expr}"` alone is the expression itself (its value keeps its type), as in Terraform.
    if (expr.t === "tmpl" && expr.parts.length === 1 && typeof expr.parts[0] !== "string") return expr.parts[0] as Expr;
    return expr;
  } catch (error) {
    if (error instanceof ParseFailure) return { t: "unsupported", why: error.message };
    throw error;
  }
}

/** Parses a bare expression (no template wrapping). */
export function parseExpression(text: string): Expr {
  const parser = new Parser(text);
  try {
    const expr = parser.expression();
    parser.spaceAll();
    if (parser.pos < text.length) return { t: "unsupported", why: "trailing text" };
    return expr;
  } catch (error) {
    if (error instanceof ParseFailure) return { t: "unsupported", why: error.message };
    throw error;
  }
}

/** A traversal as text when it is static (`aws_x.y["k"].id`), cut at the first dynamic step. */
export function traversalText(expr: Expr): { root: string; text: string; steps: Array<string | number> } | null {
  const steps: Array<{ attr: string } | { key: string | number } | null> = [];
  let node: Expr = expr;
  for (;;) {
    if (node.t === "attr") {
      steps.unshift({ attr: node.name });
      node = node.obj;
    } else if (node.t === "index") {
      const key = node.key;
      steps.unshift(key.t === "lit" && (typeof key.v === "string" || typeof key.v === "number") ? { key: key.v } : null);
      node = node.obj;
    } else break;
  }
  if (node.t !== "scope") return null;
  let text = node.name;
  const out: Array<string | number> = [];
  for (const step of steps) {
    if (step === null) break;
    if ("attr" in step) {
      text += `.${step.attr}`;
      out.push(step.attr);
    } else {
      text += typeof step.key === "number" ? `[${step.key}]` : `[${JSON.stringify(step.key)}]`;
      out.push(step.key);
    }
  }
  return { root: node.name, text, steps: out };
}

/** Visits every node of an expression tree. */
export function walk(expr: Expr, visit: (e: Expr) => void): void {
  visit(expr);
  switch (expr.t) {
    case "tmpl":
      for (const p of expr.parts) if (typeof p !== "string") walk(p, visit);
      break;
    case "tuple":
      expr.items.forEach((e) => walk(e, visit));
      break;
    case "object":
      for (const { key, value } of expr.items) {
        walk(key, visit);
        walk(value, visit);
      }
      break;
    case "attr":
      walk(expr.obj, visit);
      break;
    case "index":
      walk(expr.obj, visit);
      walk(expr.key, visit);
      break;
    case "splat":
      walk(expr.obj, visit);
      walk(expr.each, visit);
      break;
    case "call":
      expr.args.forEach((e) => walk(e, visit));
      break;
    case "cond":
      walk(expr.cond, visit);
      walk(expr.then, visit);
      walk(expr.else, visit);
      break;
    case "unary":
      walk(expr.e, visit);
      break;
    case "binary":
      walk(expr.l, visit);
      walk(expr.r, visit);
      break;
    case "for":
      walk(expr.coll, visit);
      if (expr.key !== null) walk(expr.key, visit);
      walk(expr.value, visit);
      if (expr.cond !== null) walk(expr.cond, visit);
      break;
    default:
      break;
  }
}
