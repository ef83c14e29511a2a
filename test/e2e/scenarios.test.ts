/**
 * End to end over every fixture scenario in plans/: the CLI's run() in process (see runInProcess), the compiled
 * WASM, real plan files. Spawned processes are covered by test/e2e/errors.test.ts and test/package/.
 * Each scenario's expected.json holds the exact (rule, address, severity, unknown) set and the exit code.
 */
import { runInProcess } from "../helpers/cli";
import { loadScenarios, tuples } from "../helpers/scenarios";

const scenarios = loadScenarios();

/**
 * The text report's findings as "RULE address": rules listed under each resource header, and the collapsed
 * notices (a rule line, then its resources, comma-separated, up to the Docs: line).
 */
function textFindings(stdout: string): string[] {
  const listed: string[] = [];
  let address: string | null = null;
  let notices = false;
  let notice: string | null = null;
  for (const line of stdout.split("\n")) {
    if (line === "") continue;
    if (!line.startsWith(" ")) {
      notices = line.startsWith("Notices ");
      address = notices ? null : line.replace(/ \(.*\)$/, "");
      notice = null;
      continue;
    }
    const rule = /^ {2}\S+\s+(APIGW-\d{3}) /.exec(line)?.[1];
    if (rule !== undefined) {
      if (notices) notice = rule;
      else if (address !== null) listed.push(`${rule} ${address}`);
      continue;
    }
    if (notice !== null && !line.trim().startsWith("Docs: "))
      listed.push(
        ...line
          .trim()
          .split(/,\s*/)
          .filter((a) => a !== "")
          .map((a) => `${notice} ${a.replace(/ \(.*\)$/, "")}`),
      );
  }
  return listed.sort();
}

test("there are scenarios to run", () => {
  expect(scenarios.length).toBeGreaterThan(10);
});

describe.each(scenarios.flatMap((s) => s.plans.map((plan) => ({ scenario: s, plan, label: `${s.name}/${plan.split("/").pop() ?? ""}` }))))(
  "$label",
  ({ scenario, plan }) => {
    test("json: exact findings and exit code", async () => {
      const run = await runInProcess([...scenario.args, "--format", "json", plan]);
      expect(run.stderr).toBe("");
      const report = JSON.parse(run.stdout) as { findings: Array<{ rule_id: string; address: string; severity: string; unknown: boolean }> };
      expect(tuples(report.findings)).toEqual(tuples(scenario.findings));
      expect(run.status).toBe(scenario.exit_code);
    });

    test("text: the same findings grouped by address, same exit code", async () => {
      const run = await runInProcess([...scenario.args, "--format", "text", plan]);
      expect(run.stderr).toBe("");
      expect(run.status).toBe(scenario.exit_code);
      expect(textFindings(run.stdout)).toEqual(scenario.findings.map((f) => `${f.rule_id} ${f.address}`).sort());
      const lines = run.stdout.trimEnd().split("\n");
      const summary = lines.pop() ?? "";
      // The summary line first and last (once, when nothing else is printed).
      expect(lines.length === 0 ? summary : lines[0]).toBe(summary);
      expect(lines.length === 0).toBe(scenario.findings.length === 0);
      expect(summary).toContain(`${scenario.findings.length} finding${scenario.findings.length === 1 ? "" : "s"}`);
      expect(summary).toMatch(scenario.exit_code === 1 ? /FAILED/ : /PASSED/);
    });
  },
);
