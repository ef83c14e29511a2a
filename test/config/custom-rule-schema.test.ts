/**
 * Custom rules cannot fail silently (issue 15): the model keeps every planned attribute of its resource
 * types, so a rule reading one the built-in rules do not use (`description`) judges its real value; and
 * `policy-check build` / `--policy-dir` type-check custom rules against schema/model.json, so one reading an
 * attribute the provider does not have (`descripton`) fails the build instead of always firing.
 * Needs the pinned opa (.tools/bin/opa).
 */
import path from "node:path";
import { PLANS } from "../helpers/cli";
import { cli, jsonReport, workdir, writeFiles } from "./helpers";

const METADATA = `# METADATA
# title: REST APIs are described
# description: Every REST API says what it is for.
# related_resources:
#   - description: aws_api_gateway_rest_api
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_rest_api
# custom:
#   id: ACME-002
#   severity: medium
#   kinds: [REST]
#   subjects: [aws_api_gateway_rest_api]
#   anchors:
#     security_hub: []
#     checkov: []
#     kics: []
#     trivy: []
#     other: []
#   remediation: Set description.
package apigw.rules.custom.api_description

import data.apigw.lib.result

deny contains result.fail(rego.metadata.chain(), api, sprintf("REST API %s has no description.", [api.address]), ["description"]) if {
	some api in input.resources.aws_api_gateway_rest_api
`;

// Read in the rule body, where \`api\` is typed by the schema (a function's parameters are not).
const rule = (attribute: string): string => `${METADATA}\tapi.values.${attribute} in {null, ""}\n}\n`;

const SOURCE = `resource "aws_api_gateway_rest_api" "described" {
  name        = "orders"
  description = "Order intake for the web shop"
}

resource "aws_api_gateway_rest_api" "bare" {
  name = "payments"
}
`;

test("a custom rule reading an attribute the built-in rules do not use judges its real value (HCL and plan)", async () => {
  const dir = workdir();
  writeFiles(dir, { "rules/api_description/api_description.rego": rule("description"), "tf/main.tf": SOURCE });
  const { report } = await jsonReport(["--policy-dir", path.join(dir, "rules"), "--rule", "ACME-002", path.join(dir, "tf")], dir);
  expect(report.findings.map((f) => f.address)).toEqual(["aws_api_gateway_rest_api.bare"]);
  // A plan: apigw-008-pass describes its API; apigw-001-fail's two APIs have none.
  const run = async (name: string): Promise<string[]> =>
    (await jsonReport(["--policy-dir", path.join(dir, "rules"), "--rule", "ACME-002", path.join(PLANS, name, "plan.json")], dir)).report.findings.map(
      (f) => f.address,
    );
  expect(await run("apigw-001-fail")).toEqual(["aws_api_gateway_rest_api.api", "aws_api_gateway_rest_api.other"]);
});

test("build and --policy-dir refuse a custom rule reading an attribute the model does not have", async () => {
  const dir = workdir();
  writeFiles(dir, { "rules/api_description/api_description.rego": rule("descripton"), "tf/main.tf": SOURCE });
  const built = await cli(["build", "--policy-dir", path.join(dir, "rules"), "-o", path.join(dir, "b.tgz")], dir);
  expect(built.code).toBe(2);
  expect(built.err.split("\n")).toHaveLength(2);
  expect(built.err).toMatch(/custom rule does not type-check against the model: .*api_description\.rego:\d+: undefined ref: .*descripton/);
  expect(built.err).toMatch(/not an attribute of the model/);
  const run = await cli(["--policy-dir", path.join(dir, "rules"), path.join(dir, "tf")], dir);
  expect(run.code).toBe(2);
  expect(run.err).toMatch(/descripton/);
});
