import { formatModuleAddress, parseModuleAddress, parseReference, splitTraversal } from "../../src/terraform/addresses";

test("module addresses round-trip, keys with dots and brackets included", () => {
  for (const address of ["", "module.a", 'module.api["a.b[0]"].module.inner[3]', 'module.x["quo\\"te"]']) {
    const steps = parseModuleAddress(address);
    expect(steps).not.toBeNull();
    expect(formatModuleAddress(steps ?? [])).toBe(address);
  }
  expect(parseModuleAddress("aws_x.y")).toBeNull();
  expect(parseModuleAddress('module.a["unterminated')).toBeNull();
});

test("references", () => {
  expect(parseReference("aws_api_gateway_stage.prod.arn")).toEqual({
    kind: "resource",
    type: "aws_api_gateway_stage",
    name: "prod",
    attribute: ["arn"],
  });
  expect(parseReference('aws_api_gateway_rest_api.api["k"].id')).toEqual({
    kind: "resource",
    type: "aws_api_gateway_rest_api",
    name: "api",
    key: "k",
    attribute: ["id"],
  });
  expect(parseReference("var.log_group")).toEqual({ kind: "variable", name: "log_group" });
  expect(parseReference("module.logs[2].arn")).toEqual({ kind: "module", name: "logs", key: 2, output: "arn" });
  expect(parseReference("data.aws_iam_policy_document.p.json")).toEqual({ kind: "other", root: "data" });
  expect(parseReference("each.value")).toEqual({ kind: "other", root: "each" });
  expect(splitTraversal("a[each.key]")).toBeNull();
});
