/**
 * `npm run new-rule -- <family> <name> <ID>` scaffolds a built-in rule as one unit from the template files
 * (templates/rule/, shared with `policy-check new rule`, and templates/built-in-rule/): in a temporary copy of
 * the repository's policies, the result passes `opa test` and `opa check --schema`, its METADATA extracts with
 * the family taken from its folder and its parameter declared, its doc page renders, and its fixture stubs
 * agree with what the compiled rule reports. Needs the pinned opa (.tools/bin/opa).
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { extractRules } from "../../src/engine/metadata";
import { builtInRuleFiles, scaffoldBuiltInRule } from "../../scripts/new-rule";
import { renderRulePage } from "../../scripts/rule-docs";
import { ruleSources } from "../../src/config/scaffold";
import { ROOT } from "../helpers/cli";
import { jsonReport } from "../config/helpers";

const OPA = path.join(ROOT, ".tools", "bin", "opa");
const RULE = { family: "ownership", name: "owner_tag", id: "APIGW-990" };

function opa(args: string[], cwd: string): { status: number | null; output: string } {
  const result = spawnSync(OPA, args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, output: result.stdout + result.stderr };
}

describe("a scaffolded built-in rule", () => {
  let root: string;
  let written: string[];
  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), "policy-check-new-rule-"));
    for (const dir of ["policies", "schema", "opa", "templates", "docs/rules"])
      cpSync(path.join(ROOT, dir), path.join(root, dir), { recursive: true });
    mkdirSync(path.join(root, "plans"));
    written = scaffoldBuiltInRule(RULE, root);
  });

  test("writes the rule, its test, its doc page and both fixture folders", () => {
    expect(written.sort()).toEqual([
      "docs/rules/APIGW-990.md",
      "plans/apigw-990-fail/expected.json",
      "plans/apigw-990-fail/main.tf",
      "plans/apigw-990-pass/expected.json",
      "plans/apigw-990-pass/main.tf",
      "policies/ownership/owner_tag/owner_tag.rego",
      "policies/ownership/owner_tag/owner_tag_test.rego",
    ]);
    for (const file of written) expect(readFileSync(path.join(root, file), "utf8")).not.toMatch(/\{\{\w+\}\}/);
  });

  test("passes opa test and opa check --schema with every built-in rule", () => {
    const tests = opa(["test", "policies/lib", "policies/ownership", "--run", "owner_tag_test"], root);
    expect(tests.output).toMatch(/PASS: 4\/4/);
    expect(tests.status).toBe(0);
    const check = opa(["check", "--strict", "--capabilities", "opa/capabilities.json", "--schema", "schema", "policies"], root);
    expect(check.output).toBe("");
    expect(check.status).toBe(0);
  });

  test("its METADATA is complete: family from the folder, the parameter with its default; the doc page renders", () => {
    const inspect = JSON.parse(opa(["inspect", "-a", "--format", "json", "policies/ownership"], root).output) as Parameters<typeof extractRules>[0];
    const [rule] = extractRules(inspect, root).rules;
    expect(rule).toMatchObject({
      id: "APIGW-990",
      family: "OWNERSHIP",
      package: "apigw.rules.ownership.owner_tag",
      path: "policies/ownership/owner_tag",
      severity: "low",
    });
    expect(rule?.parameters["tag"]).toMatchObject({ type: "string", default: "owner" });
    if (rule === undefined) return;
    const page = renderRulePage(readFileSync(path.join(root, "docs", "rules", "APIGW-990.md"), "utf8"), rule);
    expect(page.startsWith("<!-- header:begin")).toBe(true);
    expect(page).toContain("# APIGW-990: REST APIs carry an owner tag\n");
    expect(page).toContain("      tag: owner\n");
    expect(page).toContain('tags = { owner = "team-payments" }');
  });

  test("the fixture stubs say what the compiled rule reports on their sources", async () => {
    for (const kind of ["pass", "fail"]) {
      const dir = path.join(root, "plans", `apigw-990-${kind}`);
      const expected = JSON.parse(readFileSync(path.join(dir, "expected.json"), "utf8")) as {
        args: string[];
        exit_code: number;
        findings: unknown[];
      };
      expect(expected.args).toEqual(["--rule", "APIGW-990"]);
      const { code, report } = await jsonReport(["--policy-dir", path.join(root, "policies", "ownership"), ...expected.args, dir], root);
      expect([kind, code]).toEqual([kind, expected.exit_code]);
      expect(report.findings.map((f) => ({ rule_id: f.rule_id, address: f.address, severity: f.severity, unknown: f.unknown }))).toEqual(
        expected.findings,
      );
    }
  });

  test("refuses a taken ID, an existing file, and malformed names", () => {
    expect(() => scaffoldBuiltInRule(RULE, root)).toThrow("APIGW-990 is taken");
    expect(() => scaffoldBuiltInRule({ ...RULE, id: "APIGW-001" }, root)).toThrow("APIGW-001 is taken");
    expect(() => scaffoldBuiltInRule({ ...RULE, id: "APIGW-991" }, root)).toThrow(/already exists/);
    expect(existsSync(path.join(root, "docs", "rules", "APIGW-991.md"))).toBe(false);
    expect(() => scaffoldBuiltInRule({ ...RULE, family: "Log" }, root)).toThrow("family");
    expect(() => scaffoldBuiltInRule({ ...RULE, name: "owner-tag" }, root)).toThrow("snake_case");
    expect(() => scaffoldBuiltInRule({ ...RULE, id: "ACME-001" }, root)).toThrow("APIGW-");
  });
});

test("built-in and custom rules are made from the same rule and test templates", () => {
  const files = builtInRuleFiles(RULE, ROOT);
  const sources = ruleSources("apigw.rules.ownership.owner_tag", "APIGW-990");
  expect(files["policies/ownership/owner_tag/owner_tag.rego"]).toBe(sources.rego);
  expect(files["policies/ownership/owner_tag/owner_tag_test.rego"]).toBe(sources.test);
  expect(sources.rego).toContain("package apigw.rules.ownership.owner_tag\n");
  expect(sources.rego).not.toContain("family:");
});
