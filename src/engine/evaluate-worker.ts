/**
 * A worker thread of the engine's pool (src/engine/engine.ts EvaluationWorkers): evaluates the inputs the main
 * thread sends, one at a time, in one reusable instance of the module it was started with. It answers with the
 * findings, validated as the main thread validates its own (src/engine/findings.ts) and packed, or the error's
 * message. A pool may be started before the run knows its rule parameters (while a big plan is still read):
 * they come with the first input of each evaluation, not with the thread.
 */
import { parentPort, workerData } from "node:worker_threads";
import { PolicyCheckError } from "../errors";
import { findingsOf, packFindings, type PackedFindings } from "./findings";
import { ReusableInstance } from "./instance";

/** What the engine starts a worker with. */
export interface WorkerSetup {
  module: WebAssembly.Module;
  entrypoint: string;
}

/**
 * One input to evaluate: the JSON text of a part model. Encoded to UTF-8 here, not in the main thread, which is
 * busy making the next inputs meanwhile. `data` (rule parameters, `data.*` in Rego) starts a new instance; absent,
 * the input is evaluated with the data of the previous one.
 */
export interface WorkerRequest {
  id: number;
  input: string;
  data?: Record<string, unknown>;
}

/** The findings of one input, or why there are none (`evaluation`: a malformed result, not a failure to evaluate). */
export type WorkerReply = { id: number; findings: PackedFindings } | { id: number; error: string; evaluation: boolean };

if (parentPort !== null) {
  const port = parentPort;
  const setup = workerData as WorkerSetup;
  const encoder = new TextEncoder();
  let instance: ReusableInstance | null = null;
  port.on("message", (request: WorkerRequest) => {
    let reply: WorkerReply;
    try {
      if (request.data !== undefined) instance = new ReusableInstance(setup.module, request.data);
      if (instance === null) throw new Error("an input came before the rule parameters");
      reply = { id: request.id, findings: packFindings(findingsOf(instance.evaluate(encoder.encode(request.input), setup.entrypoint))) };
    } catch (error) {
      const evaluation = error instanceof PolicyCheckError && error.code === "EVALUATION";
      reply = { id: request.id, error: error instanceof Error ? error.message : String(error), evaluation };
    }
    port.postMessage(reply);
  });
}
