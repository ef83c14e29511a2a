/**
 * npm run package:binary: the standalone `policy-check`, one executable that needs no Node, npm or
 * node_modules (Node's single executable applications). From the built package (`npm run build`):
 *   1. the CLI bundled into one CommonJS file, as for the npm package's bin (scripts/bundle-cli.ts);
 *   2. `node --experimental-sea-config` turns it, with every asset of src/assets.ts (policy bundle, schemas,
 *      the HCL parser's WebAssembly, the Rego sources, package.json) and their index, into a blob;
 *   3. postject injects the blob into a copy of this node executable.
 * Writes dist/bin/policy-check and the same file named for the platform (dist/bin/policy-check-linux-x64).
 * The binary is for the platform and Node version that build it. When nothing that goes into it changed since
 * the last build (dist/bin/.inputs), it is kept as it is (--force builds it anyway).
 *
 * Usage: node dist/scripts/package-binary.js [--force]
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ASSET_INDEX, ASSETS, assetFile } from "../src/assets";
import { bundleCli } from "./bundle-cli";

const ROOT = path.resolve(__dirname, "..", "..");
const OUT_DIR = path.join(ROOT, "dist", "bin");
const WORK = path.join(OUT_DIR, ".work");
const STAMP = path.join(OUT_DIR, ".inputs");
/** The sentinel Node's SEA support looks for (Node's documentation, "Injecting the preparation blob"). */
const SEA_FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";
/** Start-up compiles the bundle from V8's code cache instead of source (README, "Standalone binary", measured). */
const USE_CODE_CACHE = true;
/**
 * On Linux, node's symbol table and debug information are a ninth of the binary and nothing at run time
 * needs them (98 MiB → 86 MiB): binutils' strip removes them from the copy, before injecting, when it is there.
 */
const STRIP = process.platform === "linux" && spawnSync("strip", ["--version"]).status === 0;

export const BINARY = path.join(OUT_DIR, process.platform === "win32" ? "policy-check.exe" : "policy-check");
export const PLATFORM_BINARY = path.join(OUT_DIR, `policy-check-${process.platform}-${process.arch}${process.platform === "win32" ? ".exe" : ""}`);

function fail(message: string): never {
  throw new Error(message);
}

/** Every file under `dir` (relative to `root`, with `/`), sorted, tests left out. */
function filesUnder(root: string, dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const name = `${dir}${entry.name}`;
    if (entry.isDirectory()) out.push(...filesUnder(root, `${name}/`));
    else if (entry.isFile() && !entry.name.endsWith("_test.rego")) out.push(name);
  }
  return out.sort();
}

/** Asset name → file, every folder of ASSETS expanded; fails when the package is not built. */
function assetFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of ASSETS) {
    for (const asset of name.endsWith("/") ? filesUnder(ROOT, name) : [name]) {
      const file = assetFile(asset, ROOT);
      if (!existsSync(file)) fail(`${path.relative(ROOT, file)} is missing; run \`npm run build\` first`);
      files.set(asset, file);
    }
  }
  return files;
}

function run(command: string, args: readonly string[], what: string): void {
  const result = spawnSync(command, args, { cwd: WORK, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0)
    fail(`${what} failed (${result.error?.message ?? `exit ${String(result.status)}`}): ${(result.stderr || result.stdout).trim()}`);
}

/** Builds the binary unless the stamp says the same inputs made the one in place; returns whether it built. */
export async function packageBinary(force = false): Promise<boolean> {
  const script = await bundleCli();
  const assets = assetFiles();
  const index = path.join(WORK, ASSET_INDEX);
  const config = {
    // Relative (node runs in WORK): stack traces (--debug) name policy-check.cjs, not the build's directory.
    main: "policy-check.cjs",
    output: "sea-prep.blob",
    disableExperimentalSEAWarning: true,
    useCodeCache: USE_CODE_CACHE,
    assets: { ...Object.fromEntries(assets), [ASSET_INDEX]: index },
  };
  const node = statSync(process.execPath);
  const digest = createHash("sha256");
  digest.update(JSON.stringify({ node: process.execPath, version: process.version, size: node.size, mtime: node.mtimeMs, strip: STRIP, config }));
  digest.update(script);
  for (const [name, file] of assets) digest.update(name).update(readFileSync(file));
  const inputs = digest.digest("hex");
  if (!force && existsSync(BINARY) && existsSync(PLATFORM_BINARY) && existsSync(STAMP) && readFileSync(STAMP, "utf8") === inputs) return false;

  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  rmSync(STAMP, { force: true });
  writeFileSync(path.join(WORK, config.main), script);
  writeFileSync(index, `${JSON.stringify([...assets.keys()])}\n`);
  writeFileSync(path.join(WORK, "sea-config.json"), `${JSON.stringify(config, null, 2)}\n`);
  run(process.execPath, ["--experimental-sea-config", "sea-config.json"], "node --experimental-sea-config");

  const executable = path.join(WORK, path.basename(BINARY));
  copyFileSync(process.execPath, executable);
  chmodSync(executable, 0o755);
  if (STRIP) run("strip", [executable], "strip");
  const macos = process.platform === "darwin";
  // macOS refuses a modified signed binary: drop the signature before injecting, sign ad hoc after.
  if (macos) run("codesign", ["--remove-signature", executable], "codesign --remove-signature");
  const fuse = ["--sentinel-fuse", SEA_FUSE, ...(macos ? ["--macho-segment-name", "NODE_SEA"] : [])];
  run(process.execPath, [require.resolve("postject/dist/cli.js"), executable, "NODE_SEA_BLOB", path.join(WORK, config.output), ...fuse], "postject");
  if (macos) run("codesign", ["--sign", "-", executable], "codesign --sign");

  renameSync(executable, BINARY);
  copyFileSync(BINARY, PLATFORM_BINARY);
  chmodSync(PLATFORM_BINARY, 0o755);
  rmSync(WORK, { recursive: true, force: true });
  writeFileSync(STAMP, inputs);
  return true;
}

if (require.main === module) {
  packageBinary(process.argv.includes("--force"))
    .then((built) => {
      const mib = (statSync(BINARY).size / 1024 / 1024).toFixed(1);
      const where = `${path.relative(ROOT, BINARY)} and ${path.relative(ROOT, PLATFORM_BINARY)} (${mib} MiB)`;
      process.stdout.write(`package-binary: ${built ? "wrote" : "up to date:"} ${where}\n`);
    })
    .catch((error: unknown) => {
      process.stderr.write(`package-binary: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    });
}
