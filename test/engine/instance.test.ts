/**
 * ReusableInstance evaluates through opa-wasm's internals (src/engine/instance.ts): these tests fail when an
 * opa-wasm upgrade changes them, rather than leaving every run on the slower fallback or reading wrong memory.
 */
import { loadPolicySync } from "@open-policy-agent/opa-wasm";
import path from "node:path";
import { readAsset } from "../../src/assets";
import { ENTRYPOINT } from "../../src/engine/engine";
import { internalsOf, ReusableInstance } from "../../src/engine/instance";
import { readInput } from "../../src/ingest";
import { buildModel } from "../../src/model/build";
import { partitionModel, partJson } from "../../src/model/partition";
import { Redactor } from "../../src/redact";
import { PLANS } from "../helpers/cli";

const wasm = readAsset("dist/policy/policy.wasm");
const compiled = new WebAssembly.Module(wasm);

/** A fixture plan's model as the engine sends it: every part in one batch, the fields the rules read. */
function batchOf(name: string): Uint8Array {
  const model = buildModel(readInput(path.join(PLANS, name, "plan.json"), {}), new Redactor());
  return new TextEncoder().encode(partJson(model, partitionModel(model), true));
}

test("the pinned opa-wasm's policy has the internals the direct evaluation reads", () => {
  const policy = loadPolicySync(compiled);
  policy.setData({});
  expect(internalsOf(policy)).not.toBeNull();
});

test.each(["rest-insecure", "http-insecure", "apigw-502-fail"])(
  "the direct evaluation returns what opa-wasm's evaluate returns, input after input (%s)",
  (name) => {
    const input = batchOf(name);
    const policy = loadPolicySync(compiled);
    policy.setData({});
    const expected: unknown = policy.evaluate(input.slice().buffer, ENTRYPOINT);
    const instance = new ReusableInstance(compiled, {});
    // Twice: the reused instance starts each evaluation from the data's heap again.
    for (let i = 0; i < 2; i += 1) expect(JSON.parse(new TextDecoder().decode(instance.evaluate(input, ENTRYPOINT)))).toEqual(expected);
    expect((expected as Array<{ result: unknown[] }>)[0]?.result.length).toBeGreaterThan(0);
  },
);
