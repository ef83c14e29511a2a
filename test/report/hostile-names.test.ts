/**
 * Reports cannot be used to attack a CI log: a real fixture plan whose resource name and stage-variable key
 * carry a newline with a workflow command, ESC sequences, BEL, CR, U+2028, Markdown pipes and backticks and
 * HTML goes through the real CLI (real WASM) in every format. Human formats show those characters as visible
 * escapes; machine formats stay valid and keep the exact value, with no raw character a log viewer acts on.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { run, type Io } from "../../src/cli/main";
import { REPORTERS } from "../../src/report";
import { PLANS } from "../helpers/cli";

/** Every character class the reports must neutralise, in one name. */
const HOSTILE = "x\n  ::warning file=a.tf::pwned\u001b[31mred\u0007bell\rcr\u2028ls\u0085nel|pipe`tick<script>alert(1)</script>";
const ADDRESS = `aws_api_gateway_stage.fail_password_literal${HOSTILE}`;
const KEY = `client_secret${HOSTILE}`;

/** Raw characters no report may contain outside its own structure (C0 but LF/TAB, DEL, C1, separators). */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

/** Every string inside a parsed JSON value. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (typeof value !== "object" || value === null) return [];
  return Object.values(value).flatMap(strings);
}

let dir: string;
let plan: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "pc-hostile-"));
  // A mutation of a real plan: the names are replaced wherever they occur, so the plan stays consistent.
  const text = readFileSync(path.join(PLANS, "apigw-502-fail", "plan.json"), "utf8");
  const inJson = (s: string): string => JSON.stringify(s).slice(1, -1);
  const mutated = text
    .split("fail_password_literal")
    .join(inJson(`fail_password_literal${HOSTILE}`))
    .split('"clientSecret"')
    .join(JSON.stringify(KEY));
  plan = path.join(dir, "plan.json");
  writeFileSync(plan, mutated);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function report(format: string): Promise<string> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), stdoutIsTty: false, env: {} };
  expect(await run(["--rule", "APIGW-502", "--format", format, plan], io)).toBe(1);
  expect(err).toEqual([]);
  return out.join("");
}

test("the mutated plan really carries the hostile name and key (the test can fail)", async () => {
  const document = JSON.parse(await report("json")) as { findings: Array<{ address: string; message: string }> };
  expect(document.findings.map((f) => f.address)).toContain(ADDRESS);
  expect(document.findings.some((f) => f.message.includes(KEY))).toBe(true);
});

describe.each(["text", "github", "markdown"])("%s", (format) => {
  test("no raw control character, no injected line, and the name still shows (escaped)", async () => {
    const text = await report(format);
    expect(text).not.toMatch(RAW_CONTROL);
    // No line a runner would take for a workflow command, indented or not, except the report's own.
    const lines = text.split("\n");
    for (const line of lines) if (/^\s*::/.test(line)) expect(format).toBe("github");
    expect(text).toContain("pwned");
    expect(text).toMatch(/\\x1b\[31mred/);
    expect(text).toContain("\\x07bell");
    if (format !== "markdown") expect(text).toContain("\\u2028ls");
  });
});

test("github: one command per finding, and the injected `::warning` stays inside its annotation", async () => {
  const text = await report("github");
  const lines = text.trimEnd().split("\n");
  const json = JSON.parse(await report("json")) as { findings: unknown[] };
  expect(lines).toHaveLength(json.findings.length + 1);
  for (const line of lines.slice(0, -1)) expect(line).toMatch(/^::(error|warning|notice) title=[^:]*::/);
  const hostile = lines.find((l) => l.includes("pwned")) ?? "";
  // GitHub's own escaping: LF and CR as %0A / %0D, so the message cannot end the command.
  expect(hostile).toContain("x%0A  ::warning file=a.tf::pwned");
  expect(hostile).toContain("%0Dcr");
});

test("text: the text report's ESC codes are only its own colours", async () => {
  const out: string[] = [];
  const io: Io = { stdout: (t) => out.push(t), stderr: () => undefined, stdoutIsTty: true, env: {} };
  await run(["--rule", "APIGW-502", plan], io);
  const text = out.join("");
  const escapes = [...text.matchAll(/\u001b\[([0-9;]*)m/g)].map((m) => m[1]);
  expect(escapes.length).toBeGreaterThan(0);
  expect(text.replace(/\u001b\[[0-9;]*m/g, "")).not.toMatch(RAW_CONTROL);
  expect(escapes).not.toContain("31mred");
});

test("markdown: pipes, backticks and HTML cannot break the tables or reach the page", async () => {
  const text = await report("markdown");
  expect(text).toContain("&lt;script&gt;");
  // Raw HTML only inside code spans, which Markdown shows literally.
  for (const line of text.split("\n").filter((l) => l.includes("<script>"))) expect(line).toMatch(/^#### ``? /);
  for (const row of text.split("\n").filter((l) => l.startsWith("| "))) {
    // Unescaped pipes delimit cells: every row of a findings table has exactly four, the summary two or three.
    const pipes = row.replace(/\\\|/g, "").split("|").length - 1;
    expect([3, 4]).toContain(pipes);
  }
  // The heading's code span is fenced past the longest backtick run inside, on one line.
  const heading = text.split("\n").find((l) => l.startsWith("#### ") && l.includes("pwned")) ?? "";
  expect(heading).toMatch(
    /^#### `` aws_api_gateway_stage\.fail_password_literalx {3}::warning file=a\.tf::pwned\\x1b\[31mred\\x07bell cr ls\\x85nel\|pipe`tick<script>alert\(1\)<\/script> `` \(`[^`]+`\)$/,
  );
});

test("junit: well-formed, nothing raw a log viewer acts on, the name kept as escapes", async () => {
  const xml = await report("junit");
  expect(xml).not.toMatch(RAW_CONTROL);
  expect(xml).not.toContain("<script>");
  expect(xml).toContain("&lt;script&gt;");
  // Attributes carry newlines as character references, so parsers do not turn them into spaces.
  expect(xml).toContain(
    "fail_password_literalx&#10;  ::warning file=a.tf::pwned\\x1b[31mred\\x07bell&#13;cr\\u2028ls\\x85nel|pipe`tick&lt;script&gt;",
  );
  const body = xml.replace(/^<\?xml[^>]*\?>\n/, "");
  for (const token of body.split(/(<[^>]*>)/)) {
    if (token.startsWith("<")) expect(token).toMatch(/^<\/?[A-Za-z]+(\s+[a-z]+="[^"<]*")*\s*\/?>$/);
    else expect(token).not.toMatch(/[<>]|&(?!(amp|lt|gt|quot|apos|#\d+);)/);
  }
});

test("html: no raw control character, no markup from the name (entities), the name still shows", async () => {
  const text = await report("html");
  expect(text).not.toMatch(RAW_CONTROL);
  expect(text).not.toContain("<script>");
  expect(text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  expect(text).toContain("pwned\\x1b[31mred\\x07bell");
  // Every tag is one of the report's own (no attribute value or text the name could break out of).
  const tags = new Set([...text.matchAll(/<\/?([A-Za-z][A-Za-z0-9]*)/g)].map((m) => (m[1] ?? "").toLowerCase()));
  expect([...tags].filter((t) => !OWN_HTML_TAGS.includes(t))).toEqual([]);
});

const OWN_HTML_TAGS =
  "html head meta title style body h1 h2 h3 p code table thead tbody tr th td details summary span div svg defs marker path g rect text".split(" ");

describe.each(["json", "sarif", "codequality"])("%s", (format) => {
  test("valid JSON with the exact name, and no raw control character in the file", async () => {
    const text = await report(format);
    expect(text).not.toMatch(RAW_CONTROL);
    expect(strings(JSON.parse(text)).some((v) => v.includes(ADDRESS))).toBe(true);
    expect(text).toContain("\\u2028ls\\u0085nel");
  });
});

test("every format is covered", () => {
  expect(REPORTERS.map((r) => r.name).sort()).toEqual(["codequality", "github", "html", "json", "junit", "markdown", "sarif", "text"]);
});
