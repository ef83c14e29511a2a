/**
 * Synthesizes the example CDKTF app (examples/cdktf) in-process into a temporary directory: no `cdktf` CLI,
 * no `terraform` binary. Tests never write synth output into the repository.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildApp } from "../../../examples/cdktf/main";

export function tempDir(prefix = "policy-check-cdktf-"): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `<dir>/cdktf.out` with both example stacks. */
export function synthesizeExample(dir: string): string {
  const outdir = path.join(dir, "cdktf.out");
  buildApp(outdir).synth();
  return outdir;
}
