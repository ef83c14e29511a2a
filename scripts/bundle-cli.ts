/**
 * The `policy-check` command as one CommonJS file: dist/cli.js, the npm package's bin. `npm run build` runs this
 * after tsc. esbuild bundles dist/src/cli/binary.js (the command's entry point) and everything it imports, our
 * modules and the dependencies', into one script: Node then resolves, reads and compiles one file instead of
 * ~140, which is most of what the CLI's own start-up costs above `node -e 0` (`npm run bench`, start-up row).
 * The standalone binary (scripts/package-binary.ts) embeds the same bundle.
 *
 * What stays as it was: every module is still evaluated on its first require (esbuild wraps CommonJS modules
 * in functions), so the lazy `require()`s of other input adapters, report formats and bundles keep their
 * code out of a plan run (test/cli/startup.test.ts checks it on this file). The file is in dist/, so the
 * package root is its directory's parent (src/assets.ts packageRoot); the library (dist/src/index.js), the
 * pre-commit bin and the evaluation worker (dist/src/engine/evaluate-worker.js) stay tsc's unbundled output.
 *
 * Usage: node dist/scripts/bundle-cli.js
 */
import { chmodSync, existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build, type Plugin } from "esbuild";

const ROOT = path.resolve(__dirname, "..", "..");
const ENTRY = path.join(ROOT, "dist", "src", "cli", "binary.js");
export const CLI_BUNDLE = path.join(ROOT, "dist", "cli.js");

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

/** The bundled command's source; fails when the package is not built. */
export async function bundleCli(): Promise<string> {
  if (!existsSync(ENTRY)) throw new Error(`${path.relative(ROOT, ENTRY)} is missing; run \`npm run build\` first`);
  const result = await build({
    entryPoints: [ENTRY],
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
  return output.text;
}

if (require.main === module) {
  bundleCli()
    .then((script) => {
      // The bin runs as an executable file: its first line names the interpreter.
      writeFileSync(CLI_BUNDLE, `#!/usr/bin/env node\n${script}`);
      chmodSync(CLI_BUNDLE, 0o755);
    })
    .catch((error: unknown) => {
      process.stderr.write(`bundle-cli: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    });
}
