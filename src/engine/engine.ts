/**
 * The policy engine: the Rego policies compiled to WebAssembly by `opa build -t wasm`, evaluated in Node by
 * `@open-policy-agent/opa-wasm`. Loaded once per run and evaluated once over the whole model.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { loadPolicySync } from "@open-policy-agent/opa-wasm";
import { readAsset } from "../assets";
import { PolicyCheckError } from "../errors";
import type { Model } from "../model/types";
import type { RuleCatalog, RuleMetadata } from "./rules";
import { isSeverity, type Severity } from "./severity";

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

/** What a rule returns, before the runner joins it with rule metadata and sources. */
export interface RawFinding {
  rule_id: string;
  severity: Severity;
  address: string;
  message: string;
  unknown: boolean;
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

function isRawFinding(value: unknown): value is RawFinding {
  if (typeof value !== "object" || value === null) return false;
  const f = value as Record<string, unknown>;
  return (
    typeof f["rule_id"] === "string" &&
    isSeverity(f["severity"]) &&
    typeof f["address"] === "string" &&
    typeof f["message"] === "string" &&
    typeof f["unknown"] === "boolean"
  );
}

/** WebAssembly pages are 64 KiB. */
const PAGE = 64 * 1024;
const MAX_PAGES = 65536;

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

/** The rule metadata of a bundle (a directory; default: the built-in one), without loading its WASM. */
export function loadRuleCatalog(dir?: string): RuleCatalog {
  try {
    return JSON.parse(readBundleFile(dir, "rules.json").toString("utf8")) as RuleCatalog;
  } catch (error) {
    if (error instanceof PolicyCheckError) throw error;
    throw new PolicyCheckError("POLICY_BUNDLE", "rules.json is not valid JSON; run `npm run build`", { input: dir ?? BUILT_IN_BUNDLE });
  }
}

export class PolicyEngine {
  private constructor(
    private readonly module: WebAssembly.Module,
    readonly catalog: RuleCatalog,
  ) {}

  /**
   * Loads the bundle: rule metadata and the compiled module (compiled once; each evaluation instantiates it
   * with memory sized for its model). Synchronous, because CDKTF runs construct validations inside the
   * synchronous `app.synth()`; compiling the module takes milliseconds, so blocking for it costs nothing.
   */
  static loadSync(dir?: string): PolicyEngine {
    const wasm = readBundleFile(dir, "policy.wasm");
    const catalog = loadRuleCatalog(dir);
    try {
      return new PolicyEngine(new WebAssembly.Module(wasm), catalog);
    } catch (error) {
      throw new PolicyCheckError("POLICY_BUNDLE", `policy.wasm cannot be loaded: ${String(error)}`, { input: dir ?? BUILT_IN_BUNDLE, cause: error });
    }
  }

  /** loadSync for callers that await (the CLI, the public API). */
  static async load(dir?: string): Promise<PolicyEngine> {
    return PolicyEngine.loadSync(dir);
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

  /** Evaluates every rule over the model, once; `data` reaches Rego as `data.*` (rule parameters). */
  evaluateSync(model: Model, data: Record<string, unknown> = {}): RawFinding[] {
    let output: unknown;
    try {
      const input = new TextEncoder().encode(JSON.stringify(model));
      const policy = loadPolicySync(this.module, { initial: initialPages(input.byteLength), maximum: MAX_PAGES });
      policy.setData(data);
      output = policy.evaluate(input.buffer, ENTRYPOINT);
    } catch (error) {
      throw new PolicyCheckError("EVALUATION", `policy evaluation failed: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
    const first: unknown = Array.isArray(output) ? output[0] : undefined;
    const result = typeof first === "object" && first !== null ? (first as { result?: unknown }).result : undefined;
    if (!Array.isArray(result)) {
      throw new PolicyCheckError("EVALUATION", "policy evaluation returned no finding set");
    }
    const findings: RawFinding[] = [];
    for (const item of result) {
      if (!isRawFinding(item)) {
        // Named by its shape, never its content: a rule's output may quote sensitive values, and a quote cut
        // short would be a part of one that no redaction recognizes.
        const keys = typeof item === "object" && item !== null ? Object.keys(item).sort().join(", ") : typeof item;
        throw new PolicyCheckError(
          "EVALUATION",
          `a rule returned a malformed finding (with ${keys === "" ? "no keys" : keys}; expected rule_id, severity, address, message, unknown)`,
        );
      }
      findings.push(item);
    }
    return findings;
  }
}
