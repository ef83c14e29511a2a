/**
 * The public API, small and explicit. Everything else under src/ is internal and may change.
 */
export { check, judge, type CheckOptions } from "./runner";
export { PolicyEngine, type RawFinding } from "./engine/engine";
export type { RuleMetadata, RuleCatalog } from "./engine/rules";
export { SEVERITIES, type Severity } from "./engine/severity";
export { PolicyCheckError, ERROR_CODES, type ErrorCode } from "./errors";
export { EXIT, exitCodeFor, type CheckResult, type Finding, type Summary } from "./findings";
export { readInput } from "./ingest";
export { buildModel } from "./model/build";
export type * from "./model/types";
export { MODEL_VERSION } from "./model/types";
export { REDACTED, Redactor } from "./redact";
export { reporterByName, REPORTERS, type Reporter } from "./report";
export { VERSION } from "./version";
export { ApiGatewayPolicyChecks, describeFinding, type ApiGatewayPolicyChecksOptions, type ConstructLike, type StackLike } from "./cdktf";
