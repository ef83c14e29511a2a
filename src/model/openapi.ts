/**
 * Parses an API's OpenAPI `body` (JSON or YAML; OpenAPI 3.x or Swagger 2.0) into the operations rules judge,
 * with their effective security worked out here: Rego sees `secured`, never the document.
 */
import { parse as parseYaml } from "yaml";
import { nestsDeeperThan, parseNestedJson, TOO_DEEP } from "../ingest/json";
import { wellFormed } from "../printable";
import { withoutPrototypes } from "../records";
import type { OpenApiDocument, OpenApiOperation } from "./types";

export const ABSENT_OPENAPI: OpenApiDocument = { state: "absent", error: null, version: null, request_validator: null, operations: [] };
export const UNKNOWN_OPENAPI: OpenApiDocument = { state: "unknown", error: null, version: null, request_validator: null, operations: [] };

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace", "x-amazon-apigateway-any-method"];
const BODY_METHODS = new Set(["post", "put", "patch"]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function invalid(error: string): OpenApiDocument {
  return { state: "invalid", error, version: null, request_validator: null, operations: [] };
}

/**
 * A security requirement list protects the operation when it has at least one non-empty requirement and no
 * empty one (`{}` means anonymous access is allowed). undefined: the list is not there (inherit).
 */
function requiresAuth(security: unknown): boolean | undefined {
  if (security === undefined) return undefined;
  if (!Array.isArray(security) || security.length === 0) return false;
  return security.every((requirement) => isObject(requirement) && Object.keys(requirement).length > 0);
}

function amazonAuth(operation: Record<string, unknown>): boolean {
  const auth = operation["x-amazon-apigateway-auth"];
  if (!isObject(auth)) return false;
  const type = auth["type"];
  return typeof type === "string" && type.toLowerCase() !== "none";
}

function stringOrNull(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

export function parseOpenApi(text: string | null | undefined): OpenApiDocument {
  if (text === null || text === undefined || text.trim() === "") return ABSENT_OPENAPI;
  let raw: unknown;
  try {
    raw = text.trimStart().startsWith("{") ? parseNestedJson(text) : parseYaml(text);
    // Depth first: removing prototypes recurses.
    if (nestsDeeperThan(raw)) throw new Error(TOO_DEEP);
    withoutPrototypes(raw);
  } catch (error) {
    return invalid(wellFormed(`neither JSON nor YAML (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`));
  }
  if (!isObject(raw)) return invalid("not an object");
  const version = stringOrNull(raw["openapi"]) ?? stringOrNull(raw["swagger"]);
  if (version === null) return invalid("has neither `openapi` nor `swagger`");
  const paths = raw["paths"] ?? {};
  if (!isObject(paths)) return invalid("`paths` is not an object");
  const documentAuth = requiresAuth(raw["security"]) ?? false;
  const operations: OpenApiOperation[] = [];
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      operations.push({
        path,
        method,
        secured: (requiresAuth(operation["security"]) ?? documentAuth) || amazonAuth(operation),
        request_validator: stringOrNull(operation["x-amazon-apigateway-request-validator"]),
        accepts_body: BODY_METHODS.has(method),
      });
    }
  }
  return {
    state: "parsed",
    error: null,
    version,
    request_validator: stringOrNull(raw["x-amazon-apigateway-request-validator"]),
    operations,
  };
}
