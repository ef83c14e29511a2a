#!/usr/bin/env node
/**
 * The `policy-check` command: reads flags, runs the runner, picks a formatter, computes the exit code.
 * Every error becomes one line on stderr and exit code 2 (a stack trace only with --debug); never exit 0
 * after an error. Everything it writes (reports, the job summary, error lines, stack traces) passes through
 * the run's Redactor: no sensitive value of the input reaches any output.
 */
import path from "node:path";
import { closeSync, fstatSync, mkdirSync, openSync, writeSync } from "node:fs";
import { isPolicyCheckError, PolicyCheckError } from "../errors";
import { printable } from "../printable";
import { EXIT, exitCodeFor } from "../findings";
import { GRAPH_FORMATS, loadReporter } from "../report/registry";
import { check } from "../runner";
import { Redactor } from "../redact";
import { VERSION } from "../version";
import { loadRuleCatalog, tuneWebAssemblyTiering } from "../engine/engine";
import { commandUsage, parseArgs } from "./args";
import { renderExplain, renderRules } from "./rules";
import { colorWanted } from "../report/style";
import { prepareCheck, runBuild, runNewRule } from "./config-commands";
import { baselineText, readBaseline } from "../config/baseline";

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdoutIsTty: boolean;
  env: NodeJS.ProcessEnv;
  /** Where `.policy-check.yaml` is looked for (upward) and relative paths start; process.cwd() when absent. */
  cwd?: string;
}

export async function run(argv: readonly string[], rawIo: Io): Promise<number> {
  const debug = argv.includes("--debug");
  // The one output boundary: the runner adds the input's sensitive strings as it reads them.
  const redactor = new Redactor();
  const io: Io = { ...rawIo, stdout: (text) => rawIo.stdout(redactor.output(text)), stderr: (text) => rawIo.stderr(redactor.message(text)) };
  try {
    const cwd = io.cwd ?? process.cwd();
    const args = parseArgs(argv);
    if (args.command === "help") {
      io.stdout(`${commandUsage(args.topic)}\n`);
      return EXIT.PASS;
    }
    if (args.command === "build") return runBuild(args, io, cwd);
    if (args.command === "new rule") return runNewRule(args, io, cwd);
    if (args.command === "version") {
      io.stdout(`policy-check ${VERSION}\n`);
      return EXIT.PASS;
    }
    if (args.command === "explain") {
      io.stdout(renderExplain(args.rule));
      return EXIT.PASS;
    }
    if (args.command === "rules") {
      if (args.bundle === null) {
        io.stdout(renderRules(loadRuleCatalog(), args.format));
        return EXIT.PASS;
      }
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { unpackBundle } = require("../engine/bundle") as typeof import("../engine/bundle");
      const unpacked = unpackBundle(path.resolve(cwd, args.bundle), args.bundle);
      try {
        io.stdout(
          renderRules(
            unpacked.load((dir) => loadRuleCatalog(dir)),
            args.format,
          ),
        );
      } finally {
        unpacked.cleanup();
      }
      return EXIT.PASS;
    }
    // A bad baseline is an error before any work (exit 2, one line).
    const baseline = args.baseline === null ? undefined : readBaseline(args.baseline);
    const prepared = await prepareCheck(args, cwd);
    let result;
    try {
      result = await check({
        engine: prepared.engine,
        config: prepared.config,
        input: args.input,
        inputs: args.inputs,
        failOn: prepared.failOn,
        failOnNew: args.failOnNew,
        failOnWeakened: args.failOnWeakened,
        // Only the formats that draw them need the change's graphs (a third of the join at 10,000 resources).
        changeGraphs: args.reports.some((r) => GRAPH_FORMATS.includes(r.format)),
        rules: args.rules,
        skipRules: args.skipRules,
        peerWaivers: !args.noPeerWaivers,
        ...(baseline === undefined ? {} : { baseline }),
        ...(args.stack === null ? {} : { stack: args.stack }),
        varFiles: args.varFiles,
        ...(args.sourceDir === null ? {} : { sourceDir: args.sourceDir }),
        ...(args.terraformBin === null ? {} : { terraformBin: args.terraformBin }),
        env: io.env,
        notice: (line) => io.stderr(`policy-check: ${line}\n`),
        redactor,
      });
    } finally {
      prepared.cleanup();
    }
    // Rule metadata for the formats that describe every rule (SARIF, JUnit); rules.json is small.
    const catalog = prepared.engine.catalog;
    for (const target of args.reports) {
      const reporter = loadReporter(target.format);
      if (reporter === undefined) throw new Error(`reporter ${target.format} is not registered`);
      // Colour only on standard output; a report file is always plain.
      const color = target.output === null && colorWanted(args.color, io.env, io.stdoutIsTty);
      const layout = args.compact ? "compact" : "full";
      const options = { color, catalog, layout, quiet: args.quiet } as const;
      // A big report is rendered, redacted and written piece by piece: never one string of hundreds of MiB.
      const pieces = reporter.pieces?.(result, options) ?? [reporter.render(result, options)];
      // Every byte of a report passes one redaction, to standard output as to a file: this stream is the output
      // boundary for it, not io.stdout. (A second pass could match only text that the first one's replacements
      // form with their neighbours, never the input's own; it cost a fifth of writing a 10,000-resource report.)
      if (target.output === null) writePieces(pieces, redactor.outputStream(rawIo.stdout));
      else writeReport(target.output, pieces, redactor);
      if (target.format === "github") {
        // Loaded with the github format itself (src/report/registry.ts): a run without it never loads it.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { appendStepSummary } = require("../report/github") as typeof import("../report/github");
        appendStepSummary(io.env, result, (summary) => redactor.output(summary));
      }
    }
    if (args.createBaseline !== null) {
      const written = baselineText(result.findings, result.version);
      writeReport(args.createBaseline, [written.text]);
      io.stderr(`policy-check: wrote ${args.createBaseline} (${written.count} findings; use it with --baseline ${args.createBaseline})\n`);
    }
    // --soft-fail: findings never fail the run; errors (thrown above) still exit 2.
    return args.softFail ? EXIT.PASS : exitCodeFor(result);
  } catch (error) {
    if (isPolicyCheckError(error)) {
      io.stderr(`${error.toLine()}\n`);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      io.stderr(`policy-check: internal error: ${printable(message.split("\n")[0] ?? "")} (rerun with --debug for details)\n`);
    }
    if (debug && error instanceof Error && error.stack !== undefined) io.stderr(`${error.stack}\n`);
    return EXIT.ERROR;
  }
}

/** A report that cannot be written (a full disk, a closed pipe) is an error: the run's verdict would be lost. */
function outputError(where: string, error: unknown): PolicyCheckError {
  return new PolicyCheckError("OUTPUT", `cannot write report (${(error as NodeJS.ErrnoException).code ?? "error"})`, { input: where, cause: error });
}

/** After a failed write, that failure is the one to report: the descriptor is closed without another. */
function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // the write's error is already on its way
  }
}

/** Passes pieces of text through a redaction stream, to its end. */
function writePieces(pieces: Iterable<string>, stream: { write(piece: string): void; end(): void }): void {
  for (const piece of pieces) stream.write(piece);
  stream.end();
}

/** Writes a report file piece by piece, each redacted when a redactor is given. */
function writeReport(file: string, pieces: Iterable<string>, redactor?: Redactor): void {
  let fd: number;
  try {
    // `-o reports/out.sarif` in a fresh CI workspace: the directory is made.
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fd = openSync(file, "w");
  } catch (error) {
    throw outputError(file, error);
  }
  try {
    const write = (text: string): void => writeAllSync(fd, text, file);
    if (redactor === undefined) for (const piece of pieces) write(piece);
    else writePieces(pieces, redactor.outputStream(write));
  } catch (error) {
    closeQuietly(fd);
    throw error;
  }
  try {
    closeSync(fd);
  } catch (error) {
    throw outputError(file, error);
  }
}

/**
 * Writes all of `text` to a descriptor, synchronously, so a failure (EPIPE when the reader has gone, ENOSPC
 * on /dev/full) is thrown here, inside the run, instead of surfacing later as an unhandled stream error.
 */
export function writeAllSync(fd: number, text: string, where: string): void {
  // The string is written as it is (Node encodes it into memory of its own); its bytes are made only when a
  // write is cut short. A Buffer made for each piece of a report doubled the write's CPU time, with the
  // garbage collections its memory set off (a 23 MB report in 32 KiB pieces: 29 against 13 ms).
  const length = Buffer.byteLength(text, "utf8");
  let bytes: Buffer | null = null;
  let offset = 0;
  while (offset < length) {
    try {
      offset += bytes === null ? writeSync(fd, text) : writeSync(fd, bytes, offset, length - offset);
      if (offset < length) bytes ??= Buffer.from(text, "utf8");
    } catch (error) {
      // A non-blocking pipe whose reader is slow: wait for room.
      if ((error as NodeJS.ErrnoException).code === "EAGAIN") {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
        continue;
      }
      throw outputError(where, error);
    }
  }
}

/** Diagnostics must never turn into a second failure: one that cannot be written is dropped. */
function writeStderr(text: string): void {
  try {
    writeAllSync(2, text, "standard error");
  } catch {
    // Nowhere left to say it; the exit code still tells.
  }
}

/**
 * Whether standard output is a terminal. A pipe or a file never is: fstat says so without creating
 * process.stdout, whose stream for a pipe loads node:net, a cost at every start-up for a question already answered.
 */
function stdoutIsTerminal(): boolean {
  try {
    if (!fstatSync(1).isCharacterDevice()) return false;
  } catch {
    // Not answerable this way: process.stdout decides, as it always did.
  }
  return process.stdout.isTTY === true;
}

/**
 * Runs a CLI entry point as this process: real streams in, its result as the exit code, never exit 0 on a crash.
 * The process ends by `process.exit` as soon as the run is over, not by waiting for Node's event loop to run
 * dry: at that point Node 20 waits in `NodePlatform::DrainTasks` for the V8 platform's background tasks (JIT and
 * WebAssembly compile jobs), and a task that needs the main thread meanwhile deadlocks it, leaving the process
 * asleep forever (nodejs/node#54918, fixed upstream only in later releases; seen here as one CLI run in a few
 * thousand that never exited under load). Everything the CLI writes is written synchronously before this point
 * (writeAllSync) and evaluation workers are terminated, so there is nothing left to wait for.
 */
export function runAsProcess(entry: (argv: readonly string[], io: Io) => Promise<number>): void {
  // This process is the CLI's own: its WebAssembly tiering can suit short policy evaluations (engine.ts says why).
  tuneWebAssemblyTiering();
  entry(process.argv.slice(2), {
    stdout: (text) => writeAllSync(1, text, "standard output"),
    stderr: writeStderr,
    stdoutIsTty: stdoutIsTerminal(),
    env: process.env,
  }).then(
    (code) => process.exit(code),
    (error: unknown) => {
      writeStderr(
        isPolicyCheckError(error) ? `${error.toLine()}\n` : `policy-check: internal error: ${printable(String(error).split("\n")[0] ?? "")}\n`,
      );
      process.exit(EXIT.ERROR);
    },
  );
}

if (require.main === module) runAsProcess(run);
