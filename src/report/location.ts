/**
 * Where a finding lives, as a path a code host understands (relative to where the command ran): shared by
 * the SARIF, GitHub, Code Quality, JUnit and Markdown reports.
 */
import path from "node:path";
import type { CheckResult, Finding } from "../findings";
import type { SourceLocation } from "../model/types";

/** The finding's file, relative to the working directory (see sourcePath). */
export function findingPath(result: CheckResult, finding: Finding): string | null {
  // With several inputs, each finding names its own.
  return sourcePath(finding.input === undefined ? result : { ...result, input: finding.input }, finding.source);
}

/**
 * A source location's file, relative to the working directory. HCL sources are relative to the scanned
 * directory (`policy-check infra/` reports `main.tf`) and `--source-dir` locations to the source directory,
 * so they are joined with it; plan and CDKTF sources already are relative to the working directory.
 */
export function sourcePath(result: Pick<CheckResult, "input" | "source_dir">, source: SourceLocation | null): string | null {
  if (source === null) return result.input === "-" ? null : toPosix(result.input);
  const root =
    source.kind === "plan+source"
      ? (result.source_dir ?? null)
      : source.kind === "hcl" && result.input !== "-"
        ? /\.tf(\.json)?$/.test(result.input)
          ? path.dirname(result.input)
          : result.input
        : null;
  if (root === null) return toPosix(source.file);
  return toPosix(path.posix.normalize(path.posix.join(toPosix(root), toPosix(source.file))));
}

function toPosix(file: string): string {
  return file.split(path.sep).join("/");
}
