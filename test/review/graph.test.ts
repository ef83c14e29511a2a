/**
 * The picture of a change below the reports: the per-API graphs built from a real plan's before and after
 * models (src/review/graph.ts), and the Markdown report's Mermaid text (escaping, size budget).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { CheckResult, Finding } from "../../src/findings";
import { readInput } from "../../src/ingest";
import { buildModel } from "../../src/model/build";
import type { Model } from "../../src/model/types";
import { changeGraphs } from "../../src/review/graph";
import { check } from "../../src/runner";
import { renderHtml } from "../../src/report/html";
import { MARKDOWN_BUDGET, mermaidDiagram, renderMarkdown } from "../../src/report/markdown";
import { PLANS, runInProcess } from "../helpers/cli";

function models(scenario: string): { after: Model; before: Model } {
  const ingest = readInput(path.join(PLANS, scenario, "plan.json"));
  const { before, ...rest } = ingest;
  if (before === undefined) throw new Error("a plan has a before");
  return { after: buildModel(ingest), before: buildModel({ ...rest, instances: before }) };
}

test("deleted WAF association: one graph for the API; the deleted association hangs off its stage", () => {
  const { before, after } = models("review-waf-deleted");
  const graphs = changeGraphs(before, after);
  expect(graphs.map((g) => g.api)).toEqual(["aws_api_gateway_rest_api.orders"]);
  const graph = graphs[0];
  const node = (a: string) => graph?.nodes.find((n) => n.address === a);
  expect(node("aws_wafv2_web_acl_association.prod")).toEqual({
    address: "aws_wafv2_web_acl_association.prod",
    type: "aws_wafv2_web_acl_association",
    kind: "waf",
    action: "deleted",
  });
  expect(node("aws_api_gateway_rest_api.orders")?.kind).toBe("api");
  expect(graph?.edges).toContainEqual({ from: "aws_api_gateway_stage.prod", to: "aws_wafv2_web_acl_association.prod" });
  expect(graph?.edges).toContainEqual({ from: "aws_api_gateway_rest_api.orders", to: "aws_api_gateway_stage.prod" });
  // Nodes in column order: the API first.
  expect(graph?.nodes[0]?.address).toBe("aws_api_gateway_rest_api.orders");
});

test("a no-op plan changes no API: nothing to draw", () => {
  const { before, after } = models("review-noop");
  expect(changeGraphs(before, after)).toEqual([]);
});

test("a replacement is marked replaced", () => {
  const { before, after } = models("review-replace");
  const actions = changeGraphs(before, after).flatMap((g) => g.nodes.map((n) => n.action));
  expect(actions).toContain("replaced");
});

/** A minimal reviewed result: one API graph of `n` nodes whose addresses carry Mermaid and HTML syntax. */
function result(n: number, findings: Finding[] = []): CheckResult {
  const nodes = Array.from({ length: n }, (_, i) => ({
    address: i === 0 ? `aws_api_gateway_rest_api.x["a\\"]<b>|c"]` : `aws_api_gateway_stage.s${i}["k"]`,
    type: i === 0 ? "aws_api_gateway_rest_api" : "aws_api_gateway_stage",
    kind: i === 0 ? ("api" as const) : ("stage" as const),
    action: "added" as const,
  }));
  return {
    version: "1.0.0",
    input: "plan.json",
    findings,
    summary: {
      resources_judged: n,
      by_severity: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
      unverifiable: 0,
      blocking: 0,
      fail_on: "medium",
    } as unknown as CheckResult["summary"],
    review: {
      comparable: true,
      resolved: [],
      settings: [],
      graphs: [{ api: nodes[0]?.address ?? "", nodes, edges: nodes.slice(1).map((s) => ({ from: nodes[0]?.address ?? "", to: s.address })) }],
    },
  };
}

test("Mermaid labels: quotes, brackets, pipes and HTML in an address become entity codes", () => {
  const r = result(2);
  const graph = r.review?.graphs?.[0];
  if (graph === undefined) throw new Error("graph");
  const text = mermaidDiagram(graph, new Map());
  const label = text.split("\n").find((l) => l.startsWith("  n0[")) ?? "";
  expect(label).toBe('  n0["aws_api_gateway_rest_api.x#91;#34;a#92;#34;#93;#60;b#62;#124;c#34;#93;<br/>aws_api_gateway_rest_api (added)"]');
  expect(text).toContain("class n0 added");
  expect(text).toContain("  n0 --> n1");
});

test("Markdown: diagrams are left out first when the comment would pass its budget, with a note", () => {
  const small = renderMarkdown(result(3));
  expect(small).toContain("```mermaid");
  const big = renderMarkdown(result(1500));
  expect(big.length).toBeLessThanOrEqual(MARKDOWN_BUDGET + 2000);
  expect(big).not.toContain("```mermaid");
  expect(big).toContain("_1 API diagram not shown (comment size limit)._");
});

test("HTML: the big graph is drawn whole (no budget), every text escaped", () => {
  const page = renderHtml(result(50));
  expect(page.match(/<g class="node /g)).toHaveLength(50);
  expect(page).not.toContain("<b>");
  expect(page).toContain("&lt;b&gt;|c&quot;");
});

describe("the change's graphs are built only for the reports that draw them", () => {
  const plan = path.join(PLANS, "review-waf-deleted", "plan.json");

  test("check: built by default (library callers), left out when changeGraphs is false; the rest of the review is the same", async () => {
    const drawn = await check({ input: plan, failOn: "medium" });
    expect(drawn.review?.graphs?.map((g) => g.api)).toEqual(["aws_api_gateway_rest_api.orders"]);
    const plain = await check({ input: plan, failOn: "medium", changeGraphs: false });
    expect(plain.review).not.toHaveProperty("graphs");
    const { graphs: _graphs, ...review } = drawn.review ?? { comparable: false, resolved: [], settings: [] };
    expect(plain.review).toEqual(review);
    expect(plain.findings).toEqual(drawn.findings);
  });

  test("CLI: Markdown, HTML and github's step summary still draw them, beside a JSON report or alone", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "pc-graphs-"));
    try {
      const json = path.join(dir, "r.json");
      const markdown = path.join(dir, "r.md");
      const html = path.join(dir, "r.html");
      await runInProcess([plan, "--format", `json=${json}`, "--format", `markdown=${markdown}`, "--format", `html=${html}`]);
      expect(readFileSync(markdown, "utf8")).toContain("```mermaid");
      expect(readFileSync(html, "utf8")).toContain("<svg");
      const alone = await runInProcess([plan, "--format", "markdown"]);
      expect(alone.stdout).toBe(readFileSync(markdown, "utf8"));
      const summary = path.join(dir, "summary.md");
      writeFileSync(summary, "");
      await runInProcess([plan, "--format", "github"], { env: { GITHUB_STEP_SUMMARY: summary } });
      expect(readFileSync(summary, "utf8")).toContain("```mermaid");
      // A JSON report alone (no graphs built) is the same as beside the drawing formats.
      const only = await runInProcess([plan, "--format", "json"]);
      expect(only.stdout).toBe(readFileSync(json, "utf8"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
