/** `--format json`: the stable machine contract (key names are part of the public API). */
import type { Reporter } from "./types";

export const jsonReporter: Reporter = {
  name: "json",
  render(result) {
    const document = {
      version: result.version,
      input: result.input,
      findings: result.findings.map((f) => ({
        rule_id: f.rule_id,
        severity: f.severity,
        title: f.title,
        address: f.address,
        message: f.message,
        remediation: f.remediation,
        unknown: f.unknown,
        source: f.source,
        ...(f.waiver === undefined ? {} : { waiver: f.waiver }),
      })),
      summary: result.summary,
      ...(result.waiver_issues === undefined || result.waiver_issues.length === 0 ? {} : { waiver_issues: result.waiver_issues }),
    };
    return `${JSON.stringify(document, null, 2)}\n`;
  },
};
