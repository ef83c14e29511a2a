#!/usr/bin/env node
/**
 * `policy-check-pre-commit FILE...`: the pre-commit hook (.pre-commit-hooks.yaml). pre-commit passes the
 * changed files; each directory holding one is a Terraform configuration, judged once with the HCL scan
 * (`policy-check DIR`), in sorted order. Options before the files (the hook's `args`, e.g. `--fail-on high`)
 * go to every scan. The exit code is the worst of the scans: 2 for an error, 1 for blocking findings.
 */
import path from "node:path";
import { EXIT } from "../findings";
import { commandUsage, splitCheckOptions } from "./args";
import { run, runAsProcess, type Io } from "./main";

export function changedDirectories(files: readonly string[]): string[] {
  const dirs = new Set<string>();
  for (const file of files) if (/\.tf(\.json)?$|\.tfvars(\.json)?$/.test(file)) dirs.add(path.dirname(file));
  return [...dirs].sort();
}

const PRE_COMMIT_USAGE = `Usage: policy-check-pre-commit [options] FILE...

The pre-commit hook: each directory holding a changed .tf, .tf.json, .tfvars or .tfvars.json file is judged
once with the Terraform source scan (policy-check DIR). The options are policy-check's and go to every scan;
the exit code is the worst of the scans (2: an error, 1: blocking findings).`;

export async function runPreCommit(argv: readonly string[], io: Io): Promise<number> {
  // The check command's own option table tells options (and their values) from the changed files; a usage
  // error is thrown, and runAsProcess prints it as one line with exit 2.
  const { options, files } = splitCheckOptions(argv);
  if (options.includes("--help") || options.includes("-h")) {
    io.stdout(`${PRE_COMMIT_USAGE}\n\n${commandUsage("check")}\n`);
    return EXIT.PASS;
  }
  let worst: number = EXIT.PASS;
  for (const dir of changedDirectories(files)) {
    io.stdout(`policy-check ${dir}\n`);
    const code = await run([...options, dir], io);
    worst = code === EXIT.ERROR || worst === EXIT.ERROR ? EXIT.ERROR : Math.max(worst, code);
  }
  return worst;
}

if (require.main === module) runAsProcess(runPreCommit);
