/**
 * One evaluator for both syntaxes: every stack of the CDKTF example app (examples/cdktf) and of the features
 * app (./features-app.ts), judged by the built CLI's code with the real WASM policies twice: as CDKTF output
 * (the stack's cdk.tf.json) and as Terraform source (the same file as `main.tf.json` in a directory of its
 * own). The findings are the same, apart from where they point (`source`: construct path or file and line).
 */
import { copyFileSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { runInProcess } from "../../helpers/cli";
import { synthesizeFeatures } from "./features-app";
import { synthesizeExample, tempDir } from "./synth";

interface Judged {
  status: number | null;
  findings: Array<Record<string, unknown>>;
  summary: Record<string, unknown>;
}

let temp: ReturnType<typeof tempDir>;
const stacks: Array<{ app: string; stack: string; file: string }> = [];

beforeAll(() => {
  temp = tempDir();
  const into = (app: string): string => {
    mkdirSync(path.join(temp.dir, app));
    return path.join(temp.dir, app);
  };
  for (const [app, outdir] of [
    ["example", synthesizeExample(into("example"))],
    ["features", synthesizeFeatures(into("features"))],
  ] as const) {
    for (const stack of readdirSync(path.join(outdir, "stacks")).sort())
      stacks.push({ app, stack, file: path.join(outdir, "stacks", stack, "cdk.tf.json") });
  }
});
afterAll(() => temp.remove());

async function judge(input: string): Promise<Judged> {
  const run = await runInProcess(["--format", "json", input]);
  expect(run.stderr).toBe("");
  const report = JSON.parse(run.stdout) as { findings: Array<Record<string, unknown>>; summary: Record<string, unknown> };
  return { status: run.status, findings: report.findings.map(({ source: _source, ...rest }) => rest), summary: report.summary };
}

test("four stacks in two apps: the example's secure-api and insecure-api, the features app's features and shared", () => {
  expect(stacks.map((s) => `${s.app}/${s.stack}`)).toEqual(["example/insecure-api", "example/secure-api", "features/features", "features/shared"]);
});

test.each([
  ["example", "insecure-api"],
  ["example", "secure-api"],
  ["features", "features"],
  ["features", "shared"],
])("%s/%s: the CDKTF adapter and the HCL adapter on the same cdk.tf.json give the same findings", async (app, name) => {
  const stack = stacks.find((s) => s.app === app && s.stack === name);
  if (stack === undefined) throw new Error(`no stack ${app}/${name}`);
  const asSource = path.join(temp.dir, "as-source", app, name);
  mkdirSync(asSource, { recursive: true });
  copyFileSync(stack.file, path.join(asSource, "main.tf.json"));
  const cdktf = await judge(stack.file);
  const hcl = await judge(asSource);
  expect(hcl.findings).toEqual(cdktf.findings);
  expect(hcl.status).toBe(cdktf.status);
  expect(hcl.summary).toEqual(cdktf.summary);
});

test("the comparison has something to compare: the insecure example stack fails with dozens of findings, WAF rules among them", async () => {
  const stack = stacks.find((s) => s.stack === "insecure-api");
  const { status, findings } = await judge(stack?.file ?? "");
  expect(status).toBe(1);
  expect(findings.length).toBeGreaterThan(50);
  expect(findings.filter((f) => f["rule_id"] === "APIGW-202").map((f) => f["address"])).toEqual([
    "aws_wafv2_web_acl.orders_staging-web-acl_7A6AC9AE",
  ]);
});
