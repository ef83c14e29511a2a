/** A `cdktf.out` as `cdktf synth` writes it: one `stacks/<name>/cdk.tf.json` per stack and a manifest. */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

type Document = Record<string, unknown>;

/**
 * Writes `<dir>/cdktf.out` with these stacks (name → cdk.tf.json document) and manifest entries (name →
 * overrides of the entry cdktf writes; a name without a stack adds a manifest entry alone). Returns its path.
 */
export function writeCdktfOut(dir: string, stacks: Record<string, Document>, manifestOverrides: Record<string, Document> = {}): string {
  const outdir = path.join(dir, "cdktf.out");
  const entries: Record<string, Document> = {};
  for (const [name, document] of Object.entries(stacks)) {
    mkdirSync(path.join(outdir, "stacks", name), { recursive: true });
    writeFileSync(path.join(outdir, "stacks", name, "cdk.tf.json"), JSON.stringify(document));
    entries[name] = {
      name,
      constructPath: name,
      synthesizedStackPath: `stacks/${name}/cdk.tf.json`,
      workingDirectory: `stacks/${name}`,
      annotations: [],
      dependencies: [],
      ...manifestOverrides[name],
    };
  }
  for (const [name, overrides] of Object.entries(manifestOverrides)) if (!(name in entries)) entries[name] = { name, ...overrides };
  mkdirSync(outdir, { recursive: true });
  writeFileSync(path.join(outdir, "manifest.json"), JSON.stringify({ version: "0.21.0", stacks: entries }));
  return outdir;
}
