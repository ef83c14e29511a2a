/**
 * generate-capabilities: writes opa/capabilities.json, the OPA capabilities file that
 * `opa build -t wasm --capabilities opa/capabilities.json` checks policies against.
 *
 * Why this exists: `opa build -t wasm` accepts every builtin the opa binary knows. Builtins the
 * compiler cannot implement inside the WebAssembly module are *imported* by it and must be supplied
 * by the JS SDK at evaluation time; @open-policy-agent/opa-wasm implements only a handful of them
 * (its src/builtins/), so a policy using any other one builds fine and then throws
 * "not implemented: built-in function ..." in production. The SDK's bundled capabilities.json is
 * stale (pre Rego v1), so this script measures instead of trusting it:
 *   1. take `opa capabilities --current` of the pinned opa (.tools/bin/opa, or $OPA_BIN);
 *   2. write one probe rule per builtin and build them with `opa build -t wasm` (and `-t plan`),
 *      dropping (with the compiler's reason) every probe the Rego v1 compiler rejects;
 *   3. load the module with opa-wasm and read its `builtins` export: the builtins it imports;
 *   4. keep native builtins plus imported ones that opa-wasm's JS implements; drop the rest.
 * Everything except `builtins` (features, future_keywords, ...) is copied unchanged. The output
 * depends only on the opa and opa-wasm versions, so re-running it gives the same file.
 *
 * Run: node dist/scripts/generate-capabilities.js   (from the repo root)
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { loadPolicy } from "@open-policy-agent/opa-wasm";

interface BuiltinDecl {
  type: string;
  args?: unknown[];
  result?: unknown;
  variadic?: unknown;
}

interface Builtin {
  name: string;
  decl: BuiltinDecl;
  infix?: string;
  deprecated?: boolean;
  [key: string]: unknown;
}

interface Capabilities {
  builtins: Builtin[];
  [key: string]: unknown;
}

/** One probe rule: `r := <value> if { <body> }` in package probe.<id>. */
interface Probe {
  id: string;
  builtin: string;
  body: string;
  value: string;
}

interface Verdict {
  kind: "native" | "sdk-js" | "dropped";
  reason: string;
}

/** The exports of a policy.wasm module this script uses (ABI 1.x). */
interface PolicyExports {
  builtins(): number;
  opa_json_dump(addr: number): number;
}

const PROBE_PACKAGE = "probe";

/** Comparison operators: their result is a test, so they are probed as a body expression. */
const BOOLEAN_INFIX = new Set(["equal", "neq", "lt", "lte", "gt", "gte"]);

/**
 * Builtins that cannot be called by name (operators the parser maps to a builtin, internal ones the
 * compiler inserts): probed through the syntax that produces them.
 */
const SPECIAL_PROBES: Record<string, { body: string; value: string }> = {
  eq: { body: "input.a0 = input.a1", value: "true" },
  assign: { body: "x := input.a0", value: "x" },
  "internal.member_2": { body: "input.a0 in input.a1", value: "true" },
  "internal.member_3": { body: "input.a0, input.a1 in input.a2", value: "true" },
  // print is variadic and rewritten by the compiler into internal.print.
  print: { body: "print(input.a0)", value: "true" },
  "internal.print": { body: "print(input.a0)", value: "true" },
  "internal.template_string": { body: 'x := $"v={input.a0}"', value: "x" },
};

/** A builtin that only works if these (which it is rewritten into) work too. */
const REWRITTEN_INTO: Record<string, string[]> = {
  print: ["internal.print"],
};

function probeFor(builtin: Builtin, id: string): Probe {
  const special = SPECIAL_PROBES[builtin.name];
  if (special !== undefined) {
    return { id, builtin: builtin.name, ...special };
  }
  const arity = builtin.decl.args?.length ?? 0;
  const args = Array.from({ length: arity }, (_, i) => `input.a${i}`);
  if (builtin.infix !== undefined && arity === 2) {
    const expr = `input.a0 ${builtin.infix} input.a1`;
    return BOOLEAN_INFIX.has(builtin.name)
      ? { id, builtin: builtin.name, body: expr, value: "true" }
      : { id, builtin: builtin.name, body: `x := ${expr}`, value: "x" };
  }
  const call = `${builtin.name}(${args.join(", ")})`;
  return builtin.decl.result !== undefined
    ? { id, builtin: builtin.name, body: `x := ${call}`, value: "x" }
    : { id, builtin: builtin.name, body: call, value: "true" };
}

function probeSource(probe: Probe): string {
  return `package ${PROBE_PACKAGE}.${probe.id}\n\n# ${probe.builtin}\nr := ${probe.value} if {\n\t${probe.body}\n}\n`;
}

function findRepoRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      if (fs.existsSync(path.join(dir, "package.json")) && fs.existsSync(path.join(dir, "node_modules"))) {
        return dir;
      }
      if (path.dirname(dir) === dir) break;
    }
  }
  return process.cwd();
}

function runOpa(opa: string, args: string[]): { ok: boolean; stdout: string; stderr: string } {
  const res = spawnSync(opa, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (res.error) {
    throw new Error(`cannot run ${opa}: ${res.error.message} (install it with: bash scripts/install-tools.sh)`);
  }
  return { ok: res.status === 0, stdout: res.stdout, stderr: res.stderr };
}

/** Files of a .tar.gz (ustar; regular files only), keyed by path without leading "/" or "./". */
function untarGz(archive: Buffer): Map<string, Buffer> {
  const tar = zlib.gunzipSync(archive);
  const files = new Map<string, Buffer>();
  const field = (block: Buffer, start: number, len: number): string =>
    block
      .subarray(start, start + len)
      .toString("utf8")
      .replace(/\0[\s\S]*$/, "");
  let offset = 0;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const size = parseInt(field(header, 124, 12).trim() || "0", 8);
    const type = field(header, 156, 1);
    const prefix = field(header, 345, 155);
    const name = (prefix ? `${prefix}/` : "") + field(header, 0, 100);
    if (type === "" || type === "0") {
      files.set(name.replace(/^(\.?\/)+/, ""), tar.subarray(offset + 512, offset + 512 + size));
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

interface BuildResult {
  probes: Probe[];
  wasm: Buffer;
  plan: Buffer;
}

/**
 * Builds all probes into one wasm module (and one plan). Probes the compiler rejects are removed
 * with the compiler's message as reason and the build is retried; if an error cannot be pinned to
 * a probe file, every remaining probe is built alone to find the culprits.
 */
function buildProbes(opa: string, work: string, capsFile: string, all: Probe[], dropped: Map<string, Verdict>): BuildResult {
  const srcDir = path.join(work, "src");
  const build = (probes: Probe[], target: "wasm" | "plan"): { ok: boolean; output: string; bundle: string } => {
    fs.rmSync(srcDir, { recursive: true, force: true });
    fs.mkdirSync(srcDir);
    for (const p of probes) fs.writeFileSync(path.join(srcDir, `${p.id}.rego`), probeSource(p));
    const bundle = path.join(work, `bundle-${target}.tar.gz`);
    const res = runOpa(opa, ["build", "-t", target, "--capabilities", capsFile, "-e", PROBE_PACKAGE, "-o", bundle, srcDir]);
    // opa build prints compile errors on stdout.
    return { ok: res.ok, output: `${res.stdout}\n${res.stderr}`.trim(), bundle };
  };
  const reject = (probe: Probe, reason: string): void => {
    dropped.set(probe.builtin, { kind: "dropped", reason });
  };

  let probes = [...all];
  for (let attempt = 0; attempt <= all.length; attempt++) {
    const wasm = build(probes, "wasm");
    if (wasm.ok) {
      const plan = build(probes, "plan");
      if (!plan.ok) throw new Error(`opa build -t plan failed where -t wasm succeeded:\n${plan.output}`);
      const wasmFile = untarGz(fs.readFileSync(wasm.bundle)).get("policy.wasm");
      const planFile = untarGz(fs.readFileSync(plan.bundle)).get("plan.json");
      if (wasmFile === undefined || planFile === undefined) throw new Error("bundle lacks policy.wasm or plan.json");
      return { probes, wasm: wasmFile, plan: planFile };
    }
    const byId = new Map(probes.map((p) => [p.id, p]));
    const culprits = new Map<string, string>();
    for (const line of wasm.output.split("\n")) {
      const m = /([^\s:]+)\.rego:\d+: (.*)$/.exec(line);
      const probe = m?.[1] !== undefined ? byId.get(path.basename(m[1])) : undefined;
      if (probe !== undefined && m?.[2] !== undefined && !culprits.has(probe.id)) culprits.set(probe.id, m[2]);
    }
    if (culprits.size > 0) {
      for (const [id, reason] of culprits) {
        const probe = byId.get(id);
        if (probe !== undefined) reject(probe, reason);
      }
      probes = probes.filter((p) => !culprits.has(p.id));
      continue;
    }
    // Error not attributable to a file: fall back to one module per builtin.
    const survivors: Probe[] = [];
    for (const p of probes) {
      const one = build([p], "wasm");
      if (one.ok) survivors.push(p);
      else reject(p, one.output.replace(/\s+/g, " ").replace(/\S*\/src\//g, ""));
    }
    if (survivors.length === probes.length) throw new Error(`opa build failed, but every probe builds alone:\n${wasm.output}`);
    probes = survivors;
  }
  throw new Error("opa build kept failing");
}

/** Names of the builtins the module imports (the SDK must provide them), via opa-wasm's own loader. */
async function importedBuiltins(wasm: Buffer): Promise<Set<string>> {
  const policy = await loadPolicy(wasm);
  const exports = (policy.wasmInstance as unknown as { exports: PolicyExports }).exports;
  const addr = exports.opa_json_dump(exports.builtins());
  const mem = new Uint8Array(policy.mem.buffer); // after the dump: it may have grown memory
  let end = addr;
  while (mem[end] !== 0 && end < mem.length) end++;
  const map = JSON.parse(Buffer.from(mem.subarray(addr, end)).toString("utf8")) as Record<string, number>;
  return new Set(Object.keys(map));
}

/** Builtins called by the plan (static.builtin_funcs); the others were compiled into instructions or rewritten away. */
function plannedBuiltins(plan: Buffer): Set<string> {
  const parsed = JSON.parse(plan.toString("utf8")) as { static?: { builtin_funcs?: { name: string }[] } };
  return new Set((parsed.static?.builtin_funcs ?? []).map((f) => f.name));
}

/** The builtins opa-wasm's JS implements: the keys its src/builtins/index.js exports. */
function sdkJsBuiltins(): { names: Set<string>; version: string } {
  const entry = require.resolve("@open-policy-agent/opa-wasm"); // .../src/index.cjs
  const pkgDir = path.dirname(path.dirname(entry));
  // Absolute paths bypass the package's "exports" map, which does not expose src/builtins.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a computed path outside the package's exports
  const impl = require(path.join(pkgDir, "src", "builtins", "index.js")) as Record<string, unknown>;
  const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8")) as { version?: string };
  const names = new Set(Object.keys(impl).filter((k) => typeof impl[k] === "function"));
  return { names, version: pkg.version ?? "unknown" };
}

async function main(): Promise<void> {
  const root = findRepoRoot();
  const opa = process.env["OPA_BIN"] ?? path.join(root, ".tools", "bin", "opa");
  const outFile = path.join(root, "opa", "capabilities.json");

  const current = runOpa(opa, ["capabilities", "--current"]);
  if (!current.ok) throw new Error(`opa capabilities --current failed:\n${current.stderr}`);
  const caps = JSON.parse(current.stdout) as Capabilities;
  const builtins = [...caps.builtins].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const sdk = sdkJsBuiltins();

  const work = fs.mkdtempSync(path.join(os.tmpdir(), "capgen-"));
  try {
    const capsFile = path.join(work, "capabilities-current.json");
    fs.writeFileSync(capsFile, current.stdout);
    const probes = builtins.map((b, i) => probeFor(b, `b${String(i).padStart(3, "0")}`));

    const verdicts = new Map<string, Verdict>();
    const built = buildProbes(opa, work, capsFile, probes, verdicts);
    const imported = await importedBuiltins(built.wasm);
    const planned = plannedBuiltins(built.plan);

    for (const p of built.probes) {
      if (!imported.has(p.builtin)) {
        const how = planned.has(p.builtin) ? "compiled into the module" : "compiled away (instruction or rewrite)";
        verdicts.set(p.builtin, { kind: "native", reason: how });
      } else if (sdk.names.has(p.builtin)) {
        verdicts.set(p.builtin, { kind: "sdk-js", reason: "imported; implemented by opa-wasm JS" });
      } else {
        verdicts.set(p.builtin, { kind: "dropped", reason: "imported; opa-wasm JS has no implementation" });
      }
    }
    for (const [name, deps] of Object.entries(REWRITTEN_INTO)) {
      const v = verdicts.get(name);
      const bad = deps.filter((d) => verdicts.get(d)?.kind === "dropped");
      if (v !== undefined && v.kind !== "dropped" && bad.length > 0) {
        verdicts.set(name, { kind: "dropped", reason: `rewritten into unsupported ${bad.join(", ")}` });
      }
    }

    const kept = builtins.filter((b) => {
      const v = verdicts.get(b.name);
      if (v === undefined) throw new Error(`no verdict for ${b.name}`);
      return v.kind !== "dropped";
    });
    const out: Capabilities = { ...caps, builtins: kept };
    fs.mkdirSync(path.dirname(outFile), { recursive: true });
    fs.writeFileSync(outFile, `${JSON.stringify(out, null, 2)}\n`);

    const count = (kind: Verdict["kind"]): number => [...verdicts.values()].filter((v) => v.kind === kind).length;
    const droppedNames = builtins.filter((b) => verdicts.get(b.name)?.kind === "dropped");
    if (process.env["CAPGEN_VERBOSE"]) {
      for (const b of builtins) {
        const v = verdicts.get(b.name);
        console.log(`${b.name}\t${v?.kind ?? "?"}\t${v?.reason ?? ""}`);
      }
    }
    console.log(
      `capabilities: ${count("native")} native, ${count("sdk-js")} SDK via JS (opa-wasm ${sdk.version}), ` +
        `${droppedNames.length} dropped of ${builtins.length} -> ${path.relative(root, outFile)}` +
        " (CAPGEN_VERBOSE=1 lists each builtin with its reason)",
    );
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(`generate-capabilities: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
