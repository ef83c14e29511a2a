/**
 * npm run bench: how policy-check scales, as ratios measured in one run on this machine. Generates plans in
 * `terraform show -json` shape to a temporary directory (deleted after) by repeating a real fixture plan's
 * resources (plans/rest-insecure: every REST rule fails there, so the rules and the reports do their most work)
 * in module instances (with their planned values, as Terraform writes them), with unrelated resources added (real
 * plans are mostly other resources), and runs:
 * - the whole CLI (`--format json`) against the JSON.parse floor (`node -e 'JSON.parse(readFileSync(plan))'`)
 *   at 1k, 10k and 100k API Gateway resources and at 20k + 1M other resources; peak RSS of each;
 * - the scaling slope: time per resource at 100k over time per resource at 10k;
 * - 10k again, in two rows without a goal: with a sensitive value of its own in every module instance (each
 *   report is redacted for all of them), and a stack already applied (writeAppliedPlan: the plan's before side is
 *   a second model, judged and compared);
 * - a 2 GiB plan, streamed (JSON.parse cannot read it: it is longer than V8's longest string);
 * - start-up on plans/quickstart against `node -e 0`;
 * - Checkov on the 1k plan, with the checks the rule catalog maps to, when `checkov` is on PATH (a ratio);
 * - the in-process phases (read + parse, model build, evaluation, report) at the largest API Gateway size.
 * Prints the distance to 2x the floor (where a user stops noticing the policy step). Exits 1 when a goal is
 * missed (GOALS), 2 when the bench itself fails.
 * Options: --runs N (median of N runs, default 3), --quick (1k and 10k only: a smoke test), --cli PATH (another
 * build's dist/cli.js or dist/src/cli/main.js, to measure before and after), --no-2gib, --phases-only PLAN (internal).
 */
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { loadRuleCatalog, PolicyEngine, type RawFinding } from "../src/engine/engine";
import { readInput } from "../src/ingest";
import { buildModel } from "../src/model/build";
import { jsonReporter } from "../src/report/json";
import { Redactor } from "../src/redact";
import { judge, modelEntities } from "../src/runner";

/** The repository: two levels up from dist/scripts/, one from scripts/ (tests import this file from source). */
const ROOT = [path.resolve(__dirname, ".."), path.resolve(__dirname, "..", "..")].find((dir) => existsSync(path.join(dir, "package.json"))) as string;
const BASE_PLAN = path.join(ROOT, "plans", "rest-insecure", "plan.json");
const QUICKSTART = path.join(ROOT, "plans", "quickstart", "plan.json");
const TIME = "/usr/bin/time";
const GiB = 1024 * 1024 * 1024;
const MiB = 1024 * 1024;

/** The goals of issue 18. */
export const GOALS = {
  /** Whole CLI over the JSON.parse floor at 10k and 100k API Gateway resources. */
  floorRatio: 4,
  /** Peak RSS at 100k API Gateway resources. */
  rss100k: 1 * GiB,
  /** Peak RSS on the 2 GiB plan. */
  rss2GiB: 1.5 * GiB,
  /** Time per resource at 100k over time per resource at 10k. */
  slope: 1.2,
};

type Json = Record<string, unknown>;

/** The base plan's sensitive values (plans/rest-insecure marks them so that tests can look for them in output). */
const SENSITIVE_VALUE = /DO-NOT-PRINT-[A-Za-z0-9-]+/g;

export interface Measure {
  label: string;
  /** API Gateway resources judged (0 when not counted). */
  apigw: number;
  other: number;
  bytes: number;
  cliSeconds: number | null;
  cliRss: number | null;
  /** null: not measured; NaN: JSON.parse cannot read the plan. */
  floorSeconds: number | null;
  floorRss: number | null;
  error?: string;
  /** A row for information, with no goal: a plan of another shape (writePlan's PlanShape) at a size a goal is set for. */
  informational?: boolean;
}

export interface Report {
  rows: Measure[];
  slope: number | null;
  startup: { cli: number; node: number; floor: number } | null;
}

function flag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
}

/** Writes a plan: `copies` module instances of plans/rest-insecure's resources and `filler` S3 buckets, up to `minBytes`. */
/** How writePlan varies the plan. */
export interface PlanShape {
  /** Filler resources are added up to this size. */
  minBytes?: number;
  /**
   * Each instance's sensitive values end in its index, as if each module call passed its own secret (the
   * configuration, one module body, is the same).
   */
  distinctSecrets?: boolean;
}

/** Writes a plan of `copies` module instances of the base plan's resources and `filler` other resources. */
export function writePlan(file: string, copies: number, filler: number, shape: PlanShape = {}): { bytes: number; filler: number } {
  const { minBytes = 0, distinctSecrets = false } = shape;
  const base = JSON.parse(readFileSync(BASE_PLAN, "utf8")) as Json;
  const changes = (base["resource_changes"] as Json[]).filter((rc) => rc["module_address"] === undefined);
  const rootModule = JSON.stringify((base["configuration"] as { root_module: Json }).root_module);
  const fd = openSync(file, "w");
  let pending: string[] = [];
  let pendingLength = 0;
  let bytes = 0;
  const write = (text: string): void => {
    pending.push(text);
    pendingLength += text.length;
    if (pendingLength > 4 * MiB) flush();
  };
  const flush = (): void => {
    const chunk = Buffer.from(pending.join(""), "utf8");
    writeSync(fd, chunk);
    bytes += chunk.length;
    pending = [];
    pendingLength = 0;
  };
  // A filler S3 bucket as the plan's three sections name it (the configuration has no provider_name), and its values.
  const fillerIdentity = (j: number): Json => ({
    address: `aws_s3_bucket.filler_${j}`,
    mode: "managed",
    type: "aws_s3_bucket",
    name: `filler_${j}`,
  });
  const fillerValues = (j: number): Json => ({ bucket: `filler-${j}`, force_destroy: false, tags: { team: "data", index: String(j) } });
  const provider = { provider_name: "registry.terraform.io/hashicorp/aws" };
  const fillerChange = (j: number): string =>
    JSON.stringify({
      ...fillerIdentity(j),
      ...provider,
      change: {
        actions: ["create"],
        before: null,
        after: fillerValues(j),
        after_unknown: { arn: true, id: true, region: true, tags_all: true },
        before_sensitive: false,
        after_sensitive: { tags: {}, tags_all: {} },
      },
    });
  const fillerConfig = (j: number): string => JSON.stringify({ ...fillerIdentity(j), expressions: { bucket: { constant_value: `filler-${j}` } } });
  const fillerPlanned = (j: number): string =>
    JSON.stringify({ ...fillerIdentity(j), ...provider, schema_version: 0, values: fillerValues(j), sensitive_values: { tags: {}, tags_all: {} } });
  const rootPlanned = (base["planned_values"] as { root_module: { resources?: Json[] } }).root_module.resources ?? [];
  // What each filler resource adds after its change: its configuration and its planned values.
  const fillerTail = fillerConfig(0).length + fillerPlanned(0).length + 2;
  try {
    const head: Json = { ...base };
    delete head["resource_changes"];
    delete head["configuration"];
    delete head["planned_values"];
    write(JSON.stringify(head).slice(0, -1));
    write(',"resource_changes":[');
    let first = true;
    const item = (text: string): void => {
      write(first ? text : `,${text}`);
      first = false;
    };
    const instance = (text: string, i: number): string => (distinctSecrets ? text.replace(SENSITIVE_VALUE, (value) => `${value}-${i}`) : text);
    for (let i = 0; i < copies; i += 1) {
      for (const rc of changes)
        item(instance(JSON.stringify({ ...rc, address: `module.api_${i}.${String(rc["address"])}`, module_address: `module.api_${i}` }), i));
    }
    // Filler to a size: each filler resource writes its change now, and its configuration and planned values below.
    let count = 0;
    while (count < filler || bytes + pendingLength + count * fillerTail < minBytes) {
      item(fillerChange(count));
      count += 1;
    }
    write('],"configuration":{"root_module":{"resources":[');
    first = true;
    for (let j = 0; j < count; j += 1) item(fillerConfig(j));
    write('],"module_calls":{');
    for (let i = 0; i < copies; i += 1) write(`${i === 0 ? "" : ","}"api_${i}":{"source":"./api","module":${rootModule}}`);
    // planned_values as `terraform show -json` writes it (after the other keys here; JSON objects have no order):
    // every resource again, module instances as child modules. Checkov reads resources from it.
    write('}}},"planned_values":{"root_module":{"resources":[');
    first = true;
    for (let j = 0; j < count; j += 1) item(fillerPlanned(j));
    write('],"child_modules":[');
    for (let i = 0; i < copies; i += 1) {
      const resources = rootPlanned.map((r) => instance(JSON.stringify({ ...r, address: `module.api_${i}.${String(r["address"])}` }), i));
      write(`${i === 0 ? "" : ","}{"address":"module.api_${i}","resources":[${resources.join(",")}]}`);
    }
    write("]}}}");
    flush();
    return { bytes, filler: count };
  } finally {
    closeSync(fd);
  }
}

/** The applied stack's plan that writeAppliedPlan copies: a real plan of no-op resources and one update. */
const APPLIED_PLAN = path.join(ROOT, "plans", "review-noop", "plan.json");

/**
 * Writes the plan of a stack already applied: module instances `first` to `last` of plans/review-noop (a real
 * Terraform plan of an existing stack: 10 of its 11 resources unchanged, the domain name updated), with
 * `prior_state`, each instance's IDs and names its own so that links stay within it. Most CI runs judge such a
 * plan: the change is small, the stack is not. Returns the number of resource changes.
 */
export function writeAppliedPlan(file: string, first: number, last: number): number {
  const base = JSON.parse(readFileSync(APPLIED_PLAN, "utf8")) as Json;
  const own = (text: string, i: number): string =>
    text
      .replace(/rv16/g, `rv16m${i}x`)
      .replace(/review-orders/g, `review-orders-${i}`)
      .replace(/orders\.review\.example\.com/g, `orders${i}.review.example.com`);
  const moduleOf = (resources: Json[], i: number): string =>
    own(
      JSON.stringify({ address: `module.api_${i}`, resources: resources.map((r) => ({ ...r, address: `module.api_${i}.${String(r["address"])}` })) }),
      i,
    );
  const planned = (base["planned_values"] as { root_module: { resources: Json[] } }).root_module.resources;
  const { values: priorValues, ...priorHead } = base["prior_state"] as { values: { root_module: { resources: Json[] } } };
  const configuration = base["configuration"] as { provider_config: Json; root_module: Json };
  const changes = base["resource_changes"] as Json[];
  const instances: number[] = [];
  for (let i = first; i <= last; i += 1) instances.push(i);
  const head: Json = { ...base };
  for (const key of ["planned_values", "resource_changes", "prior_state", "configuration"]) delete head[key];
  const parts = [
    JSON.stringify(head).slice(0, -1),
    `,"planned_values":{"root_module":{"child_modules":[${instances.map((i) => moduleOf(planned, i)).join(",")}]}}`,
    `,"resource_changes":[${instances
      .flatMap((i) =>
        changes.map((rc) =>
          own(JSON.stringify({ ...rc, address: `module.api_${i}.${String(rc["address"])}`, module_address: `module.api_${i}` }), i),
        ),
      )
      .join(",")}]`,
    `,"prior_state":${JSON.stringify(priorHead).slice(0, -1)},"values":{"root_module":{"child_modules":[${instances
      .map((i) => moduleOf(priorValues.root_module.resources, i))
      .join(",")}]}}}`,
    `,"configuration":{"provider_config":${JSON.stringify(configuration.provider_config)},"root_module":{"module_calls":{${instances
      .map((i) => `"api_${i}":{"source":"./api","module":${JSON.stringify(configuration.root_module)}}`)
      .join(",")}}}}}`,
  ];
  writeFileSync(file, parts.join(""));
  return instances.length * changes.length;
}

/**
 * Runs a command under /usr/bin/time -v (else a Node wrapper reading process.resourceUsage): seconds and peak RSS
 * bytes. Its standard output goes to a file, as a CI job keeps a report: collected through a pipe, a 230 MB report
 * (100k) cost the bench process CPU on the same two cores and added ~7% to the CLI's time.
 */
function timed(command: string, args: string[]): { seconds: number; rss: number; status: number | null; stderr: string } {
  const useTime = existsSync(TIME);
  const sink = path.join(os.tmpdir(), `policy-check-bench-stdout-${process.pid}`);
  const out = openSync(sink, "w");
  try {
    const t = performance.now();
    const run = useTime
      ? spawnSync(TIME, ["-v", command, ...args], {
          stdio: ["ignore", out, "pipe"],
          encoding: "utf8",
          maxBuffer: 64 * 1024 * 1024,
          env: { ...process.env, NO_COLOR: "1" },
        })
      : spawnSync(
          process.execPath,
          [
            "-e",
            "const r=require('child_process').spawnSync(process.argv[1],process.argv.slice(2),{stdio:['ignore','inherit','inherit']});" +
              "process.stderr.write('\\nMaximum resident set size (kbytes): '+require('process').resourceUsage().maxRSS+'\\n');process.exitCode=r.status??2",
            command,
            ...args,
          ],
          { stdio: ["ignore", out, "pipe"], encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
        );
    const seconds = (performance.now() - t) / 1000;
    const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr);
    const status = useTime ? Number(/Exit status: (\d+)/.exec(run.stderr)?.[1] ?? run.status) : run.status;
    return { seconds, rss: match === null ? NaN : Number(match[1]) * 1024, status, stderr: run.stderr };
  } finally {
    closeSync(out);
    rmSync(sink, { force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Median of `runs` runs of the CLI and of the JSON.parse floor on one plan, alternating. */
function measure(cli: string, file: string, runs: number, label: string, apigw: number, other: number, withFloor: boolean): Measure {
  const bytes = statSync(file).size;
  const cliTimes: number[] = [];
  const cliRss: number[] = [];
  const floorTimes: number[] = [];
  const floorRss: number[] = [];
  let error: string | undefined;
  const floorScript = "JSON.parse(require('fs').readFileSync(process.argv[1]))";
  for (let i = 0; i < runs; i += 1) {
    const run = timed(process.execPath, [cli, "--format", "json", file]);
    if (run.status !== 0 && run.status !== 1) {
      const line = run.stderr.split("\n").find((l) => l.includes("policy-check") || l.includes("error")) ?? "";
      error = `exit ${String(run.status)}: ${line.trim().slice(0, 120)}`;
    } else {
      cliTimes.push(run.seconds);
      cliRss.push(run.rss);
    }
    if (withFloor) {
      const floor = timed(process.execPath, ["-e", floorScript, file]);
      if (floor.status === 0) {
        floorTimes.push(floor.seconds);
        floorRss.push(floor.rss);
      }
    }
  }
  const m = (values: number[]): number | null => (values.length === 0 ? null : median(values));
  return {
    label,
    apigw,
    other,
    bytes,
    cliSeconds: m(cliTimes),
    cliRss: m(cliRss),
    floorSeconds: !withFloor ? null : (m(floorTimes) ?? NaN),
    floorRss: m(floorRss),
    ...(error === undefined ? {} : { error }),
  };
}

/** Goals missed by a report (only those it measured). */
export function missedGoals(report: Report): string[] {
  const missed: string[] = [];
  for (const row of report.rows) {
    if (row.error !== undefined) missed.push(`${row.label}: the CLI failed (${row.error})`);
    if (row.informational === true) continue;
    const ratio = row.cliSeconds !== null && row.floorSeconds !== null ? row.cliSeconds / row.floorSeconds : NaN;
    if ((row.apigw === 10_000 || row.apigw === 100_000) && row.other === 0 && ratio > GOALS.floorRatio) {
      missed.push(`${row.label}: ${ratio.toFixed(1)}x the JSON.parse floor (goal ≤ ${GOALS.floorRatio}x)`);
    }
    if (row.apigw === 100_000 && row.other === 0 && row.cliRss !== null && row.cliRss >= GOALS.rss100k) {
      missed.push(`${row.label}: peak RSS ${mib(row.cliRss)} (goal < ${mib(GOALS.rss100k)})`);
    }
    if (row.label.startsWith("2 GiB") && row.cliRss !== null && row.cliRss >= GOALS.rss2GiB) {
      missed.push(`${row.label}: peak RSS ${mib(row.cliRss)} (goal < ${mib(GOALS.rss2GiB)})`);
    }
  }
  if (report.slope !== null && report.slope > GOALS.slope) missed.push(`slope 10k→100k ${report.slope.toFixed(2)} (goal ≤ ${GOALS.slope})`);
  const s = report.startup;
  if (s !== null && s.cli > 2 * s.node + s.floor) {
    missed.push(`start-up ${ms(s.cli)} over 2x node -e 0 + floor (${ms(2 * s.node + s.floor)})`);
  }
  return missed;
}

function mib(bytes: number | null): string {
  return bytes === null || Number.isNaN(bytes) ? "—" : `${(bytes / MiB).toFixed(0)} MiB`;
}

function ms(seconds: number): string {
  return `${(seconds * 1000).toFixed(0)} ms`;
}

function secs(seconds: number | null): string {
  return seconds === null ? "—" : Number.isNaN(seconds) ? "cannot parse" : `${seconds.toFixed(2)} s`;
}

/** The table, in Markdown (it goes in the README as is). */
export function table(report: Report): string {
  const lines = [
    "| plan | size | policy-check | JSON.parse floor | ratio | distance to 2x floor | peak RSS (CLI / floor) |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const row of report.rows) {
    const ratio = row.cliSeconds !== null && row.floorSeconds !== null && !Number.isNaN(row.floorSeconds) ? row.cliSeconds / row.floorSeconds : null;
    const distance =
      row.cliSeconds !== null && row.floorSeconds !== null && !Number.isNaN(row.floorSeconds)
        ? `${row.cliSeconds - 2 * row.floorSeconds >= 0 ? "+" : ""}${(row.cliSeconds - 2 * row.floorSeconds).toFixed(2)} s`
        : "—";
    const cli = row.error !== undefined ? `fails: ${row.error}` : secs(row.cliSeconds);
    lines.push(
      `| ${row.label} | ${mib(row.bytes)} | ${cli} | ${secs(row.floorSeconds)} | ${ratio === null ? "—" : `${ratio.toFixed(1)}x`} | ${distance} | ${mib(row.cliRss)} / ${mib(row.floorRss)} |`,
    );
  }
  lines.push("");
  lines.push(
    `scaling slope (time per resource, 100k over 10k): ${report.slope === null ? "not measured" : report.slope.toFixed(2)} (goal ≤ ${GOALS.slope})`,
  );
  const s = report.startup;
  if (s !== null) {
    lines.push(
      `start-up on plans/quickstart: ${ms(s.cli)} vs node -e 0 ${ms(s.node)} + floor ${ms(s.floor)} (goal ≤ ${ms(2 * s.node + s.floor)}; ${(s.cli / s.node).toFixed(1)}x node -e 0)`,
    );
  }
  return lines.join("\n");
}

/** The in-process phases on one plan (run in a child process: its memory is not the bench's). */
async function phases(file: string): Promise<void> {
  const times: Record<string, number | string> = {};
  const engine = await PolicyEngine.load();
  let t = performance.now();
  const ingest = readInput(file);
  times["read + parse (streamed)"] = performance.now() - t;
  t = performance.now();
  const model = buildModel(ingest);
  const build = performance.now() - t;
  times["model build + links"] = build;
  t = performance.now();
  let raw: RawFinding[];
  try {
    raw = engine.evaluateSync(model);
    times["engine evaluate (WASM)"] = performance.now() - t;
  } catch (error) {
    times["engine evaluate (WASM)"] =
      `fails after ${((performance.now() - t) / 1000).toFixed(2)} s (${error instanceof Error ? error.message : String(error)})`;
    process.stdout.write(`${JSON.stringify({ times })}\n`);
    return;
  }
  // The runner builds its own model again, warm: its join is what it takes beyond a warm build, timed just
  // before it (the first, cold build above would under-count the join, even below zero). No change graphs, as
  // for the CLI's JSON report.
  engine.evaluateSync = () => raw;
  t = performance.now();
  buildModel(ingest);
  const warmBuild = performance.now() - t;
  t = performance.now();
  const redactor = new Redactor();
  const result = judge(engine, [() => ingest], { input: file, failOn: "high", changeGraphs: false, redactor });
  times["runner join (beyond its model build)"] = performance.now() - t - warmBuild;
  // As the CLI writes standard output (src/cli/main.ts): the pieces through the report's one redaction.
  t = performance.now();
  const report = redactor.outputStream(() => undefined);
  const options = { color: false, catalog: engine.catalog };
  for (const piece of jsonReporter.pieces?.(result, options) ?? [jsonReporter.render(result, options)]) report.write(piece);
  report.end();
  times["report (json, redacted)"] = performance.now() - t;
  process.stdout.write(`${JSON.stringify({ times })}\n`);
}

/**
 * Checkov's checks that the rule catalog maps to (each rule's `checkov` anchors) on one plan, against the
 * policy-check row measured on the same plan in this run: medians of `runs` runs each.
 */
function checkov(file: string, runs: number, ours: Measure): string {
  const found = spawnSync("checkov", ["--version"], { encoding: "utf8" });
  if (found.status !== 0) return "checkov: not installed (pip install checkov to compare)";
  const checks = [...new Set(loadRuleCatalog().rules.flatMap((rule) => rule.anchors.checkov))].sort();
  const args = ["-f", file, "--framework", "terraform_plan", "--check", checks.join(","), "--quiet", "--compact", "-o", "json"];
  const times: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const run = timed("checkov", args);
    // Checkov exits 1 when a check fails; anything else means it did not judge the plan.
    if (run.status !== 0 && run.status !== 1) return `checkov ${found.stdout.trim()}: failed on the 1k plan (exit ${String(run.status)})`;
    times.push(run.seconds);
    rss.push(run.rss);
  }
  const seconds = median(times);
  const faster =
    ours.cliSeconds === null ? "" : `; policy-check ${secs(ours.cliSeconds)}, ${mib(ours.cliRss)}: ${(seconds / ours.cliSeconds).toFixed(1)}x faster`;
  return `checkov ${found.stdout.trim()} (the ${checks.length} checks the catalog maps to) on the 1k plan: ${secs(seconds)}, ${mib(median(rss))}${faster}`;
}

async function main(): Promise<void> {
  const phasesOnly = option("phases-only");
  if (phasesOnly !== undefined) return phases(phasesOnly);
  const quick = flag("quick");
  const runs = Math.max(1, Number(option("runs") ?? 3));
  const cli = path.resolve(option("cli") ?? path.join(ROOT, "dist", "cli.js"));
  const perCopy = modelEntities(buildModel(readInput(BASE_PLAN))).length;
  const copies = (n: number): number => Math.max(1, Math.round(n / perCopy));
  const sizes: Array<{ apigw: number; other: number }> = quick
    ? [
        { apigw: 1000, other: 0 },
        { apigw: 10_000, other: 0 },
      ]
    : [
        { apigw: 1000, other: 0 },
        { apigw: 10_000, other: 0 },
        { apigw: 100_000, other: 0 },
        { apigw: 20_000, other: 1_000_000 },
      ];
  const dir = mkdtempSync(path.join(os.tmpdir(), "policy-check-bench-"));
  const report: Report = { rows: [], slope: null, startup: null };
  const notes: string[] = [];
  try {
    for (const size of sizes) {
      const file = path.join(dir, `plan-${size.apigw}-${size.other}.json`);
      writePlan(file, copies(size.apigw), size.other);
      const label = `${size.apigw / 1000}k API GW${size.other > 0 ? ` + ${size.other >= 1e6 ? `${size.other / 1e6}M` : `${size.other / 1000}k`} other` : ""}`;
      const row = measure(cli, file, runs, label, size.apigw, size.other, true);
      report.rows.push(row);
      if (size.apigw === 1000 && size.other === 0 && !quick) notes.push(checkov(file, runs, row));
      if (size.apigw === (quick ? 10_000 : 100_000) && size.other === 0 && option("cli") === undefined) {
        const run = spawnSync(process.execPath, [__filename, "--phases-only", file], { encoding: "utf8", maxBuffer: GiB });
        notes.push(
          run.status === 0
            ? `phases at ${size.apigw / 1000}k API GW (in process, one run): ${Object.entries(
                (JSON.parse(run.stdout) as { times: Record<string, number | string> }).times,
              )
                .map(([k, v]) => `${k} ${typeof v === "number" ? `${(v / 1000).toFixed(2)} s` : v}`)
                .join("; ")}`
            : `phases at ${size.apigw / 1000}k: failed (${run.stderr.trim().split("\n").pop() ?? ""})`,
        );
      }
      rmSync(file, { force: true });
    }
    const at = (n: number): Measure | undefined => report.rows.find((r) => r.apigw === n && r.other === 0 && r.informational !== true);
    const small = at(10_000);
    const large = at(100_000);
    if (small?.cliSeconds != null && large?.cliSeconds != null) report.slope = large.cliSeconds / large.apigw / (small.cliSeconds / small.apigw);

    if (!quick) {
      const file = path.join(dir, "plan-10000-secrets.json");
      writePlan(file, copies(10_000), 0, { distinctSecrets: true });
      const row = measure(cli, file, runs, "10k API GW, a sensitive value of its own per API", 10_000, 0, true);
      report.rows.push({ ...row, informational: true });
      rmSync(file, { force: true });
      const applied = path.join(dir, "plan-10000-applied.json");
      const changes = writeAppliedPlan(applied, 0, Math.round(10_000 / 11) - 1);
      const appliedRow = measure(cli, applied, runs, "10k API GW of an applied stack, 1 in 11 updated", changes, 0, true);
      report.rows.push({ ...appliedRow, informational: true });
      rmSync(applied, { force: true });
    }

    if (!quick && !flag("no-2gib")) {
      const file = path.join(dir, "plan-2gib.json");
      const written = writePlan(file, copies(1000), 0, { minBytes: 2 * GiB });
      const row = measure(cli, file, 1, `2 GiB (1k API GW + ${(written.filler / 1e6).toFixed(1)}M other)`, 1000, written.filler, false);
      report.rows.push({ ...row, floorSeconds: NaN });
      notes.push("2 GiB plan: the JSON.parse floor cannot be measured (the file is longer than V8's longest string, ~512 MiB)");
      rmSync(file, { force: true });
    }

    const startupRuns = Math.max(runs, 5);
    const cliTimes: number[] = [];
    const nodeTimes: number[] = [];
    const floorTimes: number[] = [];
    for (let i = 0; i < startupRuns; i += 1) {
      cliTimes.push(timed(process.execPath, [cli, "--format", "json", QUICKSTART]).seconds);
      nodeTimes.push(timed(process.execPath, ["-e", "0"]).seconds);
      floorTimes.push(
        timed(process.execPath, ["-e", "JSON.parse(require('fs').readFileSync(process.argv[1]))", QUICKSTART]).seconds - median(nodeTimes),
      );
    }
    report.startup = { cli: median(cliTimes), node: median(nodeTimes), floor: Math.max(0, median(floorTimes)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`policy-check bench: median of ${runs} run(s) each, CLI ${path.relative(process.cwd(), cli) || cli}\n\n${table(report)}\n`);
  for (const note of notes) process.stdout.write(`${note}\n`);
  const missed = missedGoals(report);
  if (missed.length > 0) {
    process.stdout.write(`\ngoals missed:\n${missed.map((m) => `- ${m}`).join("\n")}\n`);
    process.exitCode = 1;
  } else process.stdout.write("\ngoals met\n");
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  });
}
