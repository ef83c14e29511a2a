/**
 * Rule scaffolding from the template files in templates/: `policy-check new rule NAME` (a custom rule in its
 * own folder) and `npm run new-rule -- <family> <name> <ID>` (a built-in rule, scripts/new-rule.ts) write the
 * same rule and test from templates/rule/, so a new rule starts as one unit: its METADATA (identity,
 * parameters with their defaults, remediation) and its tests beside it. Templates use `{{name}}`
 * placeholders; one the caller does not supply is an error, never left in a file.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { readAsset } from "../assets";
import { PolicyCheckError } from "../errors";

/** The templates a custom rule is made from; shipped in the npm package and embedded in the binary. */
export const RULE_TEMPLATES = "templates/rule/";

export function renderTemplate(text: string, values: Readonly<Record<string, string>>, source: string): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`${source}: no value for the placeholder {{${key}}}`);
    return value;
  });
}

/** A template of templates/rule/ filled in. */
export function ruleTemplate(file: string, values: Readonly<Record<string, string>>): string {
  return renderTemplate(readAsset(`${RULE_TEMPLATES}${file}`).toString("utf8"), values, `${RULE_TEMPLATES}${file}`);
}

/** The Rego rule and its tests for package `pkg` and rule ID `id`: the same for built-in and custom rules. */
export function ruleSources(pkg: string, id: string): { rego: string; test: string } {
  const values = { id, package: pkg };
  return { rego: ruleTemplate("rule.rego.tmpl", values), test: ruleTemplate("rule_test.rego.tmpl", values) };
}

/**
 * Writes `files` (relative path → text) under `dir`, creating folders; refuses to overwrite any of them. A
 * folder or file that cannot be written is one OUTPUT error naming it.
 */
export function writeScaffold(dir: string, files: Readonly<Record<string, string>>): void {
  for (const file of Object.keys(files)) {
    if (existsSync(path.join(dir, file))) throw new PolicyCheckError("USAGE", "already exists; pick another NAME", { input: path.join(dir, file) });
  }
  for (const [file, text] of Object.entries(files)) {
    makeDirectories(path.dirname(path.join(dir, file)));
    try {
      writeFileSync(path.join(dir, file), text);
    } catch (error) {
      throw new PolicyCheckError("OUTPUT", `cannot write file (${(error as NodeJS.ErrnoException).code ?? "error"})`, {
        input: path.join(dir, file),
      });
    }
  }
}

/**
 * `mkdir -p`, one level at a time. Node's recursive mkdir never returns where creating a directory fails
 * with ENOENT although its parent exists (/proc/self): it keeps "creating" the parent and retrying.
 */
function makeDirectories(dir: string): void {
  const missing: string[] = [];
  for (let d = path.resolve(dir); !existsSync(d); d = path.dirname(d)) {
    missing.unshift(d);
    if (path.dirname(d) === d) break;
  }
  for (const d of missing) {
    try {
      mkdirSync(d);
    } catch (error) {
      throw new PolicyCheckError("OUTPUT", `cannot create directory (${(error as NodeJS.ErrnoException).code ?? "error"})`, { input: d });
    }
  }
}

/** `policy-check new rule NAME`: writes DIR/NAME/{NAME.rego, NAME_test.rego, fixture/main.tf, README.md}. */
export function scaffoldCustomRule(dir: string, name: string, id: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(name))
    throw new PolicyCheckError("USAGE", `rule name ${JSON.stringify(name)}: use letters, digits, _ or - (starting with a letter)`);
  if (!/^[A-Z][A-Z0-9]*-\d{3}$/.test(id))
    throw new PolicyCheckError("USAGE", `rule ID ${id}: use a prefix of your own and three digits, like ACME-001`);
  const folderName = name.toLowerCase().replace(/-/g, "_");
  const folder = path.join(dir, folderName);
  if (existsSync(folder)) throw new PolicyCheckError("USAGE", "already exists; pick another NAME", { input: folder });
  const pkg = `apigw.rules.custom.${folderName}`;
  const { rego, test } = ruleSources(pkg, id);
  const values = { id, package: pkg, name: folderName };
  writeScaffold(folder, {
    [`${folderName}.rego`]: rego,
    [`${folderName}_test.rego`]: test,
    "fixture/main.tf": ruleTemplate("custom-fixture.tf.tmpl", values),
    "README.md": ruleTemplate("custom-readme.md.tmpl", values),
  });
  return folder;
}
