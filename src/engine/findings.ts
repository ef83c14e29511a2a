/** What an evaluation yields: the entrypoint's finding list, validated. */
import { PolicyCheckError } from "../errors";
import { isSeverity, type Severity } from "./severity";

/** What a rule returns, before the runner joins it with rule metadata and sources. */
export interface RawFinding {
  rule_id: string;
  severity: Severity;
  address: string;
  message: string;
  unknown: boolean;
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

/**
 * A finding of the entrypoint's list: a row of result.fail (policies/lib/result.rego: rule_id, severity,
 * address, message, unknown), or an object with those fields (a custom rule may build its findings itself).
 */
function rawFinding(item: unknown): RawFinding {
  const finding: unknown =
    Array.isArray(item) && item.length === 5 ? { rule_id: item[0], severity: item[1], address: item[2], message: item[3], unknown: item[4] } : item;
  if (!isRawFinding(finding)) {
    // Named by its shape, never its content: a rule's output may quote sensitive values, and a quote cut
    // short would be a part of one that no redaction recognizes.
    const shape = Array.isArray(item)
      ? `${String(item.length)} values`
      : typeof item === "object" && item !== null
        ? Object.keys(item).sort().join(", ") || "no keys"
        : typeof item;
    throw new PolicyCheckError(
      "EVALUATION",
      `a rule returned a malformed finding (with ${shape}; expected rule_id, severity, address, message, unknown)`,
    );
  }
  return finding;
}

/** The finding list of an evaluation's output (opa-wasm's result set), validated. */
export function findingsOf(output: unknown): RawFinding[] {
  const first: unknown = Array.isArray(output) ? output[0] : undefined;
  const result = typeof first === "object" && first !== null ? (first as { result?: unknown }).result : undefined;
  if (!Array.isArray(result)) {
    throw new PolicyCheckError("EVALUATION", "policy evaluation returned no finding set");
  }
  return result.map(rawFinding);
}

/** The finding list of an evaluation's output as JSON text (UTF-8 bytes; ReusableInstance.evaluate), validated. */
export function findingsOfJson(json: Uint8Array): RawFinding[] {
  return findingsOf(JSON.parse(new TextDecoder().decode(json)));
}
