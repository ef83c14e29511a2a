/**
 * The input registry: reads a path (or `-` for stdin) once and hands it to the first adapter that accepts
 * it. Adding an input format means adding an adapter to adapters(); nothing else changes. With ./types.ts, this
 * is ingest's whole surface for the layers above the model (test/architecture/layers.test.ts): the read, the
 * --source-dir stage, and the CDKTF stack reader the synth-time API judges a stack with.
 */
import { closeSync, constants, openSync, statSync } from "node:fs";
import { readFileBounded, readStdinBounded } from "../bounded-read";
import { PolicyCheckError } from "../errors";
import { MAX_PLAN_BYTES, STDIN_REREAD_BYTES } from "../limits";
import { parseJson } from "./json";
import { decodedText, decodeText } from "./text";
import { describeNonPlan, planAdapter } from "./plan/plan";
import type { InputAdapter, InputSource, IngestResult, JsonObject, ReadOptions } from "./types";

export { STACK_FILE } from "./cdktf/files";

/*
 * A plan file is read by the stream, or whole when small, by the plan adapter alone: the other adapters (the HCL parser and evaluator, CDKTF, the binary
 * plan's child process), the --source-dir stage and the roots search are loaded when an input needs them, so
 * a plan run's start-up does not pay for them. Literal require paths: the standalone binary's bundler
 * (scripts/package-binary.ts) still includes every one.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
let loadedAdapters: readonly InputAdapter[] | undefined;

/** Every adapter, in the order they are asked whether they accept an input. */
export function adapters(): readonly InputAdapter[] {
  loadedAdapters ??= [
    (require("./plan/binary") as typeof import("./plan/binary")).binaryPlanAdapter,
    planAdapter,
    (require("./cdktf/cdktf") as typeof import("./cdktf/cdktf")).cdktfAdapter,
    (require("./hcl/hcl") as typeof import("./hcl/hcl")).hclAdapter,
  ];
  return loadedAdapters;
}

/** --source-dir: the source's file/line and source-proven facts added to a plan (src/ingest/source-dir.ts). */
export function enrichFromSource(ingest: IngestResult, dir: string | undefined): IngestResult {
  if (dir === undefined) return ingest;
  return (require("./source-dir") as typeof import("./source-dir")).enrichFromSource(ingest, dir);
}

/** A synthesized CDKTF stack's document read as a configuration (the synth-time API). */
export function readStackDocument(document: unknown, file: string): IngestResult {
  return (require("./cdktf/stack") as typeof import("./cdktf/stack")).readStackDocument(document, file);
}

/** The streaming plan reader, loaded for plan files big enough to be streamed (WHOLE_READ_BYTES). */
function planStream(): typeof import("./plan/stream") {
  return require("./plan/stream") as typeof import("./plan/stream");
}

function findTerraformRoots(input: string): string[] | null {
  return (require("./hcl/roots") as typeof import("./hcl/roots")).findTerraformRoots(input);
}
/* eslint-enable @typescript-eslint/no-require-imports */

/** Library callers get PATH's terraform, no variables files and no notices; the CLI passes its flags, environment and stderr. */
const DEFAULT_OPTIONS: ReadOptions = { terraformBin: null, env: process.env, notice: () => undefined, varFiles: [] };

export function adapterByName(name: string): InputAdapter | undefined {
  return adapters().find((a) => a.name === name);
}

/** What a plan may weigh: one JavaScript string (see MAX_PLAN_BYTES). */
const PLAN_READ = { limit: MAX_PLAN_BYTES, kind: "a plan read as one string (MAX_PLAN_BYTES)" };

export function defaultReadStdin(): string {
  return decodeText(readStdinBounded(PLAN_READ), "-");
}

/** A plan read as a stream, or how to read the input as before (standard input is read once: what was read is kept). */
type Streamed = { result: IngestResult } | { reread: () => string } | null;

/**
 * A plan file up to this size is read whole (one string, JSON.parse): the same result as the stream (test/ingest/
 * plan-stream.test.ts) at a fraction of the cost on a small plan, whose run is mostly start-up. The stream's
 * tokenizer is JavaScript that has not been optimised yet at that point: the quick-start plan (74 KiB) took 15 ms
 * streamed against 9 ms read whole (median of 11 processes); at 1.4 MiB both cost about the same.
 */
const WHOLE_READ_BYTES = 1024 * 1024;

const NOT_A_PLAN = "not a Terraform plan: expected `format_version` and `resource_changes` from `terraform show -json PLANFILE`";

/**
 * Reads a plan file larger than WHOLE_READ_BYTES, or standard input, as a stream (plan/stream.ts); a smaller file
 * is read whole (null). Anything else (a directory, a binary
 * plan, a CDKTF stack) and any input the stream refuses is read again as one string (null, or `reread` for
 * standard input), whose reader names line and column in its errors: messages stay the same. Only an input
 * too large for one string gets the stream's own error.
 */
function streamInput(path: string): Streamed {
  let fd = 0;
  let size = 0;
  if (path !== "-") {
    try {
      const stat = statSync(path);
      if (!stat.isFile() || stat.size <= WHOLE_READ_BYTES) return null;
      size = stat.size;
      fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch {
      return null;
    }
  }
  let retained: Buffer[] | null = path === "-" ? [] : null;
  let kept = 0;
  const keep = (chunk: Buffer): void => {
    if (retained === null) return;
    kept += chunk.length;
    if (kept > STDIN_REREAD_BYTES) retained = null;
    else retained.push(Buffer.from(chunk));
  };
  const reread = (): Streamed | "too large" => {
    if (path !== "-") return size <= MAX_PLAN_BYTES ? null : "too large";
    if (retained === null) return "too large";
    const head = retained;
    return {
      reread: () => decodeText(Buffer.concat([...head, readStdinBounded({ ...PLAN_READ, limit: MAX_PLAN_BYTES - kept })]), "-"),
    };
  };
  const { NotAPlan, openPlanStream, readPlanStream, readStreamedPlan, StreamSyntaxError } = planStream();
  try {
    const { stream } = openPlanStream(fd, path, keep);
    if (stream === null) {
      const again = reread();
      if (again !== "too large") return again;
      throw new PolicyCheckError("INPUT_UNSUPPORTED", NOT_A_PLAN, { input: path });
    }
    return { result: readStreamedPlan(readPlanStream(stream, path), path) };
  } catch (error) {
    const again = reread();
    if (again !== "too large") return again;
    if (error instanceof PolicyCheckError) throw error;
    if (error instanceof StreamSyntaxError) {
      throw new PolicyCheckError("INPUT_INVALID_JSON", `invalid JSON at byte ${error.offset}: ${error.reason}`, { input: path });
    }
    if (error instanceof NotAPlan) throw new PolicyCheckError("INPUT_UNSUPPORTED", describeNonPlan(error.top) ?? NOT_A_PLAN, { input: path });
    const code = (error as NodeJS.ErrnoException).code;
    throw new PolicyCheckError("INPUT_UNREADABLE", `cannot read ${path === "-" ? "standard input" : "file"} (${code ?? "unknown error"})`, {
      input: path,
      cause: error,
    });
  } finally {
    if (path !== "-") closeSync(fd);
  }
}

function readSource(path: string, readStdin: () => string): InputSource {
  if (path === "-") {
    try {
      return { path, isDirectory: false, text: decodedText(readStdin(), path) };
    } catch (error) {
      if (error instanceof PolicyCheckError) throw error;
      throw new PolicyCheckError("INPUT_UNREADABLE", "cannot read standard input", { input: "-", cause: error });
    }
  }
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    throw new PolicyCheckError("INPUT_NOT_FOUND", "no such file or directory", { input: path });
  }
  if (isDirectory) return { path, isDirectory, text: null };
  return { path, isDirectory, text: decodeText(readFileBounded(path, PLAN_READ), path) };
}

/**
 * Binary content (a NUL byte near the start, as in a zip such as a saved plan) is never JSON, whatever the
 * file is called: adapters see it unparsed, and the error is not an "invalid JSON" one.
 */
function looksBinary(source: InputSource): boolean {
  return (source.text ?? "").slice(0, 1024).includes("\u0000");
}

/**
 * A directory no adapter reads as it is (no .tf files of its own, not a CDKTF output or project) stands for
 * the Terraform roots found below it (`policy-check infra/`); null for any other input.
 */
export function terraformRoots(input: string): string[] | null {
  if (input === "-") return null;
  try {
    if (!statSync(input).isDirectory()) return null;
  } catch {
    return null;
  }
  const source: InputSource = { path: input, isDirectory: true, text: null };
  if (adapters().some((a) => a.accepts(source))) return null;
  return findTerraformRoots(input);
}

/** JSON inputs are parsed once, before adapters look at them; anything else is left to adapters as text. */
function looksLikeJson(source: InputSource): boolean {
  if (looksBinary(source)) return false;
  const start = source.text?.trimStart()[0];
  return start === "{" || start === "[" || source.path.endsWith(".json") || source.path === "-";
}

const VAR_FILE_USAGE = "--var-file applies only to Terraform source (a directory of .tf files, or a .tf file)";

/** Reads an input with the first adapter that accepts it; `readStdin` replaces standard input (tests). */
export function readInput(path: string, given: Partial<ReadOptions> & { readStdin?: () => string } = {}): IngestResult {
  const { readStdin: givenStdin, ...rest } = given;
  const options: ReadOptions = { ...DEFAULT_OPTIONS, ...rest };
  let readStdin = givenStdin ?? defaultReadStdin;
  if (path !== "-" || givenStdin === undefined) {
    const streamed = streamInput(path);
    if (streamed !== null && "result" in streamed) {
      if (options.varFiles.length > 0) throw new PolicyCheckError("USAGE", VAR_FILE_USAGE, { input: path });
      return streamed.result;
    }
    if (streamed !== null) readStdin = streamed.reread;
  }
  const source = readSource(path, readStdin);
  if (!source.isDirectory) {
    if ((source.text ?? "").trim() === "") {
      throw new PolicyCheckError("INPUT_UNSUPPORTED", "is empty; expected a plan from `terraform show -json`", { input: path });
    }
    if (looksLikeJson(source)) source.document = parseJson(source.text ?? "", path);
  }
  // A plan (what a JSON document usually is) is read without loading the other adapters; no other adapter reads
  // parsed JSON that the plan adapter accepts (the binary plan adapter takes only zip bytes, which never parse).
  const adapter = source.document !== undefined && planAdapter.accepts(source) ? planAdapter : adapters().find((a) => a.accepts(source));
  if (options.varFiles.length > 0 && adapter?.readsVarFiles !== true) {
    throw new PolicyCheckError("USAGE", VAR_FILE_USAGE, { input: path });
  }
  if (adapter !== undefined) return adapter.read(source, options);
  if (source.isDirectory) {
    throw new PolicyCheckError("INPUT_UNSUPPORTED", "is a directory; expected a plan JSON file from `terraform show -json`", { input: path });
  }
  if (looksBinary(source)) {
    throw new PolicyCheckError("INPUT_UNSUPPORTED", "is a binary file, not a plan; expected the JSON of `terraform show -json PLANFILE`", {
      input: path,
    });
  }
  const document = source.document;
  const object = typeof document === "object" && document !== null && !Array.isArray(document) ? (document as JsonObject) : null;
  const reason = (object === null ? null : describeNonPlan(object)) ?? NOT_A_PLAN;
  throw new PolicyCheckError("INPUT_UNSUPPORTED", reason, { input: path });
}
