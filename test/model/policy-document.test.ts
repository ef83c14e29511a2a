import { parsePolicyDocument } from "../../src/model/policy-document";
import { Wildcard } from "../../src/wildcard";
import type { PolicyStatement } from "../../src/model/types";

test("absent and empty policies", () => {
  expect(parsePolicyDocument(null).state).toBe("absent");
  expect(parsePolicyDocument("  ").state).toBe("absent");
});

test("jsonencode output with string-or-list shapes and conditions", () => {
  const doc = parsePolicyDocument(
    JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Deny",
          Principal: "*",
          Action: "execute-api:Invoke",
          Resource: "execute-api:/*",
          Condition: { NotIpAddress: { "aws:SourceIp": ["10.0.0.0/8"] } },
        },
        { Sid: "Open", Effect: "Allow", Principal: { AWS: ["*"] }, Action: ["execute-api:Invoke"], Resource: ["execute-api:/*"] },
        {
          Effect: "Allow",
          Principal: { Service: "lambda.amazonaws.com" },
          NotAction: "iam:*",
          Resource: "*",
          Condition: { "ForAnyValue:StringLikeIfExists": { "AWS:SourceVpce": "vpce-1" } },
        },
      ],
    }),
  );
  expect(doc.state).toBe("parsed");
  const [deny, open, service] = doc.statements;
  expect(deny?.principal?.any).toBe(true);
  expect(deny?.conditions).toEqual([
    {
      operator: "NotIpAddress",
      base_operator: "notipaddress",
      set_operator: null,
      if_exists: false,
      ignore_case: false,
      key: "aws:SourceIp",
      key_lower: "aws:sourceip",
      values: ["10.0.0.0/8"],
    },
  ]);
  expect(open).toMatchObject({ sid: "Open", actions: ["execute-api:invoke"], principal: { any: true, aws: ["*"] } });
  expect(service?.principal).toEqual({ any: false, aws: [], service: ["lambda.amazonaws.com"], federated: [] });
  expect(service?.not_actions).toEqual(["iam:*"]);
  expect(service?.conditions[0]).toMatchObject({ base_operator: "stringlike", key_lower: "aws:sourcevpce" });
});

test("a single statement object is accepted", () => {
  expect(parsePolicyDocument('{"Statement":{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}}').statements).toHaveLength(1);
});

test.each([
  ["not json", "not valid JSON"],
  ["[]", "not a JSON object"],
  ['{"Version":"2012-10-17"}', "has no Statement"],
  ['{"Statement":[{"Effect":"Maybe","Action":"*"}]}', "Effect"],
  ['{"Statement":[{"Effect":"Allow","Action":"*","Principal":{"Aliens":"*"}}]}', "malformed Principal"],
  ['{"Statement":[{"Effect":"Allow","Resource":"*"}]}', "has no Action"],
  ['{"Statement":[{"Effect":"Allow","Action":"*","Condition":{"StringEquals":"x"}}]}', "malformed Condition"],
])("invalid: %s", (text, error) => {
  const doc = parsePolicyDocument(text);
  expect(doc.state).toBe("invalid");
  expect(doc.error).toContain(error);
});

test.each([
  ["*", "execute-api:invoke", true],
  ["execute-api:*", "execute-api:invoke", true],
  ["execute-api:inv?ke", "execute-api:invoke", true],
  ["arn:aws:execute-api:*:*:a1b2c3d4e5/*", "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/a.b", true],
  ["execute-api:invalidate*", "execute-api:invoke", false],
  ["execute-api:invoke", "execute-api:invokex", false],
  ["a*b*c", "aXbYbZc", true],
  ["a*b*c", "aXbYbZ", false],
  ["*a*", "", false],
  ["**", "", true],
  ["?", "\u{1F600}", true],
  // IAM has no character classes or alternatives: glob syntax is literal.
  ["execute-api:/*/GET/pets/{id}", "execute-api:/prod/GET/pets/{id}", true],
  ["execute-api:/*/GET/pets/{id}", "execute-api:/prod/GET/pets/id", false],
  ["a[b]*", "a[b]c", true],
  ["a[bc]", "ab", false],
  ["a\\b", "a\\b", true],
])("IAM pattern %j against %j: %j", (pattern, value, expected) => {
  expect(new Wildcard(pattern).matches(value)).toBe(expected);
});

const OPEN = { Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*" };
const IP = { NotIpAddress: { "aws:SourceIp": ["203.0.113.0/24"] } };
const VPCE = { StringNotEquals: { "aws:SourceVpce": "vpce-0a1b2c3d4e5f60718" } };

function statements(...raw: object[]): PolicyStatement[] {
  const doc = parsePolicyDocument(JSON.stringify({ Version: "2012-10-17", Statement: raw }));
  expect(doc.state).toBe("parsed");
  return doc.statements;
}

test.each<[string, object, boolean]>([
  ["Principal *", { Principal: "*" }, true],
  ["AWS *", { Principal: { AWS: "*" } }, true],
  ["AWS * among accounts", { Principal: { AWS: ["*", "arn:aws:iam::123456789012:root"] } }, true],
  ["NotPrincipal", { Principal: undefined, NotPrincipal: { AWS: "arn:aws:iam::123456789012:root" } }, true],
  ["a named role", { Principal: { AWS: "arn:aws:iam::123456789012:role/caller" } }, false],
  ["a service", { Principal: { Service: "lambda.amazonaws.com" } }, false],
])("applies_to_everyone: %s", (_, fields, expected) => {
  expect(statements({ ...OPEN, ...fields })[0]?.applies_to_everyone).toBe(expected);
});

test.each<[string, object, boolean]>([
  ["execute-api:Invoke", { Action: "execute-api:Invoke" }, true],
  ["a wildcard among others", { Action: ["execute-api:InvalidateCache", "*"] }, true],
  ...["execute-api:*", "execute-api:inv*", "execute-api:invok?", "*:invoke"].map((action): [string, object, boolean] => [
    action,
    { Action: action },
    true,
  ]),
  ["NotAction excluding another action", { Action: undefined, NotAction: "execute-api:InvalidateCache" }, true],
  ["NotAction excluding every action", { Action: undefined, NotAction: "execute-api:*" }, false],
  ["another action", { Action: "execute-api:InvalidateCache" }, false],
])("covers_invoke: %s", (_, fields, expected) => {
  expect(statements({ ...OPEN, ...fields })[0]?.covers_invoke).toBe(expected);
});

test.each<[string, object[], boolean]>([
  ["a VPC-endpoint Deny on the whole API", [{ ...OPEN, Effect: "Deny", Condition: VPCE }, OPEN], true],
  ["the Deny after the Allow", [OPEN, { ...OPEN, Effect: "Deny", Condition: VPCE }], true],
  [
    "a Deny with Resource *",
    [
      { ...OPEN, Effect: "Deny", Resource: "*", Condition: IP },
      { ...OPEN, Resource: "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/*" },
    ],
    true,
  ],
  ["a Deny with wildcard Action", [{ ...OPEN, Effect: "Deny", Action: "execute-api:*", Condition: VPCE }, OPEN], true],
  [
    "a Deny covering every Allow resource by wildcard",
    [
      { ...OPEN, Effect: "Deny", Resource: "arn:aws:execute-api:us-east-1:*:a1b2c3d4e5/*", Condition: IP },
      {
        ...OPEN,
        Resource: [
          "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/*",
          "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/POST/orders",
        ],
      },
    ],
    true,
  ],
  [
    "a Deny covering every Allow resource, literally and by wildcard",
    [
      { ...OPEN, Effect: "Deny", Resource: ["execute-api:/prod/GET/a", "execute-api:/test/*"], Condition: IP },
      { ...OPEN, Resource: ["execute-api:/prod/GET/a", "execute-api:/test/GET/b"] },
    ],
    true,
  ],
  ["an unconditional Deny", [{ ...OPEN, Effect: "Deny", Resource: "*" }, OPEN], false],
  ["a Deny on narrower resources", [{ ...OPEN, Effect: "Deny", Resource: "execute-api:/*/POST/*", Condition: IP }, OPEN], false],
  [
    "a Deny covering only some Allow resources",
    [
      { ...OPEN, Effect: "Deny", Resource: "execute-api:/prod/*", Condition: VPCE },
      { ...OPEN, Resource: ["execute-api:/prod/GET/a", "execute-api:/test/GET/a"] },
    ],
    false,
  ],
  [
    "two Denies that cover the Allow's resources only together",
    [
      { ...OPEN, Effect: "Deny", Resource: "execute-api:/prod/*", Condition: VPCE },
      { ...OPEN, Effect: "Deny", Resource: "execute-api:/test/*", Condition: VPCE },
      { ...OPEN, Resource: ["execute-api:/prod/GET/a", "execute-api:/test/GET/a"] },
    ],
    false,
  ],
  ["a Deny for one principal", [{ ...OPEN, Effect: "Deny", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Condition: IP }, OPEN], false],
  ["a Deny of another action", [{ ...OPEN, Effect: "Deny", Action: "execute-api:InvalidateCache", Condition: IP }, OPEN], false],
  ["an Allow with a Condition, no Deny", [{ ...OPEN, Condition: VPCE }, OPEN], false],
  [
    "an Allow with only NotResource and a specific Deny",
    [
      { ...OPEN, Effect: "Deny", Resource: "arn:aws:execute-api:*:*:*/*", Condition: IP },
      { ...OPEN, Resource: undefined, NotResource: "execute-api:/*/GET/health" },
    ],
    false,
  ],
])("narrowed_by_conditional_deny: %s", (_, raw, expected) => {
  const parsed = statements(...raw);
  const allow = parsed.filter((s) => s.effect === "Allow").at(-1);
  expect(allow?.narrowed_by_conditional_deny).toBe(expected);
  // Deny statements are never "narrowed": the rules ask only about what an Allow opens.
  for (const deny of parsed.filter((s) => s.effect === "Deny")) expect(deny.narrowed_by_conditional_deny).toBe(false);
});

test("a parse error of astral characters stays well-formed UTF-16 (the engine's JSON reader rejects lone surrogates)", () => {
  const doc = parsePolicyDocument("😀😀 not json");
  expect(doc.state).toBe("invalid");
  expect(doc.error).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
});

test("a parse error never quotes the policy text (a sensitive policy's fragment would escape redaction)", () => {
  const doc = parsePolicyDocument('{"Statement": [{"Principal": "arn:aws:iam::123456789012:role/s3cr3t-r0le" oops}]}');
  expect(doc.state).toBe("invalid");
  expect(doc.error).toMatch(/^not valid JSON( \(at position \d+\))?$/);
  expect(doc.error).not.toContain("s3cr3t");
});

test.each<[string, object[], boolean]>([
  ["a Deny of Invoke on the whole API", [{ ...OPEN, Effect: "Deny" }, OPEN], true],
  ["the Deny after the Allow", [OPEN, { ...OPEN, Effect: "Deny" }], true],
  ["a Deny of every action", [{ ...OPEN, Effect: "Deny", Action: "*" }, OPEN], true],
  ["a Deny of execute-api:*", [{ ...OPEN, Effect: "Deny", Action: "execute-api:*" }, OPEN], true],
  ["a Deny for AWS *", [{ ...OPEN, Effect: "Deny", Principal: { AWS: "*" } }, OPEN], true],
  [
    "a Deny with Resource *",
    [
      { ...OPEN, Effect: "Deny", Resource: "*" },
      { ...OPEN, Resource: "execute-api:/prod/GET/a" },
    ],
    true,
  ],
  [
    "a Deny whose pattern covers every Allow resource",
    [
      { ...OPEN, Effect: "Deny", Resource: "execute-api:/*/GET/*" },
      { ...OPEN, Resource: ["execute-api:/prod/GET/a", "execute-api:/test/GET/b"] },
    ],
    true,
  ],
  [
    "a Deny covering part of the Allow's resources",
    [
      { ...OPEN, Effect: "Deny", Resource: "execute-api:/prod/*" },
      { ...OPEN, Resource: ["execute-api:/prod/GET/a", "execute-api:/test/GET/a"] },
    ],
    false,
  ],
  ["a conditional Deny (it narrows, it does not close)", [{ ...OPEN, Effect: "Deny", Condition: VPCE }, OPEN], false],
  ["a Deny for one principal", [{ ...OPEN, Effect: "Deny", Principal: { AWS: "arn:aws:iam::123456789012:root" } }, OPEN], false],
  // NotPrincipal exempts its principals from the Deny: they keep the Allow.
  [
    "a Deny with NotPrincipal",
    [{ ...OPEN, Effect: "Deny", Principal: undefined, NotPrincipal: { AWS: "arn:aws:iam::123456789012:root" } }, OPEN],
    false,
  ],
  ["a Deny of another action", [{ ...OPEN, Effect: "Deny", Action: "execute-api:InvalidateCache" }, OPEN], false],
  ["a Deny with only NotResource", [{ ...OPEN, Effect: "Deny", Resource: undefined, NotResource: "execute-api:/*/GET/health" }, OPEN], false],
  ["no Deny", [OPEN], false],
])("denied_unconditionally: %s", (_, raw, expected) => {
  const parsed = statements(...raw);
  const allow = parsed.filter((s) => s.effect === "Allow").at(-1);
  expect(allow?.denied_unconditionally).toBe(expected);
  // The fact is about what an Allow grants: a Deny statement never carries it.
  for (const deny of parsed.filter((s) => s.effect === "Deny")) expect(deny.denied_unconditionally).toBe(false);
});

test.each<[string, object]>([
  ["StringEquals", { base_operator: "stringequals", set_operator: null, if_exists: false, ignore_case: false }],
  ["StringEqualsIgnoreCase", { base_operator: "stringequals", set_operator: null, if_exists: false, ignore_case: true }],
  ["StringNotEqualsIgnoreCaseIfExists", { base_operator: "stringnotequals", set_operator: null, if_exists: true, ignore_case: true }],
  ["IpAddressIfExists", { base_operator: "ipaddress", set_operator: null, if_exists: true, ignore_case: false }],
  ["ForAnyValue:StringLike", { base_operator: "stringlike", set_operator: "foranyvalue", if_exists: false, ignore_case: false }],
  [
    "ForAllValues:StringEqualsIgnoreCaseIfExists",
    { base_operator: "stringequals", set_operator: "forallvalues", if_exists: true, ignore_case: true },
  ],
  // IAM reads operators case-insensitively.
  [
    "foranyvalue:stringnotequalsignorecaseifexists",
    { base_operator: "stringnotequals", set_operator: "foranyvalue", if_exists: true, ignore_case: true },
  ],
  ["FORALLVALUES:ARNLIKE", { base_operator: "arnlike", set_operator: "forallvalues", if_exists: false, ignore_case: false }],
  ["Bool", { base_operator: "bool", set_operator: null, if_exists: false, ignore_case: false }],
])("condition operator %s is normalised to one spelling", (operator, expected) => {
  const [statement] = statements({ ...OPEN, Condition: { [operator]: { "AWS:SOURCEVPCE": "vpce-1" } } });
  expect(statement?.conditions).toEqual([{ operator, ...expected, key: "AWS:SOURCEVPCE", key_lower: "aws:sourcevpce", values: ["vpce-1"] }]);
});
