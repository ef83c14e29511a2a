/**
 * Saved binary plans (`terraform plan -out=tfplan`), end to end: the built CLI, the real WASM bundle and the
 * machine's real Terraform reading a plan it saved a moment ago (test/helpers/terraform.ts), in its
 * initialised working directory. The findings must be those of the scenario's committed plan.json.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PLANS, runCli, type CliRun } from "../helpers/cli";
import { tuples, type ExpectedFinding } from "../helpers/scenarios";
import { HAS_TERRAFORM, saveBinaryPlan, TERRAFORM } from "../helpers/terraform";

const SCENARIO = "quickstart";
const expected = JSON.parse(readFileSync(path.join(PLANS, SCENARIO, "expected.json"), "utf8")) as { exit_code: number; findings: ExpectedFinding[] };
const scratch = mkdtempSync(path.join(os.tmpdir(), "policy-check-tfplan-test-"));

/** A PATH with only these programs (symbolic links to the real ones): no tofu, nothing else from the machine. */
function pathWith(programs: Record<string, string>): string {
  const bin = mkdtempSync(path.join(scratch, "bin-"));
  for (const [name, target] of Object.entries(programs)) symlinkSync(target, path.join(bin, name));
  return bin;
}
const noPrograms = pathWith({});

interface JsonReport {
  findings: Array<ExpectedFinding & { source: unknown }>;
}

function findingsOf(run: CliRun): Array<Omit<JsonReport["findings"][number], "source">> {
  return (JSON.parse(run.stdout) as JsonReport).findings.map(({ source: _source, ...rest }) => rest);
}

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("without terraform or tofu on PATH (needs no Terraform)", () => {
  // A zip's local file header, as a saved plan starts; what follows does not matter before a program reads it.
  const zip = Buffer.concat([Buffer.from("PK\u0003\u0004\u0014\u0000\u0000\u0000\u0008\u0000", "latin1"), Buffer.alloc(64, 1)]);
  const dir = path.join(scratch, "zip");
  mkdirSync(path.join(dir, "infra"), { recursive: true });
  for (const name of ["tfplan", "plan.json", "infra/tfplan"]) writeFileSync(path.join(dir, name), zip);

  test.each([
    ["tfplan", "policy-check: tfplan is a binary Terraform plan; run terraform show -json tfplan > plan.json"],
    // `-out=plan.json`: detected by content, and the hint does not overwrite the plan with its own output.
    ["plan.json", "policy-check: plan.json is a binary Terraform plan; run terraform show -json plan.json > tfplan.json"],
    ["infra/tfplan", "policy-check: infra/tfplan is a binary Terraform plan; run terraform -chdir=infra show -json tfplan > plan.json"],
  ])("%s: exit 2 and the one-line hint", (input, line) => {
    const run = runCli([input], { cwd: dir, env: { PATH: noPrograms } });
    expect(run).toEqual({ status: 2, stdout: "", stderr: `${line}\n` });
  });

  test("on standard input there is no directory to run terraform in: refused whatever is on PATH", () => {
    const run = runCli(["-"], { input: zip, env: { PATH: pathWith({ terraform: process.execPath }) } });
    expect(run).toEqual({
      status: 2,
      stdout: "",
      stderr:
        "policy-check: standard input is a binary Terraform plan, and there is no working directory to read it in; pipe its JSON instead: terraform show -json PLANFILE | policy-check -\n",
    });
  });

  test("--terraform-bin that does not exist is a usage error", () => {
    const run = runCli(["tfplan", "--terraform-bin", "/nonexistent/terraform"], { cwd: dir, env: { PATH: noPrograms } });
    expect(run).toEqual({ status: 2, stdout: "", stderr: "policy-check: --terraform-bin /nonexistent/terraform: no such executable file\n" });
  });

  test("other binary content named .json is refused as binary, not as invalid JSON", () => {
    writeFileSync(path.join(dir, "image.json"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    const run = runCli(["image.json"], { cwd: dir, env: { PATH: noPrograms } });
    expect(run).toEqual({
      status: 2,
      stdout: "",
      stderr: "policy-check: image.json: is a binary file, not a plan; expected the JSON of `terraform show -json PLANFILE`\n",
    });
  });
});

const withTerraform = HAS_TERRAFORM ? describe : describe.skip;
if (!HAS_TERRAFORM) {
  console.warn(`binary-plan.test.ts: skipping the real-Terraform tests: ${TERRAFORM} is not installed (CI has it)`);
}

withTerraform(`a real binary plan of plans/${SCENARIO}, read with ${TERRAFORM}`, () => {
  let work = "";
  let committed: ReturnType<typeof findingsOf> = [];
  const terraformOnly = HAS_TERRAFORM ? pathWith({ terraform: TERRAFORM }) : "";

  beforeAll(() => {
    work = saveBinaryPlan(SCENARIO);
    // `terraform plan -out=plan.json`: the same zip under a JSON name.
    copyFileSync(path.join(work, "tfplan"), path.join(work, "plan.json"));
    const reference = runCli(["--format", "json", path.join(PLANS, SCENARIO, "plan.json")]);
    expect(reference.status).toBe(expected.exit_code);
    committed = findingsOf(reference);
  }, 300_000);

  afterAll(() => {
    if (work !== "") rmSync(work, { recursive: true, force: true });
  });

  test.each(["tfplan", "plan.json"])(
    "%s in its working directory: judged, the same findings as the committed plan.json, one line on stderr",
    (input) => {
      const run = runCli(["--format", "json", input], { cwd: work, env: { PATH: terraformOnly } });
      expect(run.stderr).toBe(`policy-check: ${input} is a binary plan; judging the output of terraform show -json ${input}\n`);
      expect(run.status).toBe(expected.exit_code);
      const findings = findingsOf(run);
      expect(findings).toEqual(committed);
      expect(tuples(findings)).toEqual(tuples(expected.findings));
      expect(findings.length).toBeGreaterThan(0);
    },
  );

  test("from another directory terraform runs in the plan's directory; --terraform-bin names the program", () => {
    const run = runCli(["--format", "json", "--terraform-bin", TERRAFORM, path.join(work, "tfplan")], { cwd: scratch, env: { PATH: noPrograms } });
    expect(run.stderr).toBe(`policy-check: ${work}/tfplan is a binary plan; judging the output of ${TERRAFORM} show -json tfplan in ${work}\n`);
    expect(run.status).toBe(expected.exit_code);
    expect(findingsOf(run)).toEqual(committed);
  });

  test("terraform show failing (a directory that was never initialised): exit 2, one line naming the input, the command and its error", () => {
    const elsewhere = mkdtempSync(path.join(scratch, "uninitialised-"));
    copyFileSync(path.join(work, "tfplan"), path.join(elsewhere, "tfplan"));
    const run = runCli(["tfplan"], { cwd: elsewhere, env: { PATH: terraformOnly } });
    expect(run).toEqual({
      status: 2,
      stdout: "",
      stderr: "policy-check: tfplan: terraform show -json tfplan failed (exit 1): Error: Failed to load plugin schemas\n",
    });
  });

  test("no terraform on PATH: the hint, exit 2", () => {
    const run = runCli(["tfplan"], { cwd: work, env: { PATH: noPrograms } });
    expect(run).toEqual({
      status: 2,
      stdout: "",
      stderr: "policy-check: tfplan is a binary Terraform plan; run terraform show -json tfplan > plan.json\n",
    });
  });
});
