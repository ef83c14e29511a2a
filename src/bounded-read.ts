/**
 * The one way policy-check reads an input file or standard input: never more than a limit (src/limits.ts),
 * and never from a FIFO, device or socket (`terraform.tfvars` committed as a link to /dev/zero, a named
 * pipe nobody writes to), which could hang or fill memory. Standard input (`-`) is the one stream read, and
 * it is bounded too. Every failure is a PolicyCheckError naming the file as the user gave it.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { PolicyCheckError } from "./errors";
import { formatBytes } from "./limits";

export interface BoundedReadOptions {
  /** Most bytes accepted (a constant from src/limits.ts). */
  limit: number;
  /** What a file of this kind is, for the over-limit message: "a plan", "a Terraform source file". */
  kind: string;
  /** The file as shown to the user (default: the path given). */
  shown?: string;
  /** What the file is in "cannot read ... (EACCES)" (default: "file"). */
  noun?: string;
  /** Message for a missing file (default: "no such file"). */
  missing?: string;
}

const CHUNK = 1024 * 1024;

function tooLarge(options: BoundedReadOptions, shown: string): PolicyCheckError {
  return new PolicyCheckError("INPUT_UNSUPPORTED", `is larger than ${formatBytes(options.limit)}, the limit for ${options.kind}`, { input: shown });
}

/** Reads from an open descriptor until end of input or `limit` + 1 bytes (which is an error). */
function readDescriptor(fd: number, options: BoundedReadOptions, shown: string): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(CHUNK, options.limit + 1 - total));
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (error) {
      // A non-blocking standard input (a terminal or a pipe set so by the parent) has no data yet: wait for it.
      if ((error as NodeJS.ErrnoException).code === "EAGAIN") {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      throw error;
    }
    if (n === 0) break;
    total += n;
    if (total > options.limit) throw tooLarge(options, shown);
    chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
  }
  return Buffer.concat(chunks, total);
}

/** A regular file's bytes, at most `options.limit` of them. */
export function readFileBounded(file: string, options: BoundedReadOptions): Buffer {
  const shown = options.shown ?? file;
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer before fstat can refuse it.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new PolicyCheckError("INPUT_NOT_FOUND", options.missing ?? "no such file", { input: shown, cause: error });
    throw new PolicyCheckError("INPUT_UNREADABLE", `cannot read ${options.noun ?? "file"} (${code ?? "unknown error"})`, {
      input: shown,
      cause: error,
    });
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new PolicyCheckError("INPUT_UNREADABLE", `cannot read ${options.noun ?? "file"} (EISDIR)`, { input: shown });
    if (!stat.isFile()) {
      throw new PolicyCheckError("INPUT_UNSUPPORTED", "is not a regular file (a device, FIFO or socket); give a file, or - for standard input", {
        input: shown,
      });
    }
    if (stat.size > options.limit) throw tooLarge(options, shown);
    return readDescriptor(fd, options, shown);
  } catch (error) {
    if (error instanceof PolicyCheckError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new PolicyCheckError("INPUT_UNREADABLE", `cannot read ${options.noun ?? "file"} (${code ?? "unknown error"})`, {
      input: shown,
      cause: error,
    });
  } finally {
    closeSync(fd);
  }
}

/** readFileBounded as UTF-8 text. */
export function readTextBounded(file: string, options: BoundedReadOptions): string {
  return readFileBounded(file, options).toString("utf8");
}

/** Standard input's bytes, at most `limit` of them. */
export function readStdinBounded(options: Omit<BoundedReadOptions, "shown">): Buffer {
  try {
    return readDescriptor(0, options, "-");
  } catch (error) {
    if (error instanceof PolicyCheckError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new PolicyCheckError("INPUT_UNREADABLE", `cannot read standard input (${code ?? "unknown error"})`, { input: "-", cause: error });
  }
}
