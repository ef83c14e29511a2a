/**
 * The built-in rules are evaluated on RULE_FIELDS of each entity (src/model/partition.ts). scripts/lint-rego.sh
 * type-checks their bodies against the model's schema cut to those fields (scripts/rule-fields-schema.ts): a rule
 * reading another field fails there, where the engine's batches would give it undefined and it would never fire.
 * Needs the pinned opa (.tools/bin/opa).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { RULE_FIELDS } from "../../src/model/partition";
import { ruleFieldsSchema } from "../../scripts/rule-fields-schema";
import { ROOT } from "../helpers/cli";

const OPA = path.join(ROOT, ".tools", "bin", "opa");
const schema = JSON.parse(readFileSync(path.join(ROOT, "schema", "model.json"), "utf8")) as Parameters<typeof ruleFieldsSchema>[0];

/** `opa check` of policies/lib/schemas.rego (which types `input`) and one rule reading `read` of each stage. */
function check(schemaDir: string, read: string): { status: number | null; output: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "policy-check-rule-fields-"));
  try {
    const rule = path.join(dir, "probe.rego");
    writeFileSync(
      rule,
      `package apigw.rules.probe.stage_read\n\nnames contains stage.address if {\n\tsome stage in input.resources.aws_api_gateway_stage\n\t${read}\n}\n`,
    );
    const result = spawnSync(OPA, ["check", "--strict", "--schema", schemaDir, path.join(ROOT, "policies", "lib", "schemas.rego"), rule], {
      encoding: "utf8",
    });
    return { status: result.status, output: result.stdout + result.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("the schema the built-in rules are checked against", () => {
  let cut: string;
  beforeAll(() => {
    cut = mkdtempSync(path.join(os.tmpdir(), "policy-check-rule-schema-"));
    writeFileSync(path.join(cut, "model.json"), JSON.stringify(ruleFieldsSchema(schema)));
  });
  afterAll(() => rmSync(cut, { recursive: true, force: true }));

  test("keeps every entity to RULE_FIELDS, and leaves the model's own schema whole", () => {
    const stage = ruleFieldsSchema(schema).definitions["RestStage"]?.properties ?? {};
    expect(Object.keys(stage).sort()).toEqual([...RULE_FIELDS].sort());
    expect(Object.keys(schema.definitions["RestStage"]?.properties ?? {})).toEqual(expect.arrayContaining(["actions", "source", "type"]));
  });

  test("refuses a rule body reading a field the engine does not send (actions), which the whole schema allows", () => {
    const refused = check(cut, '"create" in stage.actions');
    expect(refused.status).not.toBe(0);
    expect(refused.output).toContain("undefined ref: stage.actions");
    expect(check(path.join(ROOT, "schema"), '"create" in stage.actions').status).toBe(0);
  });

  test("accepts a rule body reading what the engine sends", () => {
    expect(check(cut, 'stage.values.stage_name == "prod"')).toEqual({ status: 0, output: "" });
  });
});
