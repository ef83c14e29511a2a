/**
 * Wildcard patterns (address globs, IAM patterns): the same language as before (`*` any run, `?` one character, the rest literal), matched in
 * time linear in the address for a given glob. The complexity test measures a ratio (double the address,
 * time at most ~2.5x, medians of several runs), never an absolute time.
 */
import { growthRatio, MAX_GROWTH } from "./helpers/growth";
import { Wildcard } from "../src/wildcard";

/** The language as a (backtracking) regular expression: the reference for small inputs only. */
function reference(glob: string, address: string): boolean {
  const body = Array.from(glob)
    .map((ch) => (ch === "*" ? "[\\s\\S]*" : ch === "?" ? "[\\s\\S]" : ch.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")))
    .join("");
  return new RegExp(`^${body}$`, "u").test(address);
}

test("matches what the glob language says", () => {
  const cases: Array<[string, string, boolean]> = [
    ["aws_api_gateway_stage.*", "aws_api_gateway_stage.prod", true],
    ["aws_api_gateway_stage.*", "aws_api_gateway_method.get", false],
    ["module.api[*].*", 'module.api["b"].aws_api_gateway_stage.this', true],
    ["*.prod", "aws_api_gateway_stage.prod", true],
    ["*.prod", "aws_api_gateway_stage.prod2", false],
    ["aws_api_gateway_stage.p?od", "aws_api_gateway_stage.prod", true],
    ["aws_api_gateway_stage.p?od", "aws_api_gateway_stage.pod", false],
    ["*", "", true],
    ["", "", true],
    ["", "a", false],
    ["a**b", "ab", true],
    ["*a*b*c*", "xxaxxbxxc", true],
    ["*a*b*c*", "xxaxxcxxb", false],
    ["stage.[x]", "stage.[x]", true],
    ["stage.(x)", "stage.x", false],
    ["?", "\u{1f600}", true],
  ];
  for (const [glob, address, expected] of cases) expect([glob, address, new Wildcard(glob).matches(address)]).toEqual([glob, address, expected]);
});

test("agrees with the reference on every small glob and address over a tiny alphabet", () => {
  // Exhaustive up to length 4 over {a, b, *, ?} for globs and {a, b} for addresses: every backtracking case.
  const words = (alphabet: string[], max: number): string[] => {
    const out = [""];
    for (let i = 0; i < out.length; i += 1) {
      const w = out[i] as string;
      if (w.length < max) for (const ch of alphabet) out.push(w + ch);
    }
    return out;
  };
  const globs = words(["a", "b", "*", "?"], 4);
  const addresses = words(["a", "b"], 5);
  let compared = 0;
  for (const glob of globs) {
    const compiled = new Wildcard(glob);
    for (const address of addresses) {
      if (compiled.matches(address) !== reference(glob, address)) throw new Error(`${glob} vs ${address}`);
      compared += 1;
    }
  }
  expect(compared).toBe(globs.length * addresses.length);
});

test("ten stars against a long address that almost matches: time grows linearly with the address", async () => {
  // The backtracking regex took minutes on this shape at 62 characters; a star-by-star matcher stays linear.
  const glob = new Wildcard("*a*a*a*a*a*a*a*a*a*a*b");
  const address = (n: number): string => "a".repeat(n);
  expect(glob.matches(address(62))).toBe(false);
  expect(glob.matches(`${address(62)}b`)).toBe(true);
  const repeat = (text: string) => () => {
    for (let i = 0; i < 60; i += 1) glob.matches(text);
  };
  expect(await growthRatio(repeat(address(20_000)), repeat(address(40_000)), { samples: 5 })).toBeLessThan(MAX_GROWTH);
});
