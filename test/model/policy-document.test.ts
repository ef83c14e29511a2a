import { parsePolicyDocument } from "../../src/model/policy-document";

test("absent and empty policies", () => {
  expect(parsePolicyDocument(null).state).toBe("absent");
  expect(parsePolicyDocument("  ").state).toBe("absent");
});

test("jsonencode output with string-or-list shapes and conditions", () => {
  const doc = parsePolicyDocument(
    JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Deny", Principal: "*", Action: "execute-api:Invoke", Resource: "execute-api:/*", Condition: { NotIpAddress: { "aws:SourceIp": ["10.0.0.0/8"] } } },
        { Sid: "Open", Effect: "Allow", Principal: { AWS: ["*"] }, Action: ["execute-api:Invoke"], Resource: ["execute-api:/*"] },
        { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, NotAction: "iam:*", Resource: "*", Condition: { "ForAnyValue:StringLikeIfExists": { "AWS:SourceVpce": "vpce-1" } } },
      ],
    }),
  );
  expect(doc.state).toBe("parsed");
  const [deny, open, service] = doc.statements;
  expect(deny?.principal?.any).toBe(true);
  expect(deny?.conditions).toEqual([{ operator: "NotIpAddress", base_operator: "notipaddress", key: "aws:SourceIp", key_lower: "aws:sourceip", values: ["10.0.0.0/8"] }]);
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
