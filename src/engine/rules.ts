/**
 * Rule metadata as the build extracted it from each rule's `# METADATA` block (dist/policy/rules.json).
 * The TypeScript side joins findings with it by rule ID: titles and remediation live in one place, the Rego.
 */
import type { Severity } from "./severity";

export interface RelatedResource {
  description: string;
  ref: string;
}

/** The controls of peer scanners a rule corresponds to (catalog "Anchors"). */
export interface RuleAnchors {
  security_hub: string[];
  checkov: string[];
  kics: string[];
  trivy: string[];
  other: string[];
}

/**
 * A rule parameter as its METADATA declares it (`custom.parameters.<name>`): a JSON Schema of the value (in
 * the subset src/json-schema.ts validates), its default and what it means. schema/config.json's
 * `rules.<ID>.params` and the doc page's Parameters section are generated from it; Rego reads the default
 * from the same METADATA (`model.parameter(rego.metadata.chain(), name)`).
 */
export interface RuleParameter {
  description: string;
  default: unknown;
  /** The other JSON Schema keywords: type, enum, items, minItems, minLength, pattern, ... */
  [keyword: string]: unknown;
}

export interface RuleMetadata {
  id: string;
  title: string;
  description: string;
  severity: Severity;
  /** Catalog family (LOG, AUTH, EDGE, ...): the package's third segment, upper-cased (apigw.rules.log.x). */
  family: string;
  /** API kinds the rule covers: REST, HTTP, WS. */
  kinds: string[];
  /** Terraform resource types a finding is attached to. */
  subjects: string[];
  remediation: string;
  /** Parameters by name (opa inspect sorts them by name; empty when the rule has none). */
  parameters: Record<string, RuleParameter>;
  anchors: RuleAnchors;
  related_resources: RelatedResource[];
  /** Rego package, e.g. `apigw.rules.log.rest_execution_logging`. */
  package: string;
  /** Folder of the rule, relative to the repository root (`policies/log/rest_execution_logging`). */
  path: string;
}

export interface RuleCatalog {
  /** Version of the policy bundle (the package version it was built with). */
  version: string;
  rules: RuleMetadata[];
}
