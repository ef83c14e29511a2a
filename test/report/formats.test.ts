/**
 * The report formats over real runs: SARIF against the official 2.1.0 schema (test/fixtures/sarif), JUnit's
 * suites and cases, GitHub workflow commands, the Markdown comment, and byte-identical output across runs.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Ajv from "ajv";
import { run, type Io } from "../../src/cli/main";
import { loadRuleCatalog, PolicyEngine } from "../../src/engine/engine";
import { SEVERITIES } from "../../src/engine/severity";
import { isBlocking, type CheckResult, type Finding } from "../../src/findings";
import { REPORTERS, reporterByName } from "../../src/report";
import { jsonDocument, jsonPieces, jsonText, MappedList } from "../../src/report/json";
import { loadReporter, REPORT_FORMATS } from "../../src/report/registry";
import { escapeData, escapeProperty } from "../../src/report/github";
import { MARKDOWN_BUDGET } from "../../src/report/markdown";
import { fingerprint, SECURITY_SEVERITY } from "../../src/report/sarif";
import { check } from "../../src/runner";
import { ROOT } from "../helpers/cli";

const catalog = loadRuleCatalog();
let engine: PolicyEngine;
beforeAll(async () => {
  engine = await PolicyEngine.load();
});

/** Paths as a user in the repository root types them (findings' files are relative to the working directory). */
const rel = (p: string): string => path.relative(process.cwd(), path.join(ROOT, p));
const INSECURE = rel("plans/rest-insecure/plan.json");
const INSECURE_SRC = rel("plans/rest-insecure");
const HCL_FAIL = rel("test/fixtures/hcl/auth-fail");
const UNKNOWN = rel("plans/apigw-001-fail/plan.json");

async function result(input: string, extra: { sourceDir?: string } = {}): Promise<CheckResult> {
  return check({ input, failOn: "medium", engine, ...extra });
}

function render(format: string, r: CheckResult): string {
  const reporter = reporterByName(format);
  if (reporter === undefined) throw new Error(format);
  return reporter.render(r, { color: false, catalog });
}

function capture(env: NodeJS.ProcessEnv = {}): Io & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), stdoutIsTty: false, env };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{
    physicalLocation?: { artifactLocation: { uri: string }; region: { startLine: number } };
    logicalLocations: Array<{ fullyQualifiedName: string }>;
  }>;
  partialFingerprints: Record<string, string>;
}
interface SarifLog {
  version: string;
  runs: Array<{
    tool: {
      driver: {
        rules: Array<{
          id: string;
          shortDescription: { text: string };
          fullDescription: { text: string };
          help: { markdown: string };
          properties: { tags: string[]; "security-severity": string };
        }>;
      };
    };
    results: SarifResult[];
  }>;
}

describe("sarif", () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  // ajv ships no format validators (ajv-formats is not a dependency); these are the formats the schema uses.
  ajv.addFormat("uri", (s: string) => /^[a-z][a-z0-9+.-]*:\S*$/i.test(s) && URL.canParse(s));
  ajv.addFormat("uri-reference", (s: string) => !/\s/.test(s) && URL.canParse(s, "file:///"));
  ajv.addFormat("date-time", (s: string) => !Number.isNaN(Date.parse(s)));
  const schema = JSON.parse(readFileSync(path.join(ROOT, "test", "fixtures", "sarif", "sarif-schema-2.1.0.json"), "utf8")) as object;
  const validate = ajv.compile(schema);

  test("the shipped schema is the official SARIF 2.1.0 schema (draft-07)", () => {
    expect(schema).toMatchObject({ $schema: "http://json-schema.org/draft-07/schema#", $id: expect.stringContaining("oasis-tcs/sarif-spec") });
    // The validator is not vacuous: a log without runs, or a result without a message, is rejected.
    expect(validate({ version: "2.1.0" })).toBe(false);
    expect(validate({ version: "2.1.0", runs: [{ tool: { driver: { name: "x" } }, results: [{ ruleId: "A" }] }] })).toBe(false);
  });

  test.each([
    ["a plan", INSECURE, {}],
    ["a plan with --source-dir", INSECURE, { sourceDir: INSECURE_SRC }],
    ["a Terraform source directory", HCL_FAIL, {}],
    ["a plan with unverifiable findings", UNKNOWN, {}],
    // Before against after: baselineState on every result, an absent (pass) result per resolved finding.
    ["a plan with a before (updates, deletes)", rel("plans/lifecycle/plan.json"), {}],
  ])("%s: validates against the schema", async (_label, input, extra) => {
    const r = await result(input, extra);
    const log = JSON.parse(render("sarif", r)) as SarifLog;
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    expect(log.runs[0]?.results).toHaveLength(r.findings.length + (r.review?.resolved.length ?? 0));
  });

  test("tool.driver.rules: every rule with descriptions, remediation, tags and GitHub's security-severity", async () => {
    const log = JSON.parse(render("sarif", await result(INSECURE))) as SarifLog;
    const rules = log.runs[0]?.tool.driver.rules ?? [];
    expect(rules.map((r) => r.id)).toEqual(catalog.rules.map((r) => r.id).sort());
    for (const rule of rules) {
      const meta = catalog.rules.find((m) => m.id === rule.id);
      expect(rule.shortDescription.text).toBe(meta?.title);
      expect(rule.fullDescription.text).toBe(meta?.description);
      expect(rule.help.markdown).toContain(meta?.remediation);
      expect(rule.properties.tags).toContain("security");
      expect(rule.properties["security-severity"]).toBe(SECURITY_SEVERITY[meta?.severity ?? "info"]);
    }
    expect(SECURITY_SEVERITY).toEqual({ critical: "9.5", high: "8.0", medium: "5.5", low: "3.0", info: "1.0" });
  });

  test("results: rule, level, message, and the .tf file and line when the source is known", async () => {
    const r = await result(INSECURE, { sourceDir: INSECURE_SRC });
    const log = JSON.parse(render("sarif", r)) as SarifLog;
    const rules = log.runs[0]?.tool.driver.rules ?? [];
    log.runs[0]?.results.forEach((res, i) => {
      const f = r.findings[i] as Finding;
      expect(res.ruleId).toBe(f.rule_id);
      expect(rules[res.ruleIndex]?.id).toBe(f.rule_id);
      expect(res.level).toBe(f.severity === "high" || f.severity === "critical" ? "error" : f.severity === "medium" ? "warning" : "note");
      expect(res.message.text).toBe(f.message);
      expect(res.locations[0]?.physicalLocation?.artifactLocation.uri).toBe("plans/rest-insecure/main.tf");
      expect(res.locations[0]?.physicalLocation?.region.startLine).toBe(f.source?.line);
      expect(res.locations[0]?.logicalLocations[0]?.fullyQualifiedName).toBe(f.address);
    });
    // HCL input: the file relative to the scanned directory, joined with it.
    const hcl = JSON.parse(render("sarif", await result(HCL_FAIL))) as SarifLog;
    expect(hcl.runs[0]?.results[0]?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: "test/fixtures/hcl/auth-fail/main.tf" },
      region: { startLine: 14 },
    });
    // A plan alone: the plan file (no line is known).
    const plan = JSON.parse(render("sarif", await result(INSECURE))) as SarifLog;
    expect(plan.runs[0]?.results[0]?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: "plans/rest-insecure/plan.json" },
      region: { startLine: 1 },
    });
    // Unverifiable reports are notes, never errors.
    const unknown = await result(UNKNOWN);
    const unknownLog = JSON.parse(render("sarif", unknown)) as SarifLog;
    const levels = unknown.findings.map((f, i) => [f.unknown, unknownLog.runs[0]?.results[i]?.level]);
    expect(levels.filter(([u]) => u === true).length).toBeGreaterThan(0);
    for (const [u, level] of levels) if (u === true) expect(level).toBe("note");
  });

  test("a finding an active waiver covers is a suppressed result (dismissed in code scanning); an expired one is not", async () => {
    const r = await result(INSECURE);
    const [first, second] = r.findings as [Finding, Finding];
    const waiver = {
      reason: "legacy partner API, replaced in Q3",
      owner: "team-api",
      expires: "2099-01-01",
      source: ".policy-check.yaml:4",
      expired: false,
    };
    const findings = [
      { ...first, waiver },
      { ...second, waiver: { ...waiver, expired: true } },
    ];
    const log = JSON.parse(render("sarif", { ...r, findings })) as SarifLog & { runs: Array<{ results: Array<{ suppressions?: unknown[] }> }> };
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    expect(log.runs[0]?.results[0]?.suppressions).toEqual([
      { kind: "external", state: "accepted", justification: "legacy partner API, replaced in Q3 (.policy-check.yaml:4)" },
    ]);
    expect(log.runs[0]?.results[1]?.suppressions).toBeUndefined();
  });

  test("partialFingerprints depend only on (rule, address): the same across inputs and message changes", async () => {
    const plan = JSON.parse(render("sarif", await result(INSECURE))) as SarifLog;
    const withSource = JSON.parse(render("sarif", await result(INSECURE, { sourceDir: INSECURE_SRC }))) as SarifLog;
    const prints = (log: SarifLog): string[] =>
      (log.runs[0]?.results ?? []).map(
        (r) => `${r.ruleId} ${r.locations[0]?.logicalLocations[0]?.fullyQualifiedName} ${Object.values(r.partialFingerprints).join()}`,
      );
    // Other file and line, same identity.
    expect(prints(withSource)).toEqual(prints(plan));
    const a = fingerprint({ rule_id: "APIGW-001", address: "aws_api_gateway_stage.prod" });
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprint({ rule_id: "APIGW-001", address: "aws_api_gateway_stage.prod" })).toBe(a);
    expect(fingerprint({ rule_id: "APIGW-002", address: "aws_api_gateway_stage.prod" })).not.toBe(a);
    expect(fingerprint({ rule_id: "APIGW-001", address: "aws_api_gateway_stage.prod2" })).not.toBe(a);
  });
});

/** A minimal well-formedness check: tags nest, attribute values and text hold no raw `<` or bare `&`. */
function wellFormed(xml: string): boolean {
  const stack: string[] = [];
  const body = xml.replace(/^<\?xml[^>]*\?>\n/, "");
  for (const token of body.split(/(<[^>]*>)/)) {
    if (token.startsWith("<")) {
      const m = /^<(\/?)([A-Za-z]+)((?:\s+[a-z]+="[^"<&]*(?:&(?:amp|lt|gt|quot|apos);[^"<&]*)*")*)\s*(\/?)>$/.exec(token);
      if (m === null) return false;
      if (m[1] === "/") {
        if (stack.pop() !== m[2]) return false;
      } else if (m[4] !== "/") stack.push(m[2] as string);
    } else if (/[<>]|&(?!(amp|lt|gt|quot|apos);)/.test(token)) return false;
  }
  return stack.length === 0;
}

describe("junit", () => {
  test("one testsuite per rule, one testcase per judged subject, a failure per subject with findings", async () => {
    const r = await result(INSECURE, { sourceDir: INSECURE_SRC });
    const xml = render("junit", r);
    expect(wellFormed(xml)).toBe(true);
    expect(wellFormed("<a><b></a></b>")).toBe(false);
    const suites = [...xml.matchAll(/<testsuite name="(APIGW-\d{3}) [^"]*" tests="(\d+)" failures="(\d+)"/g)];
    expect(suites.map((m) => m[1])).toEqual(catalog.rules.map((rule) => rule.id).sort());
    for (const [, id, tests, failures] of suites) {
      const rule = catalog.rules.find((m) => m.id === id);
      const subjects = r.judged?.subjects.filter((s) => rule?.subjects.includes(s.type)).map((s) => s.address) ?? [];
      const failing = new Set(r.findings.filter((f) => f.rule_id === id).map((f) => f.address));
      expect(Number(tests)).toBe(new Set([...subjects, ...failing]).size);
      expect(Number(failures)).toBe(failing.size);
    }
    // A passing subject is an empty test case; a failing one carries the message and the fix.
    expect(xml).toContain('<testcase classname="APIGW-001" name="aws_api_gateway_stage.prod" file="plans/rest-insecure/main.tf">');
    expect(xml).toMatch(/<failure type="medium \(blocking\)" message="Stage aws_api_gateway_stage.prod has no execution logging/);
    const totals = /<testsuites name="policy-check" tests="(\d+)" failures="(\d+)"/.exec(xml);
    expect(Number(totals?.[2])).toBe(new Set(r.findings.map((f) => `${f.rule_id} ${f.address}`)).size);
  });

  test("--rule: only the evaluated rules have suites; a passing plan has no failures", async () => {
    const only = await check({ input: INSECURE, failOn: "medium", engine, rules: ["APIGW-401"] });
    const xml = render("junit", only);
    expect([...xml.matchAll(/<testsuite name="(APIGW-\d{3})/g)].map((m) => m[1])).toEqual(["APIGW-401"]);
    const secure = render("junit", await result(rel("plans/rest-secure/plan.json")));
    expect(secure).toMatch(/<testsuites name="policy-check" tests="\d+" failures="1"/); // the APIGW-203 info finding
    expect(wellFormed(secure)).toBe(true);
  });

  test("XML special characters and invalid control characters are escaped or dropped", async () => {
    const r = await result(INSECURE);
    const f = { ...(r.findings[0] as Finding), address: 'module.x["<a&b>"].aws_api_gateway_stage.s', message: 'bad "quote" & <tag> \u0001 end' };
    const xml = render("junit", { ...r, findings: [f], judged: { subjects: [], rules: [f.rule_id] } });
    expect(wellFormed(xml)).toBe(true);
    expect(xml).toContain('name="module.x[&quot;&lt;a&amp;b&gt;&quot;].aws_api_gateway_stage.s"');
    expect(xml).not.toContain("\u0001");
  });
});

describe("github", () => {
  test("one workflow command per finding: error when blocking, warning below, notice for info and unverifiable", async () => {
    for (const [input, extra] of [
      [INSECURE, { sourceDir: INSECURE_SRC }],
      [UNKNOWN, {}],
    ] as const) {
      const r = await result(input, extra);
      const lines = render("github", r).trimEnd().split("\n");
      expect(lines).toHaveLength(r.findings.length + 1);
      r.findings.forEach((f, i) => {
        const kind = isBlocking(f, "medium") ? "error" : f.unknown || f.severity === "info" ? "notice" : "warning";
        expect(lines[i]?.startsWith(`::${kind} `)).toBe(true);
        expect(lines[i]).toContain(`title=${escapeProperty(`${f.rule_id} ${f.title}`)}::`);
        if (f.source?.line !== undefined) expect(lines[i]).toContain(`file=plans/rest-insecure/main.tf,line=${f.source.line},`);
        else expect(lines[i]).not.toContain("file=");
      });
    }
  });

  test("escaping: a message or title cannot end the command or add properties", () => {
    expect(escapeData("a%b\r\nc")).toBe("a%25b%0D%0Ac");
    expect(escapeProperty("APIGW-1: a, b")).toBe("APIGW-1%3A a%2C b");
  });

  test("the Markdown summary is appended to $GITHUB_STEP_SUMMARY when it is set", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "pc-gh-"));
    try {
      const summary = path.join(dir, "summary.md");
      writeFileSync(summary, "earlier step\n");
      const io = capture({ GITHUB_STEP_SUMMARY: summary });
      expect(await run(["--format", "github", INSECURE], io)).toBe(1);
      expect(io.out.join("")).toMatch(/^::error /);
      const written = readFileSync(summary, "utf8");
      expect(written.startsWith("earlier step\n### policy-check: 31 blocking findings")).toBe(true);
      // Not set: nothing else is written.
      const plain = capture({});
      expect(await run(["--format", "github", INSECURE], plain)).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("markdown", () => {
  test("summary table by severity, findings grouped by resource, collapsed fixes, no ANSI", async () => {
    const r = await result(INSECURE, { sourceDir: INSECURE_SRC });
    const md = render("markdown", r);
    expect(md).not.toContain("\u001b");
    for (const sev of SEVERITIES) expect(md).toContain(`| ${sev} | ${r.summary.by_severity[sev]} |`);
    expect(md).toContain(`| **blocking** | **${r.summary.blocking}** |`);
    const headers = [...md.matchAll(/^#### `([^`]+)`/gm)].map((m) => m[1]);
    expect(headers).toEqual([...new Set(r.findings.map((f) => f.address))]);
    expect(md).toContain("#### `aws_api_gateway_stage.prod` (`plans/rest-insecure/main.tf:");
    const fixes = [...md.matchAll(/<details><summary>How to fix (APIGW-\d{3})/g)].map((m) => m[1]);
    expect(fixes).toEqual([...new Set(r.findings.filter((f) => !f.unknown).map((f) => f.rule_id))].sort());
    expect(md.length).toBeLessThan(65_536);
  });

  test("stays under GitHub's comment limit on a huge run, and says how many findings it left out", async () => {
    const r = await result(INSECURE);
    const many = Array.from({ length: 3000 }, (_, i) => ({
      ...(r.findings[i % r.findings.length] as Finding),
      address: `aws_api_gateway_stage.s${String(i).padStart(4, "0")}`,
    }));
    const md = render("markdown", { ...r, findings: many });
    expect(md.length).toBeLessThanOrEqual(MARKDOWN_BUDGET + 1000);
    const shown = [...md.matchAll(/^\| [^|]+ \| \[?APIGW-\d{3}\b/gm)].length;
    expect(shown).toBeGreaterThan(100);
    expect(md).toContain(`_${3000 - shown} more findings not shown`);
  });
});

describe("every format", () => {
  test.each(REPORTERS.map((r) => r.name))("%s: two runs give the same bytes", async (format) => {
    const outputs: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      const io = capture({});
      await run(["--format", format, "--source-dir", INSECURE_SRC, INSECURE], io);
      expect(io.err).toEqual([]);
      outputs.push(io.out.join(""));
    }
    expect(outputs[0]?.length).toBeGreaterThan(100);
    expect(outputs[1]).toBe(outputs[0]);
  });
});

describe("--format NAME=FILE", () => {
  test("several formats in one run, each to its own file, one to standard output; --format json --output FILE as before", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "pc-fmt-"));
    try {
      const sarif = path.join(dir, "out.sarif");
      const junit = path.join(dir, "out.xml");
      const io = capture({});
      expect(await run(["--format", `sarif=${sarif}`, `--format=junit=${junit}`, "--format", "text", INSECURE], io)).toBe(1);
      expect(io.out.join("")).toMatch(/FAILED: 31 findings at or above medium/);
      expect((JSON.parse(readFileSync(sarif, "utf8")) as SarifLog).version).toBe("2.1.0");
      expect(readFileSync(junit, "utf8")).toMatch(/^<\?xml/);

      const json = path.join(dir, "report.json");
      const legacy = capture({});
      expect(await run(["--format", "json", "--output", json, INSECURE], legacy)).toBe(1);
      expect(legacy.out).toEqual([]);
      expect((JSON.parse(readFileSync(json, "utf8")) as { findings: unknown[] }).findings).toHaveLength(45);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test.each([
    [["--format", "sarif", "--format", "text"], /both write to standard output/],
    [["--format", "sarif=a.sarif", "--format", "junit=a.sarif"], /both write to a\.sarif/],
    [["--format", "sarif="], /needs a file name/],
    [["--format", "yaml=x"], /unknown format "yaml"/],
  ])("%j is a usage error (exit 2)", async (args, message) => {
    const io = capture({});
    expect(await run([...args, INSECURE], io)).toBe(2);
    expect(io.err.join("")).toMatch(message);
  });
});

describe("formats loaded by name (the CLI's registry) and JSON written in pieces", () => {
  test("the registry names every format, in REPORTERS' order, and loads the same reporter", () => {
    expect(REPORT_FORMATS).toEqual(REPORTERS.map((r) => r.name));
    for (const reporter of REPORTERS) expect(loadReporter(reporter.name)).toBe(reporter);
    expect(loadReporter("yaml")).toBeUndefined();
  });

  test("jsonPieces joined is jsonText, at every streamed depth, for what JSON.stringify leaves out or escapes too", () => {
    const value = {
      a: 1,
      empty: [],
      none: {},
      list: [1, "x\u2028y\u202e", { gone: undefined, kept: null, fn: () => 1 }, undefined, () => 2],
      skipped: undefined,
      date: new Date(0),
      custom: { toJSON: () => "as JSON" },
      "\u0085key": { deep: { deeper: [[], [{}], ["a\nb", "\u001b"]] } },
      mapped: new MappedList([{ id: 1 }, { id: 2, more: [3] }], (item) => ({ ...item, extra: "x" })),
      mappedEmpty: new MappedList([], (item) => item),
      // Members written from the table of recurring texts, beside ones that are not strings or are left out.
      repeated: new MappedList(
        [0, 1, 2, 3],
        (i) => ({
          title: ["t\u2028", "plain", "t\u2028", "x\u0007"][i],
          text: i === 1 ? undefined : `line\nnext ${i}`,
          // What JSON.stringify escapes, and what it writes as it is: a quote, a backslash, DEL, a pair and a lone half of one.
          quoted: ['say "hi"', "back\\slash", "del\u007f", "pair \ud83d\ude00 lone \ud800 end \udc00"][i],
          fn: () => i,
          none: null,
          flag: i % 2 === 0,
          n: i === 3 ? NaN : i,
          source: { kind: "plan", file: "p\u202e.json", line: i === 2 ? undefined : 4, deep: { list: ["\u0085", {}] } },
          date: new Date(i),
          "\u2066title": "title",
          empty: {},
          list: [],
        }),
        ["title", "kind", "file", "text"],
      ),
    };
    for (const depth of [0, 1, 2, 3, 6]) expect([...jsonPieces(value, depth)].join("")).toBe(jsonText(JSON.parse(JSON.stringify(value)) as unknown));
    for (const scalar of [[], {}, "text", 5, null]) expect([...jsonPieces(scalar, 2)].join("")).toBe(jsonText(scalar));
  });

  test.each([
    ["json", (doc: { findings: unknown[] }) => doc.findings],
    ["sarif", (doc: SarifLog) => doc.runs[0]?.results],
    ["codequality", (doc: unknown[]) => doc],
  ] as Array<[string, (doc: never) => unknown[] | undefined]>)(
    "a big %s report comes in pieces that end between values, and joins to render's text",
    async (format, listed) => {
      const base = await result(INSECURE);
      const waiver = { reason: "accepted\u2028risk", owner: null, expires: null, source: ".policy-check.yaml:4", expired: false };
      // Unsafe characters in what varies, waived and baselined findings, and (SARIF) findings the change resolves.
      const findings = Array.from({ length: 400 }, (_, i) =>
        base.findings.map((f, j) => ({
          ...f,
          address: `${f.address}_${i}${i % 7 === 0 ? "\u202e" : ""}`,
          message: `${f.message}${j % 3 === 0 ? " \u0085next" : ""}`,
          ...(j % 4 === 0 ? { waiver } : {}),
          ...(j % 5 === 0 ? { baselined: true } : j % 5 === 1 ? { baselined: false } : {}),
          // Members a finding may lack or carry: no page, no source, no change; the input of a run of several.
          ...(j % 6 === 0 ? { help_uri: undefined, source: null, change: undefined } : {}),
          ...(i % 2 === 0 ? { input: `plans/${i}\u2029.json` } : {}),
        })),
      ).flat();
      const resolved = base.findings.slice(0, 3).map((f) => ({ ...f, resolution: "fixed" as const }));
      // Members set to undefined are outside the type (a JavaScript caller may pass them): left out, as JSON.stringify does.
      const big = { ...base, findings, ...(base.review === undefined ? {} : { review: { ...base.review, resolved } }) } as CheckResult;
      const reporter = reporterByName(format);
      const options = { color: false, catalog };
      const pieces = [...(reporter?.pieces?.(big, options) ?? [])];
      expect(pieces.length).toBeGreaterThan(2);
      expect(pieces.join("")).toBe(reporter?.render(big, options));
      // JSON's render is its pieces joined: the whole document by one JSON.stringify is the independent twin.
      if (format === "json") expect(pieces.join("")).toBe(jsonText(jsonDocument(big)));
      expect(listed(JSON.parse(pieces.join("")) as never)?.length).toBeGreaterThanOrEqual(findings.length);
      // Never inside a string: every piece leaves an even number of quotes (escapes left out) behind it.
      let quotes = 0;
      for (const piece of pieces) {
        quotes += piece.replace(/\\./g, "").split('"').length - 1;
        expect(quotes % 2).toBe(0);
      }
    },
  );
});
