/**
 * Where a finding lives, as a path a code host understands (relative to where the command ran): shared by
 * the SARIF, GitHub and Markdown reports.
 */
import path from "node:path";
import type { CheckResult, Finding } from "../findings";

/**
 * The finding's file, relative to the working directory. HCL sources are relative to the scanned directory
 * (`policy-check infra/` reports `main.tf`), so they are joined with it; plan, `--source-dir` and CDKTF
 * sources already are relative to the working directory.
 */
export function findingPath(result: CheckResult, finding: Finding): string | null {
  const source = finding.source;
  if (source === null) return result.input === "-" ? null : toPosix(result.input);
  if (source.kind !== "hcl" || result.input === "-") return toPosix(source.file);
  const root = /\.tf(\.json)?$/.test(result.input) ? path.dirname(result.input) : result.input;
  return toPosix(path.posix.normalize(path.posix.join(toPosix(root), toPosix(source.file))));
}

function toPosix(file: string): string {
  return file.split(path.sep).join("/");
}
