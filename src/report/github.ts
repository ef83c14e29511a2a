/**
 * `--format github`: GitHub Actions workflow commands, one annotation per finding (`::error` for blocking
 * findings, `::warning` for the others, `::notice` for info findings and unverifiable reports), with file and line when the
 * source is known. The CLI also appends the Markdown report to `$GITHUB_STEP_SUMMARY` when it is set
 * (appendStepSummary).
 */
import { appendFileSync } from "node:fs";
import { isBlocking, type CheckResult, type Finding } from "../findings";
import { findingPath } from "./location";
import { renderMarkdown } from "./markdown";
import type { Reporter } from "./types";
import { PolicyCheckError } from "../errors";
import { printable } from "../printable";

/**
 * Workflow command escaping, the GitHub report's one escaping place: actions/toolkit's `escapeData` (`%`, CR
 * and LF, so a value can neither end the command nor start another line), after every other control
 * character is spelled out (`\x1b`), since the log viewer would act on terminal escapes.
 */
export function escapeData(text: string): string {
  return printable(text, "\r\n").replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

function command(f: Finding, result: CheckResult): string {
  // Informational findings (info severity, unverifiable reports) are notices unless --fail-on info blocks them.
  const kind = isBlocking(f, result.summary.fail_on, result.summary.change?.fail_on_new)
    ? "error"
    : f.unknown || f.severity === "info"
      ? "notice"
      : "warning";
  const props: string[] = [];
  // Annotations attach to files of the repository: only a known source line names one (a plan JSON does not).
  const file = f.source?.line === undefined ? null : findingPath(result, f);
  if (file !== null && f.source?.line !== undefined) props.push(`file=${escapeProperty(file)}`, `line=${f.source.line}`);
  props.push(`title=${escapeProperty(`${f.rule_id} ${f.title}`)}`);
  const label = f.unknown ? "unverifiable" : f.severity;
  const docs = f.help_uri === undefined ? "" : ` Docs: ${f.help_uri}`;
  return `::${kind} ${props.join(",")}::${escapeData(`${f.address} (${label}): ${f.message}${docs}`)}`;
}

export const githubReporter: Reporter = {
  name: "github",
  render(result) {
    const s = result.summary;
    const lines = result.findings.map((f) => command(f, result));
    lines.push(
      `policy-check: ${s.resources_judged} resources judged, ${s.findings} findings, ${s.blocking} at or above ${s.fail_on}` +
        `${s.unverifiable > 0 ? `, ${s.unverifiable} unverifiable` : ""}.`,
    );
    return `${lines.join("\n")}\n`;
  },
};

/** Appends the Markdown report to the job summary file GitHub Actions names in `$GITHUB_STEP_SUMMARY`. */
export function appendStepSummary(env: NodeJS.ProcessEnv, result: CheckResult, redact: (text: string) => string): void {
  const file = env["GITHUB_STEP_SUMMARY"];
  if (file === undefined || file === "") return;
  try {
    appendFileSync(file, redact(renderMarkdown(result)));
  } catch (error) {
    throw new PolicyCheckError("OUTPUT", `cannot append the job summary (${(error as NodeJS.ErrnoException).code ?? "error"})`, { input: file });
  }
}
