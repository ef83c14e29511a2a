/**
 * The npm package as a user installs it: `npm pack`, `npm install <tarball>` into an empty project outside the
 * repository, and the installed bins run with a PATH that holds nothing but `node` (no Go, no opa, no
 * repository). This is the test that would have caught "Cannot find module '../package.json'".
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PLANS, ROOT } from "../helpers/cli";
import { installedPackage, runInstalled, tarballFiles } from "../helpers/package";
import { loadScenarios, tuples } from "../helpers/scenarios";

jest.setTimeout(240_000);

const packageJson = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  name: string;
  version: string;
  bin: Record<string, string>;
  scripts: Record<string, string>;
};
const scenarios = loadScenarios();
const scenario = (name: string) => {
  const found = scenarios.find((s) => s.name === name);
  if (found === undefined) throw new Error(`no scenario ${name}`);
  return found;
};

describe("the tarball", () => {
  let files: string[];
  beforeAll(() => {
    files = tarballFiles(installedPackage().tarball);
  });

  test("carries what the CLI needs at run time", () => {
    for (const needed of [
      "package.json",
      "LICENSE",
      "CHANGELOG.md",
      "README.md",
      "dist/cli.js",
      "dist/cli-bundle.js",
      "dist/cli-bundle.cache",
      "dist/src/cli/main.js",
      "dist/src/engine/evaluate-worker.js",
      "dist/evaluate-worker.js",
      "dist/src/cli/pre-commit.js",
      "dist/src/index.js",
      "dist/src/index.d.ts",
      "dist/policy/policy.wasm",
      "dist/policy/rules.json",
      "schema/config.json",
      "schema/model.json",
      "opa/capabilities.json",
      "policies/main.rego",
      "templates/rule/rule.rego.tmpl",
      "templates/rule/rule_test.rego.tmpl",
      "docs/catalog.md",
      "integrations/atlantis/policy-check-atlantis.sh",
    ]) {
      expect(files).toContain(needed);
    }
    // The rule pages reports link to, one per rule.
    const rules = (JSON.parse(readFileSync(path.join(ROOT, "dist", "policy", "rules.json"), "utf8")) as { rules: Array<{ id: string }> }).rules;
    for (const rule of rules) expect(files).toContain(`docs/rules/${rule.id}.md`);
  });

  test("carries nothing for development", () => {
    const development = files.filter(
      (f) =>
        f.endsWith("_test.rego") ||
        f.endsWith(".map") ||
        (f.endsWith(".ts") && !f.endsWith(".d.ts")) ||
        /^(plans|test|examples|scripts|src|\.tools|node_modules|\.ci|\.regal)\//.test(f) ||
        f.startsWith("dist/examples/") ||
        f.startsWith("dist/scripts/"),
    );
    expect(development).toEqual([]);
  });

  test("runs no build or script when installed", () => {
    const installed = path.join(installedPackage().project, "node_modules", packageJson.name);
    const installedJson = JSON.parse(readFileSync(path.join(installed, "package.json"), "utf8")) as {
      scripts?: Record<string, string>;
      private?: boolean;
    };
    // npm runs these for a tarball or registry install; `prepare` runs only for git and directory installs.
    for (const hook of ["preinstall", "install", "postinstall"]) expect(installedJson.scripts?.[hook]).toBeUndefined();
    expect(installedJson.private).toBeUndefined();
    // A build would have installed the pinned opa (.tools) and compiled TypeScript beside the sources.
    expect(existsSync(path.join(installed, ".tools"))).toBe(false);
    expect(existsSync(path.join(installed, "src"))).toBe(false);
  });
});

describe("the installed bins, with nothing but node on PATH", () => {
  test("policy-check --version prints the package version", () => {
    const result = runInstalled("policy-check", ["--version"]);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(`policy-check ${packageJson.version}\n`);
    expect(result.status).toBe(0);
  });

  test.each(["quickstart", "rest-insecure", "rest-secure", "http-insecure"])("policy-check judges plans/%s exactly as expected", (name) => {
    const expected = scenario(name);
    const plan = path.join(expected.dir, "plan.json");
    const result = runInstalled("policy-check", [plan, "--format", "json", ...expected.args]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(expected.exit_code);
    const report = JSON.parse(result.stdout) as { findings: Array<{ rule_id: string; address: string; severity: string; unknown: boolean }> };
    expect(tuples(report.findings)).toEqual(tuples(expected.findings));
  });

  test("policy-check reads a plan from standard input", () => {
    const expected = scenario("rest-insecure");
    const result = runInstalled("policy-check", ["-", "--format", "json"], { input: readFileSync(path.join(expected.dir, "plan.json"), "utf8") });
    expect(result.status).toBe(expected.exit_code);
    expect(tuples((JSON.parse(result.stdout) as { findings: [] }).findings)).toEqual(tuples(expected.findings));
  });

  test("policy-check rules lists every rule", () => {
    const result = runInstalled("policy-check", ["rules", "--format", "json"]);
    expect(result.status).toBe(0);
    const listed = (JSON.parse(result.stdout) as { rules: Array<{ id: string }> }).rules.map((r) => r.id);
    const built = (JSON.parse(readFileSync(path.join(ROOT, "dist", "policy", "rules.json"), "utf8")) as { rules: Array<{ id: string }> }).rules.map(
      (r) => r.id,
    );
    expect(listed.sort()).toEqual(built.sort());
  });

  test("policy-check explain prints the rule page the package ships, and its address online", () => {
    const result = runInstalled("policy-check", ["explain", "apigw-203"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      `${readFileSync(path.join(ROOT, "docs", "rules", "APIGW-203.md"), "utf8")
        .split("\n")
        .filter((line) => !/^<!--.*-->$/.test(line))
        .join("\n")
        .trim()}\n\nOnline: https://github.com/apigw-policy-check/policy-check/blob/v${packageJson.version}/docs/rules/APIGW-203.md\n`,
    );
  });

  test("policy-check judges a .tf directory", () => {
    const result = runInstalled("policy-check", [path.join(PLANS, "rest-insecure"), "--format", "json"]);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as { findings: Array<{ source?: { kind: string } }> };
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings.every((f) => f.source?.kind === "hcl")).toBe(true);
  });

  test("bad input is one line and exit 2", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "policy-check-bad-"));
    const bad = path.join(dir, "plan.json");
    writeFileSync(bad, "{ not json");
    const result = runInstalled("policy-check", [bad]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain("plan.json");
  });

  test("a custom rule without opa says so in one line without pointing at a script the package lacks", () => {
    const result = runInstalled("policy-check", [path.join(PLANS, "quickstart", "plan.json"), "--policy-dir", path.join(ROOT, "test", "fixtures")]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain("opa");
    expect(result.stderr).not.toContain("scripts/install-tools.sh");
  });

  test("policy-check-pre-commit judges the directories of changed .tf files", () => {
    const result = runInstalled("policy-check-pre-commit", ["--format", "json", path.join(PLANS, "rest-secure", "main.tf")]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  test("policy-check-atlantis blocks an insecure plan with the FAIL line Atlantis reads", () => {
    const result = runInstalled("policy-check-atlantis", [path.join(PLANS, "rest-insecure", "plan.json")], {
      env: { PATH: `${path.dirname(installedPackage().bin("policy-check"))}:${installedPackage().nodeOnlyPath}:/usr/bin:/bin` },
    });
    expect(result.status).toBe(1);
    expect(result.stdout.trim().split("\n").pop()).toMatch(/^FAIL - policy-check: \d+ failures: /);
  });

  test("every bin declared in package.json is installed", () => {
    for (const name of Object.keys(packageJson.bin)) {
      const result = runInstalled(name, ["--help"], {
        env: { PATH: `${path.dirname(installedPackage().bin("policy-check"))}:${installedPackage().nodeOnlyPath}:/usr/bin:/bin` },
      });
      expect(result.error).toBeUndefined();
    }
  });
});
