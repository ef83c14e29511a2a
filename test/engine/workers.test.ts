/**
 * Evaluation threads started before the input is read (PolicyEngine.startWorkers, started by the runner for a
 * big plan file): one pool serves every evaluation of a run, each with its own rule parameters, with the
 * findings this thread finds; a pool that no evaluation uses ends with the run, which reports as it always did.
 * Runs the built WASM and the built worker script under dist/.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { EvaluationWorkers, PolicyEngine } from "../../src/engine/engine";
import { readInput } from "../../src/ingest";
import { buildModel } from "../../src/model/build";
import { Redactor } from "../../src/redact";
import { PLANS, runCli, runInProcess } from "../helpers/cli";

/** Above the plan size from which the runner starts threads ahead (engine.ts PLAN_BYTES_FOR_WORKERS). */
const BIG = 17 * 1024 * 1024;

const tmp = mkdtempSync(path.join(os.tmpdir(), "policy-check-ahead-"));

function modelOf(name: string): ReturnType<typeof buildModel> {
  return buildModel(readInput(path.join(PLANS, name, "plan.json"), {}), new Redactor());
}

/** A fixture plan made BIG by trailing whitespace (valid JSON, the same plan): a big file with a small model. */
function padded(name: string): string {
  const file = path.join(tmp, `${name}-padded.json`);
  writeFileSync(file, readFileSync(path.join(PLANS, name, "plan.json"), "utf8") + " ".repeat(BIG));
  return file;
}

test("threads are started ahead only for a plan big enough to need them (not huge), and only when the engine partitions", async () => {
  const engine = PolicyEngine.loadSync();
  expect(engine.startWorkers(1024 * 1024)).toBeNull();
  // A plan so big that the threads' memory during its read matters more than their boot time.
  expect(engine.startWorkers(100 * 1024 * 1024)).toBeNull();
  expect(PolicyEngine.loadSync(undefined, { partition: false }).startWorkers(BIG)).toBeNull();
  expect(PolicyEngine.loadSync(undefined, { workers: 0 }).startWorkers(BIG)).toBeNull();
  const workers = engine.startWorkers(BIG);
  expect(workers).not.toBeNull();
  await workers?.close();
});

test("one pool started ahead serves several evaluations, each with its own rule parameters, as this thread would", async () => {
  const engine = PolicyEngine.loadSync(undefined, { batchEntities: 1, workerThreshold: 0, workers: 2 });
  const workers = engine.startWorkers(BIG);
  expect(workers).not.toBeNull();
  // APIGW-203 allows only private endpoints with this parameter: the rest-insecure APIs fail it.
  const strict = { config: { rules: { "APIGW-203": { params: { allowed_types: ["PRIVATE"] } } } } };
  try {
    for (const [name, data] of [
      ["rest-insecure", {}],
      ["rest-insecure", strict],
      ["apigw-502-fail", strict],
      ["apigw-306-fail", {}],
    ] as const) {
      const model = modelOf(name);
      const expected = engine.evaluateSync(model, data);
      expect(expected.length).toBeGreaterThan(0);
      expect(await engine.evaluate(model, data, workers)).toEqual(expected);
    }
    const model = modelOf("rest-insecure");
    expect(engine.evaluateSync(model, strict)).not.toEqual(engine.evaluateSync(model, {}));
  } finally {
    await workers?.close();
  }
}, 60_000);

test("a big plan file with a small model: the threads started ahead end with the run, the result is the small plan's", async () => {
  const file = padded("rest-insecure");
  const started = jest.spyOn(PolicyEngine.prototype, "startWorkers");
  let big;
  let workers: unknown;
  try {
    big = await runInProcess(["--format", "json", file]);
    workers = started.mock.results[0]?.value;
  } finally {
    started.mockRestore();
  }
  expect(workers).toBeInstanceOf(EvaluationWorkers);
  // Closed by the run: it takes no more evaluations.
  await expect((workers as EvaluationWorkers).run([][Symbol.iterator](), {})).rejects.toThrow("closed");
  const small = await runInProcess(["--format", "json", path.join(PLANS, "rest-insecure", "plan.json")]);
  expect(big.status).toBe(small.status);
  expect(big.stdout.split(file).join("PLAN")).toBe(small.stdout.split(path.join(PLANS, "rest-insecure", "plan.json")).join("PLAN"));
}, 60_000);

test("a big plan file that cannot be read exits 2 with its one line while threads were starting", () => {
  const file = path.join(tmp, "truncated.json");
  writeFileSync(file, `{"format_version":"1.2","resource_changes":[${" ".repeat(BIG)}`);
  const result = runCli(["--format", "json", file]);
  expect(result.status).toBe(2);
  expect(result.stdout).toBe("");
  expect(result.stderr.trim().split("\n")).toHaveLength(1);
  expect(result.stderr).toMatch(new RegExp(`^policy-check: ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: `));
  expect(result.stderr).toMatch(/: invalid JSON at line 1, column \d+: unexpected end of input\n$/);
}, 60_000);
