/**
 * npm run bench: how fast policy-check is on a huge plan. Builds a plan in `terraform show -json` shape by
 * repeating a real fixture plan's resources (plans/rest-insecure: every REST rule fails there, so the
 * evaluator and the reports do their most work) in module instances until it holds about N API Gateway
 * resources, adds M unrelated resources (real plans are mostly other resources), then times each phase in
 * process and the whole CLI as a user runs it. Exits 1 when a goal is missed. Then, when the standalone binary
 * is built (`npm run package:binary`), its start-up on plans/quickstart against the npm CLI's.
 * Options: --apigw N (default 20000), --filler M (default 100000).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { PolicyEngine } from "../src/engine/engine";
import { readInput } from "../src/ingest";
import { buildModel } from "../src/model/build";
import { modelEntities } from "../src/runner";

const ROOT = path.resolve(__dirname, "..", "..");
const BASE_PLAN = path.join(ROOT, "plans", "rest-insecure", "plan.json");
const CLI = path.join(ROOT, "dist", "src", "cli", "main.js");
const BINARY = path.join(ROOT, "dist", "bin", "policy-check");

/** Goals for the default size; the CLI goal includes Node start-up and reading the file. */
const GOALS = { cliSeconds: 10, evaluateSeconds: 4 };

type Json = Record<string, unknown>;

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i < 0 ? undefined : Number(process.argv[i + 1]);
  return value === undefined || !Number.isFinite(value) ? fallback : value;
}

export function hugePlan(base: Json, apis: number, filler: number): Json {
  const changes = (base["resource_changes"] as Json[]).filter((rc) => rc["module_address"] === undefined);
  const rootModule = (base["configuration"] as { root_module: Json }).root_module;
  const resourceChanges: Json[] = [];
  const moduleCalls: Record<string, Json> = {};
  for (let i = 0; i < apis; i += 1) {
    const name = `api_${i}`;
    moduleCalls[name] = { source: "./api", module: rootModule };
    for (const rc of changes) {
      resourceChanges.push({ ...rc, address: `module.${name}.${String(rc["address"])}`, module_address: `module.${name}` });
    }
  }
  const fillerConfig: Json[] = [];
  for (let j = 0; j < filler; j += 1) {
    resourceChanges.push({
      address: `aws_s3_bucket.filler_${j}`,
      mode: "managed",
      type: "aws_s3_bucket",
      name: `filler_${j}`,
      provider_name: "registry.terraform.io/hashicorp/aws",
      change: {
        actions: ["create"],
        before: null,
        after: { bucket: `filler-${j}`, force_destroy: false, tags: { team: "data", index: String(j) } },
        after_unknown: { arn: true, id: true, region: true, tags_all: true },
        before_sensitive: false,
        after_sensitive: { tags: {}, tags_all: {} },
      },
    });
    fillerConfig.push({
      address: `aws_s3_bucket.filler_${j}`,
      mode: "managed",
      type: "aws_s3_bucket",
      name: `filler_${j}`,
      expressions: { bucket: { constant_value: `filler-${j}` } },
    });
  }
  return {
    ...base,
    resource_changes: resourceChanges,
    configuration: { ...(base["configuration"] as Json), root_module: { resources: fillerConfig, module_calls: moduleCalls } },
  };
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(2);
}

async function main(): Promise<void> {
  const target = option("apigw", 20000);
  const filler = option("filler", 100000);
  const base = JSON.parse(readFileSync(BASE_PLAN, "utf8")) as Json;
  const apis = Math.max(1, Math.round(target / modelEntities(buildModel(readInput(BASE_PLAN))).length));
  const dir = mkdtempSync(path.join(os.tmpdir(), "policy-check-bench-"));
  const file = path.join(dir, "plan.json");
  try {
    writeFileSync(file, JSON.stringify(hugePlan(base, apis, filler)));
    const megabytes = statSync(file).size / 1024 / 1024;

    let t = performance.now();
    const ingest = readInput(file);
    const tIngest = performance.now() - t;
    t = performance.now();
    const model = buildModel(ingest);
    const tModel = performance.now() - t;
    t = performance.now();
    const engine = await PolicyEngine.load();
    const tLoad = performance.now() - t;
    t = performance.now();
    const findings = engine.evaluateSync(model);
    const tEval = performance.now() - t;

    t = performance.now();
    const cli = spawnSync(process.execPath, [CLI, "--format", "json", file], {
      encoding: "utf8",
      maxBuffer: 1024 * 1024 * 1024,
    });
    const tCli = performance.now() - t;
    if (cli.status !== 0 && cli.status !== 1) throw new Error(`CLI failed (${String(cli.status)}): ${cli.stderr}`);

    const entities = modelEntities(model).length;
    const rows = [
      ["plan size", `${megabytes.toFixed(1)} MiB (${apis} copies of plans/rest-insecure, ${filler} other resources)`],
      ["API Gateway resources judged", String(entities)],
      ["findings", String(findings.length)],
      ["read + parse + ingest", `${seconds(tIngest)} s`],
      ["model build + linking", `${seconds(tModel)} s`],
      ["WASM load", `${seconds(tLoad)} s`],
      ["WASM evaluation", `${seconds(tEval)} s`],
      ["whole CLI run (node start to exit)", `${seconds(tCli)} s`],
    ];
    for (const [k, v] of rows) process.stdout.write(`${(k ?? "").padEnd(38)} ${v ?? ""}\n`);
    const missed: string[] = [];
    if (tCli / 1000 > GOALS.cliSeconds) missed.push(`whole CLI run over ${GOALS.cliSeconds} s`);
    if (tEval / 1000 > GOALS.evaluateSeconds) missed.push(`evaluation over ${GOALS.evaluateSeconds} s`);
    const defaults = target === 20000 && filler === 100000;
    if (!defaults) process.stdout.write("goals apply to the default size only\n");
    else if (missed.length > 0) {
      process.stdout.write(`goals missed: ${missed.join("; ")}\n`);
      process.exitCode = 1;
    } else process.stdout.write(`goals met: CLI ≤ ${GOALS.cliSeconds} s, evaluation ≤ ${GOALS.evaluateSeconds} s\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  startup();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Start to exit on the quick-start plan, the binary against `node dist/src/cli/main.js`: 10 runs each, alternating. */
function startup(): void {
  if (!existsSync(BINARY)) {
    process.stdout.write("standalone binary: not built (npm run package:binary), start-up not measured\n");
    return;
  }
  const plan = path.join(ROOT, "plans", "quickstart", "plan.json");
  const times = { npm: [] as number[], binary: [] as number[] };
  const time = (command: string, args: string[]): number => {
    const t = performance.now();
    const run = spawnSync(command, [...args, plan], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    if (run.status !== 0) throw new Error(`${command} failed on ${plan} (${String(run.status)}): ${run.stderr}`);
    return performance.now() - t;
  };
  for (let i = 0; i < 10; i += 1) {
    times.npm.push(time(process.execPath, [CLI]));
    times.binary.push(time(BINARY, []));
  }
  const npm = median(times.npm);
  const binary = median(times.binary);
  const mib = (statSync(BINARY).size / 1024 / 1024).toFixed(1);
  process.stdout.write(
    `${"start-up on plans/quickstart".padEnd(38)} median of 10: npm CLI ${npm.toFixed(0)} ms, binary ${binary.toFixed(0)} ms (${(binary / npm).toFixed(2)}x; ${mib} MiB)\n`,
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  });
}
