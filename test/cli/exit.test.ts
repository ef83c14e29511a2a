/**
 * The CLI ends its process itself once the run is over (src/cli/main.ts runAsProcess) instead of waiting for
 * Node's event loop to run dry, where Node 20 can deadlock on the V8 platform's background tasks
 * (nodejs/node#54918). Here something else keeps the event loop alive for good (a referenced interval, loaded
 * with --require before the CLI): the run must still end, with the exit code of its verdict, its output whole.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PLANS, runCli } from "../helpers/cli";

let dir: string;
let keepAlive: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "pc-exit-"));
  keepAlive = path.join(dir, "keep-alive.js");
  writeFileSync(keepAlive, "setInterval(() => {}, 1000);\n");
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const withKeepAlive = (): NodeJS.ProcessEnv => ({ NODE_OPTIONS: `--require ${keepAlive}` });

test("a run with blocking findings exits 1 with its whole report", () => {
  const plain = runCli(["--format", "json", path.join(PLANS, "rest-insecure", "plan.json")]);
  const held = runCli(["--format", "json", path.join(PLANS, "rest-insecure", "plan.json")], { env: withKeepAlive() });
  expect(plain.status).toBe(1);
  expect(held.status).toBe(1);
  expect(held.stdout).toBe(plain.stdout);
});

test("a passing run exits 0", () => {
  const held = runCli([path.join(PLANS, "quickstart", "plan.json")], { env: withKeepAlive() });
  expect(held.stderr).toBe("");
  expect(held.status).toBe(0);
});

test("an input error exits 2 with its one line", () => {
  const held = runCli([path.join(dir, "missing.json")], { env: withKeepAlive() });
  expect(held.status).toBe(2);
  expect(held.stderr.split("\n")).toHaveLength(2);
  expect(held.stderr).toContain("missing.json");
});
