/**
 * One reusable evaluator instance of the compiled policy: created for the first input, reused for the next
 * ones (opa-wasm resets its heap to the data at each evaluation), replaced by a larger one only when an input
 * needs more memory than it has. The main thread and each worker thread (src/engine/evaluate-worker.ts) hold
 * one; it imports nothing but opa-wasm so a worker loads little.
 */
import { loadPolicySync, type LoadedPolicy } from "@open-policy-agent/opa-wasm";

/** WebAssembly pages are 64 KiB; memory stops at 65,536 of them (4 GiB). */
const PAGE = 64 * 1024;
export const MAX_PAGES = 65536;

/**
 * Memory to start the evaluator with: room for the compiled policy's peak heap, so it never has to grow.
 * Once the heap outgrows the initial memory, opa-wasm's allocator grows it one 64 KiB page at a time, and
 * V8 runs a full garbage collection on every grow, which costs time in proportion to the live JavaScript heap
 * (the model): growing makes evaluation quadratic (4,000 stages with secret-named variables: 42 s; 14 MB
 * model grown from opa-wasm's default 5 pages: 32 s instead of 0.6 s). The heap is about 6 times the model's
 * JSON size plus 6 to 8 KiB per finding (each finding's message, object and set entry; nothing is freed
 * during evaluation), which peaks at about 48 times the JSON size on models where nearly every resource
 * fails several rules (measured: plans/apigw-502-fail stages and OpenAPI operations repeated thousands of
 * times). Pages that are never touched cost no physical memory, so size for the worst case with margin.
 */
export function initialPages(inputBytes: number): number {
  return Math.min(MAX_PAGES, Math.ceil((inputBytes * 64 + 16 * 1024 * 1024) / PAGE));
}

export class ReusableInstance {
  private policy: LoadedPolicy | null = null;
  private pages = 0;

  constructor(
    private readonly module: WebAssembly.Module,
    private readonly data: Record<string, unknown>,
  ) {}

  /** The entrypoint's result over one input (JSON bytes): opa-wasm's result set. */
  evaluate(input: Uint8Array, entrypoint: string): unknown {
    const needed = initialPages(input.byteLength);
    if (this.policy === null || this.pages < needed) {
      this.policy = null; // the old instance's memory can go before the new one is made
      this.policy = loadPolicySync(this.module, { initial: needed, maximum: MAX_PAGES });
      this.policy.setData(this.data);
      this.pages = needed;
    }
    // opa-wasm copies the bytes into its memory; a view into a larger buffer would hand it the whole buffer.
    const buffer = input.byteOffset === 0 && input.byteLength === input.buffer.byteLength ? input.buffer : input.slice().buffer;
    return this.policy.evaluate(buffer, entrypoint);
  }
}
