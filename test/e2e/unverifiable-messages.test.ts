/**
 * Unverifiable reports say what did not know the value, in the input's own terms: a plan "does not know X
 * before apply"; Terraform source (HCL, CDKTF) says "X is not known from the source (why)", the why followed
 * through locals, module calls and outputs. A related resource's attribute is named once, as Terraform
 * references it (`aws_api_gateway_rest_api_policy.p.policy`).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { runInProcess } from "../helpers/cli";
import { writeCdktfOut } from "../helpers/cdktf-out";

const tmp = mkdtempSync(path.join(os.tmpdir(), "policy-check-unverifiable-"));

function sourceDir(name: string, files: Record<string, string>): string {
  const dir = path.join(tmp, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

/** A REST API with one GET method whose authorization is `expression`, and whatever `extra` declares. */
function methodWithAuthorization(expression: string, extra = ""): string {
  return `${extra}
resource "aws_api_gateway_rest_api" "api" {
  name = "orders"
}

resource "aws_api_gateway_method" "get" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_rest_api.api.root_resource_id
  http_method   = "GET"
  authorization = ${expression}
}
`;
}

async function unverifiable(args: string[], rule: string): Promise<string[]> {
  const run = await runInProcess([...args, "--rule", rule, "--format", "json"]);
  expect(run.stderr).toBe("");
  const report = JSON.parse(run.stdout) as { findings: Array<{ rule_id: string; unknown: boolean; message: string }> };
  return report.findings.filter((f) => f.unknown).map((f) => f.message.replace(/, so this could not be proved either way\..*$/, ""));
}

describe("Terraform source: what is not known, and why", () => {
  test.each([
    ["a root variable without a value", "var.authorization", 'variable "authorization" {\n  type = string\n}\n', "a variable without a value"],
    [
      "a data source",
      "data.aws_ssm_parameter.authorization.value",
      'data "aws_ssm_parameter" "authorization" {\n  name = "/api/authorization"\n}\n',
      "a data source, read only when planning",
    ],
    [
      "a managed resource's attribute",
      "terraform_data.authorization.output",
      'resource "terraform_data" "authorization" {\n  input = "NONE"\n}\n',
      "a resource attribute known only after apply",
    ],
    [
      "a module the scan does not read",
      "module.settings.authorization",
      'module "settings" {\n  source = "example-corp/settings/aws"\n}\n',
      "an output of a module the scan does not read",
    ],
    [
      "a known resource attribute beside a variable: only the variable",
      '"${aws_api_gateway_rest_api.api.name}${var.suffix}"',
      'variable "suffix" {\n  type = string\n}\n',
      "a variable without a value",
    ],
    ["a function the evaluator does not compute", 'timestamp() == "" ? "NONE" : "AWS_IAM"', "", "an expression policy-check does not evaluate"],
    [
      "a local value over a data source",
      "local.authorization",
      'locals {\n  authorization = upper(data.aws_ssm_parameter.a.value)\n}\n\ndata "aws_ssm_parameter" "a" {\n  name = "/a"\n}\n',
      "a data source, read only when planning",
    ],
  ])("%s", async (label, expression, extra, why) => {
    const dir = sourceDir(label.replace(/\W+/g, "-"), { "main.tf": methodWithAuthorization(expression, extra) });
    expect(await unverifiable([dir], "APIGW-101")).toEqual([`Unverifiable: authorization is not known from the source (${why})`]);
  });

  test("a module's variable says what its caller passes: a data source, not a variable", async () => {
    const dir = sourceDir("module-input", {
      "main.tf": [
        'data "aws_ssm_parameter" "authorization" {\n  name = "/api/authorization"\n}\n',
        'module "api" {\n  source        = "./modules/api"\n  authorization = data.aws_ssm_parameter.authorization.value\n}\n',
      ].join("\n"),
      "modules/api/main.tf": methodWithAuthorization("var.authorization", 'variable "authorization" {\n  type = string\n}\n'),
    });
    expect(await unverifiable([dir], "APIGW-101")).toEqual([
      "Unverifiable: authorization is not known from the source (a data source, read only when planning)",
    ]);
  });

  test("for_each over a variable without a value: each.value is that variable", async () => {
    const dir = sourceDir("for-each", {
      "main.tf": methodWithAuthorization("each.value", 'variable "methods" {\n  type = map(string)\n}\n').replace(
        'resource "aws_api_gateway_method" "get" {',
        'resource "aws_api_gateway_method" "get" {\n  for_each = var.methods',
      ),
    });
    expect(await unverifiable([dir], "APIGW-101")).toEqual(["Unverifiable: authorization is not known from the source (a variable without a value)"]);
  });

  test("a related resource's attribute is named once, as Terraform references it", async () => {
    const dir = sourceDir("related", {
      "main.tf": `variable "policy" {
  type = string
}

resource "aws_api_gateway_rest_api" "private" {
  name = "internal"
  endpoint_configuration {
    types = ["PRIVATE"]
  }
}

resource "aws_api_gateway_rest_api_policy" "policy" {
  rest_api_id = aws_api_gateway_rest_api.private.id
  policy      = var.policy
}
`,
    });
    expect(await unverifiable([dir], "APIGW-305")).toEqual([
      "Unverifiable: aws_api_gateway_rest_api_policy.policy.policy is not known from the source (a variable without a value)",
    ]);
  });

  test("CDKTF: a TerraformVariable is a variable without a value", async () => {
    const out = writeCdktfOut(path.join(tmp, "cdktf"), {
      api: {
        variable: { authorization: { type: "string" } },
        resource: {
          aws_api_gateway_rest_api: { api: { name: "orders" } },
          aws_api_gateway_method: {
            get: {
              rest_api_id: "${aws_api_gateway_rest_api.api.id}",
              resource_id: "${aws_api_gateway_rest_api.api.root_resource_id}",
              http_method: "GET",
              authorization: "${var.authorization}",
            },
          },
        },
      },
    });
    expect(await unverifiable([out], "APIGW-101")).toEqual(["Unverifiable: authorization is not known from the source (a variable without a value)"]);
  });
});

describe("plans: what the plan does not know before apply", () => {
  test("a related resource's attribute, named once", async () => {
    expect(await unverifiable(["plans/apigw-305-fail/plan.json"], "APIGW-305")).toEqual([
      "Unverifiable: the plan does not know aws_api_gateway_rest_api_policy.late.policy before apply",
    ]);
  });

  test("with --source-dir the plan is still what does not know", async () => {
    const messages = await unverifiable(["plans/apigw-101-fail/plan.json", "--source-dir", "plans/apigw-101-fail"], "APIGW-101");
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) expect(message).toMatch(/^Unverifiable: the plan does not know \S+ before apply$/);
  });
});
