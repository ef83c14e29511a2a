/**
 * `--format codequality`: GitLab's Code Quality report (a JSON array of Code Climate issues), shown in merge
 * request widgets and diffs. Severities map onto GitLab's five; the fingerprint is the SARIF one (rule +
 * address), so an issue keeps its identity between the source and the target branch.
 */
import type { Severity } from "../engine/severity";
import type { CheckResult } from "../findings";
import { jsonPieces, jsonText, MappedList } from "./json";
import { findingPath } from "./location";
import { fingerprint } from "./sarif";
import type { Reporter } from "./types";

const GITLAB_SEVERITY: Record<Severity, string> = { critical: "blocker", high: "critical", medium: "major", low: "minor", info: "info" };

/** The issues, put in Code Climate shape as they are written. */
function issues(result: CheckResult): MappedList<CheckResult["findings"][number]> {
  return new MappedList(
    result.findings,
    (f) => ({
      type: "issue",
      check_name: f.rule_id,
      description: `${f.rule_id} ${f.title}: ${f.message}${f.help_uri === undefined ? "" : ` Docs: ${f.help_uri}`}`,
      categories: ["Security"],
      severity: f.unknown ? "info" : GITLAB_SEVERITY[f.severity],
      fingerprint: fingerprint(f),
      // GitLab needs a path; without a known line, the first line of the input.
      location: { path: findingPath(result, f) ?? "-", lines: { begin: f.source?.line ?? 1 } },
    }),
    // Texts the same in many issues: the rule, the severity, the file.
    ["type", "check_name", "severity", "path"],
  );
}

export const codeQualityReporter: Reporter = {
  name: "codequality",
  render: (result) => jsonText(issues(result)),
  pieces: (result) => jsonPieces(issues(result), 0),
};
