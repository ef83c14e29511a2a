/**
 * Plan ingest on real `terraform show -json` plans from plans/: what is kept, dropped, unknown, unset,
 * sensitive, and how module and instance addresses come through.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { readPlan } from "../../src/ingest/plan/plan";
import { MODEL_TYPES } from "../../src/model/spec";
import { readInput } from "../../src/ingest";
import { buildModel } from "../../src/model/build";
import type { AnyEntity, Model } from "../../src/model/types";
import { Redactor } from "../../src/redact";
import { PLANS } from "../helpers/cli";

const plan = (scenario: string): string => path.join(PLANS, scenario, "plan.json");
const model = (scenario: string): Model => buildModel(readInput(plan(scenario)));

function entity(m: Model, address: string): AnyEntity {
  const found = Object.values(m.resources)
    .flat()
    .find((e) => (e as AnyEntity).address === address) as AnyEntity | undefined;
  if (found === undefined) throw new Error(`no ${address} in the model`);
  return found;
}

const addresses = (m: Model): string[] =>
  Object.values(m.resources)
    .flat()
    .map((e) => (e as AnyEntity).address);

describe("what the model keeps", () => {
  test("only API Gateway resource types; other resources and data sources are dropped", () => {
    const result = readInput(plan("modules-for-each"));
    const types = new Set(result.instances.map((i) => i.type));
    const raw = JSON.parse(readFileSync(plan("modules-for-each"), "utf8")) as { resource_changes: Array<{ type: string }> };
    const dropped = raw.resource_changes.map((rc) => rc.type).filter((t) => !MODEL_TYPES.has(t));
    expect(dropped.length).toBeGreaterThan(0);
    for (const type of dropped) expect(types.has(type)).toBe(false);
    expect(types.has("aws_api_gateway_stage")).toBe(true);
    expect(result.kind).toBe("plan");
    expect(result.format_version).toBe("1.2");
    expect(result.tool_version).toBe("1.11.4");
  });

  test("module instance keys and count indexes are kept in addresses", () => {
    const m = model("modules-for-each");
    expect(addresses(m)).toEqual(
      expect.arrayContaining([
        'module.api["a"].aws_api_gateway_stage.this',
        'module.api["b"].aws_api_gateway_stage.this',
        "module.legacy[0].aws_api_gateway_stage.this",
        "module.legacy[1].aws_api_gateway_stage.this",
        'module.api["a"].aws_wafv2_web_acl_association.this[0]',
      ]),
    );
    const association = entity(m, 'module.api["a"].aws_wafv2_web_acl_association.this[0]');
    expect(association.module_address).toBe('module.api["a"]');
    expect(association.index).toBe(0);
  });

  test("count = 0 resources do not exist", () => {
    expect(addresses(model("modules-for-each")).filter((a) => a.includes("aws_api_gateway_domain_name.tls10"))).toEqual([]);
  });

  test("deleted resources are not judged; no-op, update and replacement are", () => {
    const m = model("lifecycle");
    const actions = Object.fromEntries(
      Object.values(m.resources)
        .flat()
        .map((e) => [(e as AnyEntity).address, (e as AnyEntity).actions]),
    );
    expect(actions["aws_api_gateway_stage.noop_insecure"]).toEqual(["no-op"]);
    expect(actions["aws_api_gateway_stage.update_to_secure"]).toEqual(["update"]);
    expect(actions["aws_api_gateway_domain_name.replaced_tls10"]).toEqual(["delete", "create"]);
    const raw = JSON.parse(readFileSync(plan("lifecycle"), "utf8")) as {
      resource_changes: Array<{ address: string; change: { actions: string[] } }>;
    };
    const deleted = raw.resource_changes.filter((rc) => rc.change.actions.join() === "delete").map((rc) => rc.address);
    expect(deleted.length).toBeGreaterThan(0);
    for (const address of deleted) expect(Object.keys(actions)).not.toContain(address);
  });
});

describe("unknown, set by reference, and unset", () => {
  test("a value from another managed resource is unknown but set", () => {
    const stage = entity(model("apigw-003-pass"), "aws_api_gateway_stage.pass_log_group_reference");
    expect(stage.unknown["access_log_settings.destination_arn"]).toEqual({
      set: true,
      reason: "after_apply",
      references: ["aws_cloudwatch_log_group.access.arn", "aws_cloudwatch_log_group.access"],
      // A plan says why itself: known after apply. Origins are what Terraform source cannot know.
      origins: [],
    });
  });

  test("a reference through a module variable is followed to the resource", () => {
    const stage = entity(model("modules-for-each"), 'module.api["a"].aws_api_gateway_stage.this');
    expect(stage.unknown["access_log_settings.destination_arn"]?.set).toBe(true);
  });

  test("an attribute the plan marks unknown but configuration leaves out is unset", () => {
    const stage = entity(model("apigw-003-pass"), "aws_api_gateway_stage.pass_literal_arn");
    expect(stage.unknown["web_acl_arn"]).toBeUndefined();
    expect((stage.values as { web_acl_arn?: unknown }).web_acl_arn).toBeNull();
  });

  test("a module variable that defaults to null leaves the attribute unset", () => {
    const api = entity(model("modules-for-each"), "module.legacy[0].aws_api_gateway_rest_api.this");
    expect(api.unknown["policy"]).toBeUndefined();
    expect((api.values as { policy_document: { state: string } }).policy_document.state).toBe("absent");
  });

  test("a dynamic block with an unknown for_each is unknown, not unset", () => {
    const stage = entity(model("apigw-003-fail"), "aws_api_gateway_stage.unknown_dynamic_access_log_settings");
    expect(stage.unknown["access_log_settings"]).toMatchObject({ set: false });
  });

  test("a provider-computed block left out of configuration is unset", () => {
    const api = entity(model("apigw-003-pass"), "aws_api_gateway_rest_api.api");
    expect(api.unknown["endpoint_configuration"]).toBeUndefined();
  });

  test("a value computed from terraform_data is unknown, with its references", () => {
    const settings = entity(model("apigw-001-fail"), "aws_api_gateway_method_settings.dynamic_all");
    expect(settings.unknown["settings.logging_level"]?.references).toContain("terraform_data.log_level.output");
  });
});

describe("sensitive values", () => {
  const m = model("sensitive");

  test("sensitive strings are kept for the rules to judge, and handed to the redactor", () => {
    const redactor = new Redactor();
    const withSecrets = buildModel(readInput(plan("sensitive")), redactor);
    const stage = entity(withSecrets, "aws_api_gateway_stage.prod");
    expect(stage.sensitive).toContain("variables.backend_token");
    expect((stage.values as { variables: Record<string, string> }).variables["backend_token"]).toBe("s3cr3t-DO-NOT-PRINT-backend-token");
    expect(redactor.output("token s3cr3t-DO-NOT-PRINT-backend-token and s3cr3t-DO-NOT-PRINT-api-key-0123456789")).toBe(
      "token (sensitive) and (sensitive)",
    );
  });

  test("sensitive flags and enum values stay judgeable", () => {
    const internal = entity(m, "aws_api_gateway_method_settings.internal_all");
    expect((internal.values as { settings: { data_trace_enabled: boolean } }).settings.data_trace_enabled).toBe(true);
    const prod = entity(m, "aws_api_gateway_method_settings.prod_all");
    expect((prod.values as { settings: { logging_level: string } }).settings.logging_level).toBe("INFO");
    expect(prod.sensitive).toEqual(["settings.logging_level"]);
  });
});

describe("rejections", () => {
  test.each([
    [{ format_version: "3.1", resource_changes: [] }, "is not supported"],
    [{ format_version: "1.2", resource_changes: {} }, "resource_changes is an object, expected a list"],
    [
      {
        format_version: "1.2",
        resource_changes: [{ type: "aws_api_gateway_stage", mode: "managed", address: "a", name: "a", change: { actions: ["explode"] } }],
      },
      'change.actions holds "explode", which is not a plan action',
    ],
    [
      {
        format_version: "1.2",
        resource_changes: [
          {
            type: "aws_api_gateway_stage",
            mode: "managed",
            address: "a",
            name: "a",
            module_address: "modul.x",
            change: { actions: ["create"], after: {} },
          },
        ],
      },
      "malformed module_address",
    ],
  ])("%j", (document, message) => {
    expect(() => readPlan(document, "p.json")).toThrow(message);
  });

  test("format 0.x plans are read", () => {
    expect(readPlan({ format_version: "0.2", resource_changes: [] }, "old.json").instances).toEqual([]);
  });
});
