/**
 * Start-up: a plan run loads only what it uses. The HCL parser and evaluator, CDKTF, the other report formats,
 * bundles, the YAML parsers of the configuration and of OpenAPI bodies are loaded when an input or a flag
 * needs them (literal require paths, so the standalone binary still bundles them), and standard output
 * going to a pipe is not turned into a stream (node:net). A small plan is read whole, without the streaming
 * reader; worker threads are loaded only for a model big enough to use them. `npm run bench` measures the time this saves.
 * Checked on tsc's unbundled output (which files Node loaded) and on the bundled command, dist/cli-bundle.js (which of the
 * modules bundled into it ran: esbuild evaluates each on its first require, so lazy requires stay lazy).
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CLI, CLI_BIN, CLI_BUNDLE, PLANS, ROOT } from "../helpers/cli";
import { customRuleHeader } from "../helpers/custom-rule";

/** Modules a plan run must not load: other input adapters, report formats, bundles, the YAML parsers. */
function leftOutOfPlanRun(files: readonly string[]): string[] {
  return files.filter(
    (f) =>
      /^dist\/src\/(ingest\/(hcl|cdktf\/(cdktf|stack))|ingest\/source-dir|ingest\/plan\/(binary|stream)|engine\/bundle|config\/scaffold|report\/(text|sarif|junit|github|markdown|codequality|html))\b/.test(
        f,
      ) || /^node_modules\/(yaml|@cdktf)\//.test(f),
  );
}
const PLAN_RUN_BUILTINS_LEFT_OUT = ["net", "zlib", "crypto", "child_process", "worker_threads"];

/**
 * esbuild's wrapper of a bundled CommonJS module: a module's code runs when this is first called, and its first
 * property's name is the module's path from the repository root (scripts/bundle-cli.ts: absWorkingDir).
 */
const BUNDLE_MODULE_WRAPPER = "var __commonJS = (cb, mod) => function __require() {";

/**
 * The bundled CLI on `args`, from a copy beside it (the same directory, so it finds the package the same way) whose
 * module wrapper records each module it runs; prints them and the built-ins at exit.
 */
function bundleLoadedBy(args: readonly string[]): { status: number | null; modules: string[]; builtins: string[] } {
  const source = readFileSync(CLI_BUNDLE, "utf8");
  expect(source).toContain(BUNDLE_MODULE_WRAPPER);
  const probeBundle = path.join(path.dirname(CLI_BUNDLE), `.startup-probe-${process.pid}.js`);
  writeFileSync(
    probeBundle,
    source.replace(BUNDLE_MODULE_WRAPPER, `${BUNDLE_MODULE_WRAPPER} globalThis.__ranModules.push(__getOwnPropNames(cb)[0]);`),
  );
  try {
    const probe = `
      globalThis.__ranModules = [];
      process.argv = [process.argv[0], ${JSON.stringify(probeBundle)}, ...${JSON.stringify(args)}];
      process.on("exit", () => require("node:fs").writeSync(2, JSON.stringify({
        modules: globalThis.__ranModules,
        builtins: process.moduleLoadList.filter((m) => m.startsWith("NativeModule ")).map((m) => m.slice(13)),
      })));
      require(${JSON.stringify(probeBundle)});`;
    const run = spawnSync(process.execPath, ["-e", probe], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, timeout: 120_000 });
    const loaded = JSON.parse(run.stderr.slice(run.stderr.lastIndexOf('{"modules"'))) as { modules: string[]; builtins: string[] };
    return { status: run.status, modules: loaded.modules, builtins: loaded.builtins };
  } finally {
    rmSync(probeBundle, { force: true });
  }
}

/** The built CLI on `args`, run in a child process that prints, at exit, the files and built-ins it loaded. */
function loadedBy(args: readonly string[]): { status: number | null; files: string[]; builtins: string[] } {
  const probe = `
    process.argv = [process.argv[0], ${JSON.stringify(CLI)}, ...${JSON.stringify(args)}];
    process.on("exit", () => require("node:fs").writeSync(2, JSON.stringify({
      files: Object.keys(require.cache),
      builtins: process.moduleLoadList.filter((m) => m.startsWith("NativeModule ")).map((m) => m.slice(13)),
    })));
    const cli = require(${JSON.stringify(CLI)});
    cli.runAsProcess(cli.run);`;
  const run = spawnSync(process.execPath, ["-e", probe], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, timeout: 120_000 });
  const loaded = JSON.parse(run.stderr.slice(run.stderr.lastIndexOf('{"files"'))) as { files: string[]; builtins: string[] };
  const own = loaded.files.map((f) => path.relative(ROOT, f).split(path.sep).join("/"));
  return { status: run.status, files: own, builtins: loaded.builtins };
}

test("a plan run loads no other input adapter, report format, bundle code or configuration parser", () => {
  const { status, files, builtins } = loadedBy([path.join(PLANS, "quickstart", "plan.json"), "--format", "json"]);
  expect(status).toBe(0);
  expect(files).toContain("dist/src/report/json.js");
  expect(leftOutOfPlanRun(files)).toEqual([]);
  expect(builtins.filter((b) => PLAN_RUN_BUILTINS_LEFT_OUT.includes(b))).toEqual([]);
});

test("the bundled CLI: a plan run runs none of the bundled modules it leaves out; Terraform source runs the HCL adapter", () => {
  const plan = bundleLoadedBy([path.join(PLANS, "quickstart", "plan.json"), "--format", "json"]);
  expect(plan.status).toBe(0);
  expect(plan.modules).toEqual(expect.arrayContaining(["dist/src/report/json.js", "dist/src/ingest/plan/plan.js"]));
  expect(leftOutOfPlanRun(plan.modules)).toEqual([]);
  // opa-wasm's own YAML parser too: the bundle requires it on a YAML builtin's first call (scripts/bundle-cli.ts).
  expect(plan.modules.filter((m) => m.includes("/opa-wasm/node_modules/yaml/"))).toEqual([]);
  expect(plan.builtins.filter((b) => PLAN_RUN_BUILTINS_LEFT_OUT.includes(b))).toEqual([]);

  const hcl = bundleLoadedBy([path.join(ROOT, "test", "fixtures", "hcl", "auth-fail"), "--format", "sarif"]);
  expect(hcl.status).toBe(1);
  expect(hcl.modules).toEqual(expect.arrayContaining(["dist/src/ingest/hcl/hcl.js", "dist/src/report/sarif.js"]));
  expect(leftOutOfPlanRun(hcl.modules)).not.toEqual([]);
  // What a plan run leaves out is in the bundle as text, compiled on first require (scripts/bundle-cli.ts deferCold).
  const source = readFileSync(CLI_BUNDLE, "utf8");
  for (const cold of ["dist/src/ingest/hcl/hcl.js", "dist/src/report/sarif.js"]) expect(source).toContain(`//# sourceURL=${cold}")`);
  expect(source).not.toContain("//# sourceURL=dist/src/ingest/plan/plan.js");
  // ASCII only (scripts/bundle-cli.ts asciiOnly): Node reads it on its fast path.
  expect(source).not.toMatch(/[^\x00-\x7f]/);
});

test("the bundled CLI runs a custom rule's YAML builtins (opa-wasm's YAML parser, required on first call)", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "startup-"));
  try {
    const rule = customRuleHeader({
      id: "ACME-951",
      title: "YAML builtins",
      description: "Flags each REST API with what the YAML builtins return.",
      severity: "low",
      subject: "aws_api_gateway_rest_api",
      name: "yaml_builtins",
    });
    writeFileSync(
      path.join(dir, "yaml_builtins.rego"),
      `${rule}
import rego.v1

deny contains {"rule_id": "ACME-951", "severity": "low", "address": api.address, "message": message, "unknown": false} if {
	some api in input.resources.aws_api_gateway_rest_api
	yaml.is_valid("a: [1, 2]")
	parsed := yaml.unmarshal("a: [1, 2]")
	message := trim_space(yaml.marshal({"count": count(parsed.a)}))
}
`,
    );
    const args = ["--no-config", "--policy-dir", dir, "--rule", "ACME-951", "--format", "json", path.join(PLANS, "quickstart", "plan.json")];
    const run = spawnSync(process.execPath, [CLI_BIN, ...args], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
      timeout: 120_000,
    });
    expect(run.stderr).toBe("");
    const messages = (JSON.parse(run.stdout) as { findings: Array<{ message: string }> }).findings.map((f) => f.message);
    expect(messages.length).toBeGreaterThan(0);
    expect(new Set(messages)).toEqual(new Set(["count: 2"]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a plan over a MiB is streamed", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "startup-"));
  try {
    // The quick-start plan, padded past the size read whole with whitespace JSON allows after the document.
    const file = path.join(dir, "plan.json");
    writeFileSync(file, readFileSync(path.join(PLANS, "quickstart", "plan.json"), "utf8") + " ".repeat(1024 * 1024));
    const { status, files } = loadedBy([file, "--format", "json"]);
    expect(status).toBe(0);
    expect(files).toContain("dist/src/ingest/plan/stream.js");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("what a plan run leaves out is loaded when asked for: Terraform source, another format, a fingerprint", () => {
  const { status, files, builtins } = loadedBy([path.join(ROOT, "test", "fixtures", "hcl", "auth-fail"), "--format", "sarif"]);
  expect(status).toBe(1);
  expect(files).toEqual(expect.arrayContaining(["dist/src/ingest/hcl/hcl.js", "dist/src/report/sarif.js"]));
  expect(builtins).toContain("crypto");
});

/** Whether the bin's way of compiling the bundle in `dir` (src/cli/launch.ts) had V8 accept its code cache. */
function codeCacheAccepted(dir: string): boolean {
  const probe = `
    require(${JSON.stringify(path.join(ROOT, "dist", "src", "engine", "tiering.js"))}).tuneWebAssemblyTiering();
    const { compileBundle } = require(${JSON.stringify(path.join(ROOT, "dist", "src", "cli", "launch.js"))});
    const script = compileBundle(${JSON.stringify(dir)}, true);
    process.stdout.write(String(script.cachedDataRejected));`;
  const run = spawnSync(process.execPath, ["-e", probe], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
  expect(run.stderr).toBe("");
  return run.stdout === "false";
}

test("the bin compiles the bundle from the code cache the build made, never from one older than the bundle", () => {
  const dist = path.dirname(CLI_BUNDLE);
  expect(codeCacheAccepted(dist)).toBe(true);
  const dir = mkdtempSync(path.join(os.tmpdir(), "startup-"));
  try {
    // A bundle edited after its cache was made: the same length (all V8 checks of the source), a later time.
    copyFileSync(path.join(dist, "cli-bundle.cache"), path.join(dir, "cli-bundle.cache"));
    const source = readFileSync(CLI_BUNDLE, "utf8");
    writeFileSync(path.join(dir, "cli-bundle.js"), source);
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(dir, "cli-bundle.js"), later, later);
    expect(codeCacheAccepted(dir)).toBe(false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
