/**
 * Reviewing a change, end to end over the review-* scenarios in plans/ (real Terraform and OpenTofu plans with
 * a prior-state.json): every finding's change (introduced / existing), the resolved findings, the settings
 * the change alters with their verdicts, and the exit code with and without --fail-on-new, in every format.
 * Each scenario's expected.json holds them beside the usual exact finding set.
 */
import { runInProcess } from "../helpers/cli";
import { loadScenarios, type Scenario } from "../helpers/scenarios";

interface ReviewExpectation {
  /** `RULE address` → introduced | existing, for every finding. */
  changes: Record<string, "introduced" | "existing">;
  resolved: Array<{ rule_id: string; address: string; resolution: "fixed" | "deleted" }>;
  /** Every setting the change alters (all verdicts), as `address | setting | before | after | verdict`. */
  settings: string[];
  /** Exit code with --fail-on-new (the plain exit code is the scenario's exit_code). */
  exit_code_fail_on_new: number;
  /** Exit code with --fail-on-weakened. */
  exit_code_fail_on_weakened: number;
}

interface JsonReport {
  findings: Array<{ rule_id: string; address: string; change?: string }>;
  resolved?: Array<{ rule_id: string; address: string; resolution: string }>;
  settings?: Array<{ address: string; setting: string; before: string; after: string; verdict: string }>;
  summary: { change?: { introduced: number; resolved: number; weakened: number; existing: number; comparable: boolean } };
}

const scenarios = loadScenarios()
  .filter((s) => s.name.startsWith("review-"))
  .map((s) => ({ ...s, review: (s as Scenario & { review: ReviewExpectation }).review }));
const cases = scenarios.flatMap((s) => s.plans.map((plan) => ({ s, plan, label: `${s.name}/${plan.split("/").pop() ?? ""}` })));

test("the review scenarios are there (one per kind of change the issue names)", () => {
  expect(scenarios.map((s) => s.name).sort()).toEqual([
    "review-auth-downgrade",
    "review-fixed",
    "review-logging-off",
    "review-noop",
    "review-policy-widened",
    "review-replace",
    "review-throttling-raised",
    "review-tls-downgrade",
    "review-waf-deleted",
  ]);
  for (const s of scenarios) expect(s.plans.length).toBe(2);
});

const key = (f: { rule_id: string; address: string }): string => `${f.rule_id} ${f.address}`;

describe.each(cases)("$label", ({ s, plan }) => {
  const review = s.review;

  test("json: each finding's change, the resolved findings, the settings, the summary counts", async () => {
    const run = await runInProcess([...s.args, "--format", "json", plan]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(s.exit_code);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(Object.fromEntries(report.findings.map((f) => [key(f), f.change]))).toEqual(review.changes);
    expect(report.resolved?.map((r) => ({ rule_id: r.rule_id, address: r.address, resolution: r.resolution }))).toEqual(review.resolved);
    expect(report.settings?.map((c) => [c.address, c.setting, c.before, c.after, c.verdict].join(" | "))).toEqual(review.settings);
    const changes = Object.values(review.changes);
    expect(report.summary.change).toMatchObject({
      comparable: true,
      introduced: changes.filter((c) => c === "introduced").length,
      existing: changes.filter((c) => c === "existing").length,
      resolved: review.resolved.length,
      weakened: review.settings.filter((line) => line.endsWith("| weaker")).length,
    });
  });

  test("exit codes: --fail-on-new blocks only on introduced findings, --fail-on-weakened on weakened settings", async () => {
    const failOnNew = await runInProcess([...s.args, "--fail-on-new", "--format", "json", plan]);
    expect(failOnNew.stderr).toBe("");
    expect(failOnNew.status).toBe(review.exit_code_fail_on_new);
    const failOnWeakened = await runInProcess([...s.args, "--fail-on-new", "--fail-on-weakened", "--format", "json", plan]);
    expect(failOnWeakened.status).toBe(review.exit_code_fail_on_weakened);
  });

  test("text: the lead sentence, introduced findings before the weakened settings before what was already there", async () => {
    const run = await runInProcess([...s.args, "--format", "text", plan]);
    expect(run.status).toBe(s.exit_code);
    const lines = run.stdout.split("\n");
    const changes = Object.values(review.changes);
    const weakened = review.settings.filter((line) => line.endsWith("| weaker")).length;
    const introduced = changes.filter((c) => c === "introduced").length;
    const existing = changes.length - introduced;
    expect(lines[1]).toBe(
      `This change introduces ${introduced} finding${introduced === 1 ? "" : "s"}, resolves ${review.resolved.length}, ` +
        `weakens ${weakened} setting${weakened === 1 ? "" : "s"}; ${existing} finding${existing === 1 ? " was" : "s were"} already there.`,
    );
    const at = (title: string): number => lines.indexOf(title);
    const sections = ["Introduced by this change:", "Settings this change weakens:", "Resolved by this change:", "Already there before this change:"];
    const present = sections.filter((t) => at(t) >= 0);
    expect(present.map(at)).toEqual([...present.map(at)].sort((a, b) => a - b));
    expect(at("Introduced by this change:") >= 0).toBe(introduced > 0);
    expect(at("Settings this change weakens:") >= 0).toBe(review.settings.some((l) => /\| (weaker|unverifiable)$/.test(l)));
    expect(at("Already there before this change:") >= 0).toBe(existing > 0);
    // Each introduced finding is listed before the weakened settings and the existing ones after them.
    const start = at("Introduced by this change:");
    const next = present.find((t) => at(t) > start);
    const section = start < 0 ? [] : lines.slice(start, next === undefined ? lines.length : at(next));
    const introducedRules = section.filter((l) => /^ {2}\S+\s+APIGW-\d{3} /.test(l)).length;
    expect(introducedRules).toBe(introduced);
  });

  test("markdown: the lead sentence, the weakened settings table, what was already there collapsed", async () => {
    const run = await runInProcess([...s.args, "--format", "markdown", plan]);
    expect(run.status).toBe(s.exit_code);
    expect(run.stdout).toMatch(
      /^\*\*This change introduces \d+ findings?, resolves \d+, weakens \d+ settings?; \d+ findings? (was|were) already there\.\*\*$/m,
    );
    for (const line of review.settings.filter((l) => l.endsWith("| weaker"))) {
      const [address, setting] = line.split(" | ");
      expect(run.stdout).toContain(`| \`${address ?? ""}\` | ${setting ?? ""} |`);
    }
    const existing = Object.values(review.changes).filter((c) => c === "existing").length;
    if (existing > 0)
      expect(run.stdout).toContain(
        `<details><summary>${existing} finding${existing === 1 ? " was" : "s were"} already there before this change</summary>`,
      );
  });

  test("sarif: baselineState new / unchanged per finding, absent for each resolved one", async () => {
    const run = await runInProcess([...s.args, "--format", "sarif", plan]);
    expect(run.status).toBe(s.exit_code);
    const log = JSON.parse(run.stdout) as {
      runs: Array<{ results: Array<{ ruleId: string; baselineState?: string; kind?: string; properties: { address: string } }> }>;
    };
    const results = log.runs[0]?.results ?? [];
    const states = Object.fromEntries(
      results.filter((r) => r.baselineState !== "absent").map((r) => [`${r.ruleId} ${r.properties.address}`, r.baselineState]),
    );
    expect(states).toEqual(Object.fromEntries(Object.entries(review.changes).map(([k, c]) => [k, c === "introduced" ? "new" : "unchanged"])));
    const absent = results.filter((r) => r.baselineState === "absent");
    expect(absent.map((r) => `${r.ruleId} ${r.properties.address}`)).toEqual(review.resolved.map(key));
    for (const r of absent) expect(r.kind).toBe("pass");
  });

  test("junit, codequality and github keep their shape: one entry per finding, same exit code", async () => {
    const junit = await runInProcess([...s.args, "--format", "junit", plan]);
    expect(junit.status).toBe(s.exit_code);
    expect((junit.stdout.match(/<failure /g) ?? []).length).toBe(s.findings.length);
    const codequality = await runInProcess([...s.args, "--format", "codequality", plan]);
    expect(codequality.status).toBe(s.exit_code);
    expect((JSON.parse(codequality.stdout) as unknown[]).length).toBe(s.findings.length);
    const github = await runInProcess([...s.args, "--format", "github", plan]);
    expect(github.status).toBe(s.exit_code);
    expect(github.stdout.split("\n").filter((l) => l.startsWith("::")).length).toBe(s.findings.length);
  });
});

describe("inputs without a before", () => {
  test("HCL source: every finding existing, the report says the comparison needs a plan", async () => {
    const run = await runInProcess(["--format", "json", "plans/review-noop"]);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.findings.length).toBeGreaterThan(0);
    for (const f of report.findings) expect(f.change).toBe("existing");
    expect(report.summary.change).toMatchObject({ comparable: false, introduced: 0, resolved: 0, weakened: 0 });
    const text = await runInProcess(["--format", "text", "plans/review-noop"]);
    expect(text.stdout.split("\n")[1]).toBe(
      "No before/after comparison: it needs a plan (terraform show -json), so every finding counts as already there.",
    );
  });

  test("--fail-on-new on HCL source is a usage error (exit 2): without a before it would pass anything", async () => {
    const run = await runInProcess(["--fail-on-new", "plans/review-noop"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--fail-on-new needs a plan/);
    expect(run.stdout).toBe("");
  });
});

describe("--quiet keeps exactly the blocking findings", () => {
  const plan = "plans/review-waf-deleted/plan.json";
  const listed = (stdout: string): string[] =>
    stdout
      .split("\n")
      .map((l) => /^ {2}\S+\s+(APIGW-\d{3}) /.exec(l)?.[1])
      .filter((id): id is string => id !== undefined)
      .sort();

  test("without --fail-on-new: the introduced and the existing medium finding", async () => {
    const run = await runInProcess(["--quiet", plan]);
    expect(run.status).toBe(1);
    expect(listed(run.stdout)).toEqual(["APIGW-201", "APIGW-403"]);
  });

  test("with --fail-on-new: only the introduced one", async () => {
    const run = await runInProcess(["--quiet", "--fail-on-new", plan]);
    expect(run.status).toBe(1);
    expect(listed(run.stdout)).toEqual(["APIGW-201"]);
    expect(run.stdout).toContain("FAILED: 1 finding at or above medium introduced by this change");
  });
});
