/**
 * Running another program (today: `terraform show -json` for binary plans), bounded and without a shell.
 * Knows nothing about Terraform: finding a program on PATH, running it with an argument array, and telling
 * apart the ways that can end.
 */
import { spawnSync } from "node:child_process";
import { accessSync, constants as fsConstants, statSync } from "node:fs";
import { constants as bufferConstants } from "node:buffer";
import path from "node:path";

/**
 * A child may run this long before it is killed. `terraform show` of a plan starts the provider to load its
 * schema (about 7 s for the AWS provider on a busy 2-core machine); minutes mean something hangs.
 */
export const PROGRAM_TIMEOUT_MS = 5 * 60 * 1000;

/** A child's standard output (and, separately, error) may be this large: the longest string V8 can hold. */
export const PROGRAM_MAX_OUTPUT_BYTES = bufferConstants.MAX_STRING_LENGTH;

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The absolute path of `name`: a name with a directory separator is a path (relative to `cwd`); a bare name
 * is looked up in the absolute directories of `env.PATH`. Empty and relative PATH entries (`.`, `bin`) are
 * skipped: they name the current directory, which in CI is a repository checkout that may hold a file
 * called `terraform`. Null when there is no such executable file.
 */
export function findProgram(name: string, env: NodeJS.ProcessEnv, cwd: string = process.cwd()): string | null {
  if (name === "") return null;
  if (name.includes("/") || name.includes(path.sep)) {
    const file = path.resolve(cwd, name);
    return isExecutableFile(file) ? file : null;
  }
  const names = process.platform === "win32" ? [name, `${name}.exe`] : [name];
  for (const dir of (env["PATH"] ?? "").split(path.delimiter)) {
    if (!path.isAbsolute(dir)) continue;
    for (const candidate of names) {
      const file = path.join(dir, candidate);
      if (isExecutableFile(file)) return file;
    }
  }
  return null;
}

export interface RunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs?: number;
  maxOutputBytes?: number;
}

/** How a run ended. Only `exited` has output; the others say why there is none. */
export type ProgramResult =
  | { outcome: "exited"; status: number; stdout: string; stderr: string }
  /** The program could not be started (ENOENT, EACCES, a bad working directory). */
  | { outcome: "not-started"; reason: string }
  | { outcome: "timed-out"; timeoutMs: number }
  | { outcome: "output-too-large"; maxOutputBytes: number }
  | { outcome: "killed"; signal: string };

/**
 * Runs `program` with `args` as an argument array (never through a shell, so nothing in a file name is
 * interpreted), standard input closed, output captured up to a bound and the time bounded. A child past
 * either bound is killed with SIGKILL, which it cannot ignore: the bound holds even for a child that traps
 * SIGTERM. Callers run read-only commands only, so an abrupt end leaves nothing half-done.
 */
export function runProgram(program: string, args: readonly string[], options: RunOptions): ProgramResult {
  const timeoutMs = options.timeoutMs ?? PROGRAM_TIMEOUT_MS;
  const maxOutputBytes = options.maxOutputBytes ?? PROGRAM_MAX_OUTPUT_BYTES;
  const result = spawnSync(program, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
    shell: false,
    windowsHide: true,
    timeout: timeoutMs,
    maxBuffer: maxOutputBytes,
    killSignal: "SIGKILL",
  });
  const code = (result.error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ETIMEDOUT") return { outcome: "timed-out", timeoutMs };
  if (code === "ENOBUFS") return { outcome: "output-too-large", maxOutputBytes };
  if (result.error !== undefined) return { outcome: "not-started", reason: code ?? result.error.message };
  if (result.status === null) return { outcome: "killed", signal: result.signal ?? "unknown signal" };
  return { outcome: "exited", status: result.status, stdout: result.stdout, stderr: result.stderr };
}
