/**
 * Start-up: a plan run loads only what it uses. The HCL parser and evaluator, CDKTF, the other report formats,
 * bundles, the YAML parsers of the configuration and of OpenAPI bodies are loaded when an input or a flag
 * needs them (literal require paths, so the standalone binary still bundles them), and standard output
 * going to a pipe is not turned into a stream (node:net). A small plan is read whole, without the streaming
 * reader; worker threads are loaded only for a model big enough to use them. `npm run bench` measures the time this saves.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CLI, PLANS, ROOT } from "../helpers/cli";

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
  const unexpected = files.filter(
    (f) =>
      /^dist\/src\/(ingest\/(hcl|cdktf\/(cdktf|stack))|ingest\/source-dir|ingest\/plan\/(binary|stream)|engine\/bundle|config\/scaffold|report\/(text|sarif|junit|github|markdown|codequality|html))\b/.test(
        f,
      ) || /^node_modules\/(yaml|@cdktf)\//.test(f),
  );
  expect(unexpected).toEqual([]);
  expect(builtins.filter((b) => ["net", "zlib", "crypto", "child_process", "worker_threads"].includes(b))).toEqual([]);
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
