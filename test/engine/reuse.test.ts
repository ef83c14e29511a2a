/**
 * A plan's before side is evaluated with the batches its after side left (EvaluatedBatches): a batch of the same
 * text is not evaluated again, and the findings are those of evaluating the before side on its own. Plans here
 * are copies of plans/review-noop (a real Terraform plan of an applied stack: no-op resources and one update) in
 * module instances, their IDs their own, so that most batches of the two sides are the same text. Runs the
 * built WASM and, for workers, the built worker script under dist/. The plans are the bench's (writeAppliedPlan).
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { EvaluatedBatches, PolicyEngine, type RawFinding } from "../../src/engine/engine";
import { readInput } from "../../src/ingest";
import { buildModel } from "../../src/model/build";
import type { Model } from "../../src/model/types";
import { Redactor } from "../../src/redact";
import { writeAppliedPlan } from "../../scripts/bench";

const dir = mkdtempSync(path.join(os.tmpdir(), "pc-reuse-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The two sides of the plan of an applied stack's instances `first` to `last`, read from one file name (a model names its input file). */
function sides(first: number, last: number): { after: Model; before: Model } {
  const file = path.join(dir, "plan.json");
  writeAppliedPlan(file, first, last);
  const { instances, before, ...facts } = readInput(file, {});
  const redactor = new Redactor();
  return {
    after: buildModel({ ...facts, instances, ...(before === undefined ? {} : { before }) }, redactor),
    before: buildModel({ ...facts, instances: before ?? [] }, redactor),
  };
}

const text = (findings: RawFinding[]): string => JSON.stringify(findings);
const data = { config: { rules: {} } };

describe.each([
  ["in this thread", { batchEntities: 40 }],
  ["with worker threads", { batchEntities: 40, workerThreshold: 0, workers: 1 }],
])("%s", (_, options) => {
  const engine = PolicyEngine.loadSync(undefined, options);

  test("a before side that repeats the after side is found, not evaluated again, with the same findings", async () => {
    const { after, before } = sides(0, 29);
    const batches = new EvaluatedBatches(data);
    const afterFindings = await engine.evaluate(after, data, null, batches);
    expect(batches.reused).toBe(0);
    expect(text(afterFindings)).toBe(text(await engine.evaluate(after, data)));
    const beforeFindings = await engine.evaluate(before, data, null, batches);
    // 330 entities in batches of about 20 to 40: every batch of the before side is one of the after side's.
    expect(batches.reused).toBeGreaterThan(8);
    expect(text(beforeFindings)).toBe(text(await engine.evaluate(before, data)));
    expect(beforeFindings.length).toBeGreaterThan(0);
  });

  test("after a copy the before side lacks (created by the change), later batches are the same again", async () => {
    const { after } = sides(0, 29);
    const { before } = sides(1, 29);
    const batches = new EvaluatedBatches(data);
    await engine.evaluate(after, data, null, batches);
    const beforeFindings = await engine.evaluate(before, data, null, batches);
    expect(batches.reused).toBeGreaterThan(4);
    expect(text(beforeFindings)).toBe(text(await engine.evaluate(before, data)));
  });

  test("other rule parameters reuse nothing", async () => {
    const { after } = sides(0, 9);
    const batches = new EvaluatedBatches(data);
    await engine.evaluate(after, data, null, batches);
    const other = { config: { rules: {} } };
    await engine.evaluate(after, other, null, batches);
    expect(batches.reused).toBe(0);
    await engine.evaluate(after, data, null, batches);
    expect(batches.reused).toBeGreaterThan(0);
  });
});

test("a model evaluated whole (a bundle with custom rules) is not held for the other side", async () => {
  const whole = PolicyEngine.loadSync(undefined, { partition: false });
  const { after } = sides(0, 2);
  const batches = new EvaluatedBatches(data);
  await whole.evaluate(after, data, null, batches);
  await whole.evaluate(after, data, null, batches);
  expect(batches.reused).toBe(0);
});
