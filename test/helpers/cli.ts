/** Runs the built CLI (dist/) as a user would: a separate node process, real WASM, real files. */
import { spawnSync } from "node:child_process";
import path from "node:path";

export const ROOT = path.resolve(__dirname, "..", "..");
export const CLI = path.join(ROOT, "dist", "src", "cli", "main.js");
/** The same command bundled into one file (scripts/bundle-cli.ts). */
export const CLI_BUNDLE = path.join(ROOT, "dist", "cli-bundle.js");
/** The npm package's `policy-check` bin: runs CLI_BUNDLE, compiled from its code cache (src/cli/launch.ts). */
export const CLI_BIN = path.join(ROOT, "dist", "cli.js");
export const PLANS = path.join(ROOT, "plans");

/** Far above any single run here (the slowest take a few seconds on a loaded machine). */
const CLI_TIMEOUT_MS = 120_000;

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: readonly string[], options: { input?: string | Buffer; env?: NodeJS.ProcessEnv; cwd?: string } = {}): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? "",
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", ...options.env },
    maxBuffer: 64 * 1024 * 1024,
    // A CLI that never exits fails its test (status null, SIGTERM) instead of stalling the whole suite.
    timeout: CLI_TIMEOUT_MS,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * The same CLI in this process: `run(argv, io)` of src/cli/main.ts with captured streams, the real compiled
 * WASM and real files. Spawning a Node process per run costs ~0.9 s on this machine; the end-to-end scenario
 * tests use this, and a handful of spawned tests keep the process boundary (exit codes, stdin, installed bins).
 */
export async function runInProcess(args: readonly string[], options: { env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  // Loaded on first use so that tests that only spawn do not pay for compiling the CLI's sources.
  const { run } = await import("../../src/cli/main");
  const stdout: string[] = [];
  const stderr: string[] = [];
  const status = await run(args, {
    stdout: (text) => stdout.push(text),
    stderr: (text) => stderr.push(text),
    stdoutIsTty: false,
    env: { NO_COLOR: "1", ...options.env },
    cwd: ROOT,
  });
  return { status, stdout: stdout.join(""), stderr: stderr.join("") };
}
