import type { PlanAction, SourceKind, SourceLocation, UnknownOrigin } from "../model/types";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A path into a resource's values in Terraform's own shape: attribute names and list indices. */
export type ValuePath = Array<string | number>;

/**
 * A reference from configuration, resolved through module variables and outputs to a managed resource:
 * `base` is the resource address without instance key (`module.api["a"].aws_api_gateway_rest_api.this`);
 * `key` is the instance key when the reference names one, `undefined` when it names the whole resource.
 */
export interface ResolvedReference {
  base: string;
  key?: string | number;
}

export interface UnknownValue {
  path: ValuePath;
  /**
   * True when configuration has an expression for the value. False when the attribute's whole top-level
   * block is absent from configuration: either the provider computes it (then it is unset) or it is a
   * `dynamic` block, which plans leave out of `configuration` (then it is unknown); the model builder,
   * which knows each type's computed blocks, decides.
   */
  configured: boolean;
  /** The configuration references a managed resource, so the value will be set after apply. */
  set: boolean;
  /** The configuration references as written, module-relative. */
  references: string[];
  /** Terraform source inputs: what the source cannot know that the value comes from (UnknownMark.origins). */
  origins?: UnknownOrigin[];
  /**
   * The value as far as the configuration shows it, when it shows more than "unknown" (src/model/partial.ts):
   * a template's literal text around its unknown parts, the JSON of a `jsonencode` structure with unknown
   * leaves, an ARN attribute's `arn:`. Each unknown part is spelled as a placeholder.
   */
  partial?: string;
}

/**
 * One managed resource instance as an input adapter sees it, before the shared model builder normalizes it.
 * Adapters (plan, CDKTF, HCL) only produce these; normalization and linking happen once, in src/model.
 */
export interface ResourceInstance {
  address: string;
  type: string;
  name: string;
  module_address: string;
  index: string | number | null;
  actions: PlanAction[];
  source: SourceLocation;
  /**
   * Known values in Terraform's shape (blocks are lists). Unknown leaves are null. Sensitive values are here
   * as they are: rules judge them, and the model builder hands them to the run's Redactor for output.
   */
  values: JsonObject;
  unknown: UnknownValue[];
  /** Paths the input marks sensitive. */
  sensitive: ValuePath[];
  /**
   * Resources each attribute's configuration refers to, keyed by dotted attribute path without list indices
   * (`rest_api_id`, `access_log_settings.destination_arn`), and again with them for repeated blocks
   * (`api_stages.1.api_id`), so elements of a list can be told apart. Only managed resources appear.
   */
  references: Record<string, ResolvedReference[]>;
  /** Dotted attribute paths (no list indices) whose configuration is a literal constant. */
  literals: string[];
  /** Top-level attributes and blocks present in configuration; null when the input has no configuration. */
  configured: string[] | null;
  /**
   * `policy-check:waive ...` comments on the lines right above the resource block (HCL only): the text after
   * `policy-check:waive` and its 1-based line. The model builder carries them on the entity (`waivers`).
   */
  waiver_comments?: WaiverComment[];
}

/**
 * A waiver comment above a resource block: `# policy-check:waive ...` (text: what follows the marker), or a
 * peer scanner's suppression (`peer`; text: the comment from `checkov:skip=`, `trivy:ignore:` or
 * `tfsec:ignore:` on), which src/config/peer-waivers.ts maps onto policy-check rules.
 */
export interface WaiverComment {
  line: number;
  text: string;
  peer?: true;
}

/** What an input adapter returns: the resource instances plus facts about the input itself. */
export interface IngestResult {
  kind: SourceKind;
  file: string;
  format_version: string | null;
  tool_version: string | null;
  instances: ResourceInstance[];
  /**
   * What existed before the change, when the input knows (plans only): the instances of updates, replaces,
   * no-ops and deletes with their `change.before` values. Judged as a second model to tell the findings a
   * change introduces from those it resolves and those already there (src/review). Absent: no comparison.
   */
  before?: ResourceInstance[];
  /**
   * Inputs holding several independent Terraform configurations (the stacks of a CDKTF output) list them
   * here, and the runner judges each as its own model: every stack is its own working directory with its own
   * state, so equal addresses in two stacks name different resources. `read` is called only for the stacks
   * judged (`--stack`). `instances` is then empty.
   */
  stacks?: Array<{ name: string; read: () => IngestResult }>;
}

/**
 * What the registry hands an adapter: the path as given, whether it is a directory, and for files the
 * text and (when it parses as JSON) the parsed document. Read once; adapters never re-read the file.
 */
export interface InputSource {
  /** The path as the user gave it (`-` for standard input); findings and errors name it. */
  path: string;
  isDirectory: boolean;
  /** File content; null for directories. */
  text: string | null;
  /** The parsed JSON document; undefined when the input is a directory or not JSON. */
  document?: unknown;
}

/**
 * What a read may be told besides the input, one options object for every adapter: a saved binary plan is
 * read by running `terraform show -json` (src/ingest/plan/binary.ts), which needs a program, an environment and
 * a place to say it did so; Terraform source takes variables files.
 */
export interface ReadOptions {
  /** `--terraform-bin`: the program to run; null: `terraform` on PATH, else `tofu`. */
  terraformBin: string | null;
  /** The environment: PATH to find the program, and the child's environment (TF_DATA_DIR, ...). */
  env: NodeJS.ProcessEnv;
  /** Receives one line (no newline) saying what was done to the input; the CLI writes it to stderr. */
  notice: (line: string) => void;
  /** `--var-file` paths in the order given (later files win); only adapters that `readsVarFiles` are given any. */
  varFiles: readonly string[];
}

/** An input adapter: a tiny interface with a name, looked up by the registry in ./index.ts. */
export interface InputAdapter {
  /** The kind of source it reads; `binary-plan` turns a saved plan into a `plan` input. */
  readonly name: SourceKind | "binary-plan";
  /** True when the input has Terraform variables to set (`--var-file`): Terraform source. A plan already has their values. */
  readonly readsVarFiles: boolean;
  /** True when this adapter understands the input (a parsed JSON document, a directory, a `.tf` file...). */
  accepts(source: InputSource): boolean;
  read(source: InputSource, options: ReadOptions): IngestResult;
}
