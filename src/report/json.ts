/** `--format json`: the stable machine contract (key names are part of the public API). */
import { UNSAFE_CHARACTERS } from "../printable";
import type { Reporter } from "./types";

/**
 * JSON text for the JSON-based reports (json, sarif, codequality), their one escaping place. JSON.stringify
 * already writes C0 controls as `\u001b`; DEL, C1 controls, the line and paragraph separators and the
 * bidirectional overrides it leaves raw are written as `\uXXXX` too (they can only occur inside strings,
 * so the parsed value is unchanged), so no raw character in the file is one a log viewer would act on.
 */
export function jsonText(value: unknown): string {
  // C0 characters outside strings are the indentation's own line breaks: left alone.
  const text = JSON.stringify(value, null, 2).replace(UNSAFE_CHARACTERS, (ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return code < 0x20 ? ch : `\\u${code.toString(16).padStart(4, "0")}`;
  });
  return `${text}\n`;
}

export const jsonReporter: Reporter = {
  name: "json",
  render(result) {
    const document = {
      version: result.version,
      input: result.input,
      ...(result.source_dir === undefined ? {} : { source_dir: result.source_dir }),
      findings: result.findings.map((f) => ({
        rule_id: f.rule_id,
        severity: f.severity,
        title: f.title,
        address: f.address,
        message: f.message,
        remediation: f.remediation,
        help_uri: f.help_uri ?? null,
        unknown: f.unknown,
        source: f.source,
        ...(f.change === undefined ? {} : { change: f.change }),
        ...(f.waiver === undefined ? {} : { waiver: f.waiver }),
        ...(f.baselined === true ? { baselined: true } : {}),
        ...(f.input === undefined ? {} : { input: f.input }),
      })),
      // Before against after (plans): findings the change resolves and settings it alters, weaker first.
      ...(result.review === undefined ? {} : { resolved: result.review.resolved, settings: result.review.settings }),
      summary: result.summary,
      ...(result.inputs === undefined ? {} : { inputs: result.inputs }),
      ...(result.configuration === undefined ? {} : { configuration: result.configuration }),
      ...(result.baseline === undefined ? {} : { baseline: result.baseline }),
      ...(result.waiver_issues === undefined || result.waiver_issues.length === 0 ? {} : { waiver_issues: result.waiver_issues }),
    };
    return jsonText(document);
  },
};
