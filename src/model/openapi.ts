/**
 * Parses an API's OpenAPI `body` (JSON or YAML; OpenAPI 3.x or Swagger 2.0) into the operations rules judge,
 * with their effective security worked out here: Rego sees `secured`, never the document. A body this parser
 * cannot read (not JSON or YAML, too many YAML aliases, a path item `$ref` it cannot follow) may define any
 * operation, so it is `unknown` with `error` saying why: every body rule reports it as unverifiable.
 */
import { parse as parseYaml } from "yaml";
import { nestsDeeperThan, parseNestedJson, TOO_DEEP } from "../ingest/json";
import { withoutPrototypes } from "../records";
import type { OpenApiDocument, OpenApiOperation } from "./types";

export const ABSENT_OPENAPI: OpenApiDocument = { state: "absent", error: null, version: null, request_validator: null, operations: [] };
export const UNKNOWN_OPENAPI: OpenApiDocument = { state: "unknown", error: null, version: null, request_validator: null, operations: [] };

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace", "x-amazon-apigateway-any-method"];
const BODY_METHODS = new Set(["post", "put", "patch"]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function unreadable(error: string): OpenApiDocument {
  return { state: "unknown", error, version: null, request_validator: null, operations: [] };
}

/** `$ref` chains longer than this are not followed (real documents need one step). */
const MAX_REF_STEPS = 16;

/** A local JSON pointer (`#/components/pathItems/pets`) into the document, or why it cannot be followed. */
function resolvePointer(root: Record<string, unknown>, ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split("/")) {
    let step: string;
    try {
      step = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    } catch {
      return undefined;
    }
    if (!isObject(node) || !Object.prototype.hasOwnProperty.call(node, step)) return undefined;
    node = node[step];
  }
  return node;
}

/**
 * A path item with its `$ref` followed (OpenAPI 3 and Swagger 2 allow a path item to be a reference, with
 * sibling fields that add operations). Only references within the document can be read; any other is null.
 */
function pathItem(root: Record<string, unknown>, item: unknown): Record<string, unknown> | null {
  let current = item;
  const merged: Record<string, unknown> = {};
  for (let step = 0; step <= MAX_REF_STEPS; step += 1) {
    if (!isObject(current)) return null;
    const ref = current["$ref"];
    for (const [key, value] of Object.entries(current)) if (key !== "$ref" && !(key in merged)) merged[key] = value;
    if (ref === undefined) return merged;
    if (typeof ref !== "string") return null;
    current = resolvePointer(root, ref);
  }
  return null;
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
    // The parser's message is not kept: it may quote the body, which can be sensitive.
    const message = error instanceof Error ? error.message : "";
    if (message === TOO_DEEP) return unreadable(TOO_DEEP);
    return unreadable(/alias/i.test(message) ? "a YAML body with more aliases than the parser expands" : "neither JSON nor YAML");
  }
  if (!isObject(raw)) return unreadable("not an object");
  const version = stringOrNull(raw["openapi"]) ?? stringOrNull(raw["swagger"]);
  if (version === null) return unreadable("has neither `openapi` nor `swagger`");
  const paths = raw["paths"] ?? {};
  if (!isObject(paths)) return unreadable("`paths` is not an object");
  const documentAuth = requiresAuth(raw["security"]) ?? false;
  const operations: OpenApiOperation[] = [];
  for (const [path, rawItem] of Object.entries(paths)) {
    if (!isObject(rawItem)) continue;
    const item = pathItem(raw, rawItem);
    if (item === null) return unreadable("a path item is a $ref this parser cannot follow (only references inside the body are read)");
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
