/** The OpenAPI body parser: what it cannot read is unknown (never an empty, passing document); `$ref` path items. */
import { parseOpenApi } from "../../src/model/openapi";

const open = { responses: { "200": { description: "ok" } } };

test("a YAML body with more aliases than the parser expands is unknown, with the reason", () => {
  const yaml = [
    "openapi: 3.0.1",
    "x-op: &op {responses: {'200': {description: ok}}}",
    "paths:",
    ...Array.from({ length: 150 }, (_, i) => `  /p${i}: {get: *op}`),
  ].join("\n");
  const document = parseOpenApi(yaml);
  expect(document.state).toBe("unknown");
  expect(document.error).toMatch(/aliases/);
});

test("a few aliases are expanded as usual", () => {
  const yaml = ["openapi: 3.0.1", "x-op: &op {responses: {'200': {description: ok}}}", "paths:", "  /a: {get: *op}", "  /b: {get: *op}"].join("\n");
  expect(parseOpenApi(yaml).operations.map((o) => o.path)).toEqual(["/a", "/b"]);
});

test.each([
  ["neither JSON nor YAML", "{ not: [valid"],
  ["not an object", "[1, 2]"],
  ["has neither `openapi` nor `swagger`", JSON.stringify({ paths: {} })],
  ["`paths` is not an object", JSON.stringify({ openapi: "3.0.1", paths: [] })],
])("unreadable (%s) is unknown, and the error never quotes the body", (reason, text) => {
  const document = parseOpenApi(text);
  expect(document).toMatchObject({ state: "unknown", error: reason, operations: [] });
});

test("a path item `$ref` inside the document is followed, with sibling operations and chains", () => {
  const document = parseOpenApi(
    JSON.stringify({
      openapi: "3.1.0",
      paths: { "/pets": { $ref: "#/components/pathItems/pets", post: { ...open, security: [{ a: [] }] } }, "/a~b/c": { $ref: "#/x-items/a~0b~1c" } },
      components: { pathItems: { pets: { $ref: "#/x-items/pets" } } },
      "x-items": { pets: { get: open }, "a~b/c": { delete: open } },
    }),
  );
  expect(document.state).toBe("parsed");
  expect(document.operations.map((o) => `${o.method} ${o.path} ${o.secured}`).sort()).toEqual([
    "delete /a~b/c false",
    "get /pets false",
    "post /pets true",
  ]);
});

test.each([
  ["an external reference", "https://example.com/pets.yaml"],
  ["a missing target", "#/components/pathItems/none"],
  ["a cycle", "#/paths/~1pets"],
])("a path item `$ref` it cannot follow (%s) makes the body unknown", (_, ref) => {
  const document = parseOpenApi(JSON.stringify({ openapi: "3.0.1", paths: { "/pets": { $ref: ref } } }));
  expect(document.state).toBe("unknown");
  expect(document.error).toMatch(/\$ref/);
});

describe("API keys are not authorization (APIGW-901)", () => {
  const keyScheme = { type: "apiKey", name: "x-api-key", in: "header" };
  const lambdaScheme = { type: "apiKey", name: "Authorization", in: "header", "x-amazon-apigateway-authtype": "custom" };
  const authorizerScheme = { type: "apiKey", name: "Authorization", in: "header", "x-amazon-apigateway-authorizer": { type: "token" } };
  const facts = (document: ReturnType<typeof parseOpenApi>): string[] =>
    document.operations.map((o) => `${o.method} ${o.path} secured=${o.secured} key=${o.api_key_only}`);

  test("OpenAPI 3: an apiKey scheme alone is an API key, one with an authtype or authorizer is authorization", () => {
    const document = parseOpenApi(
      JSON.stringify({
        openapi: "3.0.1",
        security: [{ key: [] }],
        components: { securitySchemes: { key: keyScheme, lambda: lambdaScheme, authorizer: authorizerScheme, ref: { $ref: "#/x-schemes/key" } } },
        "x-schemes": { key: keyScheme },
        paths: {
          "/inherited": { get: open },
          "/lambda": { get: { ...open, security: [{ lambda: [] }] } },
          "/authorizer": { get: { ...open, security: [{ authorizer: [], key: [] }] } },
          "/either": { get: { ...open, security: [{ lambda: [] }, { key: [] }] } },
          "/referenced": { get: { ...open, security: [{ ref: [] }] } },
          "/anonymous": { get: { ...open, security: [{ key: [] }, {}] } },
          "/iam": { get: { ...open, "x-amazon-apigateway-auth": { type: "AWS_IAM" } } },
        },
      }),
    );
    expect(facts(document)).toEqual([
      "get /inherited secured=false key=true",
      "get /lambda secured=true key=false",
      "get /authorizer secured=true key=false",
      "get /either secured=false key=true",
      "get /referenced secured=false key=true",
      "get /anonymous secured=false key=false",
      "get /iam secured=true key=false",
    ]);
  });

  test("Swagger 2: securityDefinitions are read the same way", () => {
    const document = parseOpenApi(
      JSON.stringify({
        swagger: "2.0",
        securityDefinitions: { api_key: keyScheme, sigv4: { ...keyScheme, "x-amazon-apigateway-authtype": "awsSigv4" } },
        paths: { "/a": { get: { ...open, security: [{ api_key: [] }] } }, "/b": { get: { ...open, security: [{ sigv4: [] }] } } },
      }),
    );
    expect(facts(document)).toEqual(["get /a secured=false key=true", "get /b secured=true key=false"]);
  });
});

describe("operations that accept a body (APIGW-902)", () => {
  test("the method, a requestBody or a Swagger 2 body or formData parameter (own, path item or $ref)", () => {
    const accepts = (document: ReturnType<typeof parseOpenApi>): string[] =>
      document.operations.map((o) => `${o.method} ${o.path} ${o.accepts_body}`);
    expect(
      accepts(
        parseOpenApi(
          JSON.stringify({
            openapi: "3.0.1",
            paths: {
              "/a": {
                get: open,
                delete: { ...open, requestBody: { content: {} } },
                post: open,
                put: open,
                patch: open,
                "x-amazon-apigateway-any-method": open,
              },
            },
          }),
        ),
      ),
    ).toEqual(["get /a false", "put /a true", "post /a true", "delete /a true", "patch /a true", "x-amazon-apigateway-any-method /a true"]);
    expect(
      accepts(
        parseOpenApi(
          JSON.stringify({
            swagger: "2.0",
            parameters: { payload: { name: "payload", in: "body", schema: {} } },
            paths: {
              "/own": {
                get: {
                  ...open,
                  parameters: [
                    { name: "q", in: "query" },
                    { name: "b", in: "body", schema: {} },
                  ],
                },
              },
              "/form": { delete: { ...open, parameters: [{ name: "f", in: "formData", type: "string" }] } },
              "/item": { parameters: [{ $ref: "#/parameters/payload" }], get: open },
              "/query": { get: { ...open, parameters: [{ name: "q", in: "query" }] } },
            },
          }),
        ),
      ),
    ).toEqual(["get /own true", "delete /form true", "get /item true", "get /query false"]);
  });
});

describe("each operation's integration type (APIGW-403)", () => {
  test("upper case from x-amazon-apigateway-integration, its $ref followed; null without one", () => {
    const document = parseOpenApi(
      JSON.stringify({
        openapi: "3.0.1",
        components: { "x-integrations": { lambda: { type: "aws_proxy", httpMethod: "POST", uri: "arn:aws:apigateway:..." } } },
        paths: {
          "/proxy": { get: { "x-amazon-apigateway-integration": { type: "http_proxy", uri: "https://backend.example.com" } } },
          "/http": { post: { "x-amazon-apigateway-integration": { type: "HTTP", uri: "https://backend.example.com" } } },
          "/lambda": { post: { "x-amazon-apigateway-integration": { $ref: "#/components/x-integrations/lambda" } } },
          "/none": { get: {} },
          "/odd": { get: { "x-amazon-apigateway-integration": { type: 7 } } },
        },
      }),
    );
    expect(document.operations.map((o) => `${o.path} ${o.integration_type}`)).toEqual([
      "/proxy HTTP_PROXY",
      "/http HTTP",
      "/lambda AWS_PROXY",
      "/none null",
      "/odd null",
    ]);
  });
});
