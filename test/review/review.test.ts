/**
 * Reviewing a change below the CLI: the plan adapter's before instances, the deleted-WAF defect fixed in the
 * model, the comparison of findings by (rule, address), and the settings table's verdicts.
 */
import path from "node:path";
import { readInput } from "../../src/ingest";
import { buildModel } from "../../src/model/build";
import type { AnyEntity, Model } from "../../src/model/types";
import type { Finding } from "../../src/findings";
import { compareChange, settingChanges, withoutComparison } from "../../src/review/review";
import { settingRules, SETTING_RULES } from "../../src/review/settings";
import { parsePolicyDocument } from "../../src/model/policy-document";
import { PLANS } from "../helpers/cli";

const plan = (scenario: string, file = "plan.json"): string => path.join(PLANS, scenario, file);

/** The after and before models of a plan, as the runner builds them. */
function models(scenario: string, file = "plan.json"): { after: Model; before: Model } {
  const ingest = readInput(plan(scenario, file));
  const { before, ...rest } = ingest;
  if (before === undefined) throw new Error("a plan has a before");
  return { after: buildModel(ingest), before: buildModel({ ...rest, instances: before }) };
}

function entity(m: Model, address: string): AnyEntity | undefined {
  return (Object.values(m.resources).flat() as AnyEntity[]).find((e) => e.address === address);
}

describe("the plan adapter's before instances", () => {
  test("updates, no-ops and deletes have a before; creates have none; a replace has both", () => {
    const lifecycle = readInput(plan("lifecycle"));
    const before = new Map((lifecycle.before ?? []).map((i) => [i.address, i]));
    // Deleted: only before. No-op and update: both. Created: only after.
    expect(before.has("aws_api_gateway_stage.deleted_insecure")).toBe(true);
    expect(lifecycle.instances.some((i) => i.address === "aws_api_gateway_stage.deleted_insecure")).toBe(false);
    expect(before.get("aws_api_gateway_stage.update_to_insecure")?.values["xray_tracing_enabled"]).toBe(true);
    expect(lifecycle.instances.find((i) => i.address === "aws_api_gateway_stage.update_to_insecure")?.values["xray_tracing_enabled"]).toBe(false);
    expect(before.has("aws_wafv2_web_acl_association.v2_literal")).toBe(false);
    expect(before.get("aws_api_gateway_domain_name.replaced_tls10")?.actions).toEqual(expect.arrayContaining(["create", "delete"]));
    // Before values are state: nothing unknown.
    for (const instance of before.values()) expect(instance.unknown).toEqual([]);
  });

  test("a plan with nothing before (all creates) has an empty before: everything it finds is introduced", () => {
    expect(readInput(plan("rest-insecure")).before).toEqual([]);
  });

  test("HCL source has no before", () => {
    expect(readInput(path.join(PLANS, "review-noop")).before).toBeUndefined();
  });
});

describe("deleted resources are evidence: a deleted WAF association no longer guards its stage", () => {
  const stage = "aws_api_gateway_stage.prod";
  test.each(["plan.json", "tofu.plan.json"])("%s: the plan keeps the stage's prior web_acl_arn; the model clears it", (file) => {
    const ingest = readInput(plan("review-waf-deleted", file));
    const acl = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/review-orders/1a2b3c4d-0000-4000-8000-00000000a016";
    expect(ingest.instances.find((i) => i.address === stage)?.values["web_acl_arn"]).toBe(acl);
    const { after, before } = models("review-waf-deleted", file);
    expect((entity(after, stage)?.values as unknown as Record<string, unknown>)["web_acl_arn"]).toBeNull();
    expect(entity(after, "aws_wafv2_web_acl_association.prod")).toBeUndefined();
    // The before model still sees the stage guarded, by its association and its web_acl_arn.
    expect((entity(before, stage)?.values as unknown as Record<string, unknown>)["web_acl_arn"]).toBe(acl);
    expect(entity(before, "aws_wafv2_web_acl_association.prod")?.links).toMatchObject({ stage: { state: "resolved", target: stage } });
  });

  test("without the deletion (no-op plan) the web_acl_arn stays", () => {
    const { after } = models("review-noop");
    expect((entity(after, "aws_api_gateway_stage.prod")?.values as unknown as Record<string, unknown>)["web_acl_arn"]).toMatch(/^arn:aws:wafv2:/);
  });
});

function finding(rule_id: string, address: string): Finding {
  return { rule_id, address, severity: "medium", title: rule_id, message: "m", remediation: "r", unknown: false, source: null };
}

describe("comparing findings by (rule, address)", () => {
  test("introduced, existing, resolved as fixed or deleted", () => {
    const after = [finding("APIGW-001", "a.x"), finding("APIGW-002", "a.x"), finding("APIGW-001", "a.y")];
    const before = [finding("APIGW-001", "a.x"), finding("APIGW-003", "a.x"), finding("APIGW-001", "a.gone")];
    const resolved = compareChange(after, before, new Set(["a.x", "a.y"]));
    expect(after.map((f) => `${f.rule_id} ${f.address} ${f.change ?? ""}`)).toEqual([
      "APIGW-001 a.x existing",
      "APIGW-002 a.x introduced",
      "APIGW-001 a.y introduced",
    ]);
    expect(resolved.map((r) => `${r.rule_id} ${r.address} ${r.resolution}`)).toEqual(["APIGW-001 a.gone deleted", "APIGW-003 a.x fixed"]);
  });

  test("without a before everything is existing and nothing resolved", () => {
    const after = [finding("APIGW-001", "a.x")];
    expect(withoutComparison(after)).toEqual({ comparable: false, resolved: [], settings: [] });
    expect(after[0]?.change).toBe("existing");
  });
});

describe("the settings table", () => {
  const rank = (type: string, setting: string, value: unknown): number | null => {
    const rule = settingRules(type).find((r) => r.setting === setting);
    if (rule === undefined) throw new Error(`no ${setting} for ${type}`);
    return rule.rank(value);
  };

  test("orders what the issue names: TLS, throttling, authorization, logging, policy scope, WAF", () => {
    expect(rank("aws_api_gateway_domain_name", "TLS policy", "TLS_1_0")).toBeLessThan(
      rank("aws_api_gateway_domain_name", "TLS policy", "TLS_1_2") ?? 0,
    );
    expect(rank("aws_api_gateway_domain_name", "TLS policy", "SecurityPolicy_TLS13_1_3_2025_09")).toBeGreaterThan(
      rank("aws_api_gateway_domain_name", "TLS policy", "TLS_1_2") ?? 0,
    );
    const throttle = (v: unknown): number | null => rank("aws_api_gateway_method_settings", "throttling rate limit", v);
    expect(throttle(10_000)).toBeLessThan(throttle(100) ?? 0);
    expect(throttle(-1)).toBeLessThan(throttle(10_000) ?? 0);
    expect(rank("aws_api_gateway_method", "authorization", "NONE")).toBeLessThan(
      rank("aws_api_gateway_method", "authorization", "COGNITO_USER_POOLS") ?? 0,
    );
    expect(rank("aws_api_gateway_method", "authorization", "AWS_IAM")).toBe(rank("aws_api_gateway_method", "authorization", "CUSTOM"));
    expect(rank("aws_api_gateway_method_settings", "logging level", "OFF")).toBeLessThan(
      rank("aws_api_gateway_method_settings", "logging level", "INFO") ?? 0,
    );
    expect(rank("aws_api_gateway_method_settings", "data trace", true)).toBeLessThan(
      rank("aws_api_gateway_method_settings", "data trace", false) ?? 0,
    );
    expect(rank("aws_api_gateway_integration", "integration URI", "http://b.example.com")).toBeLessThan(
      rank("aws_api_gateway_integration", "integration URI", "https://b.example.com") ?? 0,
    );
    expect(rank("aws_api_gateway_integration", "integration URI", "arn:aws:apigateway:us-east-1:lambda:path/x")).toBeNull();
    expect(rank("aws_lambda_permission", "Lambda permission source", "arn:aws:execute-api:us-east-1:1:abc/*/*")).toBeLessThan(
      rank("aws_lambda_permission", "Lambda permission source", "arn:aws:execute-api:us-east-1:1:abc/prod/GET/pets") ?? 0,
    );
    const policy = (statement: Record<string, unknown>): unknown =>
      parsePolicyDocument(JSON.stringify({ Version: "2012-10-17", Statement: [statement] }));
    const base = { Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*" };
    const vpce = policy({ ...base, Condition: { StringEquals: { "aws:SourceVpce": "vpce-1" } } });
    expect(rank("aws_api_gateway_rest_api_policy", "resource policy", policy(base))).toBeLessThan(
      rank("aws_api_gateway_rest_api_policy", "resource policy", vpce) ?? 0,
    );
    expect(rank("aws_api_gateway_stage", "web ACL", [])).toBeLessThan(rank("aws_api_gateway_stage", "web ACL", ["arn:acl"]) ?? 0);
  });

  test("every row names a resource type the model keeps and a reason for each direction", () => {
    for (const rule of SETTING_RULES) {
      expect(rule.types.length).toBeGreaterThan(0);
      if (rule.rank("x") !== null || rule.rank(null) !== null) {
        expect(rule.weaker).not.toBe("");
        expect(rule.stronger).not.toBe("");
      }
    }
  });

  test("changed settings of a real plan: weaker, and unknown after-values unverifiable, never neutral", () => {
    const { after, before } = models("review-replace");
    const changes = settingChanges(before, after);
    expect(changes.length).toBeGreaterThan(0);
    for (const c of changes) if (c.after === "(known after apply)") expect(c.verdict).toBe("unverifiable");
    const { after: a2, before: b2 } = models("review-noop");
    expect(settingChanges(b2, a2)).toEqual([]);
  });
});
