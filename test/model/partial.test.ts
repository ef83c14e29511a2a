/**
 * Values known in part (src/model/partial.ts): partial JSON, known prefixes, and the policies and OpenAPI
 * bodies judged on their known part, with exactly the facts an unknown part could decide marked unknown.
 */
import { buildModel } from "../../src/model/build";
import { parsePartialOpenApi } from "../../src/model/openapi";
import { knownPrefix, parsePartialJson } from "../../src/model/partial";
import { parsePartialPolicyDocument } from "../../src/model/policy-document";
import type { ResourceInstance } from "../../src/ingest/types";

const ARN = "arn:known-after-apply:aws_api_gateway_rest_api.api.execution_arn";
const VPCE = "known-after-apply:aws_vpc_endpoint.e.id";

describe("partial text", () => {
  test("a placeholder inside a JSON string stays in it; one standing as a whole value becomes a string", () => {
    expect(parsePartialJson(`{"Resource": "${ARN}/*", "Values": ${VPCE}, "n": [1, known-after-apply]}`)).toEqual({
      Resource: `${ARN}/*`,
      Values: VPCE,
      n: [1, "known-after-apply"],
    });
    // Escapes inside strings are kept; a placeholder as a key is not JSON.
    expect(parsePartialJson(String.raw`{"a": "x\"known-after-apply"}`)).toEqual({ a: 'x"known-after-apply' });
    expect(() => parsePartialJson(`{${VPCE}: 1}`)).toThrow();
  });

  test("the known prefix is the literal text before the first unknown part", () => {
    expect(knownPrefix("https://known-after-apply:aws_lb.x.dns_name/orders")).toBe("https://");
    expect(knownPrefix(ARN)).toBe("arn:");
    expect(knownPrefix(VPCE)).toBe("");
  });
});

const policy = (statements: unknown[]): string => JSON.stringify({ Version: "2012-10-17", Statement: statements });

describe("policies known in part", () => {
  test("unknown Resource and condition values: judged, and only the condition values are marked", () => {
    const text = policy([
      {
        Effect: "Allow",
        Principal: "*",
        Action: "execute-api:Invoke",
        Resource: `${ARN}/*`,
        Condition: { StringEquals: { "aws:SourceVpce": VPCE } },
      },
      { Effect: "Allow", Principal: { AWS: "arn:aws:iam::known-after-apply:var.account:root" }, Action: "execute-api:Invoke", Resource: "*" },
    ]);
    const partial = parsePartialPolicyDocument(text);
    expect(partial?.document.state).toBe("parsed");
    expect(partial?.document.statements[0]?.conditions[0]).toMatchObject({
      key_lower: "aws:sourcevpce",
      base_operator: "stringequals",
      values: [VPCE],
    });
    expect(partial?.document.statements[1]?.principal?.any).toBe(false);
    expect(partial?.unknown).toEqual(["statements.0.resources", "statements.0.conditions.0.values", "statements.1.principal"]);
  });

  test("an unknown part that could decide anything leaves the policy unknown", () => {
    const base = { Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "*" };
    for (const statement of [
      { ...base, Effect: "known-after-apply:var.effect" },
      { ...base, Action: "known-after-apply:var.action" },
      // A principal that is unknown from its first character could be "*".
      { ...base, Principal: { AWS: "known-after-apply:var.principal" } },
      { ...base, Condition: { "known-after-apply:var.operator": { "aws:SourceVpce": "vpce-1" } } },
      { ...base, Condition: "known-after-apply:var.condition" },
    ]) {
      expect(parsePartialPolicyDocument(policy([statement]))).toBeNull();
    }
    expect(parsePartialPolicyDocument(JSON.stringify({ Statement: "known-after-apply:var.statements" }))).toBeNull();
    expect(parsePartialPolicyDocument("{ not json known-after-apply")).toBeNull();
  });
});

const openapi = (paths: unknown, extra: Record<string, unknown> = {}): string => JSON.stringify({ openapi: "3.0.1", paths, ...extra });
const integration = { "x-amazon-apigateway-integration": { type: "aws", uri: `arn:aws:apigateway:us-east-1:sqs:path/${VPCE}`, credentials: ARN } };

describe("OpenAPI bodies known in part", () => {
  test("unknown integration URIs and credentials decide nothing: the operations are judged as written", () => {
    const partial = parsePartialOpenApi(openapi({ "/orders": { post: { ...integration, responses: {} } } }));
    expect(partial?.unknown).toEqual([]);
    expect(partial?.document.operations).toEqual([
      { path: "/orders", method: "post", secured: false, api_key_only: false, request_validator: null, accepts_body: true, integration_type: "AWS" },
    ]);
  });

  test("an unknown part in what decides a fact marks that fact, written as its failing value", () => {
    const text = openapi(
      {
        "/a": { get: { security: VPCE, "x-amazon-apigateway-request-validator": VPCE, parameters: [{ in: VPCE, name: "q" }] } },
        "/b": { get: { security: [{ iam: [] }], "x-amazon-apigateway-auth": { type: "AWS_IAM" } } },
      },
      {
        "x-amazon-apigateway-request-validator": VPCE,
        components: { securitySchemes: { iam: { type: "apiKey", "x-amazon-apigateway-authtype": "awsSigv4" } } },
      },
    );
    const partial = parsePartialOpenApi(text);
    expect(partial?.unknown).toEqual(["request_validator", "operations.0.secured", "operations.0.request_validator", "operations.0.accepts_body"]);
    expect(partial?.document.request_validator).toBeNull();
    expect(partial?.document.operations[0]).toMatchObject({ secured: false, request_validator: null, accepts_body: true });
    // x-amazon-apigateway-auth decides on its own: unknown schemes elsewhere do not make /b unknown.
    expect(partial?.document.operations[1]).toMatchObject({ secured: true });
  });

  test("an unknown path, method, key, $ref or version leaves the body unknown", () => {
    expect(parsePartialOpenApi(openapi({ [`/${VPCE}`]: { get: {} } }))).toBeNull();
    expect(parsePartialOpenApi(openapi({ "/a": { get: VPCE } }))).toBeNull();
    expect(parsePartialOpenApi(openapi({ "/a": VPCE }))).toBeNull();
    expect(parsePartialOpenApi(openapi(VPCE))).toBeNull();
    expect(parsePartialOpenApi(openapi({ "/a": { $ref: `#/x/${VPCE}` } }))).toBeNull();
    expect(parsePartialOpenApi(JSON.stringify({ openapi: VPCE, paths: {} }))).toBeNull();
  });
});

function instance(type: string, values: ResourceInstance["values"], unknown: ResourceInstance["unknown"]): ResourceInstance {
  return {
    address: `${type}.x`,
    type,
    name: "x",
    module_address: "",
    index: null,
    actions: ["create"],
    source: { kind: "hcl", file: "main.tf", line: 1 },
    values,
    unknown,
    sensitive: [],
    references: {},
    literals: [],
    configured: null,
  };
}

describe("the model", () => {
  test("an unknown string's known prefix is on its mark; a derived value gets none", () => {
    const model = buildModel({
      kind: "hcl",
      file: "main.tf",
      format_version: null,
      tool_version: null,
      instances: [
        instance("aws_api_gateway_integration", { uri: null }, [
          { path: ["uri"], configured: true, set: true, references: [], partial: "https://known-after-apply:aws_lb.x.dns_name/" },
        ]),
        instance("aws_lambda_permission", { source_arn: null }, [
          { path: ["source_arn"], configured: true, set: true, references: [], partial: `${ARN}/*/*` },
        ]),
      ],
    });
    expect(model.resources.aws_api_gateway_integration[0]?.unknown["uri"]).toEqual({
      set: true,
      reason: "after_apply",
      references: [],
      origins: [],
      prefix: "https://",
    });
    expect(model.resources.aws_lambda_permission[0]?.unknown["source_arn"]?.prefix).toBe("arn:");
    expect(model.resources.aws_lambda_permission[0]?.unknown["source_api_id"]?.prefix).toBeUndefined();
  });

  test("a policy known in part is parsed; its attribute's mark gives way to marks on the unknown facts", () => {
    const text = policy([
      { Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "*", Condition: { IpAddress: { "aws:SourceIp": VPCE } } },
    ]);
    const model = buildModel({
      kind: "hcl",
      file: "main.tf",
      format_version: null,
      tool_version: null,
      instances: [
        instance("aws_api_gateway_rest_api_policy", { policy: null }, [
          { path: ["policy"], configured: true, set: true, references: ["aws_eip.x.public_ip"], partial: text },
        ]),
      ],
    });
    const entity = model.resources.aws_api_gateway_rest_api_policy[0];
    expect(entity?.values.policy_document.state).toBe("parsed");
    expect(entity?.unknown).toEqual({
      "policy_document.statements.0.conditions.0.values": { set: true, reason: "after_apply", references: ["aws_eip.x.public_ip"], origins: [] },
    });
  });
});

describe("links from partial ARNs", () => {
  const permission = (name: string, partial: string, base: string): ResourceInstance => ({
    ...instance("aws_lambda_permission", { source_arn: null, principal: "apigateway.amazonaws.com" }, [
      { path: ["source_arn"], configured: true, set: true, references: [], partial },
    ]),
    address: `aws_lambda_permission.${name}`,
    name,
    references: { source_arn: [{ base }] },
  });

  test("an execution ARN with a literal suffix names its API; a wildcard right after it extends the API ID", () => {
    const model = buildModel({
      kind: "hcl",
      file: "main.tf",
      format_version: null,
      tool_version: null,
      instances: [
        instance("aws_api_gateway_rest_api", { name: "api" }, []),
        {
          ...instance("aws_api_gateway_deployment", { rest_api_id: null }, []),
          references: { rest_api_id: [{ base: "aws_api_gateway_rest_api.x" }] },
        },
        permission("suffix", "arn:known-after-apply:aws_api_gateway_rest_api.x.execution_arn/*/*", "aws_api_gateway_rest_api.x"),
        permission("deployment", "arn:known-after-apply:aws_api_gateway_deployment.x.execution_arn*/POST/orders", "aws_api_gateway_deployment.x"),
        permission("extended", "arn:known-after-apply:aws_api_gateway_rest_api.x.execution_arn*/*", "aws_api_gateway_rest_api.x"),
      ],
    });
    const links = Object.fromEntries(model.resources.aws_lambda_permission.map((p) => [p.name, p.links.rest_api.state]));
    expect(links).toEqual({ deployment: "resolved", extended: "absent", suffix: "resolved" });
  });
});
