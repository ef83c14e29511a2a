/** Links resolved by the model on real plans: by reference, across modules, by literal ARN, and uncertain. */
import path from "node:path";
import { readInput } from "../../src/ingest";
import { buildModel } from "../../src/model/build";
import { entitiesByAddress } from "../../src/model/link";
import type { AnyEntity, Link, LinkSet, Model } from "../../src/model/types";
import { PLANS } from "../helpers/cli";

const model = (scenario: string): Model => buildModel(readInput(path.join(PLANS, scenario, "plan.json")));

function links(m: Model, address: string): Record<string, Link | LinkSet> {
  const found = Object.values(m.resources)
    .flat()
    .find((e) => (e as AnyEntity).address === address) as AnyEntity | undefined;
  if (found === undefined) throw new Error(`no ${address}`);
  return found.links as unknown as Record<string, Link | LinkSet>;
}

test("links carry the target's position in its type's list", () => {
  const m = model("apigw-001-fail");
  for (const stage of m.resources.aws_api_gateway_stage) {
    const api = stage.links.rest_api;
    if (api.state !== "resolved" || api.index === null) throw new Error(`${stage.address} has no API`);
    expect(m.resources.aws_api_gateway_rest_api[api.index]?.address).toBe(api.target);
    stage.links.method_settings.indices.forEach((i, k) => {
      expect(m.resources.aws_api_gateway_method_settings[i]?.address).toBe(stage.links.method_settings.targets[k]);
    });
  }
});

test("method settings link to the stage of the same API only", () => {
  const m = model("apigw-001-fail");
  expect(links(m, "aws_api_gateway_stage.fail_settings_on_other_api")["method_settings"]).toEqual({ targets: [], indices: [], uncertain: false });
  expect((links(m, "aws_api_gateway_stage.pass_other_api_shared")["method_settings"] as LinkSet).targets).toEqual([
    "aws_api_gateway_method_settings.other_shared_all",
  ]);
});

test("for_each module instances link within the same instance", () => {
  const m = model("modules-for-each");
  for (const key of ['["a"]', '["b"]', "[0]", "[1]"]) {
    const module = key.startsWith('["') ? `module.api${key}` : `module.legacy${key}`;
    expect(links(m, `${module}.aws_api_gateway_stage.this`)["rest_api"]).toMatchObject({
      target: `${module}.aws_api_gateway_rest_api.this`,
      state: "resolved",
    });
  }
  expect(links(m, 'module.api["a"].aws_wafv2_web_acl_association.this[0]')["stage"]).toMatchObject({
    target: 'module.api["a"].aws_api_gateway_stage.this',
  });
});

test("a WAF association by literal ARN links to the stage whose API ID and name are known", () => {
  const m = model("lifecycle");
  expect((links(m, "aws_api_gateway_stage.update_to_secure")["wafv2_associations"] as LinkSet).targets).toEqual([
    "aws_wafv2_web_acl_association.v2_literal",
  ]);
});

test("a literal ARN never names a stage of an API being created: the association protects something else", () => {
  const m = model("apigw-201-fail");
  expect(links(m, "aws_wafv2_web_acl_association.literal")["stage"]).toEqual({ target: null, index: null, state: "absent" });
  const stage = links(m, "aws_api_gateway_stage.fail_literal_arn_names_other_api");
  expect(stage["wafv2_associations"]).toEqual({ targets: [], indices: [], uncertain: false });
});

test("a literal API ID that matches no known API names one managed elsewhere", () => {
  const m = model("apigw-204-fail");
  const mapping = m.resources.aws_api_gateway_base_path_mapping.find((b) => b.address === "aws_api_gateway_base_path_mapping.literal");
  // A literal ID names an API managed elsewhere: absent, not uncertain.
  expect(mapping?.links.rest_api.state).toBe("absent");
});

test("a rest_api_policy links to its API and the API lists it", () => {
  const m = model("quickstart");
  const policy = m.resources.aws_api_gateway_rest_api_policy[0];
  if (policy === undefined) throw new Error("quickstart has no aws_api_gateway_rest_api_policy");
  expect(policy.links.rest_api.state).toBe("resolved");
  const api = m.resources.aws_api_gateway_rest_api.find((a) => a.address === policy.links.rest_api.target);
  expect(api?.links.policies.targets).toEqual([policy.address]);
});

test("a REST API has an HTTP integration from an integration resource or its OpenAPI body, never from MOCK or Lambda", () => {
  const api = (m: Model, address: string) => {
    const found = m.resources.aws_api_gateway_rest_api.find((a) => a.address === address);
    if (found === undefined) throw new Error(`no ${address}`);
    return found;
  };
  const fail = model("apigw-403-fail");
  expect(api(fail, "aws_api_gateway_rest_api.api").values.has_http_integration).toBe(true);
  expect(api(fail, "aws_api_gateway_rest_api.api").links.integrations.targets).toEqual(["aws_api_gateway_integration.get"]);
  expect(api(fail, "aws_api_gateway_rest_api.openapi").values.has_http_integration).toBe(true);
  const pass = model("apigw-403-pass");
  for (const address of ["aws_api_gateway_rest_api.api", "aws_api_gateway_rest_api.lambda"]) {
    expect(api(pass, address).values.has_http_integration).toBe(false);
    expect(api(pass, address).unknown["has_http_integration"]).toBeUndefined();
  }
});

test("a WAFv2 logging configuration links to its web ACL; one for an ACL managed elsewhere links to its association", () => {
  const m = model("apigw-205-pass");
  expect((links(m, "aws_wafv2_web_acl.pass_logged_to_cloudwatch")["logging_configurations"] as LinkSet).targets).toEqual([
    "aws_wafv2_web_acl_logging_configuration.cloudwatch",
  ]);
  expect(links(m, "aws_wafv2_web_acl_association.pass_shared_acl_logged_here")).toMatchObject({
    web_acl: { state: "absent" },
    web_acl_logging: { target: "aws_wafv2_web_acl_logging_configuration.shared", state: "resolved" },
  });
  const fail = model("apigw-205-fail");
  expect((links(fail, "aws_wafv2_web_acl.fail_no_logging")["logging_configurations"] as LinkSet).targets).toEqual([]);
  expect(links(fail, "aws_wafv2_web_acl_association.unknown_shared_acl")["web_acl_logging"]).toMatchObject({ state: "absent" });
});

describe("entitiesByAddress", () => {
  it("gives every entity of a built model, and the entities a caller adds to it afterwards", () => {
    const m = model("rest-insecure");
    const all = Object.values(m.resources).flat() as AnyEntity[];
    const before = entitiesByAddress(m.resources);
    expect(before.size).toBe(all.length);
    for (const entity of all) expect(before.get(entity.address)).toBe(entity);
    const stage = m.resources.aws_api_gateway_stage[0] as AnyEntity;
    const added = { ...stage, address: `${stage.address}_added` } as (typeof m.resources.aws_api_gateway_stage)[number];
    m.resources.aws_api_gateway_stage.push(added);
    expect(entitiesByAddress(m.resources).get(added.address)).toBe(added);
  });
});
