/**
 * Runs integration commands the way their platforms do: a shell, the platform's variables, and
 * `policy-check` on PATH (a shim for the built CLI, as an installed package would put it there).
 */
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CLI, ROOT } from "../helpers/cli";

export interface Sandbox {
  dir: string;
  bin: string;
  /** Runs a command with `shell -c` in `cwd` (default: the sandbox). */
  sh(command: string, env?: Record<string, string>, options?: { shell?: string; cwd?: string }): { status: number | null; output: string; stdout: string; stderr: string };
  copy(from: string, to: string): string;
  cleanup(): void;
}

export function sandbox(): Sandbox {
  const dir = mkdtempSync(path.join(tmpdir(), "pc-integ-"));
  const bin = path.join(dir, "bin");
  mkdirSync(bin);
  const shim = (name: string, body: string): void => {
    writeFileSync(path.join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(path.join(bin, name), 0o755);
  };
  shim("policy-check", `exec "${process.execPath}" "${CLI}" "$@"`);
  shim("policy-check-atlantis", `exec sh "${path.join(ROOT, "integrations", "atlantis", "policy-check-atlantis.sh")}" "$@"`);
  // `terraform show -json PLANFILE`: the test's plan files already are the JSON terraform would print.
  shim("terraform", `if [ "$1" = show ] && [ "$2" = -json ]; then exec cat "$3"; fi\necho "terraform shim: unsupported $*" >&2; exit 3`);
  return {
    dir,
    bin,
    sh(command, env = {}, options = {}) {
      const result = spawnSync(options.shell ?? "sh", ["-c", command], {
        cwd: options.cwd ?? dir,
        encoding: "utf8",
        env: { PATH: `${bin}:${process.env["PATH"] ?? ""}`, HOME: dir, NO_COLOR: "1", ...env },
        maxBuffer: 64 * 1024 * 1024,
      });
      return { status: result.status, stdout: result.stdout, stderr: result.stderr, output: result.stdout + result.stderr };
    },
    copy(from, to) {
      const target = path.join(dir, to);
      mkdirSync(path.dirname(target), { recursive: true });
      copyFileSync(path.join(ROOT, from), target);
      return target;
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const SECURE_PLAN = "plans/rest-secure/plan.json";
export const INSECURE_PLAN = "plans/rest-insecure/plan.json";
