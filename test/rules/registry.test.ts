/**
 * The rule registry agrees everywhere: catalog ↔ built rule metadata ↔ policies/ folders ↔ Rego tests ↔
 * doc pages ↔ pass/fail fixtures. A rule missing any piece, or a piece without a rule, fails here.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { markers } from "../../scripts/rule-docs";
import type { RuleCatalog } from "../../src/engine/rules";
import { ROOT } from "../helpers/cli";
import { loadCatalog } from "../helpers/catalog";
import { loadScenarios } from "../helpers/scenarios";

const catalog = loadCatalog();
const built = JSON.parse(readFileSync(path.join(ROOT, "dist", "policy", "rules.json"), "utf8")) as RuleCatalog;
const scenarios = loadScenarios();

/** policies/<family>/<rule>/ folders (lib is shared code, not a rule). */
function ruleFolders(): string[] {
  const base = path.join(ROOT, "policies");
  return readdirSync(base, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== "lib")
    .flatMap((family) =>
      readdirSync(path.join(base, family.name), { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => `policies/${family.name}/${d.name}`),
    )
    .sort();
}

test("the catalog parses", () => {
  expect(catalog.length).toBeGreaterThanOrEqual(40);
});

test("every catalog rule is implemented, and nothing else is", () => {
  expect(built.rules.map((r) => r.id).sort()).toEqual(catalog.map((r) => r.id).sort());
});

test("the policies/ folder listing is exactly the registry", () => {
  expect(ruleFolders()).toEqual(built.rules.map((r) => r.path).sort());
});

describe.each(built.rules)("$id ($path)", (rule) => {
  const entry = catalog.find((c) => c.id === rule.id);
  const folder = path.join(ROOT, rule.path);
  const name = path.basename(rule.path);

  test("title and severity match the catalog", () => {
    expect(entry).toBeDefined();
    expect(rule.title).toBe(entry?.title);
    expect(rule.severity).toBe(entry?.severity);
  });

  test("METADATA is complete", () => {
    expect(rule.description.length).toBeGreaterThan(40);
    expect(rule.related_resources.length).toBeGreaterThan(0);
    for (const r of rule.related_resources) expect(r.ref).toMatch(/^https:\/\//);
    expect(rule.remediation).toMatch(/resource "aws_|[a-z_]+ *=/);
    expect(rule.subjects.length).toBeGreaterThan(0);
    expect(rule.package).toBe(`apigw.rules.${rule.path.split("/").slice(1).join(".")}`);
  });

  test("Rego file and tests beside it, with fail and pass cases", () => {
    expect(existsSync(path.join(folder, `${name}.rego`))).toBe(true);
    const tests = readFileSync(path.join(folder, `${name}_test.rego`), "utf8");
    expect(tests).toMatch(/^test_fail_\w+ if/m);
    expect(tests).toMatch(/^test_pass_\w+ if/m);
  });

  test("doc page with every section", () => {
    const doc = readFileSync(path.join(ROOT, "docs", "rules", `${rule.id}.md`), "utf8");
    // The header, Parameters and Terraform fix are generated (test/docs/rule-docs.test.ts); the rest is written.
    expect(doc.startsWith(`${markers("header").begin}\n# ${rule.id}: ${rule.title}\n`)).toBe(true);
    for (const section of [
      "## What it checks",
      "## Parameters",
      "## Why it matters",
      "## How to fix in Terraform",
      "## How to fix in CDKTF (TypeScript)",
      "## Unverifiable and edge cases",
      "## Waive it",
      "## Peer mapping",
    ]) {
      expect(doc).toContain(section);
    }
  });

  test("pass and fail fixtures run through the whole pipeline", () => {
    const id = rule.id.toLowerCase();
    const pass = scenarios.find((s) => s.name === `${id}-pass`);
    const fail = scenarios.find((s) => s.name === `${id}-fail`);
    expect(pass?.args).toEqual(["--rule", rule.id]);
    expect(fail?.args).toEqual(["--rule", rule.id]);
    expect(pass?.findings).toEqual([]);
    expect(fail?.findings.filter((f) => f.rule_id === rule.id && !f.unknown).length).toBeGreaterThan(0);
  });
});

test("no doc page or fixture for a rule that does not exist", () => {
  const ids = new Set(built.rules.map((r) => r.id));
  const docs = readdirSync(path.join(ROOT, "docs", "rules")).filter((f) => f.endsWith(".md"));
  expect(docs.filter((f) => !ids.has(f.replace(/\.md$/, "")))).toEqual([]);
  const ruleScenarios = scenarios.filter((s) => /^apigw-\d{3}-(pass|fail)$/.test(s.name));
  expect(ruleScenarios.filter((s) => !ids.has(s.name.slice(0, 9).toUpperCase())).map((s) => s.name)).toEqual([]);
});
