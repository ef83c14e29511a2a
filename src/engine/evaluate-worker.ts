/**
 * A worker thread of the engine's pool (src/engine/engine.ts EvaluationWorkers): evaluates the inputs the main
 * thread sends, one at a time, in one reusable instance of the module it was started with. It answers with the
 * result as opa-wasm's JSON text (UTF-8 bytes, transferred: no copy, no structured clone of each finding), which
 * the main thread parses and validates as it does its own (src/engine/findings.ts findingsOfJson), or the error's
 * message. A pool may be started before the run knows its rule parameters (while a big plan is still read):
 * they come with the first input of each evaluation, not with the thread.
 */
import { parentPort, workerData } from "node:worker_threads";
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

/** The result of one input (ReusableInstance.evaluate), or why there is none. */
export type WorkerReply = { id: number; result: Uint8Array } | { id: number; error: string };

if (parentPort !== null) {
  const port = parentPort;
  const setup = workerData as WorkerSetup;
  const encoder = new TextEncoder();
  let instance: ReusableInstance | null = null;
  port.on("message", (request: WorkerRequest) => {
    try {
      if (request.data !== undefined) instance = new ReusableInstance(setup.module, request.data);
      if (instance === null) throw new Error("an input came before the rule parameters");
      const result = instance.evaluate(encoder.encode(request.input), setup.entrypoint);
      const reply: WorkerReply = { id: request.id, result };
      port.postMessage(reply, [result.buffer as ArrayBuffer]);
    } catch (error) {
      const reply: WorkerReply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
      port.postMessage(reply);
    }
  });
}
