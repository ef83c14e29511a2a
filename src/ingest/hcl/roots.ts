/**
 * Terraform roots of a monorepo directory (`policy-check infra/` where the .tf files sit only in
 * sub-directories): every directory with configuration files that no other directory calls as a local module
 * (`source = "./modules/x"`). Each root is a configuration of its own, judged and reported on its own.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { ConfigLoader, configFiles, type ModuleConfig } from "./config";

/** Directories not searched: hidden ones (.terraform, .git), and package folders. */
const SKIPPED = /^(\..*|node_modules|cdktf\.out)$/;
/** How deep below the given directory roots are looked for. */
const MAX_SEARCH_DEPTH = 12;

/**
 * The Terraform roots under the directory `input`, as paths written like `input` (`infra/app`), sorted; null
 * when it holds no configuration files at any depth (the registry then says what is wrong with it).
 */
export function findTerraformRoots(input: string): string[] | null {
  const dirs: string[] = [];
  const visit = (dir: string, depth: number): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    if (depth > 0 && configFiles(dir).length > 0) dirs.push(dir);
    if (depth >= MAX_SEARCH_DEPTH) return;
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory() && !SKIPPED.test(e.name)) visit(path.join(dir, e.name), depth + 1);
    }
  };
  visit(input, 0);
  if (dirs.length === 0) return null;
  const loader = new ConfigLoader(path.resolve(input), input);
  const called = new Set<string>();
  const collect = (module: ModuleConfig): void => {
    for (const call of module.calls.values()) {
      if (call.module === null || called.has(call.module.dir)) continue;
      called.add(call.module.dir);
      collect(call.module);
    }
  };
  for (const dir of dirs) collect(loader.load(path.resolve(dir)));
  return dirs.filter((dir) => !called.has(path.resolve(dir))).map((dir) => dir.split(path.sep).join("/"));
}
