/**
 * `node dist/scripts/compile-policies.js OPA OUT_DIR`: compiles the built-in rules into OUT_DIR (policy.wasm,
 * rules.json) with src/engine/bundle.ts, the compile step `policy-check build` uses too. What `npm run build`
 * runs (scripts/build-policies.sh). A script of its own, not a `require.main` block in bundle.ts: the
 * standalone binary bundles bundle.ts into one file, where such a block would run with the CLI's arguments.
 */
import { compileBundle } from "../src/engine/bundle";

const [opa, out] = process.argv.slice(2);
try {
  if (opa === undefined || out === undefined) throw new Error("usage: compile-policies.js OPA OUT_DIR");
  const count = compileBundle(out, [], opa);
  process.stdout.write(`build-policies: ${count} rules\n`);
} catch (error) {
  process.stderr.write(`build-policies: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
