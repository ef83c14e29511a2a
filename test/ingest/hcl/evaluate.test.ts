/** Units of the HCL adapter: parser errors, block positions, expressions, functions, policy documents. */
import { growthRatio, MAX_GROWTH } from "../../helpers/growth";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PolicyCheckError } from "../../../src/errors";
import { evaluate, Scope } from "../../../src/ingest/hcl/evaluate";
import { parseExpression, parseTemplate } from "../../../src/ingest/hcl/expression";
import { readHcl } from "../../../src/ingest/hcl/hcl";
import { formatDiagnostic, parseNative } from "../../../src/ingest/hcl/parser";
import { blockPositions, jsonKeyLines } from "../../../src/ingest/hcl/positions";
import { fromJson, invalid, isKnown, namespace, partialText, prim, toJson, unknown, type Val } from "../../../src/ingest/hcl/values";

const scope = (vars: Record<string, Val> = {}): Scope =>
  new Scope(
    (name) =>
      name === "var"
        ? namespace((n) => vars[n] ?? invalid())
        : name === "aws_x"
          ? namespace((n) => ({ ...unknown([{ base: `aws_x.${n}` }]) }))
          : invalid(),
    { baseDir: "/" },
  );
const value = (text: string, vars: Record<string, Val> = {}): Val => evaluate(parseExpression(text), scope(vars));

function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "hcl-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe("parser", () => {
  test("a syntax error is one line: file:line:col: summary; detail", () => {
    expect(() => parseNative('resource "a" "b" {\n  x = \n}\n', "dir/main.tf")).toThrow(
      new PolicyCheckError(
        "INPUT_UNSUPPORTED",
        "dir/main.tf:2:7: Invalid expression; Expected the start of an expression, but found an invalid expression token.",
      ),
    );
  });

  test("only the first of several diagnostics is kept", () => {
    const raw =
      "parse config: [a.tf:2,9-3,1: Invalid multi-line string; Quoted strings may not be split. a.tf:3,8-4,1: Unterminated template string; No closing marker.]";
    expect(formatDiagnostic(raw, "a.tf")).toBe("a.tf:2:9: Invalid multi-line string; Quoted strings may not be split.");
  });

  test("literal ${ stays literal: Terraform JSON syntax escapes it as $${", () => {
    const json = parseNative('locals {\n  a = "https://$${stageVariables.host}/x"\n}\n', "m.tf");
    const a = (json["locals"] as Array<Record<string, string>>)[0]?.["a"] ?? "";
    expect(toJson(evaluate(parseTemplate(a), scope()))).toBe("https://${stageVariables.host}/x");
  });
});

describe("block positions", () => {
  test("finds top-level blocks past strings, comments, heredocs and nested braces", () => {
    const text = [
      '# resource "fake" "one" {',
      'locals { a = "}{ ${jsonencode({ b = "}" })}" }',
      'resource "aws_x" "y" {',
      "  body = <<EOT",
      'resource "in" "heredoc" {',
      "EOT",
      "  /* } */",
      "}",
      "",
      'module "m" {',
      "}",
    ].join("\n");
    expect(blockPositions(text)).toEqual([
      { words: ["locals"], line: 2 },
      { words: ["resource", "aws_x", "y"], line: 3 },
      { words: ["module", "m"], line: 10 },
    ]);
  });
});

describe("block positions in JSON syntax", () => {
  const text = [
    "{",
    '  "resource": {',
    '    "aws_x": {',
    '      "a": { "name": "a:\\"{[", "tags": { "resource": 1 } },',
    '      "b": [{ "name": "b" }]',
    "    }",
    "  },",
    '  "locals": [{ "x": 1 }, {',
    '    "y": 2 }]',
    "}",
  ].join("\n");

  test("each key's line by its path of keys, list levels skipped, down to three keys; strings and escapes skipped", () => {
    const lines = jsonKeyLines(text);
    const at = (...words: string[]): number | undefined => lines.get(words.join("\u0000"));
    expect([at("resource"), at("resource", "aws_x"), at("resource", "aws_x", "a"), at("resource", "aws_x", "b")]).toEqual([2, 3, 4, 5]);
    expect([at("locals", "x"), at("locals", "y")]).toEqual([8, 9]);
    expect(at("resource", "aws_x", "a", "tags")).toBeUndefined();
  });

  test("one pass: doubling the blocks at most about doubles the time (a ratio, no absolute time)", async () => {
    const document = (n: number): string =>
      JSON.stringify(
        { resource: { aws_x: Object.fromEntries(Array.from({ length: n }, (_, i) => [`r${i}`, { name: `r${i}`, tags: { a: "b" } }])) } },
        null,
        2,
      );
    const [small, large] = [document(20000), document(40000)];
    expect(
      await growthRatio(
        () => jsonKeyLines(small),
        () => jsonKeyLines(large),
      ),
    ).toBeLessThan(MAX_GROWTH);
  });
});

describe("expressions", () => {
  test("operators, conditionals, templates and for expressions over known values", () => {
    expect(toJson(value('var.on ? "AWS_IAM" : "NONE"', { on: prim(false) }))).toBe("NONE");
    expect(toJson(value("!var.on && 1 + 2 * 3 == 7", { on: prim(false) }))).toBe(true);
    expect(toJson(value('"items-${var.k}"', { k: prim("a") }))).toBe("items-a");
    expect(toJson(value('{ for k, v in var.m : k => upper(v) if k != "b" }', { m: fromJson({ a: "x", b: "y" }) }))).toEqual({ a: "X" });
    expect(toJson(value("[for s in var.l : s.id]", { l: fromJson([{ id: 1 }, { id: 2 }]) }))).toEqual([1, 2]);
    expect(toJson(value("var.l[*].id", { l: fromJson([{ id: 1 }, { id: 2 }]) }))).toEqual([1, 2]);
    expect(toJson(value('lookup(var.m, "b", "z")', { m: fromJson({ a: "x" }) }))).toBe("z");
  });

  test("a value from a resource attribute is unknown and remembers the resource", () => {
    const v = value('"${aws_x.y.arn}/*"');
    expect(isKnown(v)).toBe(false);
    expect(v.refs).toEqual([{ base: "aws_x.y" }]);
    // A known condition takes one branch only, and only that branch's references.
    expect(value("var.on ? aws_x.a.id : aws_x.b.id", { on: prim(true) }).refs).toEqual([{ base: "aws_x.a" }]);
  });

  test("try() falls back past errors but not past unknown values", () => {
    expect(toJson(value('try(var.m.missing, "fallback")', { m: fromJson({}) }))).toBe("fallback");
    expect(isKnown(value('try(aws_x.y.id, "fallback")'))).toBe(false);
  });

  test("unsupported syntax and functions are unknown, never a guess", () => {
    expect(isKnown(evaluate(parseTemplate("%{ if true }a%{ endif }"), scope()))).toBe(false);
    expect(isKnown(value("timestamp()"))).toBe(false);
  });

  test("jsonencode sorts keys like Terraform and keeps the structure of a partly unknown document", () => {
    expect(toJson(value("jsonencode({ b = 1, a = [true, null] })"))).toBe('{"a":[true,null],"b":1}');
    const partial = value('jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Resource = "${aws_x.api.execution_arn}/*" }] })');
    expect(partial.k).toBe("u");
    expect(partial.k === "u" && partial.nonNull).toBe(true);
    // An ARN attribute of a resource is an ARN by its schema: its partial text starts with "arn:".
    expect(JSON.parse(partialText(partial) ?? "null")).toEqual({
      Statement: [{ Effect: "Allow", Principal: "*", Resource: "arn:known-after-apply:aws_x.api.execution_arn/*" }],
    });
  });

  test("partial text: a template keeps its literal text, an unknown leaf of a structure its own partial text", () => {
    const url = value('"https://${aws_x.lb.dns_name}/orders"');
    expect(partialText(url)).toBe("https://known-after-apply:aws_x.lb.dns_name/orders");
    expect(url.k === "u" && url.nonNull).toBe(true);
    expect(partialText(value("aws_x.listener.arn"))).toBe("arn:known-after-apply:aws_x.listener.arn");
    // A variable named like an ARN is not an ARN by any schema: a bare placeholder (which adapters leave out).
    expect(partialText(value("var.listener_arn", { listener_arn: unknown() }))).toBe("known-after-apply:var.listener_arn");
    expect(partialText(unknown())).toBeNull();
    expect(partialText(value('jsonencode({ ids = [aws_x.vpce.id, "vpce-1"] })'))).toBe('{"ids":["known-after-apply:aws_x.vpce.id","vpce-1"]}');
    // A heredoc interpolating a structure whole writes its JSON in place.
    expect(partialText(value('"{\\"Statement\\": ${jsonencode([{ Resource = aws_x.api.execution_arn }])}}"'))).toBe(
      '{"Statement": [{"Resource":"arn:known-after-apply:aws_x.api.execution_arn"}]}',
    );
  });
});

describe("configuration", () => {
  test("aws_iam_policy_document renders as the provider does", () => {
    const dir = tempDir({
      "main.tf": `
data "aws_iam_policy_document" "d" {
  statement {
    sid     = "Open"
    actions = ["execute-api:Invoke"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    resources = ["execute-api:/*", "execute-api:/prod/*"]
    condition {
      test     = "IpAddress"
      variable = "aws:SourceIp"
      values   = ["203.0.113.0/24"]
    }
  }
}
resource "aws_api_gateway_rest_api" "a" {
  name   = "a"
  policy = data.aws_iam_policy_document.d.json
}
`,
    });
    const [api] = readHcl(dir).instances;
    expect(JSON.parse(String(api?.values["policy"]))).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "Open",
          Effect: "Allow",
          Action: "execute-api:Invoke",
          Principal: "*",
          Resource: ["execute-api:/*", "execute-api:/prod/*"],
          Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } },
        },
      ],
    });
    expect(api?.literals).not.toContain("policy");
  });

  test("instances carry references, unknown marks, sensitive paths and literals in the plan adapter's shape", () => {
    const dir = tempDir({
      "main.tf": `
variable "secret" {
  type      = string
  sensitive = true
  default   = "hunter2"
}
resource "aws_cloudwatch_log_group" "logs" {
  name = "l"
}
resource "aws_api_gateway_rest_api" "api" {
  name = "a"
}
resource "aws_api_gateway_stage" "s" {
  count         = 2
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = "d"
  stage_name    = "s\${count.index}"
  variables     = { token = var.secret, host = "h" }
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.logs.arn
    format          = "$context.requestId"
  }
}
resource "aws_api_gateway_usage_plan" "p" {
  name = "p"
  api_stages {
    api_id = aws_api_gateway_rest_api.api.id
    stage  = aws_api_gateway_stage.s[1].stage_name
  }
}
`,
    });
    const instances = readHcl(dir).instances;
    const stage = instances.find((i) => i.address === "aws_api_gateway_stage.s[1]");
    expect(stage).toMatchObject({
      index: 1,
      actions: ["create"],
      source: { kind: "hcl", file: "main.tf", line: 13 },
      values: {
        stage_name: "s1",
        variables: { token: "hunter2", host: "h" },
        access_log_settings: [{ destination_arn: null, format: "$context.requestId" }],
      },
      sensitive: [["variables", "token"]],
      references: {
        rest_api_id: [{ base: "aws_api_gateway_rest_api.api" }],
        "access_log_settings.destination_arn": [{ base: "aws_cloudwatch_log_group.logs" }],
        "access_log_settings.0.destination_arn": [{ base: "aws_cloudwatch_log_group.logs" }],
      },
      configured: ["access_log_settings", "deployment_id", "rest_api_id", "stage_name", "variables"],
    });
    expect([...(stage?.unknown ?? [])].sort((a, b) => (a.path.join(".") < b.path.join(".") ? -1 : 1))).toEqual([
      {
        path: ["access_log_settings", 0, "destination_arn"],
        configured: true,
        set: true,
        references: ["aws_cloudwatch_log_group.logs.arn", "aws_cloudwatch_log_group.logs"],
        origins: ["resource"],
        partial: "arn:known-after-apply:aws_cloudwatch_log_group.logs.arn",
      },
      {
        path: ["rest_api_id"],
        configured: true,
        set: true,
        references: ["aws_api_gateway_rest_api.api.id", "aws_api_gateway_rest_api.api"],
        origins: ["resource"],
      },
    ]);
    expect(stage?.literals).toEqual(["access_log_settings.format", "deployment_id"]);
    const plan = instances.find((i) => i.address === "aws_api_gateway_usage_plan.p");
    expect(plan?.references["api_stages.0.stage"]).toEqual([{ base: "aws_api_gateway_stage.s", key: 1 }]);
  });

  test("an attribute read through a dynamic key is known only after apply, not an unevaluated expression", () => {
    // Terraform lists `aws_api_gateway_rest_api.api[count.index].id` as `aws_api_gateway_rest_api.api` and
    // `count.index`, both known as values: the unknown `id` is the provider's, set at apply.
    const dir = tempDir({
      "main.tf": `
resource "aws_api_gateway_rest_api" "api" {
  count = 2
  name  = "api-\${count.index}"
}
resource "aws_api_gateway_stage" "s" {
  count         = 2
  rest_api_id   = aws_api_gateway_rest_api.api[count.index].id
  deployment_id = substr("abc", 0, 1) == "a" ? timestamp() : "d"
  stage_name    = "s\${count.index}"
}
`,
    });
    const stage = readHcl(dir).instances.find((i) => i.address === "aws_api_gateway_stage.s[1]");
    const origins = new Map(stage?.unknown.map((u) => [u.path.join("."), u.origins]));
    expect(origins.get("rest_api_id")).toEqual(["resource"]);
    // No resource among the references: a function the evaluator does not compute stays "expression".
    expect(origins.get("deployment_id")).toEqual(["expression"]);
  });

  test("unknown values carry their partial text to the model, unless sensitive", () => {
    const dir = tempDir({
      "main.tf": [
        'resource "aws_lb" "b" {}',
        'resource "aws_api_gateway_integration" "open" {',
        '  uri = "https://${aws_lb.b.dns_name}/orders"',
        "}",
        'resource "aws_api_gateway_integration" "hidden" {',
        '  uri = "https://${sensitive(aws_lb.b.dns_name)}/orders"',
        "}",
      ].join("\n"),
    });
    const instances = readHcl(dir).instances;
    const uri = (name: string) => instances.find((i) => i.name === name)?.unknown.find((u) => u.path[0] === "uri");
    expect(uri("open")).toMatchObject({ set: true, partial: "https://known-after-apply:aws_lb.b.dns_name/orders" });
    expect(uri("hidden")).toBeDefined();
    expect(uri("hidden")?.partial).toBeUndefined();
  });

  test("a module source that is not a directory is an error at the module block", () => {
    const dir = tempDir({ "main.tf": 'module "m" {\n  source = "./nope"\n}\n' });
    expect(() => readHcl(dir)).toThrow(/main\.tf:1: module "m": source "\.\/nope" is not a directory/);
  });

  test("duplicate resources are an error naming both places", () => {
    const dir = tempDir({ "a.tf": 'resource "aws_x" "y" {}\n', "b.tf": '\nresource "aws_x" "y" {}\n' });
    expect(() => readHcl(dir)).toThrow(/b\.tf:2: duplicate resource "aws_x" "y" \(first declared at .*a\.tf:1\)/);
  });
  test("count and for_each together are an error, as in Terraform (neither wins)", () => {
    const dir = tempDir({ "main.tf": 'resource "aws_api_gateway_rest_api" "a" {\n  count    = 1\n  for_each = toset(["x"])\n  name     = "a"\n}\n' });
    expect(() => readHcl(dir)).toThrow(
      'main.tf:1: resource "aws_api_gateway_rest_api" "a": Invalid combination of "count" and "for_each": a block may use one of them, not both',
    );
  });

  test("JSON syntax: `//` comments are not values, and a block written once as an object is a one-element list", () => {
    const dir = tempDir({
      "main.tf.json": JSON.stringify({
        "//": "a file comment",
        resource: {
          aws_api_gateway_stage: {
            s: {
              "//": "a block comment",
              rest_api_id: "r",
              stage_name: "s",
              deployment_id: "d",
              access_log_settings: { "//": "x", destination_arn: "arn:l", format: "f" },
              variables: { a: "b" },
            },
          },
        },
      }),
    });
    const [stage] = readHcl(dir).instances;
    expect(stage?.values).toEqual({
      rest_api_id: "r",
      stage_name: "s",
      deployment_id: "d",
      access_log_settings: [{ destination_arn: "arn:l", format: "f" }],
      variables: { a: "b" },
    });
    expect(stage?.configured).toEqual(["access_log_settings", "deployment_id", "rest_api_id", "stage_name", "variables"]);
  });

  test("JSON syntax is read strictly: a malformed block is an error naming it, never dropped", () => {
    const refused = (json: object): string => {
      const dir = tempDir({ "main.tf.json": JSON.stringify(json) });
      try {
        readHcl(dir);
      } catch (error) {
        return error instanceof Error ? error.message.replace(dir, "DIR") : String(error);
      }
      return "accepted";
    };
    expect(refused({ resource: { aws_api_gateway_rest_api: { a: "x" } } })).toBe(
      "DIR/main.tf.json: resource.aws_api_gateway_rest_api.a is a string, expected an object",
    );
    expect(refused({ locals: [{ a: 1 }, 2] })).toBe("DIR/main.tf.json: locals[1] is a number, expected an object");
    expect(refused({ variable: [] })).toBe("DIR/main.tf.json: variable is an empty list, expected an object");
    expect(refused({ resource: { aws_api_gateway_stage: { s: { stage_name: "s", dynamic: { access_log_settings: { for_each: [1] } } } } } })).toBe(
      'main.tf.json:1: resource "aws_api_gateway_stage" "s": dynamic.access_log_settings.content is missing, expected an object',
    );
    expect(
      refused({
        "//": "comment",
        resource: { "//": "comment", aws_api_gateway_rest_api: { "//": "comment", a: { name: "a" } } },
        locals: { "//": "comment" },
      }),
    ).toBe("accepted");
  });
});
