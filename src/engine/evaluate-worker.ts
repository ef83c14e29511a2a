/**
 * A worker thread of the engine's pool (src/engine/engine.ts evaluate): evaluates the inputs the main thread
 * sends, one at a time, in one reusable instance of the module it was started with. It answers with the
 * entrypoint's result, or the error's message; the main thread validates results as for its own evaluations.
 */
import { parentPort, workerData } from "node:worker_threads";
import { ReusableInstance } from "./instance";

/** What the engine starts a worker with. */
export interface WorkerSetup {
  module: WebAssembly.Module;
  data: Record<string, unknown>;
  entrypoint: string;
}

/** One input to evaluate: JSON bytes of a part model (transferred, not copied). */
export interface WorkerRequest {
  id: number;
  input: Uint8Array;
}

export type WorkerReply = { id: number; output: unknown } | { id: number; error: string };

if (parentPort !== null) {
  const port = parentPort;
  const setup = workerData as WorkerSetup;
  const instance = new ReusableInstance(setup.module, setup.data);
  port.on("message", (request: WorkerRequest) => {
    let reply: WorkerReply;
    try {
      reply = { id: request.id, output: instance.evaluate(request.input, setup.entrypoint) };
    } catch (error) {
      reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply);
  });
}
