/** Where a rule's page is: package.json's repository (or homepage) and version, or a custom rule's own reference. */
import { builtInRuleId, builtInRuleUrl, repositoryUrl, ruleDocUrl } from "../../src/engine/docs";

test("the repository URL from package.json's usual spellings", () => {
  const https = "https://github.com/acme/policy-check";
  expect(repositoryUrl({ version: "1.0.0", repository: { url: "git+https://github.com/acme/policy-check.git" } })).toBe(https);
  expect(repositoryUrl({ version: "1.0.0", repository: "github:acme/policy-check" })).toBe(https);
  expect(repositoryUrl({ version: "1.0.0", homepage: "https://github.com/acme/policy-check#readme" })).toBe(https);
  expect(repositoryUrl({ version: "1.0.0", repository: { url: "git@github.com:acme/policy-check.git" } })).toBe(https);
  expect(repositoryUrl({ version: "1.0.0", repository: { url: "git+ssh://git@github.com/acme/policy-check.git" } })).toBe(https);
  expect(repositoryUrl({ version: "1.0.0", repository: { url: "svn://example/repo" } })).toBeNull();
  expect(repositoryUrl({ version: "1.0.0" })).toBeNull();
});

test("a built-in rule's page is at the version's tag; none without a repository", () => {
  const pkg = { version: "2.3.4", repository: { url: "git+https://github.com/acme/policy-check.git" } };
  expect(builtInRuleUrl("APIGW-101", pkg)).toBe("https://github.com/acme/policy-check/blob/v2.3.4/docs/rules/APIGW-101.md");
  expect(builtInRuleUrl("APIGW-101", { version: "2.3.4" })).toBeNull();
});

test("a custom rule links to its METADATA's first related resource, or nowhere", () => {
  expect(ruleDocUrl({ id: "ACME-001", related_resources: [{ description: "wiki", ref: "https://wiki.example/acme-001" }] })).toBe(
    "https://wiki.example/acme-001",
  );
  expect(ruleDocUrl({ id: "ACME-001", related_resources: [] })).toBeNull();
  expect(ruleDocUrl({ id: "APIGW-101", related_resources: [{ description: "AWS", ref: "https://docs.aws.amazon.com/x" }] })).toMatch(
    /\/docs\/rules\/APIGW-101\.md$/,
  );
});

test("built-in rule IDs are matched in any case", () => {
  expect(builtInRuleId("apigw-101")).toBe("APIGW-101");
  expect(builtInRuleId(" Apigw-203 ")).toBe("APIGW-203");
  expect(builtInRuleId("ACME-001")).toBeNull();
});
