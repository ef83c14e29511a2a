/**
 * Everything the program reads from its own installation at run time, in one place: the compiled policy
 * bundle, the JSON schemas, the HCL parser's WebAssembly, the built-in Rego sources (opa compiles them with
 * custom rules), the rule templates (`policy-check new rule`), the rule pages (`policy-check explain`) and
 * package.json (the version, the repository the rule pages link to). An asset is
 * named by its path in the npm package (`dist/policy/policy.wasm`), or, for a file of a dependency, by its
 * module path (`@cdktf/hcl2json/main.wasm.gz`).
 *
 * Run from the npm package or the repository, an asset is that file. Run as the standalone binary (Node's
 * single executable application, `npm run package:binary`), there is no package on disk: the build embedded
 * every asset under its name, plus an index of the names (Node 20 cannot list a binary's assets).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * What the binary embeds. A name ending in `/` is a folder of the package: every file under it but tests
 * (`*_test.rego`), which the npm package leaves out too.
 */
export const ASSETS = [
  "package.json",
  "dist/policy/policy.wasm",
  "dist/policy/rules.json",
  "schema/config.json",
  "schema/model.json",
  "opa/capabilities.json",
  "@cdktf/hcl2json/main.wasm.gz",
  "policies/",
  "templates/rule/",
  "docs/rules/",
] as const;

/** The binary's asset listing every embedded name (a JSON array). */
export const ASSET_INDEX = "asset-index.json";

interface Sea {
  isSea(): boolean;
  getAsset(key: string): ArrayBuffer;
}

let seaModule: Sea | null | undefined;

/** node:sea when this process is the standalone binary; null otherwise (node:sea exists from Node 20.12). */
function sea(): Sea | null {
  if (seaModule === undefined) {
    try {
      // Loaded only when present: `node:sea` is missing before Node 20.12, and a static import would fail there.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const candidate = require("node:sea") as Sea;
      seaModule = candidate.isSea() ? candidate : null;
    } catch {
      seaModule = null;
    }
  }
  return seaModule;
}

/** True in the standalone binary: no package, no node_modules, no repository next to the program. */
export function isStandalone(): boolean {
  return sea() !== null;
}

/**
 * The package's root directory (where package.json and policies/ are): two levels above dist/src, one above
 * src (tests run the TypeScript sources). Null in the standalone binary, which has none.
 */
let root: string | null | undefined;
export function packageRoot(): string | null {
  if (root === undefined) {
    const candidates = [path.resolve(__dirname, ".."), path.resolve(__dirname, "..", "..")];
    root = isStandalone() ? null : (candidates.find((dir) => existsSync(path.join(dir, "policies", "main.rego"))) ?? (candidates[1] as string));
  }
  return root;
}

/** Where an asset is on disk when running from the package (dependencies' files through module resolution). */
export function assetFile(name: string, root: string): string {
  return name.startsWith("@") ? require.resolve(name, { paths: [root] }) : path.join(root, name);
}

/** The bytes of an asset; throws (ENOENT) when the package lacks it, e.g. dist/policy before `npm run build`. */
export function readAsset(name: string): Buffer {
  const binary = sea();
  if (binary !== null) return Buffer.from(binary.getAsset(name));
  return readFileSync(assetFile(name, packageRoot() as string));
}

/**
 * A directory holding the assets under `folders` (names ending in `/`) as files at their names, for tools that
 * read files (opa). From the package, the package root itself; in the binary, a fresh temporary directory that
 * `cleanup` removes.
 */
export function assetDirectory(folders: readonly string[]): { root: string; cleanup: () => void } {
  const installed = packageRoot();
  if (installed !== null) return { root: installed, cleanup: () => undefined };
  const names = (JSON.parse(readAsset(ASSET_INDEX).toString("utf8")) as string[]).filter((name) => folders.some((folder) => name.startsWith(folder)));
  const dir = mkdtempSync(path.join(os.tmpdir(), "policy-check-assets-"));
  try {
    for (const name of names) {
      const file = path.join(dir, name);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, readAsset(name));
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { root: dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
