import type { PlanAction, SourceKind, SourceLocation } from "../model/types";

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
  /** The configuration references a managed resource, so the value will be set after apply. */
  set: boolean;
  /** The configuration references as written, module-relative. */
  references: string[];
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
  /** Known values in Terraform's shape (blocks are lists). Unknown leaves are absent, sensitive ones redacted. */
  values: JsonObject;
  unknown: UnknownValue[];
  /** Paths whose values were redacted because the input marks them sensitive. */
  sensitive: ValuePath[];
  /**
   * Resources each attribute's configuration refers to, keyed by dotted attribute path without list indices
   * (`rest_api_id`, `access_log_settings.destination_arn`). Only managed resources appear.
   */
  references: Record<string, ResolvedReference[]>;
}

/** What an input adapter returns: the resource instances plus facts about the input itself. */
export interface IngestResult {
  kind: SourceKind;
  file: string;
  format_version: string | null;
  tool_version: string | null;
  instances: ResourceInstance[];
}

/** An input adapter: a tiny interface with a name, looked up by the registry in ./index.ts. */
export interface InputAdapter {
  readonly name: SourceKind;
  /** True when this adapter understands the already-parsed document. */
  accepts(document: unknown): boolean;
  read(document: unknown, file: string): IngestResult;
}
