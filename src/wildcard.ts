/**
 * Wildcard patterns as address globs (`include`, `exclude`, waiver addresses) and IAM policies (Action and
 * Resource patterns) spell them: `*` matches any run of characters (dots, brackets, `:` and `/` included),
 * `?` exactly one, everything else itself. Matched without regular expressions: a backtracking regex of ten
 * stars took minutes on a 62-character address, and compiling one per IAM pattern and resource made large
 * policies take minutes. This matcher keeps one position to resume from, the last star's, so its worst case
 * is O(text length × pattern length) and typical texts take one pass.
 */
export class Wildcard {
  /** Code points, so `?` matches one character even outside the Basic Multilingual Plane. */
  private readonly pattern: readonly string[];

  constructor(readonly source: string) {
    this.pattern = Array.from(source);
  }

  /** True when the pattern has a wildcard: without one it only ever matches itself. */
  get isPattern(): boolean {
    return this.pattern.some((ch) => ch === "*" || ch === "?");
  }

  matches(value: string): boolean {
    const p = this.pattern;
    const text = Array.from(value);
    let t = 0;
    let g = 0;
    // Where the last star was seen in the pattern, and where in the text it is currently assumed to end.
    let star = -1;
    let resume = 0;
    while (t < text.length) {
      const ch = p[g];
      if (ch === "*") {
        star = g;
        g += 1;
        resume = t;
      } else if (ch !== undefined && (ch === "?" || ch === text[t])) {
        g += 1;
        t += 1;
      } else if (star >= 0) {
        // Let the last star swallow one more character and retry what follows it. Earlier stars never need
        // revisiting: the last one can absorb anything they would.
        g = star + 1;
        resume += 1;
        t = resume;
      } else return false;
    }
    while (p[g] === "*") g += 1;
    return g === p.length;
  }
}
