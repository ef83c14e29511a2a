import { findingsOf } from "../../src/engine/findings";

/** opa-wasm's result set around an entrypoint's value. */
const output = (result: unknown): unknown => [{ result }];

test("a finding row of result.fail is read field by field", () => {
  expect(findingsOf(output([["APIGW-001", "high", "aws_x.a", "bad", false]]))).toEqual([
    { rule_id: "APIGW-001", severity: "high", address: "aws_x.a", message: "bad", unknown: false },
  ]);
});

test("a finding object with the same fields (a custom rule's own) is read as it is", () => {
  const finding = { rule_id: "ACME-001", severity: "info", address: "aws_x.a", message: "m", unknown: true };
  expect(findingsOf(output([finding]))).toEqual([finding]);
});

test.each([
  [["APIGW-001", "high", "aws_x.a"], /^a rule returned a malformed finding \(with 3 values; expected /],
  [["APIGW-001", "severe", "aws_x.a", "secret-value", false], /^a rule returned a malformed finding \(with 5 values; expected /],
  [{ rule_id: "ACME-001", message: "secret-value" }, /^a rule returned a malformed finding \(with message, rule_id; expected /],
  [{}, /^a rule returned a malformed finding \(with no keys; expected /],
  ["secret-value", /^a rule returned a malformed finding \(with string; expected /],
])("a malformed finding %j is named by its shape, never its content", (finding, line) => {
  expect(() => findingsOf(output([finding]))).toThrow(line);
  expect(() => findingsOf(output([finding]))).not.toThrow(/secret-value/);
});

test("an output without a finding list is refused", () => {
  expect(() => findingsOf([{ result: {} }])).toThrow("policy evaluation returned no finding set");
});
