/**
 * Terraform's type constraints and conversions in the static evaluator: variables typed with object({...
 * optional(...) }) and collections of them, and resource attributes converted to the provider schema's types.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Scope } from "../../../src/ingest/hcl/evaluate";
import { readHcl } from "../../../src/ingest/hcl/hcl";
import { conformResourceBody, convert, parseTypeConstraint } from "../../../src/ingest/hcl/types";
import { fromJson, invalid, object, prim, toJson, tuple, unknown, type Val } from "../../../src/ingest/hcl/values";
import type { ResourceInstance } from "../../../src/ingest/types";

const constants = new Scope(() => invalid(), { baseDir: "/" });
const typeOf = (text: string) => parseTypeConstraint(`\${${text}}`, constants);
const as = (json: unknown, type: string): unknown => {
  const t = typeOf(type);
  if (t === null) throw new Error("no type");
  const converted = convert(fromJson(json as never), t);
  return converted === null ? "ERROR" : toJson(converted);
};

function scan(files: Record<string, string>): ResourceInstance[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), "hcl-types-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return readHcl(dir).instances;
}

const byAddress = (instances: ResourceInstance[]): Record<string, ResourceInstance> => Object.fromEntries(instances.map((i) => [i.address, i]));

describe("type constraints", () => {
  test("primitives convert as Terraform converts them", () => {
    expect(as("true", "bool")).toBe(true);
    expect(as("0", "bool")).toBe(false);
    expect(as("True", "bool")).toBe("ERROR");
    expect(as(1, "bool")).toBe("ERROR");
    expect(as("100", "number")).toBe(100);
    expect(as("-2.5e1", "number")).toBe(-25);
    expect(as(" 5", "number")).toBe("ERROR");
    expect(as(true, "number")).toBe("ERROR");
    expect(as(100, "string")).toBe("100");
    expect(as(1e21, "string")).toBe("1000000000000000000000");
    expect(as(false, "string")).toBe("false");
    expect(as({ a: 1 }, "string")).toBe("ERROR");
    expect(as(null, "bool")).toBeNull();
    expect(as({ a: "x" }, "any")).toEqual({ a: "x" });
  });

  test("collections convert each element; a tuple type needs its length", () => {
    expect(as(["1", 2], "list(number)")).toEqual([1, 2]);
    expect(as({ a: "true", b: false }, "map(bool)")).toEqual({ a: true, b: false });
    expect(as(["a", "1"], "tuple([string, number])")).toEqual(["a", 1]);
    expect(as(["a"], "tuple([string, number])")).toBe("ERROR");
    expect(as({ a: 1 }, "list(string)")).toBe("ERROR");
    // A set holds each element once; strings iterate in lexical order, as toset() gives them.
    expect(as(["y", "x", "y"], "set(string)")).toEqual(["x", "y"]);
  });

  test("optional attributes left out are null or take their default, at any depth; extra attributes are dropped", () => {
    const type = `map(object({
      route_key = string
      auth      = optional(string, "NONE")
      key       = optional(bool)
      target = optional(object({
        timeout = optional(number, 29000)
        tls     = optional(object({ server_name = optional(string) }))
      }), {})
    }))`;
    expect(as({ a: { route_key: "GET /", extra: 1 }, b: { route_key: "POST /", auth: "JWT", target: { tls: {} } } }, type)).toEqual({
      a: { route_key: "GET /", auth: "NONE", key: null, target: { timeout: 29000, tls: null } },
      b: { route_key: "POST /", auth: "JWT", key: null, target: { timeout: 29000, tls: { server_name: null } } },
    });
    // A null attribute takes the default too; a mandatory attribute left out is an error.
    expect(as({ a: { route_key: "x", auth: null } }, type)).toEqual({
      a: { route_key: "x", auth: "NONE", key: null, target: { timeout: 29000, tls: null } },
    });
    expect(as({ a: { auth: "NONE" } }, type)).toBe("ERROR");
    expect(as([{ n: "1" }], "list(object({ n = number, m = optional(list(string), []) }))")).toEqual([{ n: 1, m: [] }]);
  });

  test("unknown values stay unknown; marks stay on their nodes", () => {
    const ref = [{ base: "aws_x.y" }];
    const given = object(new Map<string, Val>([["arn", unknown(ref)]]));
    const converted = convert(given, typeOf('object({ arn = string, name = optional(string, "n") })') ?? { kind: "any" });
    expect(converted?.k).toBe("o");
    const arn = converted?.k === "o" ? converted.items.get("arn") : undefined;
    expect(arn).toMatchObject({ k: "u", refs: ref });
    expect(convert({ ...prim("true"), refs: ref }, { kind: "bool" })).toMatchObject({ k: "p", v: true, refs: ref });
  });

  test("no type is no constraint; a constraint the parser does not read keeps the value as given", () => {
    expect(parseTypeConstraint(undefined, constants)).toBeNull();
    expect(as({ a: "1" }, "object({ a = nosuchtype })")).toEqual({ a: "1" });
  });
});

describe("resource attributes take the provider schema's types", () => {
  test("quoted booleans and numbers in attributes and nested blocks are converted; strings stay strings", () => {
    const body = object(
      new Map<string, Val>([
        ["method_path", prim("*/*")],
        [
          "settings",
          tuple(
            [
              object(
                new Map<string, Val>([
                  ["data_trace_enabled", prim("true")],
                  ["throttling_rate_limit", prim("100")],
                  ["logging_level", prim("INFO")],
                ]),
                true,
              ),
            ],
            true,
          ),
        ],
      ]),
      true,
    );
    expect(toJson(conformResourceBody("aws_api_gateway_method_settings", body))).toEqual({
      method_path: "*/*",
      settings: [{ data_trace_enabled: true, throttling_rate_limit: 100, logging_level: "INFO" }],
    });
    // cache_cluster_size is a string in the schema: "0.5" stays "0.5"; a number there becomes a string.
    const stage = object(
      new Map<string, Val>([
        ["cache_cluster_size", prim(0.5)],
        ["xray_tracing_enabled", prim("false")],
      ]),
      true,
    );
    expect(toJson(conformResourceBody("aws_api_gateway_stage", stage))).toEqual({ cache_cluster_size: "0.5", xray_tracing_enabled: false });
    // A type the model does not cover is left as written.
    expect(conformResourceBody("aws_s3_bucket", stage)).toBe(stage);
  });

  test("a value the attribute's type cannot take is invalid: unknown to the rules, never a guess", () => {
    const [stage] = scan({
      "main.tf":
        'resource "aws_api_gateway_stage" "s" {\n  rest_api_id = "a"\n  deployment_id = "d"\n  stage_name = "p"\n  xray_tracing_enabled = "yes"\n}\n',
    });
    expect(stage?.values["xray_tracing_enabled"]).toBeNull();
    expect(stage?.unknown).toEqual([expect.objectContaining({ path: ["xray_tracing_enabled"] })]);
  });
});

describe("typed module variables in a configuration", () => {
  const module = {
    "modules/api/variables.tf": `
variable "routes" {
  type = map(object({
    route_key          = string
    authorization_type = optional(string, "NONE")
    tls = optional(object({
      server_name_to_verify = optional(string)
    }))
  }))
}
variable "tracing" {
  type    = bool
  default = "false"
}
variable "untyped" {
  default = "true"
}
variable "required_name" {
  type = object({ name = string })
  default = { other = "x" }
}
`,
    "modules/api/main.tf": `
resource "aws_apigatewayv2_route" "this" {
  for_each           = var.routes
  api_id             = "api"
  route_key          = each.value.route_key
  authorization_type = each.value.authorization_type
  authorizer_id      = each.value.tls == null ? "no-tls" : each.value.tls.server_name_to_verify
}
resource "aws_api_gateway_stage" "this" {
  rest_api_id          = "api"
  deployment_id        = "d"
  stage_name           = var.required_name.name
  xray_tracing_enabled = var.tracing
  description          = var.untyped
}
`,
    "main.tf": `
module "api" {
  source = "./modules/api"
  routes = {
    open   = { route_key = "GET /" }
    signed = { route_key = "POST /", authorization_type = "AWS_IAM", tls = {} }
  }
}
`,
  };

  test("for_each over a map(object) sees null and default attributes through each.value, known", () => {
    const instances = byAddress(scan(module));
    const open = instances['module.api.aws_apigatewayv2_route.this["open"]'];
    const signed = instances['module.api.aws_apigatewayv2_route.this["signed"]'];
    expect(open?.values).toMatchObject({ route_key: "GET /", authorization_type: "NONE", authorizer_id: "no-tls" });
    expect(open?.unknown).toEqual([]);
    // tls = {} is an object whose optional server name is null (unset, not unknown).
    expect(signed?.values).toMatchObject({ route_key: "POST /", authorization_type: "AWS_IAM", authorizer_id: null });
    expect(signed?.unknown).toEqual([]);
  });

  test("typed variables convert their values; untyped ones keep them; a missing mandatory attribute is invalid", () => {
    const stage = byAddress(scan(module))["module.api.aws_api_gateway_stage.this"];
    expect(stage?.values).toMatchObject({ xray_tracing_enabled: false, description: "true" });
    // `default = { other = "x" }` lacks the mandatory `name`: Terraform rejects it, so the value is unknown.
    expect(stage?.values["stage_name"]).toBeNull();
    expect(stage?.unknown).toEqual([expect.objectContaining({ path: ["stage_name"] })]);
  });

  test("a whole module's outputs passed as an object type: its declared attributes, known", () => {
    const [stage] = scan({
      "modules/net/main.tf": 'output "stage" {\n  value = "prod"\n}\noutput "unused" {\n  value = 1\n}\n',
      "modules/s/main.tf": `variable "net" {\n  type = object({ stage = string, tracing = optional(bool, true) })\n}\nresource "aws_api_gateway_stage" "s" {\n  rest_api_id = "a"\n  deployment_id = "d"\n  stage_name = var.net.stage\n  xray_tracing_enabled = var.net.tracing\n}\n`,
      "main.tf": 'module "net" {\n  source = "./modules/net"\n}\nmodule "s" {\n  source = "./modules/s"\n  net = module.net\n}\n',
    });
    expect(stage?.values).toMatchObject({ stage_name: "prod", xray_tracing_enabled: true });
    expect(stage?.unknown).toEqual([]);
  });

  test("nullable = false: a null argument takes the default", () => {
    const [stage] = scan({
      "modules/s/main.tf": `variable "x" {\n  type = bool\n  default = true\n  nullable = false\n}\nresource "aws_api_gateway_stage" "s" {\n  rest_api_id = "a"\n  deployment_id = "d"\n  stage_name = "p"\n  xray_tracing_enabled = var.x\n}\n`,
      "main.tf": 'module "s" {\n  source = "./modules/s"\n  x = null\n}\n',
    });
    expect(stage?.values["xray_tracing_enabled"]).toBe(true);
  });
});
