/**
 * docs/rules/<ID>.md: the header, Parameters and "How to fix in Terraform" sections are generated from the
 * rule's METADATA (`npm run docs:rules`) and current; the rest is hand-written and stays consistent with it.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { markers, remediationMarkdown, renderRulePage, rulePagePath } from "../../scripts/rule-docs";
import { configSchema } from "../../src/config/config";
import { validate } from "../../src/json-schema";
import type { RuleCatalog } from "../../src/engine/rules";
import { ROOT } from "../helpers/cli";
import { parseInline } from "../../src/config/waivers";

const catalog = JSON.parse(readFileSync(path.join(ROOT, "dist", "policy", "rules.json"), "utf8")) as RuleCatalog;
const page = (id: string): string => readFileSync(rulePagePath(ROOT, id), "utf8");

function section(doc: string, name: "header" | "parameters" | "fix" | "waive"): string {
  const { begin, end } = markers(name);
  return doc.slice(doc.indexOf(begin) + begin.length, doc.indexOf(end));
}

describe.each(catalog.rules)("$id", (rule) => {
  test("generated sections are current (run `npm run docs:rules` after `npm run build`)", () => {
    expect(renderRulePage(page(rule.id), rule)).toBe(page(rule.id));
  });

  test("the Parameters section is the .policy-check.yaml a user types: valid, and the defaults", () => {
    const params = section(page(rule.id), "parameters");
    const yaml = /```yaml\n([\s\S]*?)```/.exec(params)?.[1];
    if (Object.keys(rule.parameters).length === 0) {
      expect(yaml).toBeUndefined();
      expect(params).toContain(`rules.${rule.id}.enabled: false`);
      return;
    }
    const config = parse(yaml ?? "") as { rules: Record<string, { params: Record<string, unknown> }> };
    expect(validate(configSchema(), config)).toEqual([]);
    expect(config.rules[rule.id]?.params).toEqual(Object.fromEntries(Object.entries(rule.parameters).map(([n, p]) => [n, p.default])));
    for (const name of Object.keys(rule.parameters)) expect(params).toContain(`# ${name} (`);
  });

  test("Waive it: the .policy-check.yaml waiver validates and names the rule; the inline comment and tag parse as its waiver", () => {
    const waive = section(page(rule.id), "waive");
    expect(waive).toContain("## Waive it");
    const yaml = /```yaml\n([\s\S]*?)```/.exec(waive)?.[1];
    const config = parse(yaml ?? "") as { waivers: Array<{ rule: string; address: string; reason: string; owner: string }> };
    expect(validate(configSchema(), config)).toEqual([]);
    expect(config.waivers.map((w) => w.rule)).toEqual([rule.id]);
    expect(rule.subjects.map((s) => `${s}.example`)).toContain(config.waivers[0]?.address);
    const comment = /^# policy-check:waive (.*)$/m.exec(waive)?.[1] ?? "";
    expect(parseInline(comment, "x", "main.tf:1").map((w) => w.rule)).toEqual([rule.id]);
    const tag = /"policy-check:waive" = "(.*)"/.exec(waive)?.[1];
    if (tag !== undefined) expect(parseInline(tag, "x", "tag").map((w) => w.rule)).toEqual([rule.id]);
  });

  test("pages speak configuration, not Rego paths; the hand-written peer mapping names every peer control", () => {
    const doc = page(rule.id);
    expect(doc).not.toContain("data.config");
    const peers = doc.split("## Peer mapping")[1] ?? "";
    for (const key of ["security_hub", "checkov", "kics", "trivy"] as const) for (const anchor of rule.anchors[key]) expect(peers).toContain(anchor);
  });
});

test("remediation code (4-space indented, blank lines inside) becomes one fenced block per snippet", () => {
  const text = 'Do this:\n\n    resource "a" "b" {\n      x = 1\n\n      y = 2\n    }\n\nThen that:\n\n    z = 3';
  expect(remediationMarkdown(text)).toBe('Do this:\n\n```hcl\nresource "a" "b" {\n  x = 1\n\n  y = 2\n}\n```\n\nThen that:\n\n```hcl\nz = 3\n```');
});

test("the tag form is offered only where the subject takes tags (a method has none)", () => {
  expect(section(page("APIGW-101"), "waive")).not.toContain("tags = {");
  expect(section(page("APIGW-001"), "waive")).toContain('"policy-check:waive" = "APIGW-001 ');
});

test("a page without its markers is an error, not a silent skip", () => {
  const rule = catalog.rules[0];
  if (rule === undefined) throw new Error("no rules");
  const doc = page(rule.id);
  expect(() => renderRulePage(doc.replace(markers("fix").end, ""), rule)).toThrow(`docs/rules/${rule.id}.md lacks the fix:begin/fix:end markers`);
});

test("a change to METADATA makes the page stale", () => {
  const rule = catalog.rules.find((r) => Object.keys(r.parameters).length > 0);
  if (rule === undefined) throw new Error("no rule with parameters");
  const [name, declared] = Object.entries(rule.parameters)[0] as [string, (typeof rule.parameters)[string]];
  const changed = {
    ...rule,
    severity: "critical" as const,
    remediation: `${rule.remediation}\n\nAlso this.`,
    parameters: { [name]: { ...declared, description: "Changed." } },
  };
  const rendered = renderRulePage(page(rule.id), changed);
  expect(section(rendered, "header")).toContain("Severity: critical");
  expect(section(rendered, "fix")).toContain("Also this.");
  expect(section(rendered, "parameters")).toContain("Changed.");
  expect(section(renderRulePage(page(rule.id), { ...rule, id: "APIGW-999" }), "waive")).toContain("- rule: APIGW-999");
});
