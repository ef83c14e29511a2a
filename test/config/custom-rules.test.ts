/**
 * Custom rules through the CLI: `new rule` scaffolds a folder that passes `opa test`; `build` compiles it with the
 * built-ins into one bundle; `--bundle` runs that without opa; `--policy-dir` and `policy_dirs` compile on the fly.
 * Needs the pinned opa (.tools/bin/opa, installed by `npm run build`).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { ROOT } from "../helpers/cli";
import { cli, jsonReport, workdir } from "./helpers";

const OPA = path.join(ROOT, ".tools", "bin", "opa");

function scaffolded(): { dir: string; fixture: string } {
  const dir = workdir();
  return { dir, fixture: path.join(dir, "custom-policies", "owner_tag", "fixture") };
}

describe("custom rules", () => {
  let dir: string;
  let fixture: string;
  beforeAll(async () => {
    ({ dir, fixture } = scaffolded());
    const made = await cli(["new", "rule", "owner-tag", "--id", "ACME-001"], dir);
    expect(made).toMatchObject({ code: 0, err: "" });
  });

  test("`new rule NAME` scaffolds Rego with METADATA, a test, a fixture and a doc stub", () => {
    const folder = path.join(dir, "custom-policies", "owner_tag");
    expect(readdirSync(folder).sort()).toEqual(["README.md", "fixture", "owner_tag.rego", "owner_tag_test.rego"]);
    expect(existsSync(path.join(fixture, "main.tf"))).toBe(true);
  });

  test("the scaffold passes `opa test` as written", () => {
    const result = spawnSync(OPA, ["test", path.join(ROOT, "policies", "lib"), path.join(dir, "custom-policies")], { encoding: "utf8" });
    expect(result.stdout + result.stderr).toMatch(/PASS: \d+\/\d+/);
    expect(result.status).toBe(0);
  });

  test("`new rule` refuses to overwrite and rejects malformed IDs", async () => {
    expect((await cli(["new", "rule", "owner-tag"], dir)).err).toMatch(/already exists/);
    expect((await cli(["new", "rule", "other", "--id", "acme1"], dir)).code).toBe(2);
  });

  test("`build` compiles built-in and custom rules into one bundle; `--bundle` runs it (no opa needed)", async () => {
    const built = await cli(["build", "--policy-dir", "custom-policies", "-o", "rules.bundle"], dir);
    expect(built.code).toBe(0);
    expect(built.out).toContain("45 rules");
    const { code, report } = await jsonReport(["--bundle", "rules.bundle", fixture], dir, { POLICY_CHECK_OPA: "/nonexistent/opa" });
    expect(code).toBe(0); // ACME-001 is low, APIGW-203 info: nothing at or above medium
    expect(report.findings.filter((f) => f.rule_id === "ACME-001").map((f) => f.address)).toEqual(["aws_api_gateway_rest_api.api"]);
    expect(report.findings.some((f) => f.rule_id === "APIGW-203")).toBe(true);
    const listed = await cli(["rules", "--bundle", "rules.bundle", "--format", "json"], dir);
    expect(listed.code).toBe(0);
    const ids = (JSON.parse(listed.out) as { rules: Array<{ id: string }> }).rules.map((r) => r.id);
    expect(ids).toContain("ACME-001");
    expect(ids).toHaveLength(45);
  });

  test("`--policy-dir` compiles on the fly; config policy_dirs and params apply to custom rules", async () => {
    const direct = await jsonReport(["--policy-dir", "custom-policies", "--rule", "ACME-001", fixture], dir);
    expect(direct.report.findings.map((f) => f.address)).toEqual(["aws_api_gateway_rest_api.api"]);
    const configured = workdir(
      `policy_dirs: [${JSON.stringify(path.join(dir, "custom-policies"))}]\nrules:\n  ACME-001:\n    severity: high\n    params:\n      tag: cost-center\n`,
    );
    const { code, report } = await jsonReport(["--rule", "ACME-001", fixture], configured);
    expect(report.findings.map((f) => [f.address, f.severity])).toEqual([
      ["aws_api_gateway_rest_api.api", "high"],
      ["aws_api_gateway_rest_api.tagged", "high"],
    ]);
    expect(report.findings[0]?.message).toContain('has no "cost-center" tag');
    expect(code).toBe(1);
  });

  test("a missing opa is a one-line exit-2 error saying how to get one", async () => {
    const { code, err } = await cli(["--policy-dir", "custom-policies", fixture], dir, { POLICY_CHECK_OPA: "/nonexistent/opa" });
    expect(code).toBe(2);
    expect(err).toMatch(/^policy-check: opa is needed to compile policies .*install-tools\.sh.*--bundle FILE\n$/);
  });

  test("a bad bundle file, --bundle with --policy-dir, and a missing policy dir are exit-2 errors", async () => {
    expect((await cli(["--bundle", path.join(fixture, "main.tf"), fixture], dir)).err).toMatch(/not a policy-check bundle/);
    expect((await cli(["--bundle", "rules.bundle", "--policy-dir", "custom-policies", fixture], dir)).err).toMatch(/exclude each other/);
    const missing = await cli(["build", "--policy-dir", "nope"], dir);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/nope: policy directory does not exist/);
  });
});
