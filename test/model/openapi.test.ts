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
