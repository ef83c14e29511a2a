// The CLI process's WebAssembly tiering, apart from the engine: the bin (src/cli/launch.ts) sets it before it
// compiles the bundled command, without loading the engine.

/**
 * How much a WebAssembly function runs in V8's baseline code (Liftoff) before V8 recompiles it with its optimising
 * compiler (TurboFan): V8's `--wasm-tiering-budget`, default 1,800,000 (roughly bytes of code executed). At the
 * default, evaluating the quick-start plan (18 resources) triggers optimised recompilation of hundreds of the
 * policy's functions, which costs more than it saves: that evaluation took 37 ms of CPU at the default and 21 ms
 * at this budget. Bigger models still reach the budget in their hot functions and gain from the
 * optimised code: in-process evaluation CPU (median of repeated runs, 2-core machine) was 181 → 133 ms for 1,000
 * API Gateway resources and 787–819 → 736–738 ms for 10,000 (20,000,000 and 200,000,000 measured worse than this).
 */
export const WASM_TIERING_BUDGET = 50_000_000;

/**
 * Sets the WebAssembly tier-up budget (WASM_TIERING_BUDGET) for this process and its worker threads. A V8 flag is
 * process-wide: called by the processes this package owns (the CLI), never by the library for its caller's process.
 * Takes effect for instances made afterwards.
 */
export function tuneWebAssemblyTiering(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require("node:v8") as typeof import("node:v8")).setFlagsFromString(`--wasm-tiering-budget=${WASM_TIERING_BUDGET}`);
}
