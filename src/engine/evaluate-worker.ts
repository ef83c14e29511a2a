/**
 * A worker thread of the engine's pool (src/engine/engine.ts evaluate): evaluates the inputs the main thread
 * sends, one at a time, in one reusable instance of the module it was started with. It answers with the
 * findings, validated as the main thread validates its own (src/engine/findings.ts) and packed, or the error's
 * message.
 */
import { parentPort, workerData } from "node:worker_threads";
import { PolicyCheckError } from "../errors";
import { findingsOf, packFindings, type PackedFindings } from "./findings";
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

/** The findings of one input, or why there are none (`evaluation`: a malformed result, not a failure to evaluate). */
export type WorkerReply = { id: number; findings: PackedFindings } | { id: number; error: string; evaluation: boolean };

if (parentPort !== null) {
  const port = parentPort;
  const setup = workerData as WorkerSetup;
  const instance = new ReusableInstance(setup.module, setup.data);
  port.on("message", (request: WorkerRequest) => {
    let reply: WorkerReply;
    try {
      reply = { id: request.id, findings: packFindings(findingsOf(instance.evaluate(request.input, setup.entrypoint))) };
    } catch (error) {
      const evaluation = error instanceof PolicyCheckError && error.code === "EVALUATION";
      reply = { id: request.id, error: error instanceof Error ? error.message : String(error), evaluation };
    }
    port.postMessage(reply);
  });
}
