/**
 * Runs integration commands the way their platforms do: a shell, the platform's variables, and the commands
 * of the installed package on PATH (`npm pack` + `npm install` of the tarball, test/helpers/package.ts), as
 * an image or runner with the published package has them. Never the repository's dist/.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT } from "../helpers/cli";
import { installedPackage, npmEnv } from "../helpers/package";

/** Packing and installing the package takes a while on a busy machine (once per test run). */
export const INSTALL_TIMEOUT_MS = 240_000;

/** The system's tools (sh, sed, cat, npm): what a CI image has besides the package. */
export const SYSTEM_PATH = "/usr/bin:/bin";

/** The folder holding the installed package's commands (policy-check, policy-check-atlantis, ...). */
export function installedBinDir(): string {
  return path.dirname(installedPackage().bin("policy-check"));
}

export interface Sandbox {
  dir: string;
  /** The sandbox's own commands (a terraform shim), first on PATH. */
  bin: string;
  /** PATH for commands: the sandbox's bin, the installed package's commands unless `installed: false`, node, the system. */
  path: string;
  /** Runs a command with `shell -c` in `cwd` (default: the sandbox). */
  sh(
    command: string,
    env?: Record<string, string>,
    options?: { shell?: string; cwd?: string },
  ): { status: number | null; output: string; stdout: string; stderr: string };
  copy(from: string, to: string): string;
  cleanup(): void;
}

export function sandbox(options: { installed?: boolean } = {}): Sandbox {
  const dir = mkdtempSync(path.join(tmpdir(), "pc-integ-"));
  const bin = path.join(dir, "bin");
  mkdirSync(bin);
  // `terraform show -json PLANFILE`: the test's plan files already are the JSON terraform would print.
  writeFileSync(
    path.join(bin, "terraform"),
    `#!/bin/sh\nif [ "$1" = show ] && [ "$2" = -json ]; then exec cat "$3"; fi\necho "terraform shim: unsupported $*" >&2; exit 3\n`,
  );
  chmodSync(path.join(bin, "terraform"), 0o755);
  const pkg = installedPackage();
  const searchPath = [bin, ...(options.installed === false ? [] : [installedBinDir()]), pkg.nodeOnlyPath, SYSTEM_PATH].join(":");
  return {
    dir,
    bin,
    path: searchPath,
    sh(command, env = {}, shOptions = {}) {
      const result = spawnSync(shOptions.shell ?? "sh", ["-c", command], {
        cwd: shOptions.cwd ?? dir,
        encoding: "utf8",
        env: { PATH: searchPath, HOME: process.env["HOME"] ?? dir, NO_COLOR: "1", ...npmEnv(), ...env },
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

/**
 * A checkout of this repository as GitHub Actions or pre-commit clones it: tracked files only, so no dist/
 * and no node_modules (the parts the integrations read: package.json, action.yml, the hook list, integrations/).
 */
export function checkout(parent: string): string {
  const dir = path.join(parent, "checkout");
  mkdirSync(dir, { recursive: true });
  for (const file of ["package.json", "action.yml", ".pre-commit-hooks.yaml"]) copyFileSync(path.join(ROOT, file), path.join(dir, file));
  cpSync(path.join(ROOT, "integrations"), path.join(dir, "integrations"), { recursive: true });
  return dir;
}

/** The package's version, which every integration installs unless told otherwise. */
export const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  name: string;
  version: string;
  repository: { url: string };
};

/** Every `npm install --global ... apigw-policy-check@VERSION` an integration's text documents, by version. */
export function pinnedInstalls(text: string): string[] {
  return [...text.matchAll(/npm install --global [^\n]*?\bapigw-policy-check@(\S+?)["'\s]/g)].map((m) => m[1] as string);
}

export const SECURE_PLAN = "plans/rest-secure/plan.json";
export const INSECURE_PLAN = "plans/rest-insecure/plan.json";
