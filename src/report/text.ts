/**
 * `--format text`: findings grouped by resource address (severity, rule, title, message, the first line of
 * the fix), then each rule's full remediation once, then a one-line summary.
 */
import { SEVERITIES, type Severity } from "../engine/severity";
import type { Finding, FindingWaiver } from "../findings";
import { printable } from "../printable";
import type { Reporter } from "./types";

/**
 * The text report's one escaping place: every string that comes from the input or the bundle is shown with
 * control characters spelled out (`\x1b`), so only the report's own colour codes and line breaks reach the
 * terminal. `block` keeps the line breaks of multi-line text (remediation snippets).
 */
function show(text: string, block = false): string {
  return printable(text, block ? "\n" : "");
}

const COLORS: Record<Severity, string> = {
  critical: "\u001b[1;35m",
  high: "\u001b[1;31m",
  medium: "\u001b[33m",
  low: "\u001b[36m",
  info: "\u001b[2m",
};
const RESET = "\u001b[0m";
const BOLD = "\u001b[1m";

function indent(text: string, prefix: string): string {
  return text
    .trimEnd()
    .split("\n")
    .map((line) => (line === "" ? "" : `${prefix}${line}`))
    .join("\n");
}

/** The remediation's first paragraph on one line; the snippet follows once per rule under "How to fix". */
export function remediationSummary(remediation: string): string {
  const first = (remediation.split(/\n\s*\n/)[0] ?? "").replace(/\s+/g, " ").trim();
  return first.endsWith(":") ? `${first.slice(0, -1)} (snippet under "How to fix" below).` : first;
}

function where(finding: Finding): string {
  const source = finding.source;
  if (source === null) return "";
  if (source.construct_path !== undefined) return ` (${show(source.construct_path)})`;
  return source.line === undefined ? ` (${show(source.file)})` : ` (${show(source.file)}:${source.line})`;
}

function waiverLine(w: FindingWaiver): string {
  const who = `owner ${show(w.owner ?? "none")}`;
  if (w.expired) return `Waiver EXPIRED on ${show(w.expires ?? "?")} (${show(w.source)}, ${who}): blocking again. Reason was: ${show(w.reason)}`;
  return `Waived (${show(w.source)}, ${who}${w.expires === null ? "" : `, until ${show(w.expires)}`}): ${show(w.reason)}`;
}

export const textReporter: Reporter = {
  name: "text",
  render(result, { color }) {
    const paint = (code: string, text: string): string => (color ? `${code}${text}${RESET}` : text);
    const lines: string[] = [];
    let current: string | null = null;
    for (const f of result.findings) {
      // Keyed by file too: two CDKTF stacks may hold the same address, each under its own header.
      const group = `${f.address}\0${f.source?.file ?? ""}`;
      if (group !== current) {
        if (current !== null) lines.push("");
        current = group;
        lines.push(paint(BOLD, `${show(f.address)}${where(f)}`));
      }
      const waived = f.waiver !== undefined && !f.waiver.expired;
      const label = waived ? "WAIVED" : f.unknown ? "UNVERIFIABLE" : f.severity.toUpperCase();
      lines.push(`  ${paint(waived ? COLORS.info : COLORS[f.severity], label.padEnd(12))} ${show(f.rule_id)}  ${show(f.title)}`);
      lines.push(indent(show(f.message), "               "));
      if (f.waiver !== undefined) lines.push(`               ${waiverLine(f.waiver)}`);
      if (!f.unknown) lines.push(`               Fix: ${show(remediationSummary(f.remediation))}`);
    }
    const fixes = new Map<string, Finding>();
    for (const f of result.findings) if (!f.unknown && !fixes.has(f.rule_id)) fixes.set(f.rule_id, f);
    if (fixes.size > 0) {
      lines.push("", paint(BOLD, "How to fix:"));
      for (const f of [...fixes.values()].sort((a, b) => (a.rule_id < b.rule_id ? -1 : 1))) {
        lines.push(`  ${show(f.rule_id)}  ${show(f.title)}`, indent(show(f.remediation, true), "      "), "");
      }
      lines.pop();
    }
    const issues = result.waiver_issues ?? [];
    if (issues.length > 0) {
      lines.push("", paint(BOLD, "Waivers to review:"));
      for (const w of issues) {
        const what = w.kind === "expired" ? `expired on ${w.expires ?? "?"}, no longer waives` : "stale, matches no finding";
        lines.push(`  ${show(w.rule)} ${show(w.address)} (${show(w.source)}): ${what}; owner ${show(w.owner ?? "none")}: ${show(w.reason)}`);
      }
    }
    const s = result.summary;
    const counts = SEVERITIES.filter((sev) => s.by_severity[sev] > 0).map((sev) => `${s.by_severity[sev]} ${sev}`);
    const verdict =
      s.blocking > 0
        ? paint(COLORS.high, `FAILED: ${s.blocking} finding${s.blocking === 1 ? "" : "s"} at or above ${s.fail_on}`)
        : `PASSED: nothing at or above ${s.fail_on}`;
    if (lines.length > 0) lines.push("");
    lines.push(
      `${s.resources_judged} API Gateway resource${s.resources_judged === 1 ? "" : "s"} judged, ` +
        `${s.findings} finding${s.findings === 1 ? "" : "s"}${counts.length > 0 ? ` (${counts.join(", ")})` : ""}` +
        `${s.unverifiable > 0 ? `, ${s.unverifiable} unverifiable` : ""}${(s.waived ?? 0) > 0 ? `, ${s.waived} waived` : ""}. ${verdict}.`,
    );
    return `${lines.join("\n")}\n`;
  },
};
