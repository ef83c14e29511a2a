/**
 * One synthesized stack → resource instances: addresses from logical IDs, construct paths, references keyed
 * as the plan adapter keys them, unknown/set per value, count/for_each/dynamic expansion, sensitive values.
 */
import { growthRatio, MAX_GROWTH } from "../../helpers/growth";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { readStackDocument } from "../../../src/ingest/cdktf/stack";
import { readHcl } from "../../../src/ingest/hcl/hcl";
import type { JsonObject, ResourceInstance } from "../../../src/ingest/types";
import { buildModel } from "../../../src/model/build";
import type { AnyEntity, Model } from "../../../src/model/types";
import { Redactor } from "../../../src/redact";

const FILE = "cdktf.out/stacks/api/cdk.tf.json";

function stack(resource: JsonObject, extra: JsonObject = {}): JsonObject {
  return { "//": { metadata: { backend: "local", stackName: "api", version: "0.21.0" } }, resource, ...extra };
}

/** A resource body with CDKTF's metadata for construct `api/<path>`. */
function body(path: string, values: JsonObject): JsonObject {
  return { "//": { metadata: { path: `api/${path}`, uniqueId: path.replace(/\//g, "_") } }, ...values };
}

function instances(document: JsonObject): Map<string, ResourceInstance> {
  return new Map(readStackDocument(document, FILE).instances.map((i) => [i.address, i]));
}

function get<T>(map: Map<string, T>, key: string): T {
  const value = map.get(key);
  if (value === undefined) throw new Error(`no ${key} in ${[...map.keys()].join(", ")}`);
  return value;
}

function entity(model: Model, address: string): AnyEntity {
  const found = (Object.values(model.resources).flat() as AnyEntity[]).find((e) => e.address === address);
  if (found === undefined) throw new Error(`no ${address} in the model`);
  return found;
}

const API = { aws_api_gateway_rest_api: { orders_api_6DD34489: body("orders/api", { name: "orders" }) } };

describe("addresses, sources, kept types", () => {
  test("logical IDs are the addresses; the construct path is the element's metadata path; other types are dropped", () => {
    const result = readStackDocument(
      stack({
        ...API,
        aws_s3_bucket: { b: body("b", { bucket: "x" }) },
        aws_api_gateway_stage: {
          "orders_prod-stage_589818A2": body("orders/prod-stage", {
            rest_api_id: "${aws_api_gateway_rest_api.orders_api_6DD34489.id}",
            stage_name: "prod",
            deployment_id: "d",
          }),
        },
      }),
      FILE,
    );
    expect(result).toMatchObject({ kind: "cdktf", file: FILE, format_version: null, tool_version: "0.21.0" });
    expect(result.instances.map((i) => [i.address, i.type, i.name, i.module_address, i.index, i.actions, i.source])).toEqual([
      [
        "aws_api_gateway_rest_api.orders_api_6DD34489",
        "aws_api_gateway_rest_api",
        "orders_api_6DD34489",
        "",
        null,
        ["create"],
        { kind: "cdktf", file: FILE, construct_path: "api/orders/api" },
      ],
      [
        "aws_api_gateway_stage.orders_prod-stage_589818A2",
        "aws_api_gateway_stage",
        "orders_prod-stage_589818A2",
        "",
        null,
        ["create"],
        { kind: "cdktf", file: FILE, construct_path: "api/orders/prod-stage" },
      ],
    ]);
  });

  test("a resource without CDKTF metadata has no construct path", () => {
    const [instance] = readStackDocument(stack({ aws_api_gateway_rest_api: { plain: { name: "x" } } }), FILE).instances;
    expect(instance?.source).toEqual({ kind: "cdktf", file: FILE });
  });

  test("malformed configuration is an error naming the element", () => {
    expect(() => readStackDocument(stack({ aws_api_gateway_rest_api: { a: "x" } }), FILE)).toThrow(
      "resource.aws_api_gateway_rest_api.a is a string, expected an object",
    );
    expect(() => readStackDocument(stack({ aws_api_gateway_rest_api: [] } as unknown as JsonObject), FILE)).toThrow(
      "resource.aws_api_gateway_rest_api is an empty list, expected an object",
    );
    expect(() => readStackDocument(stack({ aws_api_gateway_rest_api: { a: { name: "x", count: 2, for_each: { k: "v" } } } }), FILE)).toThrow(
      'resource "aws_api_gateway_rest_api" "a": Invalid combination of "count" and "for_each"',
    );
    expect(() => readStackDocument([], FILE)).toThrow("expected a JSON object");
  });
});

describe("values, unknowns and references (in the plan adapter's shape)", () => {
  const document = stack(
    {
      ...API,
      aws_cloudwatch_log_group: { logs: body("logs", { name: "l" }) },
      aws_api_gateway_stage: {
        prod: body("prod", {
          rest_api_id: "${aws_api_gateway_rest_api.orders_api_6DD34489.id}",
          stage_name: "prod",
          deployment_id: "${var.deployment}",
          client_certificate_id: "${data.terraform_remote_state.cross-stack-reference-input-shared.outputs.cert}",
          web_acl_arn: "${module.waf.arn}",
          variables: { host: "h", api: "${aws_api_gateway_rest_api.orders_api_6DD34489.id}" },
          access_log_settings: { destination_arn: "${aws_cloudwatch_log_group.logs.arn}", format: '{"requestId":"$context.requestId"}' },
          depends_on: ["aws_cloudwatch_log_group.logs"],
        }),
      },
      aws_api_gateway_usage_plan: {
        plan: body("plan", {
          name: "p",
          api_stages: [
            { api_id: "a-literal-id", stage: "x" },
            { api_id: "${aws_api_gateway_rest_api.orders_api_6DD34489.id}", stage: "${aws_api_gateway_stage.prod.stage_name}" },
          ],
        }),
      },
    },
    { variable: { deployment: { type: "string" } } },
  );

  test("single blocks become one-element lists; references as written; unknown leaves are null", () => {
    const stage = get(instances(document), "aws_api_gateway_stage.prod");
    expect(stage.values).toEqual({
      rest_api_id: null,
      stage_name: "prod",
      deployment_id: null,
      client_certificate_id: null,
      web_acl_arn: null,
      variables: { host: "h", api: null },
      access_log_settings: [{ destination_arn: null, format: '{"requestId":"$context.requestId"}' }],
    });
    expect(stage.unknown).toEqual([
      {
        path: ["rest_api_id"],
        configured: true,
        set: true,
        references: ["aws_api_gateway_rest_api.orders_api_6DD34489.id", "aws_api_gateway_rest_api.orders_api_6DD34489"],
        origins: ["resource"],
      },
      { path: ["deployment_id"], configured: true, set: false, references: ["var.deployment"], origins: ["variable"] },
      {
        path: ["client_certificate_id"],
        configured: true,
        set: false,
        references: [
          // Every prefix down to the data source, as Terraform lists a plan's references.
          "data.terraform_remote_state.cross-stack-reference-input-shared.outputs.cert",
          "data.terraform_remote_state.cross-stack-reference-input-shared.outputs",
          "data.terraform_remote_state.cross-stack-reference-input-shared",
        ],
        origins: ["data"],
      },
      // The caller leaves module calls unread at synth time.
      { path: ["web_acl_arn"], configured: true, set: false, references: ["module.waf.arn", "module.waf"], origins: ["module"] },
      {
        path: ["variables", "api"],
        configured: true,
        set: true,
        references: ["aws_api_gateway_rest_api.orders_api_6DD34489.id", "aws_api_gateway_rest_api.orders_api_6DD34489"],
        origins: ["resource"],
      },
      {
        path: ["access_log_settings", 0, "destination_arn"],
        configured: true,
        set: true,
        references: ["aws_cloudwatch_log_group.logs.arn", "aws_cloudwatch_log_group.logs"],
        origins: ["resource"],
        partial: "arn:known-after-apply:aws_cloudwatch_log_group.logs.arn",
      },
    ]);
    expect(stage.references).toEqual({
      rest_api_id: [{ base: "aws_api_gateway_rest_api.orders_api_6DD34489" }],
      variables: [{ base: "aws_api_gateway_rest_api.orders_api_6DD34489" }],
      "access_log_settings.destination_arn": [{ base: "aws_cloudwatch_log_group.logs" }],
      "access_log_settings.0.destination_arn": [{ base: "aws_cloudwatch_log_group.logs" }],
    });
    expect(stage.literals).toEqual(["access_log_settings.format", "stage_name"]);
    expect(stage.configured).toEqual([
      "access_log_settings",
      "client_certificate_id",
      "deployment_id",
      "rest_api_id",
      "stage_name",
      "variables",
      "web_acl_arn",
      // depends_on and "//" are not values
    ]);
  });

  test("repeated blocks keep their indices in reference keys; configured attributes of other resources are known", () => {
    const plan = get(instances(document), "aws_api_gateway_usage_plan.plan");
    expect(plan.values["api_stages"]).toEqual([
      { api_id: "a-literal-id", stage: "x" },
      { api_id: null, stage: "prod" },
    ]);
    expect(plan.references).toEqual({
      "api_stages.api_id": [{ base: "aws_api_gateway_rest_api.orders_api_6DD34489" }],
      "api_stages.1.api_id": [{ base: "aws_api_gateway_rest_api.orders_api_6DD34489" }],
      "api_stages.stage": [{ base: "aws_api_gateway_stage.prod" }],
      "api_stages.1.stage": [{ base: "aws_api_gateway_stage.prod" }],
    });
    expect(plan.literals).toEqual(["api_stages.api_id", "api_stages.stage", "name"]);
  });

  test("the model links by those references, as for a plan", () => {
    const model = buildModel(readStackDocument(document, FILE));
    const stage = entity(model, "aws_api_gateway_stage.prod");
    expect(stage.links).toMatchObject({ rest_api: { target: "aws_api_gateway_rest_api.orders_api_6DD34489", state: "resolved" } });
    expect(entity(model, "aws_api_gateway_usage_plan.plan").links).toMatchObject({
      stages: { targets: ["aws_api_gateway_stage.prod"], uncertain: false },
    });
    expect(stage.unknown["deployment_id"]).toEqual({ set: false, reason: "after_apply", references: ["var.deployment"], origins: ["variable"] });
    expect(stage.unknown["access_log_settings.destination_arn"]).toMatchObject({ set: true });
  });
});

describe("count, for_each and dynamic blocks", () => {
  const ms = (extra: JsonObject): JsonObject =>
    body("ms", { rest_api_id: "r", stage_name: "s", method_path: "*/*", settings: { logging_level: "INFO" }, ...extra });

  test("known count and for_each expand into keyed instances with count.index / each substituted", () => {
    const found = instances(
      stack(
        {
          aws_api_gateway_method_settings: {
            counted: ms({ count: 2, stage_name: "s${count.index}" }),
            none: ms({ count: 0 }),
            fromlocal: ms({ count: "${local.n}" }),
            map: ms({
              for_each: { a: { level: "ERROR" }, b: { level: "INFO" } },
              stage_name: "${each.key}",
              settings: { logging_level: "${each.value.level}" },
            }),
            set: ms({ for_each: '${toset(["y", "x"])}', stage_name: "${each.value}" }),
          },
        },
        { locals: { n: 1 } },
      ),
    );
    expect([...found.keys()]).toEqual([
      "aws_api_gateway_method_settings.counted[0]",
      "aws_api_gateway_method_settings.counted[1]",
      "aws_api_gateway_method_settings.fromlocal[0]",
      'aws_api_gateway_method_settings.map["a"]',
      'aws_api_gateway_method_settings.map["b"]',
      'aws_api_gateway_method_settings.set["x"]',
      'aws_api_gateway_method_settings.set["y"]',
    ]);
    expect(get(found, "aws_api_gateway_method_settings.counted[1]")).toMatchObject({ index: 1, values: { stage_name: "s1" } });
    expect(get(found, 'aws_api_gateway_method_settings.map["a"]')).toMatchObject({
      index: "a",
      values: { stage_name: "a", settings: [{ logging_level: "ERROR" }] },
      unknown: [],
      source: { construct_path: "api/ms" },
    });
    expect(get(found, 'aws_api_gateway_method_settings.set["x"]').values["stage_name"]).toBe("x");
  });

  test("count or for_each not known at synth time: one instance stands for all, and what depends on the key is unknown", () => {
    const found = instances(
      stack({
        aws_api_gateway_method_settings: {
          c: ms({ count: "${var.n}", stage_name: "s${count.index}" }),
          e: ms({ for_each: "${toset(var.names)}", stage_name: "${each.value}" }),
        },
      }),
    );
    expect([...found.keys()]).toEqual(["aws_api_gateway_method_settings.c", "aws_api_gateway_method_settings.e"]);
    expect(get(found, "aws_api_gateway_method_settings.c")).toMatchObject({
      index: null,
      // "s${count.index}" is a string whatever the index: set, known to start with "s".
      unknown: [{ path: ["stage_name"], configured: true, set: true, references: ["count.index"], partial: "sknown-after-apply:count.index" }],
    });
    expect(get(found, "aws_api_gateway_method_settings.e").unknown).toEqual([
      // each.value follows the for_each: a variable, which has no value at synth time.
      { path: ["stage_name"], configured: true, set: false, references: ["each.value"], origins: ["variable"] },
    ]);
  });

  test("dynamic blocks: expanded over a known collection (after static blocks), unknown as a whole otherwise", () => {
    const found = instances(
      stack({
        aws_apigatewayv2_stage: {
          known: body("known", {
            api_id: "a",
            name: "s",
            route_settings: [{ route_key: "GET /static" }],
            dynamic: {
              route_settings: {
                for_each: '${toset(["GET /a", "GET /b"])}',
                iterator: "route",
                content: { route_key: "${route.value}", throttling_rate_limit: 10 },
              },
            },
          }),
          unknown: body("unknown", {
            api_id: "a",
            name: "s",
            dynamic: { route_settings: { for_each: "${var.routes}", content: { route_key: "${route_settings.value}" } } },
          }),
        },
      }),
    );
    expect(get(found, "aws_apigatewayv2_stage.known").values["route_settings"]).toEqual([
      { route_key: "GET /static" },
      { route_key: "GET /a", throttling_rate_limit: 10 },
      { route_key: "GET /b", throttling_rate_limit: 10 },
    ]);
    const unknown = get(found, "aws_apigatewayv2_stage.unknown");
    expect(unknown.values["route_settings"]).toBeNull();
    expect(unknown.unknown).toEqual([{ path: ["route_settings"], configured: true, set: false, references: ["var.routes"], origins: ["variable"] }]);
    expect(unknown.configured).toContain("route_settings");
    const model = buildModel(
      readStackDocument(
        stack({
          aws_apigatewayv2_stage: {
            unknown: body("unknown", { api_id: "a", name: "s", dynamic: { route_settings: { for_each: "${var.routes}", content: {} } } }),
          },
        }),
        FILE,
      ),
    );
    expect(entity(model, "aws_apigatewayv2_stage.unknown").unknown["route_settings"]).toMatchObject({ set: false });
  });
});

describe("what the plan would know from the provider", () => {
  test("an API key value is sensitive (as the provider schema says): judged as it is, hidden from output; it stays a literal", () => {
    const document = stack({ aws_api_gateway_api_key: { key: body("key", { name: "k", value: "DO-NOT-PRINT-secret" }) } });
    const [key] = readStackDocument(document, FILE).instances;
    expect(key?.sensitive).toEqual([["value"]]);
    expect(key?.literals).toEqual(["name", "value"]);
    const redactor = new Redactor();
    const model = buildModel(readStackDocument(document, FILE), redactor);
    expect((entity(model, "aws_api_gateway_api_key.key").values as unknown as Record<string, unknown>)["value"]).toBe("DO-NOT-PRINT-secret");
    expect(redactor.output("value DO-NOT-PRINT-secret")).toBe("value (sensitive)");
  });

  test("WAF rule statements written as objects (the binding leaves them untyped) are read as blocks", () => {
    const rule = (name: string, statement: JsonObject): JsonObject => ({
      name,
      priority: 1,
      action: { block: {} },
      statement,
      visibility_config: { cloudwatch_metrics_enabled: true, metric_name: name, sampled_requests_enabled: true },
    });
    const document = stack({
      aws_wafv2_web_acl: {
        acl: body("acl", {
          name: "a",
          scope: "REGIONAL",
          rule: [
            rule("common", { managed_rule_group_statement: { name: "AWSManagedRulesCommonRuleSet", vendor_name: "AWS" } }),
            rule("rate", { rate_based_statement: { limit: 100, aggregate_key_type: "IP" } }),
          ],
        }),
      },
    });
    const [acl] = readStackDocument(document, FILE).instances;
    expect((acl?.values["rule"] as JsonObject[])[1]?.["statement"]).toEqual([{ rate_based_statement: [{ limit: 100, aggregate_key_type: "IP" }] }]);
    expect(entity(buildModel(readStackDocument(document, FILE)), "aws_wafv2_web_acl.acl").values).toMatchObject({
      managed_rule_groups: ["AWSManagedRulesCommonRuleSet"],
      has_rate_based_rule: true,
    });
  });
});

describe("synth-time semantics (what Terraform learns only at plan is unknown)", () => {
  const document = stack(
    {
      aws_api_gateway_rest_api: {
        api: body("api", {
          name: "${var.name}",
          description: '${upper("x")}',
          policy: "${data.aws_iam_policy_document.p.json}",
          api_key_source: "${local.source}",
          body: "%{ if true }x%{ endif }",
        }),
      },
      aws_api_gateway_method: {
        m: body("m", {
          for_each: '${toset(["b", "a", "b"])}',
          rest_api_id: "r",
          resource_id: "x",
          http_method: "${each.value}",
          authorization: "NONE",
        }),
      },
    },
    {
      variable: { name: { type: "string", default: "from-default" } },
      locals: { source: "HEADER" },
      data: {
        aws_iam_policy_document: {
          p: { statement: [{ actions: ["execute-api:Invoke"], resources: ["*"], principals: [{ type: "*", identifiers: ["*"] }] }] },
        },
      },
    },
  );

  test("variables (even with a default), data sources (even a policy document), Fn.* calls, directives: unknown; locals and toset known", () => {
    const found = instances(document);
    const api = get(found, "aws_api_gateway_rest_api.api");
    expect(api.values).toMatchObject({ name: null, description: null, policy: null, api_key_source: "HEADER", body: null });
    expect(api.unknown.map((u) => [u.path.join("."), u.references])).toEqual([
      ["name", ["var.name"]],
      ["description", []],
      ["policy", ["data.aws_iam_policy_document.p.json", "data.aws_iam_policy_document.p"]],
      ["body", []],
    ]);
    expect([...found.keys()].filter((a) => a.startsWith("aws_api_gateway_method"))).toEqual([
      'aws_api_gateway_method.m["a"]',
      'aws_api_gateway_method.m["b"]',
    ]);
  });

  test("the same document as Terraform source (the HCL adapter's semantics) knows the default, the function and the document", () => {
    const temp = mkdtempSync(path.join(tmpdir(), "policy-check-stack-"));
    try {
      writeFileSync(path.join(temp, "main.tf.json"), JSON.stringify(document));
      const api = readHcl(temp).instances.find((i) => i.address === "aws_api_gateway_rest_api.api");
      expect(api?.values).toMatchObject({ name: "from-default", description: "X", api_key_source: "HEADER" });
      expect(typeof api?.values["policy"]).toBe("string");
      expect(api?.source).toEqual({ kind: "hcl", file: "main.tf.json", line: 1 });
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
  });

  test("a chain of locals each read twice is evaluated once per local (linear, else 2^60 steps), unknown and set when it starts at an ID", () => {
    const locals: JsonObject = { u0: "${aws_api_gateway_rest_api.orders_api_6DD34489.id}" };
    for (let i = 1; i <= 60; i += 1) locals[`u${i}`] = `\${join(local.u${i - 1}, local.u${i - 1})}`;
    const doc = stack(
      { ...API, aws_api_gateway_stage: { s: body("s", { rest_api_id: "${local.u60}", stage_name: "s", deployment_id: "d" }) } },
      { locals },
    );
    expect(get(instances(doc), "aws_api_gateway_stage.s").unknown).toEqual([
      { path: ["rest_api_id"], configured: true, set: true, references: ["local.u60"], origins: ["resource"] },
    ]);
  });
});

describe("linear in the stack", () => {
  /** n REST APIs, each with a stage referring to it and method settings over a literal set, reading a local. */
  function grown(n: number): JsonObject {
    const apis: JsonObject = {};
    const stages: JsonObject = {};
    const settings: JsonObject = {};
    for (let i = 0; i < n; i += 1) {
      apis[`api_${i}`] = body(`api${i}`, { name: `api-${i}` });
      stages[`stage_${i}`] = body(`stage${i}`, {
        rest_api_id: `\${aws_api_gateway_rest_api.api_${i}.id}`,
        stage_name: "prod",
        deployment_id: "d",
        access_log_settings: { destination_arn: "arn:aws:logs:us-east-1:1:log-group:x", format: "$context.requestId" },
      });
      settings[`ms_${i}`] = body(`ms${i}`, {
        for_each: '${toset(["a", "b"])}',
        rest_api_id: `\${aws_api_gateway_rest_api.api_${i}.id}`,
        stage_name: `\${aws_api_gateway_stage.stage_${i}.stage_name}`,
        method_path: "*/*",
        settings: { logging_level: "${local.level}" },
      });
    }
    return stack(
      { aws_api_gateway_rest_api: apis, aws_api_gateway_stage: stages, aws_api_gateway_method_settings: settings },
      { locals: { level: "INFO" } },
    );
  }

  test("doubling the resources at most about doubles the time (CPU time, a ratio)", async () => {
    const [small, large] = [grown(400), grown(800)];
    expect(readStackDocument(large, FILE).instances).toHaveLength(3200);
    expect(
      await growthRatio(
        () => readStackDocument(small, FILE),
        () => readStackDocument(large, FILE),
      ),
    ).toBeLessThan(MAX_GROWTH);
  });
});
