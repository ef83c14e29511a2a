/**
 * The streaming plan reader checks the sections it drops without building them (src/ingest/plan/validate.ts):
 * it must never accept text JSON.parse refuses (the plan would then be read where reading it whole refuses it),
 * and it must accept what plans hold, or it saves nothing.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { checkedJsonEnd, isCheckedJson } from "../../src/ingest/plan/validate";
import { PLANS } from "../helpers/cli";

function checked(text: string, maxDepth = 256): boolean {
  const bytes = Buffer.from(text, "utf8");
  return isCheckedJson(bytes, 0, bytes.length, maxDepth);
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

test.each([
  "{}",
  "[]",
  '{"a":[1,-2.5e+3,0,0.25,1E9,true,false,null,"x"]}',
  ' [ { "a" : { } , "b" : [ ] } , "\\"\\\\\\/\\b\\f\\n\\r\\t\\u0026" ] '.trim(),
  '["é","\u2028"]',
  "[-0,1e-7,123456789012345678901234567890]",
])("%s: accepted, as JSON.parse accepts it", (text) => {
  expect(parses(text)).toBe(true);
  expect(checked(text)).toBe(true);
});

test.each([
  "{",
  "[1,]",
  '{"a":1,}',
  '{"a" 1}',
  "{a:1}",
  "[01]",
  "[1.]",
  "[.5]",
  "[+1]",
  "[-]",
  "[1e]",
  "[1e+]",
  "[tru]",
  "[nul]",
  "[True]",
  '["\\x"]',
  '["\\u12"]',
  '["\\u12G4"]',
  '["a\tb"]',
  '["a\nb"]',
  "[1 2]",
  "[]]",
  "[1]x",
  "{}{}",
  "['a']",
  "[NaN]",
  "[Infinity]",
  "[\u00a0]",
])("%s: refused", (text) => {
  expect(checked(text)).toBe(false);
});

test("a \\uD... escape is left to JSON.parse (half of a surrogate pair is refused alone), and so is nesting too deep", () => {
  expect(checked('["\\ud83d\\ude00"]')).toBe(false);
  expect(checked('["\\uDC00"]')).toBe(false);
  expect(checked("[[[]]]", 3)).toBe(true);
  expect(checked("[[[]]]", 2)).toBe(false);
  expect(checked("[[{}]]", 2)).toBe(false);
});

test("the end of a checked value is found as it is checked, and a value cut short is not sure", () => {
  const value = '{"a":[1,{"b":"x\\"}"},[]],"c":{}}';
  const bytes = Buffer.from(`${value} ,"next":[1]}`, "utf8");
  expect(checkedJsonEnd(bytes, 0, bytes.length, 256)).toBe(value.length);
  for (let cut = 0; cut < value.length; cut += 1) expect([cut, checkedJsonEnd(bytes, 0, cut, 256)]).toEqual([cut, -1]);
  expect(checkedJsonEnd(Buffer.from('[1,] ,"next":[1]}'), 0, 17, 256)).toBe(-1);
});

/** A small deterministic generator (mulberry32): the same cases every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test("never accepts what JSON.parse refuses: 20,000 one- and two-byte edits of plan sections", () => {
  const plan = JSON.parse(readFileSync(path.join(PLANS, "rest-insecure", "plan.json"), "utf8")) as Record<string, unknown>;
  const samples = [JSON.stringify(plan["planned_values"]).slice(0, 4000), JSON.stringify(plan["resource_changes"]).slice(0, 4000)].map((s) => {
    // Whole values: cut at the last entry that closes.
    const cut = s.lastIndexOf("},{");
    return `${s.slice(0, cut + 1)}]`;
  });
  const alphabet = '{}[]",:\\ -+.0123456789eEtrufalsn\tu\nx';
  const next = random(18);
  let accepted = 0;
  for (let n = 0; n < 20000; n += 1) {
    let text = samples[n % samples.length] as string;
    for (let edits = 1 + Math.floor(next() * 2); edits > 0; edits -= 1) {
      const at = Math.floor(next() * text.length);
      const kind = next();
      const c = alphabet[Math.floor(next() * alphabet.length)] as string;
      text =
        kind < 0.4
          ? text.slice(0, at) + c + text.slice(at + 1)
          : kind < 0.7
            ? text.slice(0, at) + c + text.slice(at)
            : text.slice(0, at) + text.slice(at + 1);
    }
    if (checked(text)) {
      accepted += 1;
      expect(parses(text)).toBe(true);
    }
  }
  // Some edits keep the text valid (a digit for a digit): the comparison is not empty.
  expect(accepted).toBeGreaterThan(100);
});

test("accepts the sections the reader drops, in every fixture plan", () => {
  const files = readdirSync(PLANS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(PLANS, entry.name, "plan.json"))
    .filter((file) => {
      try {
        readFileSync(file);
        return true;
      } catch {
        return false;
      }
    });
  expect(files.length).toBeGreaterThan(50);
  for (const file of files) {
    const plan = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    for (const section of ["planned_values", "prior_state", "resource_changes", "configuration"]) {
      if (plan[section] === undefined) continue;
      const text = JSON.stringify(plan[section]);
      if (/\\u[dD]/.test(text)) continue;
      expect([file, section, checked(text)]).toEqual([file, section, true]);
    }
  }
});
