/**
 * `--format markdown`: a report sized for a pull-request comment (GitHub allows 65,536 characters): a
 * summary table by severity, findings grouped by resource, each rule's remediation once in a collapsed
 * block. Plain Markdown, no ANSI codes, the findings' order (so the same run gives the same bytes).
 */
import { SEVERITIES, type Severity } from "../engine/severity";
import { isBlocking, isWaived, type ApiGraph, type CheckResult, type Finding } from "../findings";
import { printable } from "../printable";
import { graphsOf, nodeCaption, nodeSeverity, SEVERITY_COLOURS, worstByAddress, type NodeSeverity } from "./diagram";
import { findingPath } from "./location";
import { leadSentence, settingsByApi, settingsToReview } from "./review";
import type { Reporter } from "./types";

/** Room kept under GitHub's 65,536-character comment limit for the summary and the truncation note. */
export const MARKDOWN_BUDGET = 60_000;

/**
 * The Markdown report's escaping, in two forms: every string from the input or the bundle goes through one
 * of them. Both put the text on one line (no injected headings, lists or workflow-command lines) with
 * control characters spelled out (`\x1b`).
 */
function oneLine(text: string): string {
  return printable(text.replace(/[\t\n\r\u2028\u2029]+/g, " ")).trim();
}

/**
 * Running text and table cells: Markdown punctuation backslash-escaped (no links, images, emphasis or
 * column breaks: a `|` would split a table row), `<`, `>` and `&` as entities (no HTML).
 */
function cell(text: string): string {
  return oneLine(text)
    .replace(/[\\`*_[\]|~!#]/g, "\\$&")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/**
 * A code span: shown literally (no Markdown, no HTML inside), fenced with one backtick more than the longest
 * run of backticks in it. Not for table cells, where a `|` still ends the cell.
 */
function code(text: string): string {
  const safe = oneLine(text);
  const ticks = Math.max(0, ...[...safe.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(ticks + 1);
  return ticks > 0 ? `${fence} ${safe} ${fence}` : `${fence}${safe}${fence}`;
}

/**
 * The rule ID linked to its page. Only http(s) URLs become links (a custom rule's related resource could be
 * anything); characters that would end the link or the table cell are percent-encoded.
 */
function ruleLink(f: Finding): string {
  const url = f.help_uri;
  if (url === undefined || !/^https?:\/\/[^\s]+$/.test(url)) return cell(f.rule_id);
  const target = encodeURI(decodeURIComponentSafe(url)).replace(
    /[()|<>\\`*_[\]~!]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );
  return `[${cell(f.rule_id)}](${target})`;
}

function decodeURIComponentSafe(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

function label(f: Finding, result: CheckResult): string {
  if (f.unknown) return "unverifiable";
  if (isWaived(f)) return `${f.severity} (waived)`;
  return isBlocking(f, result.summary.fail_on, result.summary.change?.fail_on_new) ? `**${f.severity}**` : f.severity;
}

export function renderMarkdown(result: CheckResult): string {
  const s = result.summary;
  const head: string[] = [];
  head.push(
    s.blocking > 0
      ? `### policy-check: ${s.blocking} blocking finding${s.blocking === 1 ? "" : "s"} (at or above ${s.fail_on}${s.change?.fail_on_new === true ? ", introduced" : ""})`
      : (s.change?.blocking_weakened ?? 0) > 0
        ? `### policy-check: ${s.change?.blocking_weakened ?? 0} weakened setting${s.change?.blocking_weakened === 1 ? "" : "s"} block`
        : `### policy-check: nothing at or above ${s.fail_on}`,
    "",
    ...(leadSentence(result) === null ? [] : [`**${cell(leadSentence(result) ?? "")}**`, ""]),
    `${s.resources_judged} API Gateway resource${s.resources_judged === 1 ? "" : "s"} judged in ${code(result.input)}.`,
    "",
    "| Severity | Findings |",
    "|---|---:|",
    ...SEVERITIES.map((sev) => `| ${sev} | ${s.by_severity[sev]} |`),
    `| unverifiable (included above as info) | ${s.unverifiable} |`,
    `| **blocking** | **${s.blocking}** |`,
  );
  const body: string[] = [];
  let shown = 0;
  let size = head.join("\n").length;
  let current: string | null = null;
  // A plan's review: introduced findings first, then the weakened settings, then (collapsed) what was there.
  const comparable = result.review?.comparable === true;
  const ordered = comparable
    ? [...result.findings.filter((f) => f.change === "introduced"), ...result.findings.filter((f) => f.change !== "introduced")]
    : result.findings;
  let collapsed = false;
  let opened = false;
  const changeSection = comparable ? reviewSection(result) : "";
  if (comparable && ordered[0]?.change === "introduced") body.push("", "#### Introduced by this change");
  const startCollapsed = (): void => {
    if (!comparable || collapsed) return;
    collapsed = true;
    const existing = result.summary.change?.existing ?? 0;
    opened = existing > 0;
    const details = `\n\n<details><summary>${existing} finding${existing === 1 ? " was" : "s were"} already there before this change</summary>\n`;
    const text = `${changeSection}${opened ? details : ""}`;
    size += text.length;
    body.push(text);
  };
  for (const f of ordered) {
    if (f.change === "existing") startCollapsed();
    const group = `${f.address}\0${f.source?.file ?? ""}`;
    const lines: string[] = [];
    if (group !== current) {
      const file = findingPath(result, f);
      const where = f.source?.construct_path ?? (file === null ? null : f.source?.line === undefined ? file : `${file}:${f.source.line}`);
      lines.push("", `#### ${code(f.address)}${where === null ? "" : ` (${code(where)})`}`, "", "| Severity | Rule | Finding |", "|---|---|---|");
    }
    lines.push(`| ${label(f, result)} | ${ruleLink(f)} | ${cell(f.title)}: ${cell(f.message)} |`);
    const text = lines.join("\n");
    if (size + text.length > MARKDOWN_BUDGET) break;
    current = group;
    size += text.length;
    body.push(text);
    shown += 1;
  }
  startCollapsed();
  if (opened) body.push("", "</details>");
  if (shown < result.findings.length) {
    body.push(
      "",
      `_${result.findings.length - shown} more finding${result.findings.length - shown === 1 ? "" : "s"} not shown (comment size limit); run \`policy-check\` locally or see the JSON or SARIF report for all._`,
    );
  }
  // Each rule's fix once, collapsed, for the rules of the findings shown.
  const fixes = new Map<string, Finding>();
  for (const f of ordered.slice(0, shown)) if (!f.unknown && !fixes.has(f.rule_id)) fixes.set(f.rule_id, f);
  const fixLines: string[] = [];
  for (const f of [...fixes.values()].sort((a, b) => (a.rule_id < b.rule_id ? -1 : 1))) {
    const snippet = printable(f.remediation, "\n").replace(/```/g, "'''");
    const block = [
      "",
      `<details><summary>How to fix ${cell(f.rule_id)}: ${cell(f.title)}</summary>`,
      "",
      "```hcl",
      snippet,
      "```",
      "",
      "</details>",
    ].join("\n");
    if (size + block.length > MARKDOWN_BUDGET) break;
    size += block.length;
    fixLines.push(block);
  }
  // The pictures last in the budget: findings and fixes first, then each API's diagram while it fits.
  const pictures = diagramSection(result, MARKDOWN_BUDGET - size);
  return `${[...head, ...pictures, ...body, ...fixLines].join("\n")}\n`;
}

/**
 * A Mermaid label: every character but letters, digits and a few harmless ones as a Mermaid entity code
 * (`#34;`), so no quote, bracket, pipe or HTML in an address can end the label or inject markup.
 */
function mermaidText(text: string): string {
  return oneLine(text).replace(/[^A-Za-z0-9 ._:/()-]/g, (ch) => `#${ch.codePointAt(0) ?? 0};`);
}

/** Mermaid class names, one per severity and one per plan action (`sev-high` is not a valid class name). */
const SEVERITY_CLASS: Record<NodeSeverity, string> = {
  critical: "sevCritical",
  high: "sevHigh",
  medium: "sevMedium",
  low: "sevLow",
  info: "sevInfo",
  none: "sevNone",
};

/** One API's change as a Mermaid flowchart: nodes coloured by their worst finding, marked by plan action. */
export function mermaidDiagram(graph: ApiGraph, worst: ReadonlyMap<string, Severity>): string {
  const lines = ["```mermaid", "flowchart LR"];
  const ids = new Map<string, string>();
  graph.nodes.forEach((n, i) => ids.set(n.address, `n${i}`));
  for (const n of graph.nodes) lines.push(`  ${ids.get(n.address) ?? ""}["${mermaidText(n.address)}<br/>${mermaidText(nodeCaption(n))}"]`);
  for (const e of graph.edges) lines.push(`  ${ids.get(e.from) ?? ""} --> ${ids.get(e.to) ?? ""}`);
  const used = new Set<string>();
  for (const n of graph.nodes) {
    const sev = SEVERITY_CLASS[nodeSeverity(n, worst)];
    used.add(sev);
    lines.push(`  class ${ids.get(n.address) ?? ""} ${sev}`);
    if (n.action !== "unchanged") {
      used.add(n.action);
      lines.push(`  class ${ids.get(n.address) ?? ""} ${n.action}`);
    }
  }
  for (const [sev, name] of Object.entries(SEVERITY_CLASS) as [NodeSeverity, string][]) {
    if (used.has(name)) lines.push(`  classDef ${name} fill:${SEVERITY_COLOURS[sev].fill},color:${SEVERITY_COLOURS[sev].text}`);
  }
  if (used.has("added")) lines.push("  classDef added stroke:#1a7f37,stroke-width:3px");
  if (used.has("changed")) lines.push("  classDef changed stroke:#9a6700,stroke-width:3px");
  if (used.has("replaced")) lines.push("  classDef replaced stroke:#8250df,stroke-width:3px");
  if (used.has("deleted")) lines.push("  classDef deleted stroke:#cf222e,stroke-width:3px,stroke-dasharray:5 5");
  lines.push("```");
  return lines.join("\n");
}

/** Each changed API's diagram while it fits in `room` characters; a note counts the ones left out. */
function diagramSection(result: CheckResult, room: number): string[] {
  const graphs = graphsOf(result);
  if (graphs.length === 0) return [];
  const worst = worstByAddress(result);
  const title = "\n#### The change, per API (colour: worst finding; border: added, changed, replaced, deleted)";
  const note = (n: number): string => `\n_${n} API diagram${n === 1 ? "" : "s"} not shown (comment size limit)._`;
  const out: string[] = [];
  let used = title.length + note(graphs.length).length;
  let dropped = 0;
  for (const g of graphs) {
    const block = `\n${code(g.api)}\n\n${mermaidDiagram(g, worst)}`;
    if (dropped > 0 || used + block.length > room) {
      dropped += 1;
      continue;
    }
    used += block.length;
    out.push(block);
  }
  if (dropped > 0) out.push(note(dropped));
  return out.length === 0 ? [] : [title, ...out];
}

/**
 * An address in a table cell: a code span (shown as written, as headers show addresses), its `|` escaped, which
 * GitHub reads as part of the span rather than the end of the cell.
 */
function codeCell(text: string): string {
  return code(text).replace(/\|/g, "\\|");
}

/** The weakened settings per API and the resolved findings (collapsed), for a plan's review. */
function reviewSection(result: CheckResult): string {
  const lines: string[] = [];
  const settings = settingsToReview(result);
  if (settings.length > 0) {
    lines.push("", "#### Settings this change weakens", "", "| API | Resource | Setting | Before | After | Verdict |", "|---|---|---|---|---|---|");
    for (const [api, rows] of settingsByApi(settings)) {
      for (const r of rows) {
        lines.push(
          `| ${codeCell(api)} | ${codeCell(r.address)} | ${cell(r.setting)} | ${cell(r.before)} | ${cell(r.after)} | ${r.verdict === "weaker" ? "**weaker**" : r.verdict}: ${cell(r.reason)} |`,
        );
      }
    }
  }
  const resolved = result.review?.resolved ?? [];
  if (resolved.length > 0) {
    lines.push("", `<details><summary>${resolved.length} finding${resolved.length === 1 ? "" : "s"} resolved by this change</summary>`, "");
    lines.push("| Rule | Resource | How |", "|---|---|---|");
    for (const r of resolved)
      lines.push(`| ${cell(r.rule_id)} | ${codeCell(r.address)} | ${r.resolution === "deleted" ? "resource deleted" : "fixed"} |`);
    lines.push("", "</details>");
  }
  return lines.join("\n");
}

export const markdownReporter: Reporter = {
  name: "markdown",
  render(result) {
    return renderMarkdown(result);
  },
};
