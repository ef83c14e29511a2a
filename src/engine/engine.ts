/**
 * The policy engine: the Rego policies compiled to WebAssembly by `opa build -t wasm`, evaluated in Node by
 * `@open-policy-agent/opa-wasm`. Loaded once per run. A model is evaluated in independent parts
 * (src/model/partition.ts), batched into evaluations of about `batchEntities` entities each, in one instance
 * reused from batch to batch: memory follows the largest batch, not the plan, and a plan too big for one
 * WebAssembly memory (4 GiB) still fits. `evaluate` spreads the batches over worker threads for big models.
 */
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Worker } from "node:worker_threads";
import { loadPolicySync } from "@open-policy-agent/opa-wasm";
import { isStandalone, packageRoot, readAsset } from "../assets";
import { PolicyCheckError } from "../errors";
import { partitionModel, partJson, type ModelPart } from "../model/partition";
import type { Model } from "../model/types";
import type { WorkerReply, WorkerRequest, WorkerSetup } from "./evaluate-worker";
import { findingsOfJson, type RawFinding } from "./findings";
import { ReusableInstance } from "./instance";
import type { RuleCatalog, RuleMetadata } from "./rules";
import { SEVERITIES } from "./severity";

/** The entrypoint that judges a model (policies/main.rego). */
export const ENTRYPOINT = "apigw/main/findings";

/** The entrypoint that names rule parameters set to unusable values (policies/main.rego invalid_params). */
export const PARAMS_ENTRYPOINT = "apigw/main/invalid_params";

/** Every entrypoint a bundle is built with. */
export const ENTRYPOINTS: readonly string[] = [ENTRYPOINT, PARAMS_ENTRYPOINT];

/** A rule parameter the configuration sets to a value the rule cannot use. */
export interface InvalidParam {
  rule_id: string;
  param: string;
  problem: string;
}

/** The bundle this package ships, built by `npm run build`: assets dist/policy/policy.wasm and rules.json. */
const BUILT_IN_BUNDLE = "dist/policy";

/** A file of the bundle in `dir`, or of the built-in bundle when `dir` is undefined. */
function readBundleFile(dir: string | undefined, name: string): Buffer {
  try {
    return dir === undefined ? readAsset(`${BUILT_IN_BUNDLE}/${name}`) : readFileSync(path.join(dir, name));
  } catch {
    throw new PolicyCheckError("POLICY_BUNDLE", `policy bundle file ${name} is missing; run \`npm run build\``, { input: dir ?? BUILT_IN_BUNDLE });
  }
}

export { initialPages } from "./instance";
export type { RawFinding } from "./findings";

/** The rule metadata of a bundle (a directory; default: the built-in one), without loading its WASM. */
export function loadRuleCatalog(dir?: string): RuleCatalog {
  try {
    return JSON.parse(readBundleFile(dir, "rules.json").toString("utf8")) as RuleCatalog;
  } catch (error) {
    if (error instanceof PolicyCheckError) throw error;
    throw new PolicyCheckError("POLICY_BUNDLE", "rules.json is not valid JSON; run `npm run build`", { input: dir ?? BUILT_IN_BUNDLE });
  }
}

export { WASM_TIERING_BUDGET, tuneWebAssemblyTiering } from "./tiering";

/** How the engine splits and spreads an evaluation; the defaults are measured (scripts/bench.ts). */
export interface EvaluationOptions {
  /**
   * Evaluate independent parts of the model separately (src/model/partition.ts). Default: on for the built-in
   * rule set, off for a bundle with custom rules, which may read across the whole input.
   */
  partition?: boolean;
  /** Parts are batched into evaluations of up to this many entities (a larger part is evaluated alone); 0: each part alone. */
  batchEntities?: number;
  /** `evaluate` uses worker threads for models of at least this many entities. */
  workerThreshold?: number;
  /** Worker threads `evaluate` starts besides this thread, which evaluates too (default: one per core but this one's, 1 to 3). */
  workers?: number;
}

/**
 * Entities per evaluation. Each evaluation has a fixed cost (the entrypoint's set-up, serialising and dumping),
 * and the instance is sized for the largest batch. Measured on generated plans (scripts/bench.ts's generator,
 * best of 3 on a shared 2-core machine): 10,000 API Gateway resources evaluate in about the same time whole
 * or in batches of 500 to 5,000 entities. 500 over 1,000: the same CPU time within noise (whole CLI at 10,000,
 * user time 2.06-2.27 against 2.10-2.20 s), lower peak RSS, as each worker's instance and each batch's text
 * follow the batch (100,000 resources, in process: 817-845 against 886-943 MiB; 2,000: 987 MiB; 250: 831-833 MiB
 * for more batches), and a shorter tail, when one worker evaluates the last batch while the others have none.
 * A batch past half this size may end earlier, where its content says (boundaryHash): about 370 entities on
 * average at 100,000 resources, with the same wall time at 10,000 and 100,000 (medians of 13 pairs and one run).
 */
const DEFAULT_BATCH_ENTITIES = 500;
/**
 * Worker threads pay from about this many entities. Measured as above: at 10,000 entities two workers took
 * 1.3 s against 2.0 s in this thread; at 5,000 and 2,500 starting them (a thread and an instance each) ate the gain.
 * Both thresholds were measured when two worker threads did all the evaluating, before this thread took a share
 * and the default became one thread per further core. Measured again with this thread evaluating a share (whole
 * CLI on generated plans, one worker against none, run at real-time priority (`chrt -f 10`) so the shared machine's
 * other load did not count, medians of 4-8 pairs): 10,000 API Gateway resources 0.96 against 0.96 s wall (CPU
 * 1.62 against 1.40 s: at this size the worker competes with V8's compile and GC threads for the second core);
 * 15,000: 1.27 against 1.39 s; 20,000: 1.60 against 1.75 s; 30,000: 2.34 against 2.76 s. The crossover is at
 * about 10,000 resources (a 22 MB plan); PLAN_BYTES_FOR_WORKERS starts the pool a little below it, where the wall
 * time is the same either way and only the CPU time differs.
 */
const DEFAULT_WORKER_THRESHOLD = 8000;

/**
 * Threads started ahead (PolicyEngine.startWorkers) pay from about this many entities: booted while the input
 * was read, only their instances are left to make. Measured on parts of the 10,000-resource generated plan
 * (2-core machine, loaded; threads started before the read, one evaluation per process): 2,000 entities took
 * 304-332 ms of CPU in this thread and 256-267 ms in two started threads (wall 381-667 against 402-434 ms);
 * 4,000: 457-475 against 405-426 ms (wall 767-881 against 548-753). Warm, 1,000 entities: 188 against 138 ms.
 */
const STARTED_WORKER_THRESHOLD = 2000;

/**
 * Where the compiled worker script is: under the package root's dist/ (src/assets.ts finds the root the same way
 * from dist/ and from src/ in tests), bundled into one file (scripts/bundle-cli.ts: a thread loads one file, not
 * about 20), else as tsc wrote it.
 */
function workerScript(): string | null {
  if (isStandalone()) return null; // the binary is one bundled script: no separate file to start a worker from
  const root = packageRoot();
  if (root === null) return null;
  const built = [path.join(root, "dist", "evaluate-worker.js"), path.join(root, "dist", "src", "engine", "evaluate-worker.js")];
  return built.find((file) => existsSync(file)) ?? null;
}

function evaluationError(error: unknown): PolicyCheckError {
  if (error instanceof PolicyCheckError) return error;
  return new PolicyCheckError("EVALUATION", `policy evaluation failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Severities by rank, most severe first (SEVERITIES' order), for the findings' sort. */
const SEVERITY_ORDER: Readonly<Record<string, number>> = Object.fromEntries(SEVERITIES.map((severity, rank) => [severity, rank]));

/**
 * Findings of all batches in one order that does not depend on how the model was split: by address, severity
 * (most severe first), rule, message, unknown. That is the runner's order (src/findings.ts compareFindings)
 * wherever the configuration leaves severities as the rules set them, so its sort finds them sorted (one pass)
 * instead of sorting 15,000 findings again. A finding that several parts yield (on a leaf entity shared by them)
 * is kept once, as the one finding set of a whole-model evaluation would hold it.
 */
function mergeFindings(batches: readonly RawFinding[][]): RawFinding[] {
  const all: RawFinding[] = [];
  for (const batch of batches) for (const f of batch) all.push(f);
  all.sort(
    (a, b) =>
      compareText(a.address, b.address) ||
      (SEVERITY_ORDER[a.severity] as number) - (SEVERITY_ORDER[b.severity] as number) ||
      compareText(a.rule_id, b.rule_id) ||
      compareText(a.message, b.message) ||
      Number(a.unknown) - Number(b.unknown),
  );
  const merged: RawFinding[] = [];
  for (const f of all) {
    const last = merged[merged.length - 1];
    const same =
      last !== undefined &&
      last.address === f.address &&
      last.rule_id === f.rule_id &&
      last.message === f.message &&
      last.severity === f.severity &&
      last.unknown === f.unknown;
    if (!same) merged.push(f);
  }
  return merged;
}

/**
 * Findings by the text of the batch that yielded them, kept by one evaluation for the next ones of a run (with
 * the same rule parameters): a plan's before side mostly repeats its after side (resources the change leaves as
 * they are), and a batch of the same text yields the same findings, so it is evaluated once. The runner keeps one
 * while it judges a plan's two sides and drops it after.
 */
export class EvaluatedBatches {
  private readonly byText = new Map<string, RawFinding[]>();
  /** Batches found here instead of evaluated. */
  reused = 0;

  constructor(private readonly data: Record<string, unknown>) {}

  /** The findings of a batch of this text evaluated before with this `data`; undefined when there is none. */
  get(text: string, data: Record<string, unknown>): RawFinding[] | undefined {
    if (data !== this.data) return undefined;
    const found = this.byText.get(text);
    if (found !== undefined) this.reused += 1;
    return found;
  }

  add(text: string, data: Record<string, unknown>, findings: RawFinding[]): void {
    if (data === this.data) this.byText.set(text, findings);
  }
}

/**
 * A hash of the address that starts a part, for batch boundaries that depend on content: a batch of at least half
 * the batch size ends before a part whose hash is divisible by BOUNDARY_EVERY. Two models that differ in a few
 * parts (a plan's before and after sides) then cut the rest into the same batches, whatever was inserted before
 * it, and EvaluatedBatches finds them.
 */
function boundaryHash(part: ModelPart): number {
  const address = part.entities[0]?.address ?? "";
  let hash = 0;
  for (let i = 0; i < address.length; i += 1) hash = (Math.imul(hash, 31) + address.charCodeAt(i)) | 0;
  return hash >>> 0;
}

const BOUNDARY_EVERY = 4;

function entityCount(model: Model): number {
  let count = 0;
  for (const list of Object.values(model.resources) as unknown[][]) count += list.length;
  return count;
}

export class PolicyEngine {
  private constructor(
    private readonly module: WebAssembly.Module,
    readonly catalog: RuleCatalog,
    private readonly options: Required<EvaluationOptions>,
    /** Batches carry the entity fields the built-in rules read (partJson's forRules), not whole entities for custom rules. */
    private readonly forBuiltInRules: boolean,
  ) {}

  /**
   * Loads the bundle: rule metadata and the compiled module (compiled once; evaluations instantiate it with
   * memory sized for their input). Synchronous, because CDKTF runs construct validations inside the
   * synchronous `app.synth()`; compiling the module takes milliseconds, so blocking for it costs nothing.
   */
  static loadSync(dir?: string, options: EvaluationOptions = {}): PolicyEngine {
    const wasm = readBundleFile(dir, "policy.wasm");
    const catalog = loadRuleCatalog(dir);
    const settings: Required<EvaluationOptions> = {
      partition: options.partition ?? dir === undefined,
      batchEntities: options.batchEntities ?? DEFAULT_BATCH_ENTITIES,
      workerThreshold: options.workerThreshold ?? DEFAULT_WORKER_THRESHOLD,
      workers: options.workers ?? Math.max(1, Math.min(4, os.availableParallelism()) - 1),
    };
    try {
      return new PolicyEngine(new WebAssembly.Module(wasm), catalog, settings, dir === undefined);
    } catch (error) {
      throw new PolicyCheckError("POLICY_BUNDLE", `policy.wasm cannot be loaded: ${String(error)}`, { input: dir ?? BUILT_IN_BUNDLE, cause: error });
    }
  }

  /** loadSync for callers that await (the CLI, the public API). */
  static async load(dir?: string, options: EvaluationOptions = {}): Promise<PolicyEngine> {
    return PolicyEngine.loadSync(dir, options);
  }

  get rules(): RuleMetadata[] {
    return this.catalog.rules;
  }

  /**
   * The rule parameters in `data` that a rule cannot use (an invalid regular expression), as the rules
   * themselves judge them (RE2, the engine's regex dialect). Empty for a bundle built without the check.
   */
  invalidParamsSync(data: Record<string, unknown>): InvalidParam[] {
    let output: unknown;
    try {
      const policy = loadPolicySync(this.module);
      if (!Object.prototype.hasOwnProperty.call(policy.entrypoints, PARAMS_ENTRYPOINT)) return [];
      policy.setData(data);
      output = policy.evaluate({}, PARAMS_ENTRYPOINT);
    } catch (error) {
      throw new PolicyCheckError("EVALUATION", `rule parameter check failed: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
    const first: unknown = Array.isArray(output) ? output[0] : undefined;
    const result = typeof first === "object" && first !== null ? (first as { result?: unknown }).result : undefined;
    return (Array.isArray(result) ? result : []).filter(
      (p): p is InvalidParam =>
        typeof p === "object" && p !== null && typeof p.rule_id === "string" && typeof p.param === "string" && typeof p.problem === "string",
    );
  }

  /** The JSON text of the batches a model is evaluated in, each a model of its own, made when asked for (one at a time in memory). */
  private *batches(model: Model): Generator<string> {
    if (!this.options.partition) {
      yield JSON.stringify(model);
      return;
    }
    const { batchEntities } = this.options;
    let batch: ModelPart[] = [];
    let size = 0;
    for (const part of partitionModel(model)) {
      const full = size + part.entities.length > batchEntities;
      // Past half the size, a batch also ends where the content says (boundaryHash): the same parts, the same batches.
      if (batch.length > 0 && (full || (size * 2 >= batchEntities && boundaryHash(part) % BOUNDARY_EVERY === 0))) {
        yield partJson(model, batch, this.forBuiltInRules);
        batch = [];
        size = 0;
      }
      batch.push(part);
      size += part.entities.length;
    }
    if (batch.length > 0) yield partJson(model, batch, this.forBuiltInRules);
  }

  /**
   * Evaluates every rule over the model in this thread; `data` reaches Rego as `data.*` (rule parameters).
   * Findings are in one order whatever the split (mergeFindings).
   */
  evaluateSync(model: Model, data: Record<string, unknown> = {}, batches?: EvaluatedBatches): RawFinding[] {
    const instance = new ReusableInstance(this.module, data);
    const results: RawFinding[][] = [];
    // A model evaluated whole (custom rules) is one text as long as the model: not worth holding for a second side.
    const evaluated = this.options.partition ? batches : undefined;
    try {
      for (const batch of this.batches(model)) {
        const known = evaluated?.get(batch, data);
        if (known !== undefined) {
          results.push(known);
          continue;
        }
        const findings = findingsOfJson(instance.evaluate(new TextEncoder().encode(batch), ENTRYPOINT));
        evaluated?.add(batch, data, findings);
        results.push(findings);
      }
    } catch (error) {
      throw evaluationError(error);
    }
    return mergeFindings(results);
  }

  /**
   * Worker threads for this engine's evaluations, started now so they boot (about 0.1 s of Node start-up each)
   * while the caller still reads its input: for a plan of `inputBytes` bytes, when that many bytes will likely
   * hold a model big enough for workers (PLAN_BYTES_FOR_WORKERS) and the plan is not so big that memory matters
   * more (PLAN_BYTES_FOR_WORKERS_MAX). Null otherwise, and when workers will not be used. The
   * caller passes them to `evaluate` and closes them when done; idle, they keep no process alive.
   */
  startWorkers(inputBytes: number): EvaluationWorkers | null {
    const { partition, workers } = this.options;
    if (!partition || workers < 1 || inputBytes < PLAN_BYTES_FOR_WORKERS || inputBytes > PLAN_BYTES_FOR_WORKERS_MAX) return null;
    const script = workerScript();
    return script === null ? null : new EvaluationWorkers(this.module, script, workers);
  }

  /**
   * evaluateSync, spread over worker threads when the model is big enough to pay for them: `workers` when given
   * (started early by startWorkers; the caller closes them), else threads started for this evaluation alone.
   * Each thread reuses one instance; this thread makes the batches and evaluates some of them too.
   */
  async evaluate(
    model: Model,
    data: Record<string, unknown> = {},
    workers: EvaluationWorkers | null = null,
    evaluated?: EvaluatedBatches,
  ): Promise<RawFinding[]> {
    const pool = workers !== null && workers.module === this.module ? workers : null;
    // Threads already started cost nothing more to use: they pay from a smaller model.
    const threshold = pool === null ? this.options.workerThreshold : Math.min(this.options.workerThreshold, STARTED_WORKER_THRESHOLD);
    if (!this.options.partition || entityCount(model) < threshold) return this.evaluateSync(model, data, evaluated);
    const script = pool === null ? workerScript() : null;
    if (pool === null && (this.options.workers < 1 || script === null)) return this.evaluateSync(model, data, evaluated);
    const own = pool ?? new EvaluationWorkers(this.module, script as string, this.options.workers);
    try {
      return mergeFindings(await own.run(this.batches(model), data, evaluated));
    } finally {
      // Not waited for: the threads end (tens of milliseconds) while this thread goes on with the findings,
      // and, unreferenced, they keep no process alive.
      if (own !== pool) own.close().catch(() => undefined);
    }
  }
}

/**
 * Plan size (bytes) from which startWorkers starts threads before the plan is read. Generated plans
 * (scripts/bench.ts) hold about 2,200 bytes per model entity, Terraform's fixture plans 3,700 to 8,400 (prior
 * state, configuration): from this size a plan is likely to reach DEFAULT_WORKER_THRESHOLD, and a plan that does
 * not has cost two thread start-ups on the core its reading leaves idle.
 */
const PLAN_BYTES_FOR_WORKERS = 16 * 1024 * 1024;
/**
 * Above this size threads start when the model is evaluated, not ahead: booted early, their isolates add to the
 * read's memory peak (100,000 resources, 209 MiB plan, loaded machine: 1,004-1,008 MiB peak RSS in five runs
 * without, 1,007 and 1,016 MiB in two with, against the 1 GiB goal of `npm run bench`), for a boot time under 2%
 * of such a run.
 */
const PLAN_BYTES_FOR_WORKERS_MAX = 64 * 1024 * 1024;

/**
 * A pool of evaluation threads, each with the compiled module; reused by every evaluation it is given to.
 * Idle threads are unreferenced (they never keep the process alive) and a failure while idle is kept and
 * reported by the next evaluation, as a failure during one is.
 */
export class EvaluationWorkers {
  private readonly threads: Worker[];
  /** The rule parameters each thread's instance holds (a new evaluation's own are sent with its first input). */
  private readonly held = new Map<Worker, Record<string, unknown>>();
  private failure: unknown = null;
  private closed = false;
  /** Replies name their batch by number within one evaluation: one evaluation at a time. */
  private busy = false;

  constructor(
    readonly module: WebAssembly.Module,
    script: string,
    count: number,
  ) {
    // Loaded here, not at start-up: only a big input needs threads (node:worker_threads also loads node:stream,
    // a few milliseconds every small run would pay for nothing).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Worker: WorkerThread } = require("node:worker_threads") as typeof import("node:worker_threads");
    const setup: WorkerSetup = { module, entrypoint: ENTRYPOINT };
    this.threads = Array.from({ length: count }, () => {
      const thread = new WorkerThread(script, { workerData: setup });
      thread.unref();
      thread.on("error", (error) => {
        this.failure ??= error;
      });
      thread.on("exit", (code) => {
        if (!this.closed) this.failure ??= new Error(`an evaluation worker stopped (exit code ${String(code)})`);
      });
      return thread;
    });
  }

  /**
   * The findings of each batch, in batch order; `batches` is read as threads are ready for more. A batch
   * `evaluated` holds is not evaluated again; the others are added to it.
   */
  async run(batches: Iterator<string>, data: Record<string, unknown>, evaluated?: EvaluatedBatches): Promise<RawFinding[][]> {
    if (this.closed) throw new Error("the evaluation workers were closed");
    if (this.busy) throw new Error("the evaluation workers are evaluating another model");
    this.busy = true;
    const results: RawFinding[][] = [];
    const listeners: Array<() => void> = [];
    for (const thread of this.threads) thread.ref();
    try {
      await new Promise<void>((resolve, reject) => {
        let next = 0;
        let pending = 0;
        let done = false;
        let failed = false;
        const fail = (error: unknown): void => {
          if (failed) return;
          failed = true;
          reject(evaluationError(error));
        };
        /** The texts of batches being evaluated, by number, kept for `evaluated` (only when there is one). */
        const texts = new Map<number, string>();
        /** The findings of batch `id`, kept for later evaluations too. */
        const settle = (id: number, findings: RawFinding[]): void => {
          results[id] = findings;
          const text = texts.get(id);
          if (text === undefined) return;
          texts.delete(id);
          evaluated?.add(text, data, findings);
        };
        /** The next batch to evaluate and its number; null when there is none left (done) or the evaluation failed. */
        const take = (): WorkerRequest | null => {
          for (;;) {
            if (failed || done) return null;
            let item: IteratorResult<string>;
            try {
              item = batches.next();
            } catch (error) {
              fail(error);
              return null;
            }
            if (item.done === true) {
              done = true;
              if (pending === 0) resolve();
              return null;
            }
            next += 1;
            const known = evaluated?.get(item.value, data);
            if (known !== undefined) {
              results[next - 1] = known;
              continue;
            }
            if (evaluated !== undefined) texts.set(next - 1, item.value);
            return { id: next - 1, input: item.value };
          }
        };
        const feed = (thread: Worker): void => {
          const request = take();
          if (request === null) return;
          if (this.held.get(thread) !== data) {
            request.data = data;
            this.held.set(thread, data);
          }
          pending += 1;
          thread.postMessage(request);
        };
        // This thread evaluates batches too, one per turn of the event loop, between the threads' replies: a
        // thread less to boot (about 70 ms of CPU) for the time this thread would otherwise wait for them.
        let instance: ReusableInstance | null = null;
        const encoder = new TextEncoder();
        const evaluateHere = (): void => {
          const request = take();
          if (request === null) return;
          try {
            instance ??= new ReusableInstance(this.module, data);
            settle(request.id, findingsOfJson(instance.evaluate(encoder.encode(request.input), ENTRYPOINT)));
          } catch (error) {
            fail(error);
            return;
          }
          setImmediate(evaluateHere);
        };
        for (const thread of this.threads) {
          const onMessage = (reply: WorkerReply): void => {
            pending -= 1;
            if ("error" in reply) {
              fail(new Error(reply.error));
              return;
            }
            try {
              settle(reply.id, findingsOfJson(reply.result));
            } catch (error) {
              fail(error);
              return;
            }
            feed(thread);
            if (done && pending === 0 && !failed) resolve();
          };
          const onExit = (code: number): void => fail(new Error(`an evaluation worker stopped (exit code ${String(code)})`));
          thread.on("message", onMessage);
          thread.on("error", fail);
          thread.on("exit", onExit);
          listeners.push(() => {
            thread.off("message", onMessage);
            thread.off("error", fail);
            thread.off("exit", onExit);
          });
        }
        if (this.failure !== null) {
          fail(this.failure);
          return;
        }
        // Two batches per worker in flight: one evaluating, one ready, so no worker waits for this thread.
        for (let round = 0; round < 2; round += 1) for (const thread of this.threads) feed(thread);
        evaluateHere();
      });
    } catch (error) {
      // A thread may still hold an input of the failed evaluation: none of these threads is used again.
      await this.close();
      throw error;
    } finally {
      for (const remove of listeners) remove();
      for (const thread of this.threads) thread.unref();
      this.busy = false;
    }
    return results;
  }

  /** Stops the threads (waits for them to end). */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.threads.map((thread) => thread.terminate()));
  }
}
