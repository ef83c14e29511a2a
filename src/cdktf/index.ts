/**
 * Synth-time enforcement for CDK for Terraform apps, what cdk-nag is to AWS CDK: `ApiGatewayPolicyChecks.of(stack)`
 * adds a construct validation that, during `app.synth()` (and `cdktf synth`), judges the stack exactly as it
 * is about to be written to cdk.tf.json, with the same compiled WASM policies and the same CDKTF reader as
 * `policy-check cdktf.out`. Findings at or above `failOn` fail synth, one line per finding naming the
 * construct path; the others (lower severities, unverifiable values) become construct warnings.
 *
 * This module never imports cdktf at load time (the CLI and the rest of the library work without it):
 * stacks are typed structurally, and cdktf's Annotations API is required only when there is a warning.
 */
import path from "node:path";
import { PolicyEngine } from "../engine/engine";
import type { Severity } from "../engine/severity";
import { isBlocking, type CheckResult, type Finding } from "../findings";
import { readStackDocument, STACK_FILE } from "../ingest";
import { withoutPrototypes } from "../records";
import { EMPTY_CONFIG, loadConfig, type Config } from "../config/config";
import { judge } from "../runner";

/** A construct as far as these checks use it (every cdktf construct is one). */
export interface ConstructLike {
  readonly node: { readonly path: string };
}

/** The part of a cdktf `TerraformStack` these checks use. */
export interface StackLike extends ConstructLike {
  readonly node: {
    readonly id: string;
    readonly path: string;
    readonly root: unknown;
    addValidation(validation: { validate(): string[] }): void;
    findAll(): ConstructLike[];
  };
  /** The stack's Terraform JSON, tokens resolved: what synth writes to cdk.tf.json. */
  toTerraform(): unknown;
}

export interface ApiGatewayPolicyChecksOptions {
  /** Lowest severity that fails synth (default: medium, as the CLI's `--fail-on`). */
  failOn?: Severity;
  /** Evaluate only these rule IDs (default: every rule). */
  rules?: readonly string[];
  /** Report findings that do not fail synth as construct warnings (default: true). */
  warnings?: boolean;
  /** The compiled policy bundle (policy.wasm, rules.json); default: the one this package ships. */
  bundleDir?: string;
  /**
   * The configuration file (`.policy-check.yaml`: severities, enabled rules, parameters, waivers). Default:
   * the nearest one upward from `cwd`, as the CLI finds it; `false` judges with no configuration.
   */
  config?: string | false;
  /** Where to look for the configuration file (default: the process's working directory). */
  cwd?: string;
}

const engines = new Map<string | undefined, PolicyEngine>();

/** Compiled once per process and bundle (undefined: the built-in one): every stack of an app shares it. */
function engineFor(dir: string | undefined): PolicyEngine {
  let engine = engines.get(dir);
  if (engine === undefined) {
    engine = PolicyEngine.loadSync(dir);
    engines.set(dir, engine);
  }
  return engine;
}

/** One line per finding: construct path first, so the list reads per construct. */
export function describeFinding(finding: Finding): string {
  const where = finding.source?.construct_path ?? finding.address;
  const label = finding.unknown ? "unverifiable" : finding.severity;
  return `${where}: ${finding.rule_id} (${label}) ${finding.title}: ${finding.message}`;
}

function byConstructPath(a: Finding, b: Finding): number {
  const pa = a.source?.construct_path ?? a.address;
  const pb = b.source?.construct_path ?? b.address;
  return pa < pb ? -1 : pa > pb ? 1 : 0;
}

/** What cdktf's `Annotations.of(construct)` offers (required lazily, see the module comment). */
interface AnnotationsApi {
  of(construct: ConstructLike): { addWarning(message: string): void };
}

function annotations(): AnnotationsApi {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("cdktf") as { Annotations: AnnotationsApi }).Annotations;
}

export class ApiGatewayPolicyChecks {
  private static readonly registered = new WeakMap<object, ApiGatewayPolicyChecks>();

  /**
   * Checks `stack` every time it is synthesized. Calling it again for the same stack returns the same checks
   * with the new options (the validation is added once).
   */
  static of(stack: StackLike, options: ApiGatewayPolicyChecksOptions = {}): ApiGatewayPolicyChecks {
    const existing = ApiGatewayPolicyChecks.registered.get(stack);
    if (existing !== undefined) {
      existing.options = options;
      return existing;
    }
    const checks = new ApiGatewayPolicyChecks(stack, options);
    stack.node.addValidation(checks);
    ApiGatewayPolicyChecks.registered.set(stack, checks);
    return checks;
  }

  /** Warnings already attached, so a validation run twice does not repeat them. */
  private readonly warned = new Set<string>();

  private constructor(
    private readonly stack: StackLike,
    private options: ApiGatewayPolicyChecksOptions,
  ) {}

  /** The configuration, read once per options: synth may run the validation for every stack. */
  private loaded: { options: ApiGatewayPolicyChecksOptions; config: Config } | null = null;

  private config(): Config {
    if (this.loaded?.options !== this.options) {
      const { config, cwd } = this.options;
      const loaded = config === false ? EMPTY_CONFIG : loadConfig(config ?? null, cwd ?? process.cwd());
      this.loaded = { options: this.options, config: loaded };
    }
    return this.loaded.config;
  }

  /** `failOn` option, else the configuration's `fail_on`, else medium (the CLI's order). */
  get failOn(): Severity {
    return this.options.failOn ?? this.config().fail_on ?? "medium";
  }

  /** Where synth writes the stack: cdk.tf.json in the app's output directory (findings name it). */
  private file(): string {
    const outdir = (this.stack.node.root as { outdir?: unknown } | null)?.outdir;
    return path.join(typeof outdir === "string" ? outdir : "cdktf.out", "stacks", this.stack.node.id, STACK_FILE);
  }

  /** Judges the stack as it synthesizes now; the result is the CLI's JSON report for this one stack. */
  check(): CheckResult {
    const file = this.file();
    // Through JSON, as synth writes it: the reader sees exactly what `policy-check cdktf.out` would read.
    const document: unknown = JSON.parse(JSON.stringify(this.stack.toTerraform()));
    withoutPrototypes(document);
    return judge(engineFor(this.options.bundleDir), [() => readStackDocument(document, file)], {
      input: file,
      failOn: this.failOn,
      config: this.config(),
      ...(this.options.rules === undefined ? {} : { rules: this.options.rules }),
    });
  }

  /**
   * The construct validation cdktf runs during synth: one error per blocking finding (cdktf then fails synth
   * listing them); the others are attached as warnings to the constructs they are about.
   */
  validate(): string[] {
    const result = this.check();
    const blocking = result.findings.filter((f) => isBlocking(f, this.failOn)).sort(byConstructPath);
    if (this.options.warnings ?? true) this.warn(result.findings.filter((f) => !isBlocking(f, this.failOn)));
    return blocking.map(describeFinding);
  }

  private warn(findings: readonly Finding[]): void {
    if (findings.length === 0) return;
    const byPath = new Map(this.stack.node.findAll().map((c) => [c.node.path, c]));
    const api = annotations();
    for (const finding of findings) {
      const message = describeFinding(finding);
      if (this.warned.has(message)) continue;
      this.warned.add(message);
      const path = finding.source?.construct_path;
      api.of((path === undefined ? undefined : byPath.get(path)) ?? this.stack).addWarning(message);
    }
  }
}
