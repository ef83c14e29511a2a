/**
 * End to end over every fixture scenario in plans/: the CLI's run() in process (see runInProcess), the compiled
 * WASM, real plan files. Spawned processes are covered by test/e2e/errors.test.ts and test/package/.
 * Each scenario's expected.json holds the exact (rule, address, severity, unknown) set and the exit code.
 */
import { runInProcess } from "../helpers/cli";
import { loadScenarios, tuples } from "../helpers/scenarios";

const scenarios = loadScenarios();

/** Text report sections: resource header line → the rule IDs listed under it. */
function textSections(stdout: string): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of stdout.split("\n")) {
    if (line === "How to fix:") break;
    if (line !== "" && !line.startsWith(" ")) {
      const address = line.replace(/ \(.*\)$/, "");
      current = sections.get(address) ?? [];
      sections.set(address, current);
      continue;
    }
    const rule = /^ {2}\S+\s+(APIGW-\d{3}) /.exec(line)?.[1];
    if (rule !== undefined && current !== null) current.push(rule);
  }
  return sections;
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
      const sections = textSections(run.stdout);
      const listed = [...sections.entries()].flatMap(([address, rules]) => rules.map((r) => `${r} ${address}`)).sort();
      expect(listed).toEqual(scenario.findings.map((f) => `${f.rule_id} ${f.address}`).sort());
      const summary = run.stdout.trimEnd().split("\n").pop() ?? "";
      expect(summary).toContain(`${scenario.findings.length} finding${scenario.findings.length === 1 ? "" : "s"}`);
      expect(summary).toMatch(scenario.exit_code === 1 ? /FAILED/ : /PASSED/);
    });
  },
);
