/**
 * `--format text`, for a terminal or a CI log. The summary line comes first and last (the verdict is visible
 * wherever the log is cut), then one of two layouts of the same findings:
 *
 * - full (the default): findings grouped by resource, the groups with the most severe finding first and the
 *   findings by severity inside each; each finding has its message (wrapped), the fix in one sentence and the
 *   link to its rule's page, which holds the full fix (`policy-check explain ID` prints it).
 * - compact (`--compact`): one line a finding (label, rule, address, file:line, title), then each rule's page
 *   once.
 *
 * Informational notices a rule repeats on many resources (an internet-facing endpoint per REGIONAL API) are
 * collapsed to one entry per rule. `--quiet` keeps only the blocking findings and the summary.
 *
 * For a plan, the change leads (src/review): a sentence counting what it introduces, resolves and weakens,
 * then the findings it introduces, the settings it weakens, what it resolves, and last what was already there.
 */
import { SEVERITIES, type Severity } from "../engine/severity";
import { isBlocking, isWaived, type CheckResult, type Finding, type FindingWaiver } from "../findings";
import { printable } from "../printable";
import { leadSentence, settingsByApi, settingsToReview } from "./review";
import { painter, type Style } from "./style";
import type { Reporter } from "./types";
import { sourcePath } from "./location";

/**
 * The text report's one escaping place: every string that comes from the input or the bundle is shown with
 * control characters spelled out (`\x1b`), so only the report's own colour codes and line breaks reach the
 * terminal.
 */
function show(text: string): string {
  return printable(text, "");
}

const SEVERITY_STYLE: Record<Severity, Style[]> = {
  critical: ["bold", "magenta"],
  high: ["bold", "red"],
  medium: ["yellow"],
  low: ["cyan"],
  info: ["dim"],
};

/** Lines are wrapped to this width (a long address or URL, which cannot be broken, may exceed it). */
const WIDTH = 100;
const LABEL_WIDTH = 12;
/** Continuation lines line up under the rule ID: two spaces, the label, one space. */
const INDENT = " ".repeat(2 + LABEL_WIDTH + 1);

/**
 * Words of `text` filled into lines of at most `width` characters after `indent`. A word starting with `::`
 * never begins a line: a CI runner would take such a line for a workflow command.
 */
export function wrap(text: string, indent: string, width = WIDTH): string[] {
  return fill(
    text.split(/\s+/).filter((w) => w !== ""),
    indent,
    width,
  );
}

/** `words` filled into lines (see wrap); a word is never broken, so an item with spaces stays on one line. */
function fill(words: readonly string[], indent: string, width = WIDTH): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    if (line !== "" && indent.length + line.length + 1 + word.length > width && !word.startsWith("::")) {
      lines.push(`${indent}${line}`);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(`${indent}${line}`);
  return lines;
}

/** The remediation's first paragraph on one line, as a sentence (the full fix, with code, is on the rule's page). */
export function remediationSummary(remediation: string): string {
  const first = (remediation.split(/\n\s*\n/)[0] ?? "").replace(/\s+/g, " ").trim();
  return first.endsWith(":") ? `${first.slice(0, -1)}.` : first;
}

/**
 * Where the finding is written: its construct path (CDKTF), `file:line`, or the file, as a path from where the
 * command ran (the other reports use the same path).
 */
function location(result: CheckResult, finding: Finding): string | null {
  const source = finding.source;
  if (source === null) return null;
  if (source.construct_path !== undefined) return show(source.construct_path);
  // Several inputs: each finding's file is named from its own input (`infra/app/main.tf`).
  const file = sourcePath(finding.input === undefined ? result : { ...result, input: finding.input }, source) ?? source.file;
  return source.line === undefined ? show(file) : `${show(file)}:${source.line}`;
}

/**
 * The compact layout's location: file:line or construct path; nothing for a plan file without source lines
 * (every finding would repeat the input's name).
 */
function compactLocation(result: CheckResult, finding: Finding): string | null {
  const source = finding.source;
  if (source === null || (source.line === undefined && source.construct_path === undefined && source.file === result.input)) return null;
  return location(result, finding);
}

function waiverLine(w: FindingWaiver): string {
  const who = `owner ${show(w.owner ?? "none")}`;
  if (w.expired) return `Waiver EXPIRED on ${show(w.expires ?? "?")} (${show(w.source)}, ${who}): blocking again. Reason was: ${show(w.reason)}`;
  const peer = w.peer === undefined ? "" : ` ${w.peer.scanner === "checkov" ? "checkov:skip=" : `${w.peer.scanner}:ignore:`}${show(w.peer.id)}`;
  return `Waived (${show(w.source)}${peer}, ${who}${w.expires === null ? "" : `, until ${show(w.expires)}`}): ${show(w.reason)}`;
}

function label(f: Finding): string {
  return isWaived(f) ? "WAIVED" : f.unknown ? "UNVERIFIABLE" : f.severity.toUpperCase();
}

/** Sort key: most severe first; a waived finding (never blocking) after every severity. */
function rank(f: Finding): number {
  return isWaived(f) ? SEVERITIES.length : SEVERITIES.indexOf(f.severity);
}

/** An informational finding that blocks nothing and needs no decision: a candidate for collapsing. */
function isNotice(f: Finding, failOn: Severity): boolean {
  return f.severity === "info" && !f.unknown && f.waiver === undefined && !isBlocking(f, failOn);
}

interface Group {
  header: string;
  findings: Finding[];
}

/**
 * The findings to list, grouped by resource (keyed by file too: two CDKTF stacks may hold the same address),
 * groups with the most severe finding first (input order among equals), findings by severity within a group;
 * and the notices collapsed per rule (a rule with one notice keeps it in its group).
 */
function arrange(result: CheckResult, quiet: boolean): { groups: Group[]; notices: Finding[][] } {
  const failOn = result.summary.fail_on;
  // Baselined findings (--baseline) are known debt: listed apart (render), not among the new ones.
  const fresh = result.findings.filter((f) => f.baselined !== true);
  const shown = quiet ? fresh.filter((f) => isBlocking(f, failOn, result.summary.change?.fail_on_new)) : fresh;
  const noticesByRule = new Map<string, Finding[]>();
  for (const f of shown) if (isNotice(f, failOn)) noticesByRule.set(f.rule_id, [...(noticesByRule.get(f.rule_id) ?? []), f]);
  const notices = [...noticesByRule.values()].filter((list) => list.length > 1);
  const collapsed = new Set(notices.flat());
  const byKey = new Map<string, Group>();
  for (const f of shown) {
    if (collapsed.has(f)) continue;
    const key = `${f.address}\0${f.source?.file ?? ""}\0${f.input ?? ""}`;
    const where = location(result, f);
    const group = byKey.get(key) ?? { header: `${show(f.address)}${where === null ? "" : ` (${where})`}`, findings: [] };
    group.findings.push(f);
    byKey.set(key, group);
  }
  const groups = [...byKey.values()];
  for (const g of groups) g.findings.sort((a, b) => rank(a) - rank(b));
  // Each group is sorted by rank just above: its first finding is its worst (no Math.min(...): a group may hold 100,000).
  const worst = (g: Group): number => rank(g.findings[0] as Finding);
  groups.sort((a, b) => worst(a) - worst(b));
  notices.sort((a, b) => ((a[0] as Finding).rule_id < (b[0] as Finding).rule_id ? -1 : 1));
  return { groups, notices };
}

/**
 * A plan's findings are listed by change when the change has more to tell than "everything is new": findings
 * already there, resolved ones or weakened settings. A plan of creates only keeps the plain layout.
 */
function splitsByChange(result: CheckResult): boolean {
  const review = result.review;
  if (review?.comparable !== true) return false;
  return result.findings.some((f) => f.change === "existing") || review.resolved.length > 0 || settingsToReview(result).length > 0;
}

function summaryLine(result: CheckResult, paint: ReturnType<typeof painter>): string {
  const s = result.summary;
  const counts = SEVERITIES.filter((sev) => s.by_severity[sev] > 0).map((sev) => `${s.by_severity[sev]} ${sev}`);
  const scope = s.change?.fail_on_new === true ? " introduced by this change" : "";
  const weakened = s.change?.blocking_weakened ?? 0;
  const failures = [
    ...(s.blocking > 0 ? [`${s.blocking} finding${s.blocking === 1 ? "" : "s"} at or above ${s.fail_on}${scope}`] : []),
    ...(weakened > 0 ? [`${weakened} weakened setting${weakened === 1 ? "" : "s"}`] : []),
  ];
  const verdict =
    failures.length > 0
      ? paint(["bold", "red"], `FAILED: ${failures.join(", ")}`)
      : paint("green", `PASSED: nothing at or above ${s.fail_on}${scope}${s.change?.fail_on_weakened === true ? ", no weakened setting" : ""}`);
  return (
    `${s.resources_judged} API Gateway resource${s.resources_judged === 1 ? "" : "s"} judged, ` +
    `${s.findings} finding${s.findings === 1 ? "" : "s"}${counts.length > 0 ? ` (${counts.join(", ")})` : ""}` +
    `${s.unverifiable > 0 ? `, ${s.unverifiable} unverifiable` : ""}${(s.waived ?? 0) > 0 ? `, ${s.waived} waived` : ""}` +
    `${(s.baselined ?? 0) > 0 ? `, ${s.baselined} baselined` : ""}. ${verdict}.`
  );
}

export const textReporter: Reporter = {
  name: "text",
  render(result, { color, layout = "full", quiet = false }) {
    const paint = painter(color);
    const tag = (f: Finding): string => paint(isWaived(f) ? "dim" : SEVERITY_STYLE[f.severity], label(f).padEnd(LABEL_WIDTH));
    const { groups, notices } = arrange(result, quiet);
    const body: string[] = [];
    const docs = new Map<string, string>();
    const noteDocs = (f: Finding): void => {
      if (f.help_uri !== undefined) docs.set(f.rule_id, f.help_uri);
    };

    if (layout === "compact") {
      const rows: Array<{ f: Finding; subject: string; where: string | null }> = [
        ...groups.flatMap((g) => g.findings.map((f) => ({ f, subject: show(f.address), where: compactLocation(result, f) }))),
        ...notices.map((list) => ({
          f: list[0] as Finding,
          subject: `${show((list[0] as Finding).address)} and ${list.length - 1} more`,
          where: null,
        })),
      ];
      // Columns line up (an address longer than the cap just pushes its own line).
      const subjectWidth = Math.min(Math.max(0, ...rows.map((r) => r.subject.length)), 60);
      const whereWidth = Math.min(Math.max(0, ...rows.map((r) => (r.where ?? "").length)), 40);
      for (const { f, subject, where } of rows) {
        const columns = [
          `${tag(f)} ${show(f.rule_id).padEnd(9)}`,
          subject.padEnd(subjectWidth),
          ...(whereWidth > 0 ? [(where ?? "").padEnd(whereWidth)] : []),
          show(f.title),
        ];
        body.push(columns.join("  "));
        noteDocs(f);
      }
      if (docs.size > 0) {
        body.push("", paint("bold", "Rule pages (policy-check explain ID prints one):"));
        for (const [id, url] of [...docs.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) body.push(`  ${show(id).padEnd(10)} ${show(url)}`);
      }
    } else if (splitsByChange(result)) {
      const part = (change: string): ReturnType<typeof arrange> =>
        arrange({ ...result, findings: result.findings.filter((f) => f.change === change) }, quiet);
      const introduced = part("introduced");
      const existing = part("existing");
      const section = (title: string, lines: string[]): void => {
        if (lines.length === 0) return;
        if (body.length > 0) body.push("");
        body.push(paint("bold", title), "");
        for (const line of lines) body.push(line); // one at a time: a huge plan's lines overflow the stack as arguments
      };
      section("Introduced by this change:", fullBody(introduced.groups, introduced.notices));
      const settings = settingsToReview(result);
      const settingLines: string[] = [];
      for (const [api, rows] of settingsByApi(settings)) {
        settingLines.push(paint("bold", show(api)));
        for (const r of rows) {
          settingLines.push(
            `  ${paint(r.verdict === "weaker" ? ["bold", "red"] : "dim", r.verdict.toUpperCase().padEnd(LABEL_WIDTH))} ${show(r.setting)}: ${show(r.before)} -> ${show(r.after)}`,
            ...wrap(`${show(r.address)}: ${show(r.reason)}`, INDENT),
          );
        }
      }
      section("Settings this change weakens:", settingLines);
      if (!quiet) {
        const resolved = (result.review?.resolved ?? []).map(
          (r) => `  ${show(r.rule_id)}  ${show(r.address)} (${r.resolution === "deleted" ? "resource deleted" : "fixed"}): ${show(r.title)}`,
        );
        section("Resolved by this change:", resolved);
      }
      // With --quiet, only the blocking ones (arrange filtered them): without --fail-on-new they block too.
      section("Already there before this change:", fullBody(existing.groups, existing.notices));
    } else {
      for (const line of fullBody(groups, notices)) body.push(line);
    }
    function fullBody(groups: Group[], notices: Finding[][]): string[] {
      const body: string[] = [];
      for (const g of groups) {
        if (body.length > 0) body.push("");
        body.push(paint("bold", g.header));
        for (const f of g.findings) {
          body.push(`  ${tag(f)} ${show(f.rule_id)}  ${show(f.title)}`, ...wrap(show(f.message), INDENT));
          // The waiver on one line, whole (greppable: who accepted what, until when).
          if (f.waiver !== undefined) body.push(`${INDENT}${waiverLine(f.waiver)}`);
          if (!f.unknown) body.push(...wrap(`Fix: ${show(remediationSummary(f.remediation))}`, INDENT));
          if (f.help_uri !== undefined) body.push(`${INDENT}Docs: ${show(f.help_uri)}`);
        }
      }
      if (notices.length > 0) {
        if (body.length > 0) body.push("");
        body.push(paint("bold", "Notices (informational, not blocking), one entry per rule:"));
        for (const list of notices) {
          const first = list[0] as Finding;
          body.push(`  ${tag(first)} ${show(first.rule_id)}  ${show(first.title)} (${list.length} resources)`);
          // Each resource with its construct path (two CDKTF stacks may hold the same address), never split.
          const items = list.map((f) => `${show(f.address)}${f.source?.construct_path === undefined ? "" : ` (${show(f.source.construct_path)})`}`);
          body.push(
            ...fill(
              items.map((item, i) => (i < items.length - 1 ? `${item},` : item)),
              INDENT,
            ),
          );
          if (first.help_uri !== undefined) body.push(`${INDENT}Docs: ${show(first.help_uri)}`);
        }
      }
      return body;
    }

    const baselined = quiet ? [] : result.findings.filter((f) => f.baselined === true);
    if (baselined.length > 0) {
      if (body.length > 0) body.push("");
      body.push(paint("bold", `Baselined in ${show(result.baseline?.file ?? "the baseline")} (not blocking):`));
      for (const f of baselined) {
        const where = location(result, f);
        body.push(`  ${f.severity.padEnd(8)} ${show(f.rule_id)}  ${show(f.address)}${where === null ? "" : ` (${where})`}`);
      }
    }
    const resolved = quiet ? [] : (result.baseline?.resolved ?? []);
    if (resolved.length > 0) {
      if (body.length > 0) body.push("");
      body.push(paint("bold", `Resolved since the baseline (${show(result.baseline?.file ?? "")}):`));
      for (const e of resolved) body.push(`  ${show(e.rule_id)} ${show(e.address)}`);
    }
    const issues = quiet ? [] : (result.waiver_issues ?? []);
    if (issues.length > 0) {
      if (body.length > 0) body.push("");
      body.push(paint("bold", "Waivers to review:"));
      for (const w of issues) {
        const what = w.kind === "expired" ? `expired on ${w.expires ?? "?"}, no longer waives` : "stale, matches no finding";
        body.push(`  ${show(w.rule)} ${show(w.address)} (${show(w.source)}): ${what}; owner ${show(w.owner ?? "none")}: ${show(w.reason)}`);
      }
    }
    const summary = summaryLine(result, paint);
    // The sentence about the change leads what is listed; with nothing listed, the summary line alone says it all.
    const lead = leadSentence(result);
    const lines = body.length === 0 ? [summary] : [summary, ...(lead === null ? [] : [lead]), "", ...body, "", summary];
    // Which configuration applied, and what it changed, above everything else.
    const applied = result.configuration;
    if (applied !== undefined) {
      const changes = [
        ...(applied.disabled_rules.length > 0 ? [`disabled ${applied.disabled_rules.join(", ")}`] : []),
        ...Object.entries(applied.severity_overrides).map(([id, sev]) => `${id} graded ${sev}`),
      ];
      lines.unshift(`Configuration: ${show(applied.file)}${changes.length > 0 ? ` (${show(changes.join("; "))})` : ""}`);
    }
    return `${lines.join("\n")}\n`;
  },
};
