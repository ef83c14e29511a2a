/**
 * The public API, small and explicit. Everything else under src/ is internal and may change. Every type the
 * functions below take or return is exported here too, so library code can name it.
 */
export { check, judge, type CheckOptions } from "./runner";
export { PolicyEngine, type RawFinding } from "./engine/engine";
export type { RuleMetadata, RuleCatalog, RuleAnchors, RuleParameter } from "./engine/rules";
export { SEVERITIES, type Severity } from "./engine/severity";
export { PolicyCheckError, ERROR_CODES, type ErrorCode } from "./errors";
export {
  EXIT,
  exitCodeFor,
  type CheckResult,
  type Finding,
  type FindingWaiver,
  type JudgedSubject,
  type Summary,
  type WaiverIssue,
} from "./findings";
export { loadConfig, EMPTY_CONFIG, CONFIG_FILE, type Config, type ConfigWaiver, type RuleConfig } from "./config/config";
export { readInput } from "./ingest";
export type { IngestResult, ResourceInstance, ReadOptions, ResolvedReference, UnknownValue, ValuePath, Json, JsonObject } from "./ingest/types";
export { buildModel } from "./model/build";
export type * from "./model/types";
export { MODEL_VERSION, WAIVE_TAG } from "./model/types";
export { REDACTED, Redactor } from "./redact";
export { reporterByName, REPORTERS, type Reporter, type RenderOptions } from "./report";
export { VERSION } from "./version";
export { ApiGatewayPolicyChecks, describeFinding, type ApiGatewayPolicyChecksOptions, type ConstructLike, type StackLike } from "./cdktf";
