/**
 * The pictures of a change, rendered in a real headless browser (Debian's Chromium, installed by
 * scripts/install-chromium.sh, driven by playwright-core): the HTML report's inline SVG and the Markdown
 * report's Mermaid blocks (rendered by the real `mermaid` package, loaded from node_modules into a local page).
 * Reports come from the real CLI over the real review-* plans. Nodes, colours and plan-action marks are checked
 * against the JSON report's findings. Screenshots go under the test's TMPDIR, never into the repository.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { SEVERITY_COLOURS, type NodeSeverity } from "../../src/report/diagram";
import { PLANS, ROOT, runInProcess } from "../helpers/cli";

/**
 * The browser's globals that the functions run in the page (page.evaluate) use, as far as they use them: the tests
 * are type-checked without TypeScript's DOM library (tsconfig.test.json), which would change Node's own types.
 */
interface PageElement {
  innerHTML: string;
  textContent: string | null;
  classList: Iterable<string>;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
}
declare const window: unknown;
declare const document: { getElementById(id: string): PageElement | null };
declare function getComputedStyle(element: unknown): { fill: string };

const CHROMIUM = "/usr/bin/chromium";
const MERMAID = path.join(ROOT, "node_modules", "mermaid", "dist", "mermaid.min.js");
const SEVERITY_ORDER = ["critical", "high", "medium", "low", "info"];

/** Every resource of the one API each scenario changes (the API, its stage, method, authorizer, …). */
const API_RESOURCES = [
  "aws_api_gateway_authorizer.users",
  "aws_api_gateway_deployment.current",
  "aws_api_gateway_integration.get",
  "aws_api_gateway_method.get",
  "aws_api_gateway_method_settings.all",
  "aws_api_gateway_rest_api.orders",
  "aws_api_gateway_rest_api_policy.orders",
  "aws_api_gateway_stage.prod",
  "aws_wafv2_web_acl_association.prod",
];
const SCENARIOS = [
  { name: "review-waf-deleted", action: { "aws_wafv2_web_acl_association.prod": "deleted" } },
  { name: "review-auth-downgrade", action: { "aws_api_gateway_method.get": "changed" } },
] as const;

let browser: BrowserContext;
let shots: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/install-chromium.sh`);
  shots = mkdtempSync(path.join(tmpdir(), "pc-diagrams-"));
  // A fresh profile each run (--user-data-dir, given as Playwright wants it), nothing that reaches the network on its own.
  browser = await chromium.launchPersistentContext(path.join(shots, "profile"), {
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  if (shots !== undefined) rmSync(path.join(shots, "profile"), { recursive: true, force: true });
});

async function report(format: string, plan: string): Promise<string> {
  const run = await runInProcess(["--format", format, plan]);
  expect(run.stderr).toBe("");
  return run.stdout;
}

/** Worst severity per address, from the JSON report (the reports' own helper is not the oracle). */
async function worstSeverities(plan: string): Promise<Map<string, NodeSeverity>> {
  const json = JSON.parse(await report("json", plan)) as { findings: Array<{ address: string; severity: string }> };
  const worst = new Map<string, NodeSeverity>();
  for (const f of json.findings) {
    const had = worst.get(f.address);
    if (had === undefined || SEVERITY_ORDER.indexOf(f.severity) < SEVERITY_ORDER.indexOf(had)) worst.set(f.address, f.severity as NodeSeverity);
  }
  return worst;
}

/** A page that records every request it makes. */
async function recordingPage(): Promise<{ page: Page; requests: string[] }> {
  const page = await browser.newPage();
  const requests: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  return { page, requests };
}

function rgb(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

describe.each(SCENARIOS)("$name", ({ name, action }) => {
  const plan = path.join(PLANS, name, "plan.json");

  test("HTML: loads with no network request; one SVG node per resource of the API, fill by worst finding, plan actions marked", async () => {
    const worst = await worstSeverities(plan);
    const { page, requests } = await recordingPage();
    await page.setContent(await report("html", plan), { waitUntil: "load" });
    const nodes = await page.$$eval("svg.diagram g.node", (gs) =>
      gs.map((g) => {
        const rect = g.querySelector("rect");
        return {
          address: g.getAttribute("data-address") ?? "",
          action: g.getAttribute("data-action") ?? "",
          fill: rect === null ? "" : getComputedStyle(rect).fill,
          dashed: (rect?.getAttribute("stroke-dasharray") ?? "") !== "",
          visible: (rect?.getBoundingClientRect().width ?? 0) > 0,
        };
      }),
    );
    await page.screenshot({ path: path.join(shots, `${name}.html.png`), fullPage: true });
    expect(requests).toEqual([]);
    expect(await page.locator("script").count()).toBe(0);
    expect(await page.locator("p.lead").textContent()).toMatch(/^This change introduces \d+ findings?, resolves \d+, weakens \d+ settings?/);
    expect(nodes.map((n) => n.address).sort()).toEqual(API_RESOURCES);
    for (const n of nodes) {
      expect(n.visible).toBe(true);
      expect({ address: n.address, fill: n.fill }).toEqual({ address: n.address, fill: rgb(SEVERITY_COLOURS[worst.get(n.address) ?? "none"].fill) });
      const expected = (action as Record<string, string>)[n.address] ?? "unchanged";
      expect({ address: n.address, action: n.action }).toEqual({ address: n.address, action: expected });
      expect(n.dashed).toBe(expected === "deleted");
    }
    // The findings the colours stand for are really there (the test can fail): at least one coloured node.
    expect(nodes.some((n) => n.fill !== rgb(SEVERITY_COLOURS.none.fill))).toBe(true);
    await page.close();
  });

  test("Markdown: each Mermaid block renders to SVG with mermaid, node count and classes as the findings say", async () => {
    const worst = await worstSeverities(plan);
    const markdown = await report("markdown", plan);
    const blocks = [...markdown.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1] ?? "");
    expect(blocks).toHaveLength(1);
    const { page, requests } = await recordingPage();
    await page.setContent("<!DOCTYPE html><html><body><div id=out></div></body></html>");
    await page.addScriptTag({ path: MERMAID });
    const rendered = await page.evaluate(async (source) => {
      const mermaid = (window as unknown as { mermaid: { initialize(c: object): void; render(id: string, text: string): Promise<{ svg: string }> } })
        .mermaid;
      mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
      const out = document.getElementById("out") as PageElement;
      out.innerHTML = (await mermaid.render("change0", source)).svg;
      return [...out.querySelectorAll("g.node")].map((g) => ({
        label: (g.textContent ?? "").trim(),
        classes: [...g.classList],
        fill: getComputedStyle(g.querySelector("rect, path, polygon")).fill,
      }));
    }, blocks[0] ?? "");
    await page.screenshot({ path: path.join(shots, `${name}.mermaid.png`), fullPage: true });
    expect(requests).toEqual([]);
    expect(rendered).toHaveLength(API_RESOURCES.length);
    const byAddress = new Map(rendered.map((n) => [API_RESOURCES.find((a) => n.label.startsWith(a)) ?? n.label, n]));
    expect([...byAddress.keys()].sort()).toEqual(API_RESOURCES);
    const classOf: Record<NodeSeverity, string> = {
      critical: "sevCritical",
      high: "sevHigh",
      medium: "sevMedium",
      low: "sevLow",
      info: "sevInfo",
      none: "sevNone",
    };
    for (const [address, n] of byAddress) {
      const severity = worst.get(address) ?? "none";
      expect({ address, has: n.classes.includes(classOf[severity]) }).toEqual({ address, has: true });
      expect({ address, fill: n.fill }).toEqual({ address, fill: rgb(SEVERITY_COLOURS[severity].fill) });
      const expected = (action as Record<string, string>)[address];
      if (expected !== undefined) expect(n.classes).toContain(expected);
      else expect(n.classes.filter((c) => ["added", "changed", "replaced", "deleted"].includes(c))).toEqual([]);
    }
    await page.close();
  });
});

test("HTML: an address with <script> in it is text in the page, not markup", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "pc-diagrams-hostile-"));
  try {
    const hostile = `orders"]<script>window.pwned=1</script><img src=x onerror=window.pwned=2>`;
    const text = readFileSync(path.join(PLANS, "review-waf-deleted", "plan.json"), "utf8");
    const plan = path.join(dir, "plan.json");
    mkdirSync(dir, { recursive: true });
    writeFileSync(plan, text.split("aws_api_gateway_stage.prod").join(JSON.stringify(`aws_api_gateway_stage.prod${hostile}`).slice(1, -1)));
    const html = await report("html", plan);
    expect(html).not.toContain("<script>");
    const { page, requests } = await recordingPage();
    await page.setContent(html, { waitUntil: "load" });
    expect(await page.locator("script, img").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator("body").textContent()).toContain("<script>window.pwned=1</script>");
    expect(requests).toEqual([]);
    await page.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
