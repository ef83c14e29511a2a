/**
 * Terraform native syntax (`.tf`, `.tfvars`) → Terraform JSON syntax, through `@cdktf/hcl2json`: HashiCorp's
 * own HCL parser compiled to WebAssembly. It reports syntax errors as `file:line,col-…: summary; detail`,
 * which we turn into the `file:line:col: message` users expect (see README, "Dependency notes", for why this
 * package and not `hcl2-parser`, which returns no message and no position).
 *
 * The package's public `parse()` is asynchronous only because it instantiates its WebAssembly module with
 * the asynchronous API on first use; input adapters are synchronous. So we load the same two files the
 * package loads (its Go runtime shim and `main.wasm.gz`, pinned by the exact version in package.json) with
 * the synchronous WebAssembly API, once per process, and call the same exported `parse` function, whose Go
 * side answers through the callback before returning.
 */
import v8 from "node:v8";
import { gunzipSync } from "node:zlib";
import { readAsset } from "../../assets";
import { PolicyCheckError } from "../../errors";
import { MAX_EXPRESSION_DEPTH } from "../../limits";
import { withoutPrototypes } from "../../records";
import { lineAndColumn, locateJsonError, locateLoneSurrogate, nestsDeeperThan, TOO_DEEP } from "../json";
import type { JsonObject } from "../types";

type GoParse = (filename: string, contents: string, callback: (error: string | null, result?: string) => void) => void;

interface GoRuntime {
  importObject: object;
  run(instance: object): Promise<void>;
}

/** The synchronous part of the WebAssembly API (src/types/webassembly.d.ts declares only what the engine uses). */
const wasm = WebAssembly as unknown as {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => object;
};

let goParse: GoParse | null = null;

/**
 * Compiles the parser with V8's baseline compiler (Liftoff) only. By default V8 recompiles a WebAssembly
 * function with its optimizing compiler once it has run a while; the Go program's functions are huge, so
 * those recompilations cost far more than a scan ever saves by them: measured on plans/rest-insecure's
 * directory, one HCL scan took 1.17 s of CPU with them and 0.38 s without (parsing its main.tf: 260 ms vs
 * 40 ms; starting the Go runtime: 91 ms vs 28 ms). V8 reads the flag when it compiles a module, so setting it
 * back right after leaves the policy's module (src/engine) with the default tiering.
 */
function compileBaselineOnly(bytes: Uint8Array): object {
  const userSet = process.execArgv.includes("--liftoff-only");
  v8.setFlagsFromString("--liftoff-only");
  try {
    return new wasm.Module(bytes);
  } finally {
    if (!userSet) v8.setFlagsFromString("--no-liftoff-only");
  }
}

function loadParser(): GoParse {
  if (goParse !== null) return goParse;
  // The shim defines globalThis.Go and the Node globals the Go runtime writes through (fs, TextEncoder...);
  // it also sets globalThis.require, which nothing needs afterwards and which would shadow `require` in
  // scripts run with `node -e`: put it back as it was.
  const hadRequire = Object.prototype.hasOwnProperty.call(globalThis, "require");
  const previousRequire = (globalThis as Record<string, unknown>)["require"];
  // A literal module path, so that the standalone binary's bundler includes the shim.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a script run for its side effect (globalThis.Go)
  require("@cdktf/hcl2json/wasm/bridge_wasm_exec.js");
  if (hadRequire) (globalThis as Record<string, unknown>)["require"] = previousRequire;
  else delete (globalThis as Record<string, unknown>)["require"];
  const Go = (globalThis as unknown as { Go: new () => GoRuntime }).Go;
  const module = compileBaselineOnly(gunzipSync(readAsset("@cdktf/hcl2json/main.wasm.gz")));
  const go = new Go();
  const instance = new wasm.Instance(module, go.importObject);
  const exports: Record<string, unknown> = {};
  // The Go program registers its functions on this global, then blocks; run() returns once it does.
  (globalThis as unknown as Record<string, unknown>)["__parse_terraform_config_wasm__"] = exports;
  void go.run(instance);
  const parse = exports["parse"];
  if (typeof parse !== "function") throw new Error("@cdktf/hcl2json did not register its parse function");
  goParse = parse as GoParse;
  return goParse;
}

/** `parse config: [main.tf:2,6-3,1: Invalid expression; Expected ...]` → the first diagnostic, our format. */
export function formatDiagnostic(raw: string, file: string): string {
  const body = raw.replace(/^parse config: \[/, "").replace(/\]$/, "");
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const first = new RegExp(`^${escaped}:(\\d+),(\\d+)(?:-[\\d,]+)?: (.*?)(?= ${escaped}:\\d+,\\d+|$)`, "s").exec(body);
  if (first === null) return `${file}: ${body}`;
  return `${file}:${first[1] ?? "?"}:${first[2] ?? "?"}: ${(first[3] ?? "").trim()}`;
}

/**
 * Parses one native-syntax file into Terraform JSON syntax: blocks become (label-keyed) lists of bodies,
 * literal values stay JSON values, and every other expression becomes a string template (`"${...}"`, with
 * literal `${` escaped as `$${`), exactly as Terraform reads `.tf.json`. `file` names it in errors.
 */
export function parseNative(text: string, file: string): JsonObject {
  const parse = loadParser();
  let error: string | null = null;
  let result: string | undefined;
  try {
    parse(file, text, (e, r) => {
      error = e;
      result = r;
    });
  } catch (thrown) {
    // HCL's parser recurses once per nesting level: a few thousand levels overflow the WebAssembly stack. The
    // Go runtime is not left in a usable state, so the next parse starts a fresh one.
    if (!(thrown instanceof RangeError)) throw thrown;
    goParse = null;
    throw new PolicyCheckError(
      "INPUT_UNSUPPORTED",
      `${file}: nests too deeply for the HCL parser (its stack overflowed; expressions may nest ${MAX_EXPRESSION_DEPTH} levels, MAX_EXPRESSION_DEPTH)`,
    );
  }
  if (error !== null) throw new PolicyCheckError("INPUT_UNSUPPORTED", formatDiagnostic(error, file));
  if (result === undefined) throw new Error(`@cdktf/hcl2json returned nothing for ${file}`);
  const parsed: unknown = JSON.parse(result);
  // Depth first: removing prototypes recurses.
  if (nestsDeeperThan(parsed)) throw new PolicyCheckError("INPUT_UNSUPPORTED", `${file}: ${TOO_DEEP}`);
  withoutPrototypes(parsed);
  return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as JsonObject) : {};
}

/** Parses a `.tf.json` / `.tfvars.json` file, with `file:line:col` on invalid JSON. */
export function parseJsonSyntax(text: string, file: string): JsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    const { offset, reason } = locateJsonError(text);
    const { line, column } = lineAndColumn(text, offset);
    throw new PolicyCheckError("INPUT_UNSUPPORTED", `${file}:${line}:${column}: invalid JSON: ${reason}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new PolicyCheckError("INPUT_UNSUPPORTED", `${file}:1:1: a Terraform JSON file must hold one object`);
  }
  if (nestsDeeperThan(parsed)) throw new PolicyCheckError("INPUT_UNSUPPORTED", `${file}: ${TOO_DEEP}`);
  if (withoutPrototypes(parsed) !== null) {
    const { line, column } = lineAndColumn(text, Math.max(locateLoneSurrogate(text), 0));
    throw new PolicyCheckError("INPUT_UNSUPPORTED", `${file}:${line}:${column}: invalid text: half of a UTF-16 surrogate pair, not a character`);
  }
  return parsed as JsonObject;
}

/** Either syntax, by file name. */
export function parseConfigFile(text: string, file: string): JsonObject {
  return file.endsWith(".json") ? parseJsonSyntax(text, file) : parseNative(text, file);
}
