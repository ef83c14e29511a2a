/**
 * Parses an API's OpenAPI `body` (JSON or YAML; OpenAPI 3.x or Swagger 2.0) into the operations rules judge,
 * with their effective security worked out here: Rego sees `secured`, never the document. A body this parser
 * cannot read (not JSON or YAML, too many YAML aliases, a path item `$ref` it cannot follow) may define any
 * operation, so it is `unknown` with `error` saying why: every body rule reports it as unverifiable.
 */
import { nestsDeeperThan, parseNestedJson, TOO_DEEP } from "../ingest/json";
import { withoutPrototypes } from "../records";
import { containsUnknownPart, hasUnknownPart, parsePartialJson } from "./partial";
import type { OpenApiDocument, OpenApiOperation } from "./types";

/** A YAML body, parsed by a parser loaded on first use: most bodies are JSON, and start-up need not load it. */
function parseYaml(text: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("yaml") as typeof import("yaml")).parse(text);
}

export const ABSENT_OPENAPI: OpenApiDocument = { state: "absent", error: null, version: null, request_validator: null, operations: [] };
export const UNKNOWN_OPENAPI: OpenApiDocument = { state: "unknown", error: null, version: null, request_validator: null, operations: [] };

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace", "x-amazon-apigateway-any-method"];
/** Methods that send a request body; ANY includes POST. */
const BODY_METHODS = new Set(["post", "put", "patch", "x-amazon-apigateway-any-method"]);
/** Swagger 2 parameter locations that are the request body. */
const BODY_PARAMETER_LOCATIONS = new Set(["body", "formData"]);

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

/** What a security requirement list lets callers do: call anonymously, call with an API key alone, or neither. */
type Security = "open" | "api_key" | "authorized";

/** A local `$ref` followed (one step at a time, at most MAX_REF_STEPS), or the value itself. */
function dereference(root: Record<string, unknown>, value: unknown): unknown {
  let current = value;
  for (let step = 0; step <= MAX_REF_STEPS; step += 1) {
    if (!isObject(current) || typeof current["$ref"] !== "string") return current;
    current = resolvePointer(root, current["$ref"]);
  }
  return undefined;
}

/**
 * Names of the security schemes that are API keys only: `type: apiKey` with neither
 * `x-amazon-apigateway-authtype` nor `x-amazon-apigateway-authorizer`. API Gateway imports such a scheme as
 * `api_key_required`, not as an authorizer (a Lambda, Cognito or IAM scheme is an `apiKey` with one of them).
 */
function apiKeyOnlySchemes(root: Record<string, unknown>): Set<string> {
  const components = root["components"];
  const schemes = isObject(components) ? components["securitySchemes"] : root["securityDefinitions"];
  const names = new Set<string>();
  if (!isObject(schemes)) return names;
  for (const [name, raw] of Object.entries(schemes)) {
    const scheme = dereference(root, raw);
    if (!isObject(scheme) || scheme["type"] !== "apiKey") continue;
    if ("x-amazon-apigateway-authtype" in scheme || "x-amazon-apigateway-authorizer" in scheme) continue;
    names.add(name);
  }
  return names;
}

/**
 * A security requirement list (alternatives, each a set of schemes all required). Any alternative that is
 * empty (`{}`), or an empty list, allows anonymous calls; else any alternative naming only API-key schemes
 * lets a caller in with a key alone. A scheme the document does not define is taken as an authorizer (API
 * Gateway rejects such a document on import). undefined: the list is not there (inherit).
 */
function security(list: unknown, apiKeys: ReadonlySet<string>): Security | undefined {
  if (list === undefined) return undefined;
  if (!Array.isArray(list) || list.length === 0) return "open";
  let result: Security = "authorized";
  for (const requirement of list) {
    if (!isObject(requirement) || Object.keys(requirement).length === 0) return "open";
    if (Object.keys(requirement).every((name) => apiKeys.has(name))) result = "api_key";
  }
  return result;
}

/** Whether an operation accepts a request body: its method sends one, or it declares one. */
function acceptsBody(root: Record<string, unknown>, method: string, item: Record<string, unknown>, operation: Record<string, unknown>): boolean {
  if (BODY_METHODS.has(method) || operation["requestBody"] !== undefined) return true;
  const parameters = [item["parameters"], operation["parameters"]].flatMap((list) => (Array.isArray(list) ? list : []));
  return parameters.some((raw) => {
    const parameter = dereference(root, raw);
    return isObject(parameter) && typeof parameter["in"] === "string" && BODY_PARAMETER_LOCATIONS.has(parameter["in"]);
  });
}

function amazonAuth(operation: Record<string, unknown>): boolean {
  const auth = operation["x-amazon-apigateway-auth"];
  if (!isObject(auth)) return false;
  const type = auth["type"];
  return typeof type === "string" && type.toLowerCase() !== "none";
}

/** The operation's `x-amazon-apigateway-integration` type, upper case (the extension writes it in either case). */
function integrationType(root: Record<string, unknown>, operation: Record<string, unknown>): string | null {
  const integration = dereference(root, operation["x-amazon-apigateway-integration"]);
  const type = isObject(integration) ? integration["type"] : undefined;
  return typeof type === "string" ? type.toUpperCase() : null;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

/** True when a key anywhere in a parsed value holds an unknown part. */
function unknownKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(unknownKey);
  if (!isObject(value)) return false;
  return Object.entries(value).some(([key, inner]) => hasUnknownPart(key) || unknownKey(inner));
}

/** True when a `$ref` anywhere in a parsed value holds an unknown part (where it points is unknown). */
function unknownRef(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(unknownRef);
  if (!isObject(value)) return false;
  return Object.entries(value).some(([key, inner]) => (key === "$ref" && containsUnknownPart(inner)) || unknownRef(inner));
}

/**
 * True when the security schemes' unknown parts could change what a scheme is: a whole scheme, its `type` or
 * `x-amazon-apigateway-authtype`. Inside `x-amazon-apigateway-authorizer` (its Lambda URI, its role) only
 * the authorizer's presence counts, so unknown parts there decide nothing.
 */
function unknownSchemes(root: Record<string, unknown>): boolean {
  const components = root["components"];
  const schemes = isObject(components) ? components["securitySchemes"] : root["securityDefinitions"];
  if (isObject(components) && containsUnknownPart(components["securitySchemes"]) && !isObject(components["securitySchemes"])) return true;
  if (!isObject(schemes)) return containsUnknownPart(schemes);
  return Object.values(schemes).some((scheme) =>
    !isObject(scheme)
      ? containsUnknownPart(scheme)
      : containsUnknownPart(scheme["type"]) || containsUnknownPart(scheme["x-amazon-apigateway-authtype"]),
  );
}

/** An OpenAPI body known in part: the document, and the dotted paths (within it) of the facts not known. */
export interface PartialOpenApiDocument {
  document: OpenApiDocument;
  unknown: string[];
}

/**
 * Parses the partial text of an OpenAPI body (src/model/partial.ts): an integration URI or credentials,
 * an authorizer's Lambda ARN, a description, are unknown parts that decide nothing the rules judge, so the
 * operations are judged as written. An unknown part in what an operation's facts come from marks that fact
 * unknown (`operations.<i>.secured`, `.request_validator`, `.accepts_body`, top-level `request_validator`).
 * One that could add or hide operations (a path, a method, a key, a `$ref`, the version): null, the body is unknown.
 */
export function parsePartialOpenApi(text: string): PartialOpenApiDocument | null {
  let raw: unknown;
  try {
    raw = text.trimStart().startsWith("{") ? parsePartialJson(text) : parseYaml(text);
    if (nestsDeeperThan(raw)) return null;
    withoutPrototypes(raw);
  } catch {
    return null;
  }
  if (!isObject(raw) || unknownKey(raw) || unknownRef(raw)) return null;
  if (containsUnknownPart(raw["openapi"]) || containsUnknownPart(raw["swagger"])) return null;
  const paths = raw["paths"];
  if (containsUnknownPart(paths) && !isObject(paths)) return null;
  if (isObject(paths)) {
    for (const item of Object.values(paths)) {
      if (!isObject(item)) {
        if (containsUnknownPart(item)) return null;
        continue;
      }
      for (const method of METHODS) if (!isObject(item[method]) && containsUnknownPart(item[method])) return null;
    }
  }
  const document = parseRaw(raw);
  if (document.state !== "parsed" || !isObject(paths)) return { document, unknown: [] };
  // An unknown fact is written as its failing value, so a rule that reads it fires and, with the fact's path
  // among its paths, reports it as unverifiable.
  const unknown: string[] = [];
  if (containsUnknownPart(raw["x-amazon-apigateway-request-validator"])) {
    unknown.push("request_validator");
    document.request_validator = null;
  }
  const schemes = unknownSchemes(raw);
  const documentSecurity = containsUnknownPart(raw["security"]);
  document.operations.forEach((operation, i) => {
    const item = pathItem(raw as Record<string, unknown>, paths[operation.path]) ?? {};
    const source = item[operation.method];
    if (!isObject(source)) return;
    const auth = source["x-amazon-apigateway-auth"];
    const ownSecurity = source["security"];
    const securityUnknown =
      !amazonAuth(source) &&
      (containsUnknownPart(auth) || containsUnknownPart(ownSecurity) || schemes || (ownSecurity === undefined && documentSecurity));
    if (securityUnknown) {
      unknown.push(`operations.${i}.secured`);
      operation.secured = false;
      operation.api_key_only = false;
    }
    if (containsUnknownPart(source["x-amazon-apigateway-request-validator"])) {
      unknown.push(`operations.${i}.request_validator`);
      operation.request_validator = null;
    }
    if (!operation.accepts_body && (containsUnknownPart(item["parameters"]) || containsUnknownPart(source["parameters"]))) {
      unknown.push(`operations.${i}.accepts_body`);
      operation.accepts_body = true;
    }
  });
  return { document, unknown };
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
  return parseRaw(raw);
}

function parseRaw(raw: unknown): OpenApiDocument {
  if (!isObject(raw)) return unreadable("not an object");
  const version = stringOrNull(raw["openapi"]) ?? stringOrNull(raw["swagger"]);
  if (version === null) return unreadable("has neither `openapi` nor `swagger`");
  const paths = raw["paths"] ?? {};
  if (!isObject(paths)) return unreadable("`paths` is not an object");
  const apiKeys = apiKeyOnlySchemes(raw);
  const documentSecurity = security(raw["security"], apiKeys) ?? "open";
  const operations: OpenApiOperation[] = [];
  for (const [path, rawItem] of Object.entries(paths)) {
    if (!isObject(rawItem)) continue;
    const item = pathItem(raw, rawItem);
    if (item === null) return unreadable("a path item is a $ref this parser cannot follow (only references inside the body are read)");
    for (const method of METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const effective = amazonAuth(operation) ? "authorized" : (security(operation["security"], apiKeys) ?? documentSecurity);
      operations.push({
        path,
        method,
        secured: effective === "authorized",
        api_key_only: effective === "api_key",
        request_validator: stringOrNull(operation["x-amazon-apigateway-request-validator"]),
        accepts_body: acceptsBody(raw, method, item, operation),
        integration_type: integrationType(raw, operation),
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
