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

/**
 * The fields of opa-wasm's LoadedPolicy its `evaluate` reads (opa-wasm src/opa.js), missing from its type
 * declarations, and the module's evaluation export (OPA's WebAssembly ABI 1.2: `opa_eval`).
 */
interface PolicyInternals {
  mem: { buffer: ArrayBuffer; grow(pages: number): number };
  wasmInstance: { exports: Record<string, unknown> };
  dataAddr: number;
  dataHeapPtr: number;
  minorVersion: number;
  entrypoints: Record<string, number>;
}
type OpaEval = (reserved: number, entrypoint: number, data: number, input: number, inputLength: number, heap: number, format: number) => number;

/**
 * The policy's internals when they have the shape evaluate() relies on; null otherwise (an opa-wasm whose
 * internals changed, a module of an ABI before 1.2), for opa-wasm's own `evaluate` to run it.
 */
export function internalsOf(policy: LoadedPolicy): { inner: PolicyInternals; eval: OpaEval } | null {
  const inner = policy as unknown as Partial<PolicyInternals>;
  const opaEval = inner.wasmInstance?.exports["opa_eval"];
  const shaped =
    typeof inner.mem?.grow === "function" &&
    typeof inner.dataAddr === "number" &&
    typeof inner.dataHeapPtr === "number" &&
    typeof inner.entrypoints === "object" &&
    typeof opaEval === "function" &&
    (inner.minorVersion ?? 0) >= 2;
  return shaped ? { inner: inner as PolicyInternals, eval: opaEval as OpaEval } : null;
}

export class ReusableInstance {
  private policy: LoadedPolicy | null = null;
  /** The policy's internals (internalsOf), read once per policy. */
  private internals: ReturnType<typeof internalsOf> = null;
  private pages = 0;

  constructor(
    private readonly module: WebAssembly.Module,
    private readonly data: Record<string, unknown>,
  ) {}

  /**
   * The entrypoint's result over one input (JSON bytes): opa-wasm's result set as JSON text, its UTF-8 bytes
   * copied out of the instance's memory, not parsed. opa-wasm's `evaluate` would parse them into objects that a
   * worker thread then sends by structured clone, string by string (about 77,000 strings at 10,000 API Gateway
   * resources); the bytes go as one transferred buffer and are parsed once, where the findings are used
   * (findings.ts findingsOfJson). The steps are opa-wasm's `evaluate` for modules of ABI 1.2 and later (what
   * the pinned `opa build` writes); anything else (internalsOf) is evaluated by opa-wasm and its result written as text.
   */
  evaluate(input: Uint8Array, entrypoint: string): Uint8Array {
    const needed = initialPages(input.byteLength);
    if (this.policy === null || this.pages < needed) {
      this.policy = null; // the old instance's memory can go before the new one is made
      this.policy = loadPolicySync(this.module, { initial: needed, maximum: MAX_PAGES });
      this.policy.setData(this.data);
      this.internals = internalsOf(this.policy);
      this.pages = needed;
    }
    const internals = this.internals;
    const id = internals?.inner.entrypoints[entrypoint];
    if (internals === null || id === undefined) {
      // opa-wasm copies the bytes into its memory; a view into a larger buffer would hand it the whole buffer.
      const buffer = input.byteOffset === 0 && input.byteLength === input.buffer.byteLength ? input.buffer : input.slice().buffer;
      return new TextEncoder().encode(JSON.stringify(this.policy.evaluate(buffer, entrypoint)));
    }
    const policy = internals.inner;
    // The input goes where the data's heap ends; the evaluation's heap starts after it.
    const at = policy.dataHeapPtr;
    const short = at + input.byteLength - policy.mem.buffer.byteLength;
    if (short > 0) policy.mem.grow(Math.ceil(short / PAGE));
    new Uint8Array(policy.mem.buffer).set(input, at);
    const result = internals.eval(0, id, policy.dataAddr, at, input.byteLength, at + input.byteLength, 0);
    const memory = new Uint8Array(policy.mem.buffer); // after the evaluation: it may have grown the memory
    return memory.slice(result, memory.indexOf(0, result));
  }
}
