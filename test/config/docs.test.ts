/** docs/model.md is generated from schema/model.json and current; its worked example runs as written. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { renderModelDocs, WORKED_EXAMPLE } from "../../src/config/model-docs";
import { ROOT } from "../helpers/cli";
import { jsonReport, workdir, writeFiles } from "./helpers";

test("docs/model.md is up to date (regenerate: node dist/src/config/model-docs.js)", () => {
  const schema = JSON.parse(readFileSync(path.join(ROOT, "schema", "model.json"), "utf8"));
  expect(readFileSync(path.join(ROOT, "docs", "model.md"), "utf8")).toBe(renderModelDocs(schema, WORKED_EXAMPLE));
});

test("every resource type of the model has a section", () => {
  const schema = JSON.parse(readFileSync(path.join(ROOT, "schema", "model.json"), "utf8")) as {
    definitions: { ModelResources: { properties: object } };
  };
  const doc = readFileSync(path.join(ROOT, "docs", "model.md"), "utf8");
  for (const type of Object.keys(schema.definitions.ModelResources.properties)) expect(doc).toContain(`### \`input.resources.${type}\``);
});

test("the worked example compiles and reports what it says, with its parameter", async () => {
  const rego = /```rego\n([\s\S]*?)```/.exec(WORKED_EXAMPLE)?.[1];
  if (rego === undefined) throw new Error("the worked example has no rego block");
  const dir = workdir();
  writeFiles(dir, {
    "custom-policies/prod_xray/prod_xray.rego": rego,
    "infra/main.tf": `
resource "aws_api_gateway_rest_api" "prod" {
  name = "orders"
  tags = { env = "prod" }
}
resource "aws_api_gateway_rest_api" "dev" {
  name = "orders-dev"
  tags = { env = "dev" }
}
resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = aws_api_gateway_rest_api.prod.id
  deployment_id = "d"
  stage_name    = "prod"
}
resource "aws_api_gateway_stage" "dev" {
  rest_api_id   = aws_api_gateway_rest_api.dev.id
  deployment_id = "d"
  stage_name    = "dev"
}
`,
  });
  const run = async (config?: string): Promise<string[]> => {
    const cwd = config === undefined ? dir : workdir(config);
    const { report } = await jsonReport(["--policy-dir", path.join(dir, "custom-policies"), "--rule", "ACME-002", path.join(dir, "infra")], cwd);
    return report.findings.map((f) => `${f.address} ${f.severity}`);
  };
  expect(await run()).toEqual(["aws_api_gateway_stage.prod medium"]);
  expect(await run("rules:\n  ACME-002:\n    params:\n      env: dev\n")).toEqual(["aws_api_gateway_stage.dev medium"]);
});
