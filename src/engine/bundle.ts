/**
 * Policy bundles: the built-in rules plus custom rule directories compiled by the pinned `opa` into the two
 * files the engine loads (policy.wasm, rules.json). One implementation for `npm run build`
 * (scripts/build-policies.sh, through scripts/compile-policies.ts) and for `policy-check build` / `--policy-dir`.
 * A bundle file (`policy-check build -o FILE`, `--bundle FILE`) is a gzipped tar of those two files, read
 * without opa so CI needs only Node. opa reads the built-in rules from the package's policies/ (in the
 * standalone binary, from a temporary copy of its embedded sources).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { extractRules } from "./metadata";
import { assetDirectory, packageRoot } from "../assets";
import { readFileBounded } from "../bounded-read";
import { ENTRYPOINTS } from "./engine";
import { PolicyCheckError } from "../errors";
import { formatBytes, MAX_BUNDLE_BYTES, MAX_BUNDLE_UNPACKED_BYTES } from "../limits";

/**
 * The opa to compile with: $POLICY_CHECK_OPA when set (it must exist), else the pinned .tools/bin/opa
 * (scripts/install-tools.sh), else `opa` on PATH; otherwise a one-line error saying how to get one.
 */
export function findOpa(explicit?: string): string {
  const root = packageRoot();
  // The install script exists in a clone of the repository, not in the published package or the binary.
  const installer =
    root !== null && existsSync(path.join(root, "scripts", "install-tools.sh")) ? "run `bash scripts/install-tools.sh opa` in the repository, " : "";
  const hint = `${installer}put opa v1.22.2 on PATH (or set POLICY_CHECK_OPA to it), or run a prebuilt bundle with --bundle FILE`;
  const chosen = explicit ?? process.env["POLICY_CHECK_OPA"];
  if (chosen !== undefined && chosen !== "") {
    if (existsSync(chosen)) return chosen;
    throw new PolicyCheckError("USAGE", `opa is needed to compile policies and is not at ${chosen} (POLICY_CHECK_OPA): ${hint}`);
  }
  const pinned = root === null ? null : path.join(root, ".tools", "bin", "opa");
  if (pinned !== null && existsSync(pinned)) return pinned;
  const probe = spawnSync("opa", ["version"], { encoding: "utf8" });
  if (probe.status === 0) return "opa";
  throw new PolicyCheckError("USAGE", `opa is needed to compile policies and was not found: ${hint}`);
}

function run(opa: string, args: string[], cwd: string): string {
  // From the sources' root, so the built-in rules' locations are `policies/...` wherever they live.
  const result = spawnSync(opa, args, { encoding: "utf8", maxBuffer: 256 * 1024 * 1024, cwd });
  if (result.error !== undefined) throw new PolicyCheckError("POLICY_BUNDLE", `cannot run opa: ${result.error.message}`);
  if (result.status !== 0) {
    const first = (result.stderr || result.stdout).split("\n").find((l) => l.trim() !== "") ?? `exit code ${String(result.status)}`;
    throw new PolicyCheckError("POLICY_BUNDLE", `opa ${args[0] ?? ""} failed: ${first.trim()}`);
  }
  return result.stdout;
}

/** Checks custom rule directories exist before opa gives a less direct message. */
function checkDirs(dirs: readonly string[]): void {
  for (const dir of dirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory())
      throw new PolicyCheckError("INPUT_NOT_FOUND", "policy directory does not exist", { input: dir });
  }
}

/**
 * Type-checks custom rules against the model's schema (schema/model.json: every attribute of every modeled
 * resource type, from the provider's schema), as the built-in rules are in CI: a rule reading an attribute the
 * model does not have (`values.descripton`) fails the build, naming the file and line, instead of reading
 * undefined and never firing (or always firing) without a word.
 */
function typeCheck(opa: string, roots: readonly string[], cwd: string): void {
  const result = spawnSync(
    opa,
    ["check", "--capabilities", path.join("opa", "capabilities.json"), "--schema", "schema", "--ignore", "*_test.rego", "--format", "json", ...roots],
    { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, cwd },
  );
  if (result.error !== undefined) throw new PolicyCheckError("POLICY_BUNDLE", `cannot run opa: ${result.error.message}`);
  if (result.status === 0) return;
  let first: { message?: string; location?: { file?: string; row?: number } } | undefined;
  try {
    first = (JSON.parse(result.stdout || result.stderr) as { errors?: Array<typeof first> }).errors?.[0];
  } catch {
    first = undefined;
  }
  if (first?.message === undefined) {
    const line = (result.stderr || result.stdout).split("\n").find((l) => l.trim() !== "") ?? `exit code ${String(result.status)}`;
    throw new PolicyCheckError("POLICY_BUNDLE", `opa check failed: ${line.trim()}`);
  }
  const where = first.location?.file === undefined ? "" : `${first.location.file}:${first.location.row ?? 0}: `;
  const message = first.message.split("\n")[0] ?? "";
  const hint = /undefined ref/.test(message) ? " (not an attribute of the model: see docs/model.md and schema/model.json)" : "";
  throw new PolicyCheckError("POLICY_BUNDLE", `custom rule does not type-check against the model: ${where}${message}${hint}`);
}

/**
 * Compiles policies/ and `extraDirs` into `outDir`/policy.wasm and `outDir`/rules.json. Custom rules follow the
 * built-ins' conventions (package apigw.rules.<family>.<name>, a `deny` set built with data.apigw.lib.result,
 * METADATA with custom.id); `*_test.rego` files are left out. Returns the number of rules.
 */
export function compileBundle(outDir: string, extraDirs: readonly string[] = [], opa: string = findOpa()): number {
  outDir = path.resolve(outDir);
  if (opa.includes(path.sep)) opa = path.resolve(opa);
  checkDirs(extraDirs);
  const roots = ["policies", ...extraDirs.map((d) => path.resolve(d))];
  const sources = assetDirectory(["policies/", "opa/", "schema/"]);
  const work = mkdtempSync(path.join(os.tmpdir(), "policy-check-build-"));
  try {
    if (extraDirs.length > 0) typeCheck(opa, roots, sources.root);
    const tarball = path.join(work, "bundle.tar.gz");
    run(
      opa,
      [
        "build",
        "-t",
        "wasm",
        ...ENTRYPOINTS.flatMap((e) => ["-e", e]),
        "--capabilities",
        path.join("opa", "capabilities.json"),
        "--ignore",
        "*_test.rego",
        "-o",
        tarball,
        ...roots,
      ],
      sources.root,
    );
    const wasm = readTar(gunzipSync(readFileSync(tarball))).get("policy.wasm");
    if (wasm === undefined) throw new PolicyCheckError("POLICY_BUNDLE", "opa build wrote no policy.wasm");
    // opa inspect takes one path: inspect each root and join their annotations.
    const annotations = roots.flatMap(
      (root) =>
        (JSON.parse(run(opa, ["inspect", "-a", "--format", "json", root], sources.root)) as Parameters<typeof extractRules>[0]).annotations ?? [],
    );
    const inspect = { annotations };
    let catalog;
    try {
      catalog = extractRules(inspect, sources.root);
    } catch (error) {
      throw new PolicyCheckError("POLICY_BUNDLE", String(error instanceof Error ? error.message : error));
    }
    const ids = catalog.rules.map((r) => r.id);
    const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
    if (duplicate !== undefined) throw new PolicyCheckError("POLICY_BUNDLE", `two rules declare the ID ${duplicate}`);
    mkdirSync(outDir, { recursive: true });
    writeFileSync(path.join(outDir, "policy.wasm"), wasm);
    writeFileSync(path.join(outDir, "rules.json"), `${JSON.stringify(catalog, null, 2)}\n`);
    return catalog.rules.length;
  } finally {
    rmSync(work, { recursive: true, force: true });
    sources.cleanup();
  }
}

/** Writes a bundle directory's two files as one gzipped tar (the `--bundle FILE` format). */
export function packBundle(dir: string, file: string): void {
  const entries = ["policy.wasm", "rules.json"].map((name) => ({ name, data: readFileSync(path.join(dir, name)) }));
  writeFileSync(file, gzipSync(writeTar(entries)));
}

export interface UnpackedBundle {
  /** The directory PolicyEngine.load reads. */
  dir: string;
  cleanup: () => void;
  /**
   * Runs `load` on the directory; an error it raises about the directory names the bundle as the user gave
   * it instead (a temporary directory means nothing to them).
   */
  load<T>(load: (dir: string) => T): T;
}

/**
 * Unpacks a bundle file into a fresh temporary directory for PolicyEngine.load; a directory is used as it is.
 * `shown` is the bundle as the user named it. The file and what it unpacks to are bounded (src/limits.ts),
 * so a gzip bomb is refused instead of filling memory.
 */
export function unpackBundle(file: string, shown: string = file): UnpackedBundle {
  if (!existsSync(file)) throw new PolicyCheckError("INPUT_NOT_FOUND", "bundle file does not exist", { input: shown });
  const load = <T>(dir: string, use: (dir: string) => T): T => {
    try {
      return use(dir);
    } catch (error) {
      if (error instanceof PolicyCheckError && error.input === dir)
        throw new PolicyCheckError(error.code, error.message, { input: shown, cause: error });
      throw error;
    }
  };
  if (statSync(file).isDirectory()) return { dir: file, cleanup: () => undefined, load: (use) => load(file, use) };
  const packed = readFileBounded(file, { limit: MAX_BUNDLE_BYTES, kind: "a policy bundle (MAX_BUNDLE_BYTES)", shown });
  let files: Map<string, Buffer>;
  try {
    files = readTar(gunzipSync(packed, { maxOutputLength: MAX_BUNDLE_UNPACKED_BYTES }));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
      throw new PolicyCheckError(
        "POLICY_BUNDLE",
        `unpacks to more than ${formatBytes(MAX_BUNDLE_UNPACKED_BYTES)} (MAX_BUNDLE_UNPACKED_BYTES); not a policy-check bundle`,
        { input: shown },
      );
    }
    throw new PolicyCheckError("POLICY_BUNDLE", "not a policy-check bundle (build one with `policy-check build -o FILE`)", { input: shown });
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "policy-check-bundle-"));
  for (const name of ["policy.wasm", "rules.json"]) {
    const data = files.get(name);
    if (data === undefined) {
      rmSync(dir, { recursive: true, force: true });
      throw new PolicyCheckError("POLICY_BUNDLE", `bundle has no ${name} (build one with \`policy-check build -o FILE\`)`, { input: shown });
    }
    writeFileSync(path.join(dir, name), data);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }), load: (use) => load(dir, use) };
}

/** Regular files of a ustar archive, by name without a leading `/`. */
export function readTar(buffer: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  let offset = 0;
  while (offset + 512 <= buffer.length) {
    const header = buffer.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const field = (start: number, length: number): string =>
      header
        .subarray(start, start + length)
        .toString("utf8")
        .replace(/\0.*$/s, "");
    const prefix = field(345, 155);
    const name = (prefix === "" ? field(0, 100) : `${prefix}/${field(0, 100)}`).replace(/^\.?\//, "");
    const size = parseInt(field(124, 12).trim() || "0", 8);
    const type = field(156, 1);
    if (Number.isNaN(size)) throw new Error("bad tar header");
    if (type === "0" || type === "") out.set(name, Buffer.from(buffer.subarray(offset + 512, offset + 512 + size)));
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

function writeTar(entries: ReadonlyArray<{ name: string; data: Buffer }>): Buffer {
  const blocks: Buffer[] = [];
  for (const { name, data } of entries) {
    const header = Buffer.alloc(512);
    const put = (text: string, start: number): void => void header.write(text, start, "utf8");
    put(name, 0);
    put("0000644\0", 100);
    put("0000000\0", 108);
    put("0000000\0", 116);
    put(`${data.length.toString(8).padStart(11, "0")}\0`, 124);
    put("00000000000\0", 136);
    put("        ", 148);
    put("0", 156);
    put("ustar\0", 257);
    put("00", 263);
    const sum = header.reduce((a, b) => a + b, 0);
    put(`${sum.toString(8).padStart(6, "0")}\0 `, 148);
    blocks.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}
