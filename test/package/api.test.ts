/**
 * The package entry (src/index.ts, `main` in package.json) is enough for library use: `loadConfig` applies a
 * `.policy-check.yaml`, and every type its functions take or return can be named by importing it from there.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ts from "typescript";
import { buildModel, check, loadConfig, readInput, type CheckResult, type Config, type IngestResult } from "../../src/index";
import { PLANS, ROOT } from "../helpers/cli";

const PLAN = path.join(PLANS, "apigw-001-fail", "plan.json");

test("package.json's main is the built src/index.ts", () => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { main: string; types: string };
  expect([pkg.main, pkg.types]).toEqual(["dist/src/index.js", "dist/src/index.d.ts"]);
});

test("loadConfig from the package entry applies .policy-check.yaml to check(): a disabled rule, a configuration waiver", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "policy-check-api-"));
  const plain = await check({ input: PLAN, failOn: "medium", rules: ["APIGW-001"] });
  const first = plain.findings[0];
  expect(first).toBeDefined();
  writeFileSync(
    path.join(dir, ".policy-check.yaml"),
    `waivers:\n  - rule: APIGW-001\n    address: "${first?.address}"\n    reason: accepted for the test\n    owner: team-api\n`,
  );
  const config: Config = loadConfig(null, dir);
  expect(config.file).toMatch(/\.policy-check\.yaml$/);
  const waived: CheckResult = await check({ input: PLAN, failOn: "medium", rules: ["APIGW-001"], config });
  expect(waived.findings.find((f) => f.address === first?.address)?.waiver).toMatchObject({ reason: "accepted for the test", owner: "team-api" });
  expect(waived.summary.waived).toBe(1);

  writeFileSync(path.join(dir, ".policy-check.yaml"), "rules:\n  APIGW-001: { enabled: false }\n");
  const off = await check({ input: PLAN, failOn: "medium", config: loadConfig(null, dir) });
  expect(off.findings.filter((f) => f.rule_id === "APIGW-001")).toEqual([]);
  expect(plain.findings.length).toBeGreaterThan(0);
});

test("readInput's result type is exported: an IngestResult builds a model", () => {
  const ingest: IngestResult = readInput(PLAN);
  expect(ingest.kind).toBe("plan");
  expect(buildModel(ingest).resources.aws_api_gateway_stage.length).toBeGreaterThan(0);
});

/** Type-checks a snippet that imports from the package entry; returns the compiler's messages. */
function typeErrors(snippet: string): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), "policy-check-api-types-"));
  const file = path.join(dir, "use.ts");
  const entry = path.join(ROOT, "src", "index").split(path.sep).join("/");
  writeFileSync(file, snippet.replaceAll("ENTRY", entry));
  // The project's own compiler options (strict, exactOptionalPropertyTypes...), as a library user's build would be at least.
  const { config } = ts.readConfigFile(path.join(ROOT, "tsconfig.json"), (f) => ts.sys.readFile(f));
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
  const program = ts.createProgram([file, path.join(ROOT, "src", "types", "webassembly.d.ts")], {
    ...options,
    noEmit: true,
    rootDir: "/",
    types: ["node"],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

test("the types the public functions take and return are importable from the package entry", () => {
  const used = `
import { check, judge, readInput, buildModel, loadConfig, PolicyEngine, reporterByName } from "ENTRY";
import type { CheckOptions, CheckResult, Config, IngestResult, ReadOptions, ResourceInstance, Model, Finding,
  WaiverIssue, JudgedSubject, RenderOptions, RuleCatalog, Severity } from "ENTRY";
const options: Partial<ReadOptions> = { varFiles: ["prod.tfvars"] };
const ingest: IngestResult = readInput("plan.json", options);
const first: ResourceInstance | undefined = ingest.instances[0];
const model: Model = buildModel(ingest);
const config: Config = loadConfig(null, ".");
const failOn: Severity = "high";
const request: CheckOptions = { input: "plan.json", failOn, config };
async function run(engine: PolicyEngine): Promise<CheckResult> {
  const judged: CheckResult = judge(engine, [() => ingest], request);
  const issues: WaiverIssue[] | undefined = judged.waiver_issues;
  const subjects: JudgedSubject[] | undefined = judged.judged?.subjects;
  const findings: Finding[] = judged.findings;
  const catalog: RuleCatalog = engine.catalog;
  const render: RenderOptions = { color: false, catalog };
  reporterByName("json")?.render(judged, render);
  void [first, model, issues, subjects, findings];
  return check(request);
}
void run;
`;
  expect(typeErrors(used)).toEqual([]);
  // The check can fail: a name the entry does not export is an error.
  expect(typeErrors(`import type { InputAdapter } from "ENTRY";\nlet x: InputAdapter | undefined;\nvoid x;\n`).join("\n")).toMatch(
    /has no exported member .*InputAdapter/,
  );
});
