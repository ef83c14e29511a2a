/** The option table the pre-commit hook shares with the parser. */
import { parseArgs, USAGE, VALUED_OPTIONS } from "../../src/cli/args";

test("every option the usage text shows with a value is in VALUED_OPTIONS, and each really takes one", () => {
  const shown = [...USAGE.matchAll(/(?:^|[\s,])(-{1,2}[a-z-]+) <\w+>/gm)].map((m) => m[1] as string);
  expect(shown.length).toBeGreaterThan(5);
  for (const option of shown) expect(VALUED_OPTIONS).toContain(option);
  for (const option of VALUED_OPTIONS) expect(() => parseArgs(["plan.json", option])).toThrow(/needs a value/);
});
