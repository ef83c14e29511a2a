/**
 * Why a source scan's value is unknown is found from its references as written. Terraform lists
 * `aws_x.y[count.index].id` as `aws_x.y` (the key is dynamic), whose value is a tuple of every instance:
 * each of N instances that names it once walked all N (N × N; 10,000 stages took 10 s). Whether it is known
 * does not depend on the instance, so it is read once per module instance; these tests count the reads.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { readInput } from "../../../src/ingest";
import * as values from "../../../src/ingest/hcl/values";

function source(count: number): string {
  return `
resource "aws_api_gateway_rest_api" "api" {
  count = ${count}
  name  = "api-\${count.index}"
}
resource "aws_api_gateway_stage" "stage" {
  count         = ${count}
  rest_api_id   = aws_api_gateway_rest_api.api[count.index].id
  stage_name    = "s\${count.index}"
  deployment_id = "d"
}
`;
}

/** Scans `count` APIs and stages; returns how often the tuple of every API was read for being known, and the scan. */
function scan(count: number): { wholeResourceReads: number; unknownIds: number } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "origins-"));
  const isKnown = jest.spyOn(values, "isKnown");
  try {
    writeFileSync(path.join(dir, "main.tf"), source(count));
    const ingest = readInput(dir);
    const wholeResourceReads = isKnown.mock.calls.filter(([v]) => v.k === "t" && v.items.length === count).length;
    const stages = ingest.instances.filter((i) => i.type === "aws_api_gateway_stage");
    return { wholeResourceReads, unknownIds: stages.filter((s) => s.unknown.some((u) => u.path.join(".") === "rest_api_id")).length };
  } finally {
    isKnown.mockRestore();
    rmSync(dir, { recursive: true, force: true });
  }
}

test("a counted resource named by every instance of another is read for being known once, not once per instance", () => {
  for (const count of [3, 40]) {
    const { wholeResourceReads, unknownIds } = scan(count);
    expect(unknownIds).toBe(count); // every stage's rest_api_id is unknown: its origin is looked up
    expect(wholeResourceReads).toBe(1);
  }
});
