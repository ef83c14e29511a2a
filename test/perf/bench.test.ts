/**
 * `npm run bench` (scripts/bench.ts): its goal logic on made-up measurements, and a `--quick` run end to end
 * (tables and exit status only: timing goals are the bench's business, never a test's).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { GOALS, missedGoals, table, writeAppliedPlan, writePlan, type Measure, type Report } from "../../scripts/bench";

const GiB = 1024 * 1024 * 1024;

/** Where the generated plans of this file's tests are written (each test its own file names). */
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "pc-bench-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function row(label: string, apigw: number, other: number, cliSeconds: number, floorSeconds: number, cliRss = 100 * 1024 * 1024): Measure {
  return { label, apigw, other, bytes: 1024, cliSeconds, cliRss, floorSeconds, floorRss: 1 };
}

function report(rows: Measure[], slope: number | null = 1, startup = { cli: 0.2, node: 0.1, floor: 0.05 }): Report {
  return { rows, slope, startup };
}

const met = (): Measure[] => [row("10k API GW", 10_000, 0, 1, 0.5), row("100k API GW", 100_000, 0, 10, 5), row("2 GiB", 1000, 4e6, 30, NaN, GiB)];

test("a run within every goal misses none", () => {
  expect(missedGoals(report(met()))).toEqual([]);
});

test.each<[string, Report, RegExp]>([
  ["over the floor ratio at 10k", report([row("10k API GW", 10_000, 0, GOALS.floorRatio + 0.1, 1)]), /10k API GW: 4\.1x the JSON\.parse floor/],
  ["over 1 GiB at 100k", report([row("100k API GW", 100_000, 0, 1, 1, GOALS.rss100k)]), /100k API GW: peak RSS 1024 MiB/],
  ["over 1.5 GiB on the 2 GiB plan", report([row("2 GiB plan", 1000, 4e6, 1, NaN, GOALS.rss2GiB)]), /2 GiB plan: peak RSS 1536 MiB/],
  ["a slope over 1.2", report(met(), 1.25), /slope 10k→100k 1\.25/],
  ["a slow start-up", report(met(), 1, { cli: 0.31, node: 0.1, floor: 0.1 }), /start-up 310 ms over/],
  ["a CLI that fails", report([{ ...row("100k API GW", 100_000, 0, 1, 1), error: "exit 2: boom" }]), /the CLI failed \(exit 2: boom\)/],
])("%s is a missed goal", (_name, given, message) => {
  expect(missedGoals(given).join("\n")).toMatch(message);
});

test("the ratio goal applies at 10k and 100k API Gateway resources only", () => {
  expect(missedGoals(report([row("1k API GW", 1000, 0, 10, 1), row("20k + 1M other", 20_000, 1e6, 10, 1)]))).toEqual([]);
});

test("a row for information has no goal, but a CLI that fails there is still a missed goal", () => {
  const secrets = { ...row("10k API GW, a sensitive value of its own per API", 10_000, 0, 10, 1), informational: true };
  expect(missedGoals(report([...met(), secrets]))).toEqual([]);
  expect(missedGoals(report([...met(), { ...secrets, error: "exit 2: boom" }])).join("\n")).toMatch(/per API: the CLI failed/);
});

test("the table shows each plan's ratio, the distance to 2x the floor, and a floor JSON.parse cannot reach", () => {
  const text = table(report(met()));
  expect(text).toContain("| 10k API GW | 0 MiB | 1.00 s | 0.50 s | 2.0x | +0.00 s |");
  expect(text).toContain("| 2 GiB | 0 MiB | 30.00 s | cannot parse | — | — | 1024 MiB / 0 MiB |");
  expect(text).toMatch(/scaling slope .*: 1\.00/);
});

test("--quick runs 1k and 10k end to end and exits 0 (goals met) or 1 (missed), with the table", () => {
  const run = spawnSync(process.execPath, [path.join(__dirname, "..", "..", "dist", "scripts", "bench.js"), "--quick", "--runs", "1"], {
    encoding: "utf8",
  });
  expect(run.stderr).toBe("");
  expect([0, 1]).toContain(run.status);
  expect(run.stdout).toContain("| plan | size | policy-check | JSON.parse floor | ratio | distance to 2x floor | peak RSS (CLI / floor) |");
  expect(run.stdout).toMatch(/\| 1k API GW \| \d+ MiB \| \d+\.\d\d s \| \d+\.\d\d s \| \d+\.\dx \|/);
  expect(run.stdout).toMatch(/\| 10k API GW \| \d+ MiB \| \d+\.\d\d s \|/);
  expect(run.stdout).toMatch(/phases at 10k API GW/);
  expect(run.stdout).toMatch(run.status === 0 ? /goals met/ : /goals missed:\n- /);
}, 900_000);

test("a generated plan lists every resource in planned_values too, as Terraform does (Checkov reads it), and is valid JSON", () => {
  const file = path.join(dir, "plan.json");
  const written = writePlan(file, 2, 3);
  expect(written.filler).toBe(3);
  type Planned = { resources?: Array<{ address: string }>; child_modules?: Planned[] };
  const plan = JSON.parse(readFileSync(file, "utf8")) as { resource_changes: Array<{ address: string }>; planned_values: { root_module: Planned } };
  const planned: string[] = [];
  const walk = (module: Planned): void => {
    for (const r of module.resources ?? []) planned.push(r.address);
    for (const child of module.child_modules ?? []) walk(child);
  };
  walk(plan.planned_values.root_module);
  const changed = plan.resource_changes.map((rc) => rc.address);
  expect(changed.some((a) => a.startsWith("module.api_1."))).toBe(true);
  expect(planned.sort()).toEqual(changed.sort());
});

test("with distinct secrets, each module instance's changes and planned values hold sensitive values of their own, and only they differ", () => {
  const same = path.join(dir, "same.json");
  const distinct = path.join(dir, "distinct.json");
  writePlan(same, 3, 0);
  writePlan(distinct, 3, 0, { distinctSecrets: true });
  // The configuration is one module body for every call, as Terraform writes it: its literals stay the base plan's.
  const values = (file: string): string[] => {
    const plan = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    const text = JSON.stringify([plan["resource_changes"], plan["planned_values"]]);
    return [...new Set(text.match(/DO-NOT-PRINT-[A-Za-z0-9-]+/g) ?? [])].sort();
  };
  expect(values(same)).toEqual(["DO-NOT-PRINT-rest-insecure-db-password", "DO-NOT-PRINT-rest-insecure-partner-key"]);
  expect(values(distinct)).toEqual(
    [0, 1, 2].flatMap((i) => [`DO-NOT-PRINT-rest-insecure-db-password-${i}`, `DO-NOT-PRINT-rest-insecure-partner-key-${i}`]).sort(),
  );
  const withoutSecrets = (file: string): string => readFileSync(file, "utf8").replace(/(DO-NOT-PRINT-[A-Za-z-]+?)(-\d+)?"/g, '$1"');
  expect(withoutSecrets(distinct)).toBe(withoutSecrets(same));
});

test("an applied stack's plan: its instances' changes, planned values and prior state, each with IDs of its own", () => {
  const file = path.join(dir, "applied.json");
  expect(writeAppliedPlan(file, 3, 5)).toBe(33);
  type Change = { address: string; change: { actions: string[]; before: { id?: string } | null } };
  type Module = { address: string; resources: Array<{ address: string }> };
  const plan = JSON.parse(readFileSync(file, "utf8")) as {
    resource_changes: Change[];
    planned_values: { root_module: { child_modules: Module[] } };
    prior_state: { format_version: string; values: { root_module: { child_modules: Module[] } } };
    configuration: { root_module: { module_calls: Record<string, unknown> } };
  };
  const addresses = plan.resource_changes.map((rc) => rc.address).sort();
  expect(addresses.filter((a) => a.startsWith("module.api_4."))).toHaveLength(11);
  expect(plan.planned_values.root_module.child_modules.flatMap((m) => m.resources.map((r) => r.address)).sort()).toEqual(addresses);
  expect(plan.prior_state.values.root_module.child_modules.flatMap((m) => m.resources.map((r) => r.address)).sort()).toEqual(addresses);
  expect(plan.prior_state.format_version).toBe("1.0");
  expect(Object.keys(plan.configuration.root_module.module_calls)).toEqual(["api_3", "api_4", "api_5"]);
  // One update per instance, the rest unchanged; an ID belongs to one instance.
  expect(plan.resource_changes.filter((rc) => rc.change.actions.join() === "update")).toHaveLength(3);
  const moduleOfId = new Map<string | undefined, Set<string>>();
  for (const rc of plan.resource_changes) {
    const id = rc.change.before?.id;
    moduleOfId.set(id, (moduleOfId.get(id) ?? new Set()).add(rc.address.split(".")[1] as string));
  }
  expect([...moduleOfId.values()].every((modules) => modules.size === 1)).toBe(true);
});
