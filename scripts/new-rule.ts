/**
 * `npm run new-rule -- <family> <name> <ID>`: scaffolds a built-in rule as one unit, from the template files
 * (the Rego rule and its test from templates/rule/, the ones `policy-check new rule` uses; the doc page and
 * the fixture sources from templates/built-in-rule/):
 *
 *   policies/<family>/<name>/<name>.rego, <name>_test.rego   the rule (METADATA: ID, severity, parameters) and its tests
 *   docs/rules/<ID>.md                                      hand-written sections; the rest is generated (npm run docs:rules)
 *   plans/<id>-pass/, plans/<id>-fail/                       main.tf and expected.json (plan.json: bash plans/generate.sh)
 *
 * Refuses to overwrite anything, then prints what is left to do by hand.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { renderTemplate, ruleSources, writeScaffold } from "../src/config/scaffold";

export interface BuiltInRule {
  family: string;
  name: string;
  id: string;
}

/** The repository's root, compiled (dist/scripts) or from source (scripts/, under jest). */
function findRoot(dir: string): string {
  return existsSync(path.join(dir, "policies", "main.rego")) ? dir : findRoot(path.dirname(dir));
}

export function checkBuiltInRule(rule: BuiltInRule, root: string): void {
  if (!/^[a-z][a-z0-9]*$/.test(rule.family))
    throw new Error(`family ${JSON.stringify(rule.family)}: lower-case letters and digits (log, auth, edge, ...)`);
  if (rule.family === "lib") throw new Error("family lib is the shared library, not a family");
  if (!/^[a-z][a-z0-9_]*$/.test(rule.name)) throw new Error(`name ${JSON.stringify(rule.name)}: snake_case (letters, digits, _)`);
  if (!/^APIGW-\d{3}$/.test(rule.id)) throw new Error(`ID ${rule.id}: built-in rules are APIGW- and three digits`);
  const taken =
    existsSync(path.join(root, "docs", "rules", `${rule.id}.md`)) ||
    readdirSync(path.join(root, "plans")).some((d) => d.startsWith(`${rule.id.toLowerCase()}-`));
  if (taken) throw new Error(`${rule.id} is taken (rule IDs are never reused)`);
}

/** The files of a new built-in rule, by path relative to the repository root. */
export function builtInRuleFiles(rule: BuiltInRule, root: string): Record<string, string> {
  const id = rule.id.toLowerCase();
  const values = { id: rule.id, package: `apigw.rules.${rule.family}.${rule.name}`, scenario_pass: `${id}-pass`, scenario_fail: `${id}-fail` };
  const template = (file: string): string =>
    renderTemplate(readFileSync(path.join(root, "templates", "built-in-rule", file), "utf8"), values, `templates/built-in-rule/${file}`);
  const { rego, test } = ruleSources(values.package, rule.id);
  const folder = `policies/${rule.family}/${rule.name}`;
  return {
    [`${folder}/${rule.name}.rego`]: rego,
    [`${folder}/${rule.name}_test.rego`]: test,
    [`docs/rules/${rule.id}.md`]: template("doc.md.tmpl"),
    [`plans/${id}-pass/main.tf`]: template("pass.tf.tmpl"),
    [`plans/${id}-pass/expected.json`]: template("pass.expected.json.tmpl"),
    [`plans/${id}-fail/main.tf`]: template("fail.tf.tmpl"),
    [`plans/${id}-fail/expected.json`]: template("fail.expected.json.tmpl"),
  };
}

export function scaffoldBuiltInRule(rule: BuiltInRule, root: string): string[] {
  checkBuiltInRule(rule, root);
  const files = builtInRuleFiles(rule, root);
  writeScaffold(root, files);
  return Object.keys(files);
}

if (require.main === module) {
  const [family, name, id] = process.argv.slice(2);
  try {
    if (family === undefined || name === undefined || id === undefined || process.argv.length > 5)
      throw new Error("usage: npm run new-rule -- <family> <name> <ID>   (e.g. log access_log_retention APIGW-010)");
    const rule = { family, name, id: id.toUpperCase() };
    const written = scaffoldBuiltInRule(rule, findRoot(__dirname));
    const lower = rule.id.toLowerCase();
    process.stdout.write(
      [
        `new-rule: wrote ${written.join(", ")}`,
        "Then:",
        `  1. write the rule, its METADATA (title, description, severity, parameters, remediation) and its tests;`,
        `     the template is a working example (an owner-tag rule): .tools/bin/opa test policies`,
        `  2. add the rule's row to docs/catalog.md (ID, title, severity) and write the fixtures' main.tf and expected.json`,
        `  3. bash plans/generate.sh ${lower}-pass ${lower}-fail`,
        `  4. npm run build && npm run docs:rules && npm run schema:config && npm run readme`,
        "",
      ].join("\n"),
    );
  } catch (error) {
    process.stderr.write(`new-rule: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  }
}
