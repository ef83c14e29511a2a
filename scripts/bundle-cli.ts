/**
 * The `policy-check` command as one CommonJS file: dist/cli-bundle.js, which the npm package's bin (dist/cli.js,
 * src/cli/launch.ts, bundled here too) compiles from its code cache. `npm run build` runs this
 * after tsc. esbuild bundles dist/src/cli/binary.js (the command's entry point) and everything it imports, our
 * modules and the dependencies', into one script: Node then resolves, reads and compiles one file instead of
 * ~140, which is most of what the CLI's own start-up costs above `node -e 0` (`npm run bench`, start-up row).
 * The standalone binary (scripts/package-binary.ts) embeds the same bundle.
 *
 * What stays as it was: every module is still evaluated on its first require (esbuild wraps CommonJS modules
 * in functions), so the lazy `require()`s of other input adapters, report formats and bundles keep their
 * code out of a plan run (test/cli/startup.test.ts checks it on this file). The file is in dist/, so the
 * package root is its directory's parent (src/assets.ts packageRoot); the library (dist/src/index.js) and the
 * pre-commit bin stay tsc's unbundled output.
 *
 * The evaluation worker is bundled the same way, into dist/evaluate-worker.js (src/engine/engine.ts starts it):
 * each thread then loads one file instead of about 20 (two threads booting for 10,000 resources: ~130 to ~100 ms CPU).
 *
 * What a plan run never runs (other input adapters, report formats, bundles, the YAML parsers: COLD_MODULES) is
 * in the file as text, compiled when first required: V8 no longer parses 0.7 MB of code at every start
 * (see deferCold).
 *
 * Usage: node dist/scripts/bundle-cli.js
 */
import { chmodSync, existsSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build, type Plugin } from "esbuild";
import { BUNDLE_FILE, CODE_CACHE_FILE } from "../src/cli/launch";

const ROOT = path.resolve(__dirname, "..", "..");
const ENTRY = path.join(ROOT, "dist", "src", "cli", "binary.js");
export const CLI_BUNDLE = path.join(ROOT, "dist", BUNDLE_FILE);
const LAUNCHER_ENTRY = path.join(ROOT, "dist", "src", "cli", "launch.js");
/** The bin: compiles CLI_BUNDLE from its code cache (src/cli/launch.ts). */
const CLI_BIN = path.join(ROOT, "dist", "cli.js");
const WORKER_ENTRY = path.join(ROOT, "dist", "src", "engine", "evaluate-worker.js");
export const WORKER_BUNDLE = path.join(ROOT, "dist", "evaluate-worker.js");

/**
 * opa-wasm requires its own YAML parser (yaml 1.x, 200 KB) when it loads, for the builtins yaml.is_valid,
 * yaml.marshal and yaml.unmarshal: here it is required on their first call instead, so a run whose rules never
 * call them does not evaluate it (~5 ms of the quick-start run).
 */
const OPA_YAML_BUILTINS = path.join("@open-policy-agent", "opa-wasm", "src", "builtins", "yaml.js");
const lazyOpaYaml: Plugin = {
  name: "lazy-opa-yaml",
  setup(esbuild) {
    esbuild.onResolve({ filter: /^yaml$/ }, (args) =>
      args.importer.endsWith(OPA_YAML_BUILTINS) ? { path: "yaml", namespace: "lazy-opa-yaml", pluginData: path.dirname(args.importer) } : undefined,
    );
    // The only members the builtins use; `yaml/index.js` (not `yaml`) resolves, from opa-wasm, to its own copy.
    esbuild.onLoad({ filter: /.*/, namespace: "lazy-opa-yaml" }, (args) => ({
      contents: [
        `const yaml = () => require("yaml/index.js");`,
        "module.exports = { parse: (...a) => yaml().parse(...a), stringify: (...a) => yaml().stringify(...a) };",
      ].join("\n"),
      resolveDir: args.pluginData as string,
      loader: "js",
    }));
  },
};

/**
 * Bundled modules a plan run does not run (test/cli/startup.test.ts checks that it runs none of them): other
 * input adapters, report formats other than JSON, custom-rule bundles, the configuration scaffold, the YAML
 * parsers (ours and opa-wasm's).
 */
const COLD_MODULES =
  /^(dist\/src\/(ingest\/(hcl|cdktf)\/|ingest\/source-dir\.js|ingest\/plan\/binary\.js|engine\/bundle\.js|config\/scaffold\.js|report\/(text|sarif|junit|github|markdown|codequality|html)\.js)|node_modules\/(yaml|@cdktf|@open-policy-agent\/opa-wasm\/node_modules\/yaml)\/)/;

/** esbuild's wrapper of a bundled CommonJS module: `var require_x = __commonJS({`, then `  "path"(exports, module) {`. */
const MODULE_START = /^var require_[\w$]+ = __commonJS\(\{\n {2}"([^"]+)"\([\w$, ]*\) \{\n/gm;
const MODULE_END = "\n  }\n});\n";

/**
 * Node compiles a script in one pass over all of it, the bodies of functions never called included (V8's
 * pre-parse: 16 ms for this 1.2 MB bundle, 10% of the quick-start run). The body of each cold module becomes a
 * string that its wrapper evaluates on its first require (a direct eval: the body sees the bundle's scope as
 * before); scanning a string costs a fraction of parsing the same text as code. `sourceURL` names the module
 * in stack traces. Quick-start run: 158 to 143 ms CPU.
 */
export function deferCold(script: string): string {
  let deferred = 0;
  const out: string[] = [];
  let from = 0;
  for (const start of script.matchAll(MODULE_START)) {
    const key = start[1] as string;
    const bodyStart = (start.index ?? 0) + start[0].length;
    const bodyEnd = script.indexOf(MODULE_END, bodyStart);
    if (bodyEnd < 0) throw new Error(`esbuild's wrapper of ${key} has no end`);
    if (!COLD_MODULES.test(key)) continue;
    const body = script.slice(bodyStart, bodyEnd);
    out.push(script.slice(from, bodyStart), `    eval(${JSON.stringify(`${body}\n//# sourceURL=${key}`)});`);
    from = bodyEnd;
    deferred += 1;
  }
  // esbuild's output changed shape: fail rather than quietly parse everything at start-up again.
  if (deferred === 0) throw new Error("no cold module found in the bundle (has esbuild's CommonJS wrapper changed?)");
  out.push(script.slice(from));
  return out.join("");
}

/**
 * `script` with each non-ASCII character written as a \\u escape: the few there are (in comments and in the
 * deferred modules' strings) made Node read the whole 1.2 MB file through its slow UTF-8 path into a two-byte string
 * at every start (~2 ms more); ASCII text is read on the fast path. Outside comments they are in string literals, where the
 * escape means the same character (esbuild writes the code itself in ASCII).
 */
export function asciiOnly(script: string): string {
  return script.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** The bundled command's source; fails when the package is not built. */
export async function bundleCli(): Promise<string> {
  return bundled(ENTRY);
}

/** `entry` (compiled by tsc) and everything it imports as one script; `cold`: with its cold modules deferred. */
async function bundled(entry: string, cold = true): Promise<string> {
  if (!existsSync(entry)) throw new Error(`${path.relative(ROOT, entry)} is missing; run \`npm run build\` first`);
  const result = await build({
    entryPoints: [entry],
    // Paths in the bundle's comments and module keys are relative to this: the same bundle from any directory.
    absWorkingDir: ROOT,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    write: false,
    logLevel: "silent",
    // @cdktf/hcl2json's Go shim requires "performance" only on Node < 16, which has no global performance.
    external: ["performance"],
    plugins: [lazyOpaYaml],
  });
  if (result.errors.length > 0) throw new Error(`esbuild: ${result.errors[0]?.text ?? "failed"}`);
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error("esbuild wrote nothing");
  return asciiOnly(cold ? deferCold(output.text) : output.text);
}

if (require.main === module) {
  Promise.all([bundleCli(), bundled(WORKER_ENTRY), bundled(LAUNCHER_ENTRY, false)])
    .then(([script, worker, launcher]) => {
      // A code cache of an earlier bundle is never used (src/cli/launch.ts); scripts/cli-code-cache.ts makes a new one.
      rmSync(path.join(ROOT, "dist", CODE_CACHE_FILE), { force: true });
      writeFileSync(CLI_BUNDLE, script);
      // The bin runs as an executable file: its first line names the interpreter.
      writeFileSync(CLI_BIN, `#!/usr/bin/env node\n${launcher}`);
      chmodSync(CLI_BIN, 0o755);
      writeFileSync(WORKER_BUNDLE, worker);
    })
    .catch((error: unknown) => {
      process.stderr.write(`bundle-cli: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    });
}
