/**
 * Terraform source is read as Terraform reads it: override files merged into the blocks they override (the
 * `override` fixture's expected.json holds the merged verdicts; here, the base files alone give the opposite
 * ones, so the merge is what decides), symbolic links to `.tf` files followed, and an override of nothing
 * refused as Terraform refuses it.
 */
import { PolicyCheckError } from "../../../src/errors";
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PolicyEngine } from "../../../src/engine/engine";
import { check } from "../../../src/runner";
import { mergeOverride } from "../../../src/ingest/hcl/config";
import { ROOT } from "../../helpers/cli";

const FIXTURE = path.join(ROOT, "test", "fixtures", "hcl", "override");
const RULES = ["APIGW-003", "APIGW-101", "APIGW-401"];
const tmp = mkdtempSync(path.join(os.tmpdir(), "policy-check-override-"));

let engine: PolicyEngine;
beforeAll(async () => {
  engine = await PolicyEngine.load();
});

async function verdicts(input: string): Promise<string[]> {
  const result = await check({ input, failOn: "medium", rules: RULES, engine });
  return result.findings.map((f) => `${f.rule_id} ${f.address} @${f.source?.file ?? ""}:${f.source?.line ?? 0}`).sort();
}

const MERGED = [
  "APIGW-003 aws_api_gateway_stage.prod @main.tf:37",
  "APIGW-101 aws_api_gateway_method.get @main.tf:21",
  "APIGW-401 aws_api_gateway_domain_name.api @main.tf:48",
];

test("with its override files, the fixture gives the merged verdicts, located at the base blocks", async () => {
  expect(await verdicts(FIXTURE)).toEqual(MERGED);
});

test("without them, the base file alone gives the opposite verdicts", async () => {
  const dir = path.join(tmp, "base-only");
  mkdirSync(dir);
  cpSync(path.join(FIXTURE, "main.tf"), path.join(dir, "main.tf"));
  expect(await verdicts(dir)).toEqual(["APIGW-101 aws_api_gateway_method.post @main.tf:29"]);
});

test("files linked into the directory, overrides included, are read as Terraform follows the links", async () => {
  const dir = path.join(tmp, "linked");
  mkdirSync(dir);
  for (const name of ["main.tf", "override.tf", "methods_override.tf.json", "tls_override.tf"])
    symlinkSync(path.join(FIXTURE, name), path.join(dir, name));
  expect(await verdicts(dir)).toEqual(MERGED);
});

test("a dangling link is an error naming it, not a file skipped", async () => {
  const dir = path.join(tmp, "dangling");
  mkdirSync(dir);
  cpSync(path.join(FIXTURE, "main.tf"), path.join(dir, "main.tf"));
  symlinkSync(path.join(tmp, "missing.tf"), path.join(dir, "extra.tf"));
  const error = await check({ input: dir, failOn: "medium", rules: RULES, engine }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PolicyCheckError);
  expect((error as PolicyCheckError).toLine()).toMatch(/extra\.tf: is a broken symbolic link \(ENOENT\)$/);
});

test("an override of a block no other file declares is refused, as Terraform refuses it", async () => {
  const dir = path.join(tmp, "orphan");
  mkdirSync(dir);
  cpSync(path.join(FIXTURE, "main.tf"), path.join(dir, "main.tf"));
  writeFileSync(path.join(dir, "x_override.tf"), 'resource "aws_api_gateway_method" "put" {\n  authorization = "NONE"\n}\n');
  await expect(check({ input: dir, failOn: "medium", rules: RULES, engine })).rejects.toThrow(
    `${dir}/x_override.tf:1: resource "aws_api_gateway_method" "put" overrides nothing: no other file of the module declares it`,
  );
  rmSync(path.join(dir, "x_override.tf"));
  writeFileSync(path.join(dir, "override.tf"), "locals {\n  nope = 1\n}\n");
  await expect(check({ input: dir, failOn: "medium", rules: RULES, engine })).rejects.toThrow('local value "nope" overrides nothing');
});

describe("the merge rules", () => {
  test("an argument replaces the argument; a nested block type replaces every block of that type, dynamic ones too", () => {
    const base = {
      a: 1,
      b: 2,
      blk: [{ x: 1 }, { x: 2 }],
      other: [{ y: 1 }],
      dynamic: { dyn: [{ for_each: "${var.v}", content: [{}] }], kept: [{ for_each: [], content: [{}] }] },
    };
    expect(mergeOverride(base, { b: 3, blk: [{ x: 9 }], dyn: [{ z: 1 }] }, false)).toEqual({
      a: 1,
      b: 3,
      blk: [{ x: 9 }],
      other: [{ y: 1 }],
      dyn: [{ z: 1 }],
      dynamic: { kept: [{ for_each: [], content: [{}] }] },
    });
    expect(mergeOverride(base, { dynamic: { blk: [{ for_each: [], content: [{}] }] } }, false)).toEqual({
      a: 1,
      b: 2,
      other: [{ y: 1 }],
      dynamic: { dyn: base.dynamic.dyn, kept: base.dynamic.kept, blk: [{ for_each: [], content: [{}] }] },
    });
  });

  test("lifecycle is merged argument by argument in resources only", () => {
    const base = { lifecycle: [{ ignore_changes: ["tags"], prevent_destroy: true }] };
    const override = { lifecycle: [{ create_before_destroy: true, prevent_destroy: false }] };
    expect(mergeOverride(base, override, true)).toEqual({
      lifecycle: [{ ignore_changes: ["tags"], prevent_destroy: false, create_before_destroy: true }],
    });
    expect(mergeOverride(base, override, false)).toEqual(override);
  });
});
