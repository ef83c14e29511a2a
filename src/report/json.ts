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
      })),
      summary: result.summary,
    };
    return `${JSON.stringify(document, null, 2)}\n`;
  },
};
