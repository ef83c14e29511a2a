/**
 * The same scenario judged from its Terraform source (HCL adapter) and from its real plan must give the
 * same findings: for every plans/<scenario>/, the (rule, address, unknown) set of the source scan equals
 * expected.json except for the differences listed here, each with the reason one side knows more.
 */
import path from "node:path";
import { compare, parityKey, parityScenarios, scenarioParity, scenarioRules } from "../../../scripts/parity";
import { PolicyEngine } from "../../../src/engine/engine";
import { check } from "../../../src/runner";
import { PLANS, ROOT } from "../../helpers/cli";
import { loadScenarios } from "../../helpers/scenarios";

interface Difference {
  /** `RULE address` plus ` unknown` for an unverifiable report. */
  planOnly: string[];
  hclOnly: string[];
  why: string;
}

/** Every scenario whose source scan differs from its plan. Anything not listed must match exactly. */
const EXPECTED_DIFFERENCES: Record<string, Difference> = {
  // The plan knows strictly more: state.
  "apigw-204-fail": {
    planOnly: ["APIGW-204 aws_api_gateway_rest_api.fail_existing_mapped_by_known_id"],
    hclOnly: [],
    why: "The API exists in prior-state.json with ID k204fl7x9q, which the mapping names literally; the source alone cannot know that ID.",
  },
  "apigw-401-pass": {
    planOnly: [],
    hclOnly: [
      "APIGW-401 aws_api_gateway_domain_name.pass_existing_tls12_enhanced",
      "APIGW-401 aws_api_gateway_domain_name.pass_existing_tls13_enhanced",
    ],
    why: "Both domains exist in prior-state.json with an enhanced TLS policy set outside this configuration; the source leaves security_policy unset (TLS 1.0 by default).",
  },
  lifecycle: {
    planOnly: ["APIGW-205 aws_wafv2_web_acl_association.v2_literal unknown"],
    hclOnly: ["APIGW-201 aws_api_gateway_stage.noop_secure_web_acl_arn", "APIGW-201 aws_api_gateway_stage.update_to_secure"],
    why: "Both stages keep a web_acl_arn from prior-state.json (their associations are managed elsewhere); the source alone shows no WAF. The association v2_literal names its stage by a literal ARN whose API ID only prior-state.json knows: without it the association protects nothing in the input, so its ACL's logging (APIGW-205) is not asked.",
  },
  // The source knows more: the keys of a variables map and the literals beside an unknown value.
  "apigw-502-fail": {
    planOnly: ["APIGW-502 aws_api_gateway_stage.unknown_map_hides_literal unknown", "APIGW-502 aws_apigatewayv2_stage.unknown_http_map unknown"],
    hclOnly: ["APIGW-502 aws_api_gateway_stage.unknown_map_hides_literal"],
    why: "The plan makes a variables map with one value from another resource wholly unknown (unverifiable); the source sees the literal api_key beside it (a finding), and that clientSecret alone comes from another resource (not judged).",
  },
  // The source knows more: a policy whose only unknown part is the API's own ARN is judged.
  "apigw-301-fail": {
    planOnly: ["APIGW-301 aws_api_gateway_rest_api_policy.unknown_policy_embeds_execution_arn unknown"],
    hclOnly: ["APIGW-301 aws_api_gateway_rest_api_policy.unknown_policy_embeds_execution_arn"],
    why: 'The plan has the whole policy string unknown; the source shows Principal "*" without a Condition, unknown only in Resource.',
  },
  "apigw-302-fail": {
    planOnly: ["APIGW-302 aws_api_gateway_rest_api_policy.unknown_policy unknown"],
    hclOnly: ["APIGW-302 aws_api_gateway_rest_api_policy.unknown_policy"],
    why: 'The source shows Action "execute-api:*"; only the Resource (the API\'s ARN) is unknown.',
  },
  "apigw-303-fail": {
    planOnly: ["APIGW-303 aws_api_gateway_rest_api_policy.unknown_policy unknown"],
    hclOnly: ["APIGW-303 aws_api_gateway_rest_api_policy.unknown_policy"],
    why: "The source shows an aws:SourceIp condition of 0.0.0.0/0; only the Resource is unknown.",
  },
  "apigw-304-fail": {
    planOnly: ["APIGW-304 aws_api_gateway_rest_api_policy.unknown_policy unknown"],
    hclOnly: [],
    why: "The source shows a well-formed document; only the Resource is unknown, so it is valid.",
  },
  "apigw-305-fail": {
    planOnly: ["APIGW-305 aws_api_gateway_rest_api.unknown_private_policy unknown"],
    hclOnly: [],
    why: "The source shows the private API's policy restricts callers with aws:SourceVpce; only the Resource is unknown.",
  },
  quickstart: {
    planOnly: [
      "APIGW-301 aws_api_gateway_rest_api_policy.pets unknown",
      "APIGW-302 aws_api_gateway_rest_api_policy.pets unknown",
      "APIGW-303 aws_api_gateway_rest_api_policy.pets unknown",
      "APIGW-304 aws_api_gateway_rest_api_policy.pets unknown",
    ],
    hclOnly: [],
    why: "The allow-list pattern over the API's execution ARN: the Deny and the Allow name the same unknown ARN, so the Deny narrows the Allow.",
  },
  // The source knows more: values known in part (src/model/partial.ts). A template's literal start, an ARN
  // attribute, a jsonencode or heredoc document whose unknown leaves decide nothing the rule judges.
  "apigw-106-fail": {
    planOnly: ["APIGW-106 aws_apigatewayv2_authorizer.unknown_issuer_from_user_pool unknown"],
    hclOnly: [],
    why: 'The issuer is "https://${aws_cognito_user_pool.pool.endpoint}": its scheme is literal.',
  },
  "apigw-802-fail": {
    planOnly: ["APIGW-802 aws_apigatewayv2_integration.unknown_http_api_uri unknown"],
    hclOnly: ["APIGW-802 aws_apigatewayv2_integration.unknown_http_api_uri"],
    why: 'The uri is "http://${terraform_data.backend_host.output}/{proxy}": plain HTTP whatever the host.',
  },
  "apigw-901-fail": {
    planOnly: ["APIGW-901 aws_api_gateway_rest_api.unknown_rest_body unknown", "APIGW-901 aws_apigatewayv2_api.unknown_http_body unknown"],
    hclOnly: ["APIGW-901 aws_api_gateway_rest_api.unknown_rest_body", "APIGW-901 aws_apigatewayv2_api.unknown_http_body"],
    why: "Each body is unknown only in an integration's credentials or uri; the source shows operations without security.",
  },
  "apigw-902-fail": {
    planOnly: ["APIGW-902 aws_api_gateway_rest_api.unknown_body unknown"],
    hclOnly: ["APIGW-902 aws_api_gateway_rest_api.unknown_body"],
    why: "The body is unknown only in an integration's credentials; the source shows a POST without a request validator.",
  },
  "partial-openapi": {
    planOnly: [
      "APIGW-901 aws_api_gateway_rest_api.fail_public_queue_writer unknown",
      "APIGW-901 aws_api_gateway_rest_api.pass_signed_queue_writer unknown",
      "APIGW-902 aws_api_gateway_rest_api.fail_public_queue_writer unknown",
      "APIGW-902 aws_api_gateway_rest_api.pass_signed_queue_writer unknown",
      "APIGW-902 aws_api_gateway_rest_api.unknown_security_from_role unknown",
    ],
    hclOnly: [
      "APIGW-901 aws_api_gateway_rest_api.fail_public_queue_writer",
      "APIGW-902 aws_api_gateway_rest_api.fail_public_queue_writer",
      "APIGW-902 aws_api_gateway_rest_api.unknown_security_from_role",
    ],
    why: "The bodies are unknown in integration uri/credentials (and one in its security list, which keeps APIGW-901 unverifiable there).",
  },
  "partial-policies": {
    planOnly: [
      "APIGW-301 aws_api_gateway_rest_api.fail_private_ip_only unknown",
      "APIGW-301 aws_api_gateway_rest_api.pass_private_heredoc unknown",
      "APIGW-301 aws_api_gateway_rest_api_policy.fail_open_heredoc unknown",
      "APIGW-301 aws_api_gateway_rest_api_policy.pass_private_jsonencode unknown",
      "APIGW-302 aws_api_gateway_rest_api.fail_private_ip_only unknown",
      "APIGW-302 aws_api_gateway_rest_api.pass_private_heredoc unknown",
      "APIGW-302 aws_api_gateway_rest_api_policy.fail_open_heredoc unknown",
      "APIGW-302 aws_api_gateway_rest_api_policy.pass_private_jsonencode unknown",
      "APIGW-303 aws_api_gateway_rest_api.pass_private_heredoc unknown",
      "APIGW-303 aws_api_gateway_rest_api_policy.fail_open_heredoc unknown",
      "APIGW-303 aws_api_gateway_rest_api_policy.pass_private_jsonencode unknown",
      "APIGW-304 aws_api_gateway_rest_api.fail_private_ip_only unknown",
      "APIGW-304 aws_api_gateway_rest_api.pass_private_heredoc unknown",
      "APIGW-304 aws_api_gateway_rest_api_policy.fail_open_heredoc unknown",
      "APIGW-304 aws_api_gateway_rest_api_policy.pass_private_jsonencode unknown",
      "APIGW-305 aws_api_gateway_rest_api.fail_private_ip_only unknown",
      "APIGW-305 aws_api_gateway_rest_api.pass_private_heredoc unknown",
      "APIGW-305 aws_api_gateway_rest_api.pass_private_jsonencode unknown",
    ],
    hclOnly: [
      "APIGW-301 aws_api_gateway_rest_api_policy.fail_open_heredoc",
      "APIGW-302 aws_api_gateway_rest_api_policy.fail_open_heredoc",
      "APIGW-305 aws_api_gateway_rest_api.fail_private_ip_only",
    ],
    why: "The policies are unknown only in Resource ARNs, aws:SourceVpce and aws:SourceIp values; only the unknown source IP can decide a rule (APIGW-303).",
  },
  "partial-templates": {
    planOnly: [
      "APIGW-106 aws_apigatewayv2_authorizer.pass_issuer_https_template unknown",
      "APIGW-802 aws_api_gateway_integration.fail_http_template unknown",
      "APIGW-802 aws_api_gateway_integration.pass_https_template unknown",
      "APIGW-802 aws_apigatewayv2_integration.pass_listener_arn unknown",
    ],
    hclOnly: ["APIGW-802 aws_api_gateway_integration.fail_http_template"],
    why: "https:// and http:// are literal in the templates; an aws_lb_listener's arn is an ARN by its schema.",
  },
  // The source knows more: dynamic blocks, which the plan's configuration section leaves out.
  "partial-access-logs": {
    planOnly: ["APIGW-003 aws_api_gateway_stage.pass_dynamic_logs unknown", "APIGW-004 aws_apigatewayv2_stage.pass_dynamic_logs unknown"],
    hclOnly: [],
    why: "The dynamic access_log_settings blocks are written for a known key, with a managed log group's ARN.",
  },
  // The source knows more: references through local values, which the plan's configuration section drops.
  "apigw-403-fail": {
    planOnly: ["APIGW-403 aws_api_gateway_stage.unknown_certificate_via_local unknown"],
    hclOnly: [],
    why: "client_certificate_id = local.client_certificate_id, which is a managed client certificate's ID: set after apply.",
  },
};

const scenarios = loadScenarios();
let engine: PolicyEngine;

beforeAll(async () => {
  engine = await PolicyEngine.load();
});

test("every listed difference names a scenario that exists", () => {
  const names = new Set(scenarios.map((s) => s.name));
  for (const name of Object.keys(EXPECTED_DIFFERENCES)) expect(names).toContain(name);
  expect(scenarios.length).toBeGreaterThan(90);
});

test("typed module inputs (optional() attributes, map(object) routes) and quoted values agree exactly, never listed as differences", () => {
  // Terraform's type conversion is the evaluator's own (src/ingest/hcl/types.ts): nothing here may differ.
  for (const name of ["modules-typed-routes", "quoted-settings"]) {
    expect(scenarios.map((s) => s.name)).toContain(name);
    expect(EXPECTED_DIFFERENCES[name]).toBeUndefined();
  }
});

test("npm run parity judges the plan itself and finds the same differences (apigw-301-fail)", async () => {
  expect(parityScenarios(PLANS)).toContain(path.join(PLANS, "apigw-301-fail"));
  const parity = await scenarioParity(engine, path.join(PLANS, "apigw-301-fail"), ROOT, false);
  const listed = EXPECTED_DIFFERENCES["apigw-301-fail"];
  expect(parity.planOnly).toEqual(listed?.planOnly);
  expect(parity.hclOnly).toEqual(listed?.hclOnly);
  expect(parity.both.length).toBe(parity.plan.length - parity.planOnly.length);
  expect(parity.both.length).toBeGreaterThan(0);
  // With --source-dir the plan knows the policy's structure too: the difference is gone.
  const withSource = await scenarioParity(engine, path.join(PLANS, "apigw-301-fail"), ROOT, true);
  expect([withSource.planOnly, withSource.hclOnly]).toEqual([[], []]);
});

/**
 * With --source-dir, the plan gets what the source knows: only the differences that come from the plan's
 * state (or, for apigw-502-fail, from a map the plan makes wholly unknown) remain.
 */
const SOURCE_DIR_DIFFERENCES = ["apigw-204-fail", "apigw-401-pass", "apigw-502-fail", "lifecycle"];

describe.each(scenarios.map((s) => ({ scenario: s, label: s.name })))("$label as HCL", ({ scenario }) => {
  test("same findings as the plan, except the listed differences; every finding has file and line", async () => {
    // The plan's findings are expected.json (test/e2e/scenarios.test.ts holds the plan to it); npm run parity
    // compares the same pairs by running both scans, with the same keys.
    const result = await check({ input: scenario.dir, failOn: "medium", rules: scenarioRules(scenario.args), engine });
    const parity = compare(scenario.name, scenario.findings.map(parityKey), result.findings.map(parityKey));
    const difference = EXPECTED_DIFFERENCES[scenario.name] ?? { planOnly: [], hclOnly: [], why: "" };
    expect(parity.planOnly).toEqual([...difference.planOnly].sort());
    expect(parity.hclOnly).toEqual([...difference.hclOnly].sort());
    for (const finding of result.findings) {
      expect(finding.source).toMatchObject({ kind: "hcl", file: expect.stringMatching(/\.tf(\.json)?$/), line: expect.any(Number) });
    }
  });
});

describe.each(scenarios.map((s) => ({ scenario: s, label: s.name })))("$label as a plan with --source-dir", ({ scenario }) => {
  test("same findings as the source scan, except where the plan's state knows more", async () => {
    // npm run parity -- --source-dir runs the same comparison.
    const parity = await scenarioParity(engine, scenario.dir, ROOT, true);
    const difference = EXPECTED_DIFFERENCES[scenario.name] ?? { planOnly: [], hclOnly: [], why: "" };
    const expected = SOURCE_DIR_DIFFERENCES.includes(scenario.name) ? difference : { planOnly: [] as string[], hclOnly: [] as string[] };
    expect(parity.planOnly).toEqual([...expected.planOnly].sort());
    expect(parity.hclOnly).toEqual([...expected.hclOnly].sort());
  });
});
