/**
 * Makes dist/cli-bundle.cache, the V8 code cache the bin (src/cli/launch.ts) compiles the bundled command from.
 * `npm run build` runs this last (the run needs the built policy): a child process runs the bundle on the
 * quick-start plan exactly as the bin does, then writes the cache at exit, so it holds the bytecode of every function
 * a plan run called. A cache only fits the Node (V8) version that made it; with another, the bin compiles from source.
 *
 * Usage: node dist/scripts/cli-code-cache.js
 */
import { spawnSync } from "node:child_process";
import { statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { BUNDLE_FILE, CODE_CACHE_FILE, compileBundle, runBundle } from "../src/cli/launch";
import { tuneWebAssemblyTiering } from "../src/engine/tiering";

const ROOT = path.resolve(__dirname, "..", "..");
const DIST = path.join(ROOT, "dist");
const CACHE = path.join(DIST, CODE_CACHE_FILE);
const PLAN = path.join(ROOT, "plans", "quickstart", "plan.json");
const CHILD = "--run-bundle";

if (process.argv[2] === CHILD) {
  // As the bin: the flag first, then compile, then run the command (its report is discarded by the parent).
  tuneWebAssemblyTiering();
  const script = compileBundle(DIST, false);
  process.on("exit", () => writeFileSync(CACHE, script.createCachedData()));
  process.argv = [process.argv[0] ?? process.execPath, path.join(DIST, BUNDLE_FILE), "--no-config", "--format", "json", PLAN];
  runBundle(script, DIST);
} else if (require.main === module) {
  const run = spawnSync(process.execPath, [__filename, CHILD], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  // 0 or 1 (findings at the failing severity): a run that reported.
  const made = (run.status === 0 || run.status === 1) && statSync(CACHE, { throwIfNoEntry: false }) !== undefined;
  if (!made) {
    process.stderr.write(`cli-code-cache: the quick-start run exited ${String(run.status)}: ${run.stderr.split("\n")[0] ?? ""}\n`);
    process.exitCode = 2;
  }
}
