import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { initialPages, PolicyEngine } from "../../src/engine/engine";
import { PolicyCheckError } from "../../src/errors";
import { emptyResources } from "../../src/model/build";
import { MODEL_VERSION } from "../../src/model/types";

test("a missing bundle is a POLICY_BUNDLE error that says how to fix it", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bundle-"));
  await expect(PolicyEngine.load(dir)).rejects.toMatchObject({ code: "POLICY_BUNDLE", message: expect.stringContaining("npm run build") });
});

test("a corrupt WASM file is a POLICY_BUNDLE error", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bundle-"));
  writeFileSync(path.join(dir, "policy.wasm"), "not wasm");
  writeFileSync(path.join(dir, "rules.json"), '{"version":"0","rules":[]}');
  await expect(PolicyEngine.load(dir)).rejects.toBeInstanceOf(PolicyCheckError);
});

test("the built bundle evaluates an empty model to no findings", async () => {
  const engine = await PolicyEngine.load();
  const findings = engine.evaluateSync({
    model_version: MODEL_VERSION,
    input: { kind: "plan", file: "x", format_version: "1.2", tool_version: null },
    resources: emptyResources(),
  });
  expect(findings).toEqual([]);
  expect(engine.rules.length).toBeGreaterThan(10);
});

test("evaluator memory grows with the input and stays within WebAssembly's limit", () => {
  expect(initialPages(0)).toBe(256);
  // The peak heap measured on finding-dense models is 48 times the model's JSON size.
  expect(initialPages(14_000_000)).toBeGreaterThan((48 * 14_000_000) / 65536);
  expect(initialPages(10_000_000_000)).toBe(65536);
});
