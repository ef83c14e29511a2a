/** Running another program: found on absolute PATH entries only, argument arrays, bounded time and output. */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { findProgram, runProgram } from "../../src/process/program";

const dir = mkdtempSync(path.join(os.tmpdir(), "policy-check-program-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, body: string, mode = 0o755): string {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, mode);
  return file;
}

describe("findProgram", () => {
  const tool = script("bin/tool", "exit 0");
  script("other/tool", "exit 0");
  script("bin/not-executable", "exit 0", 0o644);
  mkdirSync(path.join(dir, "bin", "a-directory"), { recursive: true });

  test("the first absolute PATH entry that holds an executable file", () => {
    expect(findProgram("tool", { PATH: [path.join(dir, "bin"), path.join(dir, "other")].join(path.delimiter) })).toBe(tool);
    expect(findProgram("tool", { PATH: [path.join(dir, "empty"), path.join(dir, "other")].join(path.delimiter) })).toBe(
      path.join(dir, "other", "tool"),
    );
  });

  test("not found: no PATH, non-executable files, directories", () => {
    expect(findProgram("tool", {})).toBeNull();
    expect(findProgram("not-executable", { PATH: path.join(dir, "bin") })).toBeNull();
    expect(findProgram("a-directory", { PATH: path.join(dir, "bin") })).toBeNull();
    expect(findProgram("", { PATH: path.join(dir, "bin") })).toBeNull();
  });

  test("relative and empty PATH entries are skipped: a checkout's own ./terraform is never picked up", () => {
    expect(findProgram("tool", { PATH: ["", ".", "bin"].join(path.delimiter) }, dir)).toBeNull();
    expect(findProgram("tool", { PATH: ["bin", path.join(dir, "other")].join(path.delimiter) }, dir)).toBe(path.join(dir, "other", "tool"));
  });

  test("a name with a directory is a path, relative to cwd", () => {
    expect(findProgram("bin/tool", {}, dir)).toBe(tool);
    expect(findProgram(tool, {})).toBe(tool);
    expect(findProgram("bin/not-executable", {}, dir)).toBeNull();
  });
});

describe("runProgram", () => {
  test("arguments reach the program as given, never through a shell; cwd and env apply", () => {
    const echo = script("echo-args", 'pwd; printf "%s\\n" "$@"; printf "%s\\n" "$GREETING" >&2; exit 3');
    const args = ["show", "a b", "$(touch pwned)", "`touch pwned`; touch pwned", "*", ""];
    const cwd = mkdtempSync(path.join(dir, "cwd-"));
    const result = runProgram(echo, args, { cwd, env: { GREETING: "hello" } });
    expect(result).toEqual({ outcome: "exited", status: 3, stdout: [cwd, ...args].join("\n") + "\n", stderr: "hello\n" });
    expect(existsSync(path.join(cwd, "pwned"))).toBe(false);
  });

  test("a program past its time is killed, even one that ignores SIGTERM", () => {
    const stubborn = script("stubborn", "trap '' TERM\nwhile :; do sleep 1; done");
    expect(runProgram(stubborn, [], { cwd: dir, env: {}, timeoutMs: 300 })).toEqual({ outcome: "timed-out", timeoutMs: 300 });
  });

  test("output past the bound stops the program", () => {
    const flood = script("flood", "while :; do echo 0123456789abcdef0123456789abcdef; done");
    expect(runProgram(flood, [], { cwd: dir, env: {}, maxOutputBytes: 4096 })).toEqual({ outcome: "output-too-large", maxOutputBytes: 4096 });
    const quiet = script("quiet", "head -c 4096 /dev/zero | tr '\\0' x");
    expect(runProgram(quiet, [], { cwd: dir, env: {}, maxOutputBytes: 4096 })).toMatchObject({ outcome: "exited", status: 0 });
  });

  test("killed by a signal, or not started at all", () => {
    const selfKill = script("self-kill", "kill -KILL $$");
    expect(runProgram(selfKill, [], { cwd: dir, env: {} })).toEqual({ outcome: "killed", signal: "SIGKILL" });
    expect(runProgram(path.join(dir, "missing"), [], { cwd: dir, env: {} })).toEqual({ outcome: "not-started", reason: "ENOENT" });
  });

  test("standard input is closed, so a program that reads it does not wait", () => {
    const reader = script("reader", "cat; echo read-done");
    expect(runProgram(reader, [], { cwd: dir, env: {}, timeoutMs: 20_000 })).toEqual({
      outcome: "exited",
      status: 0,
      stdout: "read-done\n",
      stderr: "",
    });
  });
});
