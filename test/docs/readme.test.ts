/** README facts that must not drift: the generated rule table and the two Quick start commands. */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { RuleCatalog } from "../../src/engine/rules";
import { renderReadme } from "../../scripts/readme-rules";
import { ROOT } from "../helpers/cli";

const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
const catalog = JSON.parse(readFileSync(path.join(ROOT, "dist", "policy", "rules.json"), "utf8")) as RuleCatalog;

test("the rule table is generated from the current rule metadata (run `npm run readme`)", () => {
  expect(renderReadme(readme, catalog)).toBe(readme);
  for (const rule of catalog.rules) expect(readme).toContain(`[${rule.id}](docs/rules/${rule.id}.md)`);
});

test("Quick start has exactly two commands: install and run on a bundled plan, and the test suite", () => {
  const section = readme.split("## Quick start")[1]?.split("\n## ")[0] ?? "";
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
  const commands = block.split("\n").filter((l) => l.trim() !== "");
  expect(commands).toEqual(["npm ci && npx policy-check plans/quickstart/plan.json", "npm test"]);
  expect(readFileSync(path.join(ROOT, ".ci", "run"), "utf8")).toContain("npm test");
});
