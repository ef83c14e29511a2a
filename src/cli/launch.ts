/**
 * The npm package's `policy-check` bin, dist/cli.js (scripts/bundle-cli.ts bundles this file alone): runs the
 * bundled command, dist/cli-bundle.js, compiled from V8's code cache when the build left one beside it.
 *
 * Node compiles a script from source at every start (~15 ms for the 1.2 MB bundle) and each function again on its
 * first call. The code cache holds the bytecode of the functions a plan run calls (scripts/cli-code-cache.ts makes it
 * at build time by running the quick-start plan), so a run skips both: quick-start run ~136 to ~119 ms CPU.
 * V8 rejects a cache made by another V8 version, under other V8 flags or for a source of another length, and this
 * never offers it for a bundle newer than the cache (edited after the build): the bundle is then compiled from source,
 * as before. The cache was made with the WebAssembly tiering flag set, so it is set here before compiling.
 */
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { Script } from "node:vm";
import { tuneWebAssemblyTiering } from "../engine/tiering";

/** The bundled command (scripts/bundle-cli.ts) and its code cache (scripts/cli-code-cache.ts), in the bin's directory. */
export const BUNDLE_FILE = "cli-bundle.js";
export const CODE_CACHE_FILE = "cli-bundle.cache";

/** The bundle in `dir` compiled as a CommonJS module's function, from its code cache when `useCache` and one fits. */
export function compileBundle(dir: string, useCache: boolean): Script {
  const file = path.join(dir, BUNDLE_FILE);
  const source = readFileSync(file, "utf8");
  const cachedData = useCache ? codeCache(dir) : undefined;
  // On the first line, so line numbers in stack traces are the file's.
  return new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cachedData === undefined ? {} : { cachedData }),
  });
}

/** Runs the compiled bundle as the module at `dir`/cli-bundle.js (it resolves what it requires from `dir`). */
export function runBundle(script: Script, dir: string): void {
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run(module.exports, require, module, path.join(dir, BUNDLE_FILE), dir);
}

function codeCache(dir: string): Buffer | undefined {
  try {
    const cache = path.join(dir, CODE_CACHE_FILE);
    if (statSync(cache).mtimeMs < statSync(path.join(dir, BUNDLE_FILE)).mtimeMs) return undefined;
    return readFileSync(cache);
  } catch {
    return undefined; // no cache (a build without one): compile from source
  }
}

if (require.main === module) {
  tuneWebAssemblyTiering();
  runBundle(compileBundle(__dirname, true), __dirname);
}
