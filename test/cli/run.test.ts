/** The CLI's run() with captured I/O: colour rules and exit codes, in process. */
import path from "node:path";
import { run, type Io } from "../../src/cli/main";
import { loadRuleCatalog } from "../../src/engine/engine";
import { PLANS } from "../helpers/cli";

function capture(env: NodeJS.ProcessEnv, tty: boolean): Io & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), stdoutIsTty: tty, env };
}

const plan = path.join(PLANS, "apigw-001-fail", "plan.json");
const ESC = "\u001b[";

test("colour on a terminal", async () => {
  const io = capture({}, true);
  expect(await run([plan], io)).toBe(1);
  expect(io.out.join("")).toContain(ESC);
});

test("no colour when NO_COLOR is set, when not a terminal, or when writing JSON", async () => {
  for (const [env, tty, args] of [
    [{ NO_COLOR: "1" }, true, [plan]],
    [{}, false, [plan]],
    [{}, true, ["--format", "json", plan]],
  ] as const) {
    const io = capture(env, tty);
    await run(args, io);
    expect(io.out.join("")).not.toContain(ESC);
  }
});

test("--fail-on decides blocking", async () => {
  expect(await run(["--fail-on", "critical", plan], capture({}, false))).toBe(0);
  expect(await run(["--fail-on", "info", plan], capture({}, false))).toBe(1);
});

test("`policy-check rules` lists every built rule, as text and as JSON", async () => {
  const catalog = loadRuleCatalog();
  const text = capture({}, false);
  expect(await run(["rules"], text)).toBe(0);
  for (const rule of catalog.rules)
    expect(text.out.join("")).toMatch(new RegExp(`^${rule.id} +${rule.severity} +${rule.title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "m"));
  const json = capture({}, false);
  expect(await run(["rules", "--format", "json"], json)).toBe(0);
  const listed = JSON.parse(json.out.join("")) as { rules: Array<{ id: string; anchors: unknown }> };
  expect(listed.rules.map((r) => r.id)).toEqual(catalog.rules.map((r) => r.id));
  const bad = capture({}, false);
  expect(await run(["rules", "--format", "sarif"], bad)).toBe(2);
});
