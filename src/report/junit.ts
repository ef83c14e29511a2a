/**
 * `--format junit`: JUnit XML as GitLab (`artifacts:reports:junit`) and Jenkins (`junit` step) read it. One
 * testsuite per evaluated rule, one testcase per subject the rule judges (a resource of one of its subject
 * types, or any resource it reported), a failure for each finding. Unverifiable reports are failures of type
 * `unverifiable`, so they show up in the merge request instead of passing silently.
 */
import type { RuleMetadata } from "../engine/rules";
import { isBlocking, isWaived, type CheckResult, type Finding } from "../findings";
import { printable } from "../printable";
import { sourcePath } from "./location";
import type { Reporter } from "./types";

const CHARACTER_REFERENCES: Record<string, string> = { "\t": "&#9;", "\n": "&#10;", "\r": "&#13;" };

/**
 * The JUnit report's one escaping place. Control characters are spelled out (`\x1b`: XML 1.0 cannot carry
 * most of them, and a log viewer showing the file would act on them); what XML 1.0 cannot carry at all
 * (lone surrogates, U+FFFE) is dropped; markup characters become entities. CR is always a character
 * reference (raw, it would overwrite a line in a log); in an attribute, tab and LF too, which parsers would
 * otherwise turn into spaces.
 */
export function xmlEscape(text: string, attribute = true): string {
  return printable(text, "\t\n\r")
    .replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(attribute ? /[\t\n\r]/g : /\r/g, (ch) => CHARACTER_REFERENCES[ch] ?? ch);
}

interface Case {
  name: string;
  file: string | null;
  findings: Finding[];
}

/** Two CDKTF stacks can hold the same address: a subject is its address within its file. */
function key(address: string, file: string | null | undefined): string {
  return `${address}\0${file ?? ""}`;
}

function failureType(f: Finding, result: CheckResult): string {
  if (f.unknown) return "unverifiable";
  if (isWaived(f)) return `${f.severity} (waived)`;
  return isBlocking(f, result.summary.fail_on, result.summary.change?.fail_on_new) ? `${f.severity} (blocking)` : f.severity;
}

export const junitReporter: Reporter = {
  name: "junit",
  render(result, { catalog }) {
    const byId = new Map((catalog?.rules ?? []).map((r) => [r.id, r]));
    const ruleIds = [...new Set([...(result.judged?.rules ?? [...byId.keys()]), ...result.findings.map((f) => f.rule_id)])].sort();
    const subjectsByType = new Map<string, Array<{ address: string; file: string | null }>>();
    for (const s of result.judged?.subjects ?? []) {
      const list = subjectsByType.get(s.type) ?? [];
      list.push({ address: s.address, file: s.source === null ? null : sourcePath(result, s.source) });
      subjectsByType.set(s.type, list);
    }
    const findingsByRule = new Map<string, Finding[]>();
    for (const f of result.findings) {
      const list = findingsByRule.get(f.rule_id) ?? [];
      list.push(f);
      findingsByRule.set(f.rule_id, list);
    }
    const suites: string[] = [];
    let totalTests = 0;
    let totalFailures = 0;
    for (const id of ruleIds) {
      const rule: RuleMetadata | undefined = byId.get(id);
      const cases = new Map<string, Case>();
      for (const type of rule?.subjects ?? []) {
        for (const s of subjectsByType.get(type) ?? []) cases.set(key(s.address, s.file), { name: s.address, file: s.file, findings: [] });
      }
      for (const f of findingsByRule.get(id) ?? []) {
        const file = f.source === null ? null : sourcePath(result, f.source);
        const k = key(f.address, file);
        const c = cases.get(k) ?? { name: f.address, file, findings: [] };
        c.findings.push(f);
        cases.set(k, c);
      }
      const ordered = [...cases.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, c]) => c);
      const failures = ordered.filter((c) => c.findings.length > 0).length;
      totalTests += ordered.length;
      totalFailures += failures;
      const title = rule?.title ?? findingsByRule.get(id)?.[0]?.title ?? id;
      const lines = [`  <testsuite name="${xmlEscape(`${id} ${title}`)}" tests="${ordered.length}" failures="${failures}" errors="0" skipped="0">`];
      for (const c of ordered) {
        const attrs = `classname="${xmlEscape(id)}" name="${xmlEscape(c.name)}"${c.file === null ? "" : ` file="${xmlEscape(c.file)}"`}`;
        if (c.findings.length === 0) {
          lines.push(`    <testcase ${attrs}/>`);
          continue;
        }
        // One failure per test case (what GitLab and Jenkins display); every finding's message is in its text.
        const first = c.findings[0] as Finding;
        const body = c.findings
          .map(
            (f) =>
              `[${f.unknown ? "unverifiable" : f.severity}] ${f.message}${f.unknown ? "" : `\n\nHow to fix:\n${f.remediation}`}${f.help_uri === undefined ? "" : `\n\nDocs: ${f.help_uri}`}`,
          )
          .join("\n\n");
        lines.push(
          `    <testcase ${attrs}>`,
          `      <failure type="${xmlEscape(failureType(first, result))}" message="${xmlEscape(first.message)}">${xmlEscape(body, false)}</failure>`,
          "    </testcase>",
        );
      }
      lines.push("  </testsuite>");
      suites.push(lines.join("\n"));
    }
    return [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<testsuites name="policy-check" tests="${totalTests}" failures="${totalFailures}" errors="0">`,
      ...suites,
      "</testsuites>",
      "",
    ].join("\n");
  },
};
