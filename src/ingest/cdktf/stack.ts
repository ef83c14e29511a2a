/**
 * One synthesized CDKTF stack (`cdktf.out/stacks/<stack>/cdk.tf.json`) → resource instances, read the way
 * conftest reads a CDKTF stack: as a Terraform JSON module (`.tf.json`), through the one evaluator of
 * Terraform configuration (src/ingest/hcl), which both syntaxes share. What is CDKTF's own is here:
 *
 * - synth-time semantics: what Terraform learns only at plan is unknown, never a silent pass: `var.*`
 *   (TerraformVariable), data sources (including `terraform_remote_state` outputs: cross-stack references),
 *   `module.*` outputs (modules are not read: resources inside them are not in the stack's JSON and are not
 *   judged), function calls (`Fn.*`) other than the conversions CDKTF writes itself;
 * - each instance's `source.construct_path` is its element's `"//".metadata.path` (Terraform JSON ignores
 *   `//` properties as comments, and so does the evaluator);
 * - the evaluator checks the document's Terraform JSON shape: a malformed element is an error naming it.
 */
import path from "node:path";
import { PolicyCheckError } from "../../errors";
import type { IngestResult, JsonObject } from "../types";
import { ConfigLoader, type ResourceConfig } from "../hcl/config";
import { evaluateConfiguration } from "../hcl/hcl";
import { JSON_COMMENT } from "../../terraform/meta-arguments";

function asObject(value: unknown): JsonObject | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as JsonObject) : null;
}

/**
 * The functions computed at synth time: type conversions, which CDKTF writes itself (an iterator over a
 * literal list is `toset([...])`). Any `Fn.*` call the app makes is left to Terraform: unknown.
 */
const SYNTH_TIME_FUNCTIONS: ReadonlySet<string> = new Set(["toset", "tolist", "tomap", "tostring", "tonumber", "tobool"]);

export interface StackDocument {
  /** The stack name (`"//".metadata.stackName`). */
  name: string | null;
  /** The CDKTF version that synthesized it (`"//".metadata.version`). */
  version: string | null;
}

/** CDKTF's metadata of a document or element: `{"//": {"metadata": {...}}}`. */
function metadata(element: unknown): JsonObject | null {
  return asObject(asObject(asObject(element)?.[JSON_COMMENT])?.["metadata"]);
}

/** True when a JSON document is a synthesized CDKTF stack (Terraform JSON with CDKTF's `"//"` metadata). */
export function isStackDocument(document: unknown): boolean {
  return metadata(document) !== null && !("format_version" in (asObject(document) ?? {}));
}

export function stackMetadata(document: unknown): StackDocument {
  const found = metadata(document);
  const name = found?.["stackName"];
  const version = found?.["version"];
  return { name: typeof name === "string" ? name : null, version: typeof version === "string" ? version : null };
}

/** Reads one synthesized stack document. `file` names it in findings and errors. */
export function readStackDocument(document: unknown, file: string): IngestResult {
  const root = asObject(document);
  if (root === null) throw new PolicyCheckError("INPUT_UNSUPPORTED", "expected a JSON object (a synthesized CDKTF stack)", { input: file });
  const dir = path.resolve(path.dirname(file));
  const module = new ConfigLoader(dir, path.dirname(file)).loadDocument(root, path.basename(file));
  const source = (config: ResourceConfig): IngestResult["instances"][number]["source"] => {
    const constructPath = metadata(config.body)?.["path"];
    return { kind: "cdktf", file, ...(typeof constructPath === "string" ? { construct_path: constructPath } : {}) };
  };
  const instances = evaluateConfiguration(file, module, { fn: { baseDir: dir, only: SYNTH_TIME_FUNCTIONS }, synthTime: true, source });
  return { kind: "cdktf", file, format_version: null, tool_version: stackMetadata(document).version, instances };
}
