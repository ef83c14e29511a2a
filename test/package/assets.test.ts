/**
 * src/assets.ts outside the binary (test/package/binary.test.ts covers the binary): every asset the binary
 * embeds is a file of the built package, and no other module finds files next to the code, so that what the
 * binary embeds is all the program reads from its installation.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { assetDirectory, assetFile, ASSETS, isStandalone, packageRoot, readAsset } from "../../src/assets";
import { ROOT } from "../helpers/cli";

test("outside the binary, the package root is the repository and assets are its files", () => {
  expect(isStandalone()).toBe(false);
  expect(packageRoot()).toBe(ROOT);
  expect(readAsset("package.json")).toEqual(readFileSync(path.join(ROOT, "package.json")));
  expect(readAsset("@cdktf/hcl2json/main.wasm.gz")).toEqual(readFileSync(path.join(ROOT, "node_modules", "@cdktf", "hcl2json", "main.wasm.gz")));
});

test("every asset the binary embeds exists in the built package", () => {
  for (const name of ASSETS) {
    const file = assetFile(name, ROOT);
    expect([name, existsSync(file)]).toEqual([name, true]);
  }
});

test("opa's directory of built-in sources is the package itself, never removed", () => {
  const sources = assetDirectory(["policies/", "opa/"]);
  expect(sources.root).toBe(ROOT);
  sources.cleanup();
  expect(existsSync(path.join(ROOT, "policies", "main.rego"))).toBe(true);
});

test("only src/assets.ts (and the bin's launcher) locates files by the code's own location (__dirname, require.resolve)", () => {
  const offenders: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (file.endsWith(".ts") && /__dirname|require\.resolve/.test(readFileSync(file, "utf8"))) offenders.push(path.relative(ROOT, file));
    }
  };
  walk(path.join(ROOT, "src"));
  // src/cli/launch.ts (dist/cli.js) compiles the bundle beside it, before any of the package's modules is loaded.
  expect(offenders).toEqual(["src/assets.ts", "src/cli/launch.ts"]);
});
