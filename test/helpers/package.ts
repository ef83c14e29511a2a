/**
 * The package as a user gets it: `npm pack` of the built repository, installed with npm into a fresh project
 * outside the repository, run with a PATH that holds nothing but `node`. Tests of the installed CLI, the
 * GitHub Action and the integrations use this, never the repository's dist/.
 *
 * Packing and installing take a few seconds, so the installation is made once per tarball content and shared
 * by every test file of a run (jest runs files in parallel workers: a lock directory makes one of them install
 * while the others wait).
 */
import { execFileSync, spawnSync, type SpawnSyncReturns } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT } from "./cli";

/** npm's own CLI script, run with `node` so that PATH needs nothing but node. */
const NPM_CLI = path.join(path.dirname(process.execPath), "..", "lib", "node_modules", "npm", "bin", "npm-cli.js");

export interface InstalledPackage {
  /** The packed tarball (`npm pack` of the repository, already built by `npm test`). */
  tarball: string;
  /** The user's project the tarball is installed into. */
  project: string;
  /** A directory whose only entry is a `node` link: the PATH the installed bins run with. */
  nodeOnlyPath: string;
  /** The installed bin `name` (node_modules/.bin/name). */
  bin(name: string): string;
}

/** Runs npm with the given arguments; PATH is node-only unless `env` says otherwise. */
export function npm(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): string {
  return execFileSync(process.execPath, [NPM_CLI, ...args], {
    cwd,
    env,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** A directory holding only a link to this node: PATH=<it> is "nothing but node". */
export function nodeOnlyDir(parent: string): string {
  const dir = path.join(parent, "node-only-bin");
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true });
    symlinkSync(process.execPath, path.join(dir, "node"));
  }
  return dir;
}

/**
 * What npm needs from this machine's environment to reach the registry (its CA bundle, a proxy: without them a
 * cold cache makes npm retry for minutes), and prefer-offline: the dependencies are in npm's cache after
 * `npm ci`, and a registry round trip per package would only slow the tests.
 */
export function npmEnv(): Record<string, string> {
  const passed = ["NODE_EXTRA_CA_CERTS", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy"];
  const env: Record<string, string> = {
    npm_config_prefer_offline: "true",
    npm_config_update_notifier: "false",
    npm_config_fund: "false",
    npm_config_audit: "false",
  };
  for (const name of passed) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

/** The environment a user's shell would give: HOME (npm's cache), a node-only PATH, no colour, npm's network settings. */
export function userEnv(nodeOnlyPath: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { HOME: process.env["HOME"] ?? os.homedir(), PATH: nodeOnlyPath, NO_COLOR: "1", ...npmEnv(), ...extra };
}

function packOnce(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "policy-check-pack-"));
  // --ignore-scripts: `npm test` built dist/ already; prepack would build it again.
  const out = execFileSync(process.execPath, [NPM_CLI, "pack", "--ignore-scripts", "--silent", "--pack-destination", dir], {
    cwd: ROOT,
    encoding: "utf8",
  });
  const name = out.trim().split("\n").pop() ?? "";
  return path.join(dir, name);
}

function waitFor(file: string, timeoutMs: number): void {
  const until = Date.now() + timeoutMs;
  while (!existsSync(file)) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${file}`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
  }
}

let cached: InstalledPackage | undefined;

/** Packs the repository and installs the tarball into a fresh project (once per tarball content). */
export function installedPackage(): InstalledPackage {
  if (cached !== undefined) return cached;
  const tarball = packOnce();
  const digest = createHash("sha256").update(readFileSync(tarball)).digest("hex").slice(0, 16);
  const base = path.join(os.tmpdir(), `policy-check-installed-${digest}`);
  const project = path.join(base, "project");
  const done = path.join(base, "installed");
  const nodeOnlyPath = path.join(base, "node-only-bin");
  if (!existsSync(done)) {
    let owner = false;
    try {
      mkdirSync(base);
      owner = true;
    } catch {
      // Another worker is installing this same tarball.
    }
    if (owner) {
      try {
        nodeOnlyDir(base);
        mkdirSync(project);
        writeFileSync(path.join(project, "package.json"), `${JSON.stringify({ name: "user-project", version: "1.0.0", private: true })}\n`);
        npm(["install", "--no-audit", "--no-fund", tarball], project, userEnv(nodeOnlyPath));
        writeFileSync(done, tarball);
      } catch (error) {
        rmSync(base, { recursive: true, force: true });
        throw error;
      }
    } else {
      waitFor(done, 180_000);
    }
  }
  cached = { tarball, project, nodeOnlyPath, bin: (name) => path.join(project, "node_modules", ".bin", name) };
  return cached;
}

/** Runs an installed bin as a user would: node-only PATH, from `cwd` (default: the user's project). */
export function runInstalled(
  name: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {},
): SpawnSyncReturns<string> {
  const pkg = installedPackage();
  return spawnSync(pkg.bin(name), args, {
    cwd: options.cwd ?? pkg.project,
    env: userEnv(pkg.nodeOnlyPath, options.env),
    input: options.input ?? "",
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** Every file path in the tarball (`package/...` stripped). */
export function tarballFiles(tarball: string): string[] {
  const listing = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" });
  return listing
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => l.replace(/^package\//, ""))
    .sort();
}
