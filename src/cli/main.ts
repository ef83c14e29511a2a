#!/usr/bin/env node
/**
 * The `policy-check` command: reads flags, runs the runner, picks a formatter, computes the exit code.
 * Every error becomes one line on stderr and exit code 2 (a stack trace only with --debug); never exit 0
 * after an error.
 */
import { writeFileSync } from "node:fs";
import { isPolicyCheckError, PolicyCheckError } from "../errors";
import { EXIT, exitCodeFor } from "../findings";
import { reporterByName } from "../report";
import { check } from "../runner";
import { VERSION } from "../version";
import { loadRuleCatalog } from "../engine/engine";
import { parseArgs, USAGE } from "./args";
import { renderRules } from "./rules";

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdoutIsTty: boolean;
  env: NodeJS.ProcessEnv;
}

export async function run(argv: readonly string[], io: Io): Promise<number> {
  const debug = argv.includes("--debug");
  try {
    const args = parseArgs(argv);
    if (args.command === "help") {
      io.stdout(`${USAGE}\n`);
      return EXIT.PASS;
    }
    if (args.command === "version") {
      io.stdout(`policy-check ${VERSION}\n`);
      return EXIT.PASS;
    }
    if (args.command === "rules") {
      io.stdout(renderRules(loadRuleCatalog(), args.format));
      return EXIT.PASS;
    }
    const result = await check({ input: args.input, failOn: args.failOn, rules: args.rules, ...(args.stack === null ? {} : { stack: args.stack }), varFiles: args.varFiles, ...(args.sourceDir === null ? {} : { sourceDir: args.sourceDir }) });
    const reporter = reporterByName(args.format);
    if (reporter === undefined) throw new Error(`reporter ${args.format} is not registered`);
    const color = args.output === null && io.stdoutIsTty && (io.env["NO_COLOR"] ?? "") === "";
    const text = reporter.render(result, { color });
    if (args.output === null) io.stdout(text);
    else writeReport(args.output, text);
    return exitCodeFor(result);
  } catch (error) {
    if (isPolicyCheckError(error)) {
      io.stderr(`${error.toLine()}\n`);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      io.stderr(`policy-check: internal error: ${message.split("\n")[0] ?? ""} (rerun with --debug for details)\n`);
    }
    if (debug && error instanceof Error && error.stack !== undefined) io.stderr(`${error.stack}\n`);
    return EXIT.ERROR;
  }
}

function writeReport(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (error) {
    throw new PolicyCheckError("OUTPUT", `cannot write report (${(error as NodeJS.ErrnoException).code ?? "error"})`, { input: file });
  }
}

if (require.main === module) {
  run(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stdoutIsTty: process.stdout.isTTY === true,
    env: process.env,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`policy-check: internal error: ${String(error)}\n`);
      process.exitCode = EXIT.ERROR;
    },
  );
}
