/**
 * The CLI's output for people and for links (issue 15): the text report's layouts (default, --compact,
 * --quiet), the summary first and last, collapsed notices, colour (--color/--no-color, FORCE_COLOR, NO_COLOR,
 * terminal), the rule page's URL in every format, `policy-check rules` and `policy-check explain`.
 * In process (run() of src/cli/main.ts, the real WASM), one spawned run for the environment of a real process.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { run, type Io } from "../../src/cli/main";
import { PLANS, ROOT, runCli, runInProcess } from "../helpers/cli";

const INSECURE = path.join(PLANS, "rest-insecure", "plan.json");
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version;
const pageUrl = (id: string): string => `https://github.com/apigw-policy-check/policy-check/blob/v${VERSION}/docs/rules/${id}.md`;
const SEVERITY_ORDER = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO", "UNVERIFIABLE", "WAIVED"];
const ESC = "\u001b[";

interface JsonFinding {
  rule_id: string;
  address: string;
  severity: string;
  unknown: boolean;
  help_uri: string | null;
}

async function json(args: readonly string[]): Promise<JsonFinding[]> {
  return (JSON.parse((await runInProcess([...args, "--format", "json"])).stdout) as { findings: JsonFinding[] }).findings;
}

/** The CLI with a chosen terminal and environment (runInProcess always sets NO_COLOR and no terminal). */
async function runWith(args: readonly string[], env: NodeJS.ProcessEnv, stdoutIsTty: boolean): Promise<{ status: number; stdout: string }> {
  const out: string[] = [];
  const io: Io = { stdout: (t) => out.push(t), stderr: () => undefined, stdoutIsTty, env, cwd: ROOT };
  const status = await run(args, io);
  return { status, stdout: out.join("") };
}

/** rest-secure with five more REGIONAL APIs: six identical informational notices and nothing else. */
function regionalPlan(): string {
  const plan = JSON.parse(readFileSync(path.join(PLANS, "rest-secure", "plan.json"), "utf8")) as {
    resource_changes: Array<{ address: string; name: string }>;
    planned_values: { root_module: { resources: Array<{ address: string; name: string }> } };
  };
  const change = plan.resource_changes.find((r) => r.address === "aws_api_gateway_rest_api.orders");
  const planned = plan.planned_values.root_module.resources.find((r) => r.address === "aws_api_gateway_rest_api.orders");
  for (let i = 1; i <= 5; i += 1) {
    const name = `extra_${i}`;
    plan.resource_changes.push({ ...structuredClone(change), address: `aws_api_gateway_rest_api.${name}`, name } as {
      address: string;
      name: string;
    });
    plan.planned_values.root_module.resources.push({ ...structuredClone(planned), address: `aws_api_gateway_rest_api.${name}`, name } as {
      address: string;
      name: string;
    });
  }
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "policy-check-regional-")), "plan.json");
  writeFileSync(file, JSON.stringify(plan));
  return file;
}

describe("text report, default layout", () => {
  test("summary line first and last; every finding has its fix in one sentence and its rule's page, no snippet section", async () => {
    const result = await runInProcess([INSECURE]);
    expect(result.status).toBe(1);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^29 API Gateway resources judged, 45 findings .* FAILED: 31 findings at or above medium\.$/);
    expect(lines[lines.length - 1]).toBe(lines[0]);
    expect(result.stdout).not.toContain("snippet under");
    expect(result.stdout).not.toContain("How to fix:");
    const findings = await json([INSECURE]);
    for (const id of new Set(findings.map((f) => f.rule_id))) expect(result.stdout).toContain(`Docs: ${pageUrl(id)}`);
    // The old layout printed 986 lines of up to 277 characters on this plan.
    expect(lines.length).toBeLessThan(400);
    for (const line of lines.slice(1, -1)) expect([line, line.length <= 120]).toEqual([line, true]);
  });

  test("findings by severity within each resource; the resource with the most severe finding first", async () => {
    const { stdout } = await runInProcess([INSECURE]);
    const groups: string[][] = [];
    for (const line of stdout.split("\n")) {
      // Resource headers; not the summary, the notices or the sentence about the change (src/report/review.ts).
      if (/^\S/.test(line) && !line.includes(" judged, ") && !line.startsWith("Notices") && !line.startsWith("This change ")) groups.push([]);
      const label = /^ {2}(\S+)\s+APIGW-\d{3} /.exec(line)?.[1];
      if (label !== undefined && !stdout.slice(0, stdout.indexOf(line)).includes("Notices")) groups[groups.length - 1]?.push(label);
    }
    expect(groups.length).toBeGreaterThan(10);
    const rank = (label: string): number => SEVERITY_ORDER.indexOf(label);
    for (const g of groups) expect(g.map(rank)).toEqual([...g.map(rank)].sort((a, b) => a - b));
    const worst = groups.map((g) => Math.min(...g.map(rank)));
    expect(worst).toEqual([...worst].sort((a, b) => a - b));
  });

  test("an informational notice repeated on many resources is one entry; the run still passes", async () => {
    const plan = regionalPlan();
    const findings = await json([plan]);
    expect(findings.filter((f) => f.rule_id === "APIGW-203")).toHaveLength(6);
    const result = await runInProcess([plan]);
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines.filter((l) => l.includes("APIGW-203 "))).toEqual([
      "  INFO         APIGW-203  Endpoint type is one the organisation allows (6 resources)",
    ]);
    for (const f of findings) expect(result.stdout).toContain(f.address);
    expect(lines.length).toBeLessThanOrEqual(11); // with the sentence about the change
    // One notice alone stays with its resource (rest-secure: one REGIONAL API).
    const single = await runInProcess([path.join(PLANS, "rest-secure", "plan.json")]);
    expect(single.stdout).toMatch(/^aws_api_gateway_rest_api.orders \(\S*plans\/rest-secure\/plan.json\)\n {2}INFO {9}APIGW-203 /m);
  });

  test("--fail-on info makes the notices blocking: listed in full, one per resource", async () => {
    const result = await runInProcess([regionalPlan(), "--fail-on", "info"]);
    expect(result.status).toBe(1);
    expect(result.stdout).not.toContain("Notices");
    expect(result.stdout.match(/^ {2}INFO +APIGW-203 /gm)).toHaveLength(6);
  });
});

describe("--compact", () => {
  test("one line a finding (severity, rule, address, file:line, title), each rule's page once, summary first and last", async () => {
    const args = ["--source-dir", path.join(PLANS, "rest-insecure"), INSECURE];
    const result = await runInProcess(["--compact", ...args]);
    expect(result.status).toBe(1);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[lines.length - 1]).toBe(lines[0]);
    const findings = await json(args);
    const rows = lines.filter((l) => /^[A-Z]+ +APIGW-\d{3} /.test(l));
    // 45 findings; the two APIGW-203 notices share one line.
    expect(findings).toHaveLength(45);
    expect(rows).toHaveLength(44);
    const method = rows.find((r) => r.includes("APIGW-101") && r.includes("aws_api_gateway_method.create_order")) ?? "";
    expect(method).toMatch(
      /^HIGH +APIGW-101 +aws_api_gateway_method\.create_order +\S*plans\/rest-insecure\/main\.tf:\d+ +REST methods require authorization$/,
    );
    expect(rows.find((r) => r.includes("APIGW-203"))).toMatch(/^INFO +APIGW-203 +aws_api_gateway_rest_api\.\w+ and 1 more +Endpoint type/);
    for (const f of findings)
      if (f.rule_id !== "APIGW-203") expect(rows.some((r) => r.includes(` ${f.rule_id} `) && r.includes(` ${f.address} `))).toBe(true);
    expect(result.stdout).not.toContain("Fix:");
    for (const id of new Set(findings.map((f) => f.rule_id))) expect(lines).toContain(`  ${id}  ${pageUrl(id)}`);
    expect(lines.length).toBeLessThan(100);
  });

  test("with --quiet: only the blocking findings' lines", async () => {
    const result = await runInProcess(["--compact", "--quiet", INSECURE]);
    const rows = result.stdout.split("\n").filter((l) => /^[A-Z]+ +APIGW-\d{3} /.test(l));
    expect(rows).toHaveLength(31);
    for (const row of rows) expect(row).toMatch(/^(CRITICAL|HIGH|MEDIUM) /);
  });

  test("shapes only the text report: without one, a usage error", async () => {
    const result = await runInProcess(["--compact", "--format", "json", INSECURE]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("--compact shapes the text report");
  });
});

describe("--quiet", () => {
  test("only the blocking findings and the summary", async () => {
    const findings = await json([INSECURE]);
    const blocking = findings.filter((f) => ["critical", "high", "medium"].includes(f.severity) && !f.unknown);
    const result = await runInProcess(["--quiet", INSECURE]);
    expect(result.status).toBe(1);
    const labels = [...result.stdout.matchAll(/^ {2}(\S+) +(APIGW-\d{3}) /gm)].map((m) => m[1]);
    expect(labels).toHaveLength(blocking.length);
    expect(new Set(labels)).toEqual(new Set(["HIGH", "MEDIUM"]));
    expect(result.stdout).not.toContain("Notices");
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[lines.length - 1]).toBe(lines[0]);
  });

  test("a clean plan is one summary line", async () => {
    const result = await runInProcess(["-q", path.join(PLANS, "rest-secure", "plan.json")]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe("29 API Gateway resources judged, 1 finding (1 info). PASSED: nothing at or above medium.\n");
  });
});

describe("colour", () => {
  const args = ["--rule", "APIGW-101", INSECURE];
  const coloured = async (extra: string[], env: NodeJS.ProcessEnv, tty: boolean): Promise<boolean> =>
    (await runWith([...extra, ...args], env, tty)).stdout.includes(ESC);

  test("on a terminal by default; never when NO_COLOR is set or TERM=dumb", async () => {
    expect(await coloured([], {}, true)).toBe(true);
    expect(await coloured([], {}, false)).toBe(false);
    expect(await coloured([], { NO_COLOR: "1" }, true)).toBe(false);
    expect(await coloured([], { TERM: "dumb" }, true)).toBe(false);
  });

  test("FORCE_COLOR forces it (0 or false turns it off), NO_COLOR wins over it; the flags win over both variables", async () => {
    expect(await coloured([], { FORCE_COLOR: "1" }, false)).toBe(true);
    expect(await coloured([], { FORCE_COLOR: "" }, false)).toBe(true);
    expect(await coloured([], { FORCE_COLOR: "1", NO_COLOR: "1" }, false)).toBe(false);
    expect(await coloured([], { FORCE_COLOR: "1", NO_COLOR: "" }, false)).toBe(true);
    expect(await coloured([], { FORCE_COLOR: "0" }, true)).toBe(false);
    expect(await coloured([], { FORCE_COLOR: "false" }, true)).toBe(false);
    expect(await coloured(["--color"], { NO_COLOR: "1" }, false)).toBe(true);
    expect(await coloured(["--no-color"], { FORCE_COLOR: "1" }, true)).toBe(false);
  });

  test("the colours are styles around the report's own words; without them the text is the plain report", async () => {
    const plain = (await runWith(args, {}, false)).stdout;
    const styled = (await runWith(["--color", ...args], {}, false)).stdout;
    expect(styled).not.toBe(plain);
    expect(styled.replace(/\u001b\[[0-9;]*m/g, "")).toBe(plain);
    expect(styled).toContain(`${ESC}1m${ESC}31mFAILED`);
  });

  test("a report written to a file is never coloured; --color with --no-color is a usage error", async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "policy-check-color-")), "report.txt");
    expect((await runWith(["--color", "-o", file, ...args], {}, true)).status).toBe(1);
    expect(readFileSync(file, "utf8")).not.toContain(ESC);
    expect((await runWith(["--color", "--no-color", ...args], {}, true)).status).toBe(2);
  });

  test("a real process: FORCE_COLOR colours a pipe, NO_COLOR alone does not", () => {
    expect(runCli(args, { env: { NO_COLOR: "", FORCE_COLOR: "1" } }).stdout).toContain(ESC);
    expect(runCli(args, { env: { NO_COLOR: "1" } }).stdout).not.toContain(ESC);
  });
});

describe("the rule's page, one click away", () => {
  test("json: help_uri on every finding, the page of the installed version", async () => {
    const findings = await json([INSECURE]);
    for (const f of findings) expect(f.help_uri).toBe(pageUrl(f.rule_id));
  });

  test("sarif: every rule's helpUri; markdown: the rule ID links; github, junit, codequality: the URL", async () => {
    const sarif = JSON.parse((await runInProcess([INSECURE, "--format", "sarif"])).stdout) as {
      runs: Array<{ tool: { driver: { rules: Array<{ id: string; helpUri: string }> } } }>;
    };
    const rules = sarif.runs[0]?.tool.driver.rules ?? [];
    expect(rules.length).toBeGreaterThan(40);
    for (const r of rules) expect(r.helpUri).toBe(pageUrl(r.id));
    const markdown = (await runInProcess([INSECURE, "--format", "markdown"])).stdout;
    expect(markdown).toContain(`| **high** | [APIGW-101](${pageUrl("APIGW-101")}) |`);
    const github = (await runInProcess([INSECURE, "--format", "github"])).stdout.trimEnd().split("\n").slice(0, -1);
    expect(github).toHaveLength(45);
    for (const line of github)
      expect(line).toMatch(/ Docs: https:\/\/github\.com\/apigw-policy-check\/policy-check\/blob\/v[^/]+\/docs\/rules\/APIGW-\d{3}\.md$/);
    expect((await runInProcess([INSECURE, "--format", "junit"])).stdout).toContain(`Docs: ${pageUrl("APIGW-101")}`);
    const issues = JSON.parse((await runInProcess([INSECURE, "--format", "codequality"])).stdout) as Array<{
      check_name: string;
      description: string;
    }>;
    for (const issue of issues) expect(issue.description.endsWith(` Docs: ${pageUrl(issue.check_name)}`)).toBe(true);
  });

  test("policy-check rules prints every rule's page, as text and JSON", async () => {
    const text = await runInProcess(["rules"]);
    const rows = text.stdout.split("\n").filter((l) => /^APIGW-\d{3} /.test(l));
    expect(rows.length).toBeGreaterThan(40);
    for (const row of rows) expect(row).toContain(` ${pageUrl(row.slice(0, 9))} `);
    const listed = JSON.parse((await runInProcess(["rules", "--format", "json"])).stdout) as { rules: Array<{ id: string; doc_url: string }> };
    for (const r of listed.rules) expect(r.doc_url).toBe(pageUrl(r.id));
  });
});

describe("policy-check explain", () => {
  test("prints the rule's page as shipped (IDs in any case), then its address online", async () => {
    const page = readFileSync(path.join(ROOT, "docs", "rules", "APIGW-101.md"), "utf8");
    for (const id of ["APIGW-101", "apigw-101", "Apigw-101"]) {
      const result = await runInProcess(["explain", id]);
      expect(result.status).toBe(0);
      expect(result.stderr).toBe("");
      expect(result.stdout.startsWith("# APIGW-101: REST methods require authorization\n")).toBe(true);
      expect(result.stdout).toContain("## How to fix in Terraform");
      expect(result.stdout).toContain("## Waive it");
      expect(result.stdout).not.toContain("<!--");
      expect(result.stdout.endsWith(`\nOnline: ${pageUrl("APIGW-101")}\n`)).toBe(true);
      expect(page).toContain(result.stdout.split("\n").find((l) => l.startsWith("Every `aws_api_gateway_method`")) ?? "missing");
    }
  });

  test("an unknown ID, no ID or two IDs: one line, exit 2", async () => {
    const unknown = await runInProcess(["explain", "APIGW-999"]);
    expect([unknown.status, unknown.stdout]).toEqual([2, ""]);
    expect(unknown.stderr).toMatch(/^policy-check: unknown rule ID APIGW-999: no built-in rule has it \(policy-check rules lists them\)\n$/);
    expect((await runInProcess(["explain"])).status).toBe(2);
    expect((await runInProcess(["explain", "APIGW-101", "APIGW-102"])).status).toBe(2);
  });

  test("--help describes it", async () => {
    const help = await runInProcess(["explain", "--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Usage: policy-check explain RULE-ID");
    expect((await runInProcess(["--help"])).stdout).toContain("policy-check explain APIGW-101");
  });
});
