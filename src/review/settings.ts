/**
 * What the rules know about security-relevant settings, as one table: for each resource type, the settings
 * the rules read and an order on their values (a higher rank is stronger). Reviewing a change compares each
 * setting's before and after value by this order: lower is weaker, higher is stronger, a different value of
 * equal rank (or of values with no order) is neutral. Adding a setting means adding a row here.
 */
import type { AnyEntity, PolicyDocument, ResourceType } from "../model/types";

/** A setting's value read from an entity: `unknown` when the model knows it only after apply. */
export interface SettingValue {
  value: unknown;
  unknown: boolean;
  /** Unknown, but its configuration references a managed resource: it will be set after apply. */
  willBeSet?: boolean;
}

/** What the reader sees of the other entities of the same model (for settings spread over resources). */
export interface EntityLookup {
  entity(address: string): AnyEntity | undefined;
}

export interface SettingRule {
  types: readonly ResourceType[];
  /** The setting in words, as reports show it. */
  setting: string;
  read(entity: AnyEntity, lookup: EntityLookup): SettingValue;
  /** Higher is stronger; null when the value has no place in the order (then a change is neutral). */
  rank(value: unknown): number | null;
  /** Short text for a value. */
  show(value: unknown): string;
  /**
   * True when the order is only "set beats unset": a value known after apply that will be set (it references a
   * managed resource) then has its place in the order already.
   */
  presence: boolean;
  /** Why a lower rank is weaker, in one phrase. */
  weaker: string;
  stronger: string;
}

/** A dotted path's steps, and the path of each block on the way (`a`, `a.b`, `a.b.c`). */
interface SplitPath {
  steps: readonly string[];
  blocks: readonly string[];
}

/** Paths split once: settings are read at a few fixed paths, of every entity on both sides of a change. */
const SPLIT_PATHS = new Map<string, SplitPath>();

function splitPath(path: string): SplitPath {
  let split = SPLIT_PATHS.get(path);
  if (split === undefined) {
    const steps = path.split(".");
    split = { steps, blocks: steps.map((_, i) => steps.slice(0, i + 1).join(".")) };
    SPLIT_PATHS.set(path, split);
  }
  return split;
}

/** The value at a path's steps (null when absent). */
function valueOf(entity: AnyEntity, steps: readonly string[]): unknown {
  let node: unknown = entity.values;
  for (const step of steps) {
    if (node === null || typeof node !== "object" || Array.isArray(node)) return null;
    node = Object.hasOwn(node, step) ? (node as Record<string, unknown>)[step] : null;
  }
  return node ?? null;
}

/** Unknown when the path or one of the blocks holding it (a path's `blocks`) is unknown after apply. */
function unknownIn(entity: AnyEntity, blocks: readonly string[]): boolean {
  for (const block of blocks) if (entity.unknown[block] !== undefined) return true;
  return false;
}

function valueAt(entity: AnyEntity, path: string): unknown {
  return valueOf(entity, splitPath(path).steps);
}

function unknownAt(entity: AnyEntity, path: string): boolean {
  return unknownIn(entity, splitPath(path).blocks);
}

function atPath(path: string): (entity: AnyEntity) => SettingValue {
  const { steps, blocks } = splitPath(path);
  return (entity) => ({ value: valueOf(entity, steps), unknown: unknownIn(entity, blocks), willBeSet: entity.unknown[path]?.set === true });
}

export function showValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "(none)";
  if (Array.isArray(value)) return value.length === 0 ? "(none)" : value.map((v) => showValue(v)).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

const flag = (strongWhen: boolean) => (value: unknown) => ((value === true) === strongWhen ? 1 : 0);

/** A set value is stronger than none (a WAF ACL, a truststore, a log destination, a client certificate). */
const present = (value: unknown): number => (value === null || value === "" || (Array.isArray(value) && value.length === 0) ? 0 : 1);

/** `NONE` (or nothing) lets anyone call; every other type asks the caller to authenticate. */
const authorization = (value: unknown): number => (value === null || value === "NONE" ? 0 : 1);

/** TLS security policies: TLS 1.0 allows the oldest protocol versions, TLS 1.3-only policies the fewest. */
function tlsPolicy(value: unknown): number | null {
  if (typeof value !== "string") return null;
  if (/TLS_?1_?0|TLS10/i.test(value)) return 0;
  if (/TLS_?13|TLS_?1_3/i.test(value)) return 2;
  if (/TLS_?1_?2|TLS12/i.test(value)) return 1;
  return null;
}

const LOG_LEVELS: Record<string, number> = { OFF: 0, ERROR: 1, INFO: 2 };
const logLevel = (value: unknown): number => (typeof value === "string" ? (LOG_LEVELS[value] ?? 0) : 0);

/** A throttling limit: a lower limit is stronger; none, or -1 (API Gateway's "no limit"), is the weakest. */
function limit(value: unknown): number {
  return typeof value === "number" && value >= 0 ? -value : Number.NEGATIVE_INFINITY;
}

/** `https://` backends are stronger than `http://`; other URIs (Lambda ARNs, VPC link targets) have no order. */
function backendUri(value: unknown): number | null {
  if (typeof value !== "string") return null;
  if (/^https:\/\//i.test(value)) return 1;
  if (/^http:\/\//i.test(value)) return 0;
  return null;
}

/** A Lambda permission's source ARN: none lets any source of the principal invoke; each `*` widens it. */
function sourceArn(value: unknown): number {
  if (typeof value !== "string" || value === "") return Number.NEGATIVE_INFINITY;
  return -(value.match(/\*/g) ?? []).length;
}

const endpointType = (value: unknown): number => (Array.isArray(value) && value.includes("PRIVATE") ? 1 : 0);

/** Allow statements that open `execute-api:Invoke` to everyone with no condition and no Deny overriding them. */
function openStatements(document: PolicyDocument): number {
  return document.statements.filter(
    (s) =>
      s.effect === "Allow" &&
      s.covers_invoke &&
      s.applies_to_everyone &&
      s.conditions.length === 0 &&
      !s.narrowed_by_conditional_deny &&
      !s.denied_unconditionally,
  ).length;
}

/**
 * A resource policy: each statement open to everyone weakens it, each Deny strengthens it; a policy that
 * cannot be read has no place in the order. No policy counts as one statement open to everyone (a public API
 * without one lets every caller in), so removing a policy that restricted callers is weaker and removing one
 * that let everyone in already is neutral.
 */
function policyRank(value: unknown): number | null {
  const document = value as PolicyDocument | null;
  if (document === null || document.state === "absent") return -100;
  if (document.state !== "parsed") return null;
  const denies = document.statements.filter((s) => s.effect === "Deny").length;
  return -100 * openStatements(document) + denies;
}

function showPolicy(value: unknown): string {
  const document = value as PolicyDocument | null;
  if (document === null || document.state === "absent") return "(none)";
  if (document.state !== "parsed") return `(${document.state})`;
  const open = openStatements(document);
  const conditioned = document.statements.filter((s) => s.effect === "Allow" && s.conditions.length > 0).length;
  const parts = [`${document.statements.length} statement${document.statements.length === 1 ? "" : "s"}`];
  if (open > 0) parts.push(`${open} open to everyone`);
  if (conditioned > 0) parts.push(`${conditioned} allow with conditions`);
  return parts.join(", ");
}

function policyAt(attribute: string): (entity: AnyEntity) => SettingValue {
  return (entity) => {
    const document = valueAt(entity, `${attribute}_document`) as PolicyDocument | null;
    return { value: document, unknown: document?.state === "unknown" };
  };
}

/** The web ACLs guarding a REST stage: its `web_acl_arn` and the ACLs of the WAF associations that target it. */
function stageWebAcls(stage: AnyEntity, lookup: EntityLookup): SettingValue {
  const acls = new Set<string>();
  let unknown = unknownAt(stage, "web_acl_arn");
  const own = valueAt(stage, "web_acl_arn");
  if (typeof own === "string" && own !== "") acls.add(own);
  const links = stage.links as Record<string, { targets?: string[]; uncertain?: boolean } | undefined>;
  for (const name of ["wafv2_associations", "wafregional_associations"]) {
    const set = links[name];
    if (set?.uncertain === true) unknown = true;
    for (const address of set?.targets ?? []) {
      const association = lookup.entity(address);
      if (association === undefined) continue;
      const acl = valueAt(association, "web_acl");
      if (typeof acl === "string" && acl !== "") acls.add(acl);
      else if (unknownAt(association, "web_acl")) unknown = true;
      else acls.add(association.address);
    }
  }
  return { value: [...acls].sort(), unknown };
}

/** Managed rule groups of a web ACL: dropping one is weaker, adding one stronger (as a count, same groups otherwise). */
const ruleGroups = (value: unknown): number => (Array.isArray(value) ? value.length : 0);

const STAGE_SETTINGS = ["aws_api_gateway_stage", "aws_apigatewayv2_stage"] as const;
const V2_ROUTE_DEFAULTS = "default_route_settings";

function rule(
  types: readonly ResourceType[],
  setting: string,
  read: (entity: AnyEntity, lookup: EntityLookup) => SettingValue,
  rank: (value: unknown) => number | null,
  weaker: string,
  stronger: string,
  show: (value: unknown) => string = showValue,
): SettingRule {
  return { types, setting, read, rank, show, weaker, stronger, presence: rank === present };
}

export const SETTING_RULES: readonly SettingRule[] = [
  // Authentication and authorization (APIGW-001..009)
  rule(
    ["aws_api_gateway_method"],
    "authorization",
    atPath("authorization"),
    authorization,
    "callers no longer authenticate",
    "callers must authenticate",
  ),
  rule(
    ["aws_apigatewayv2_route"],
    "authorization",
    atPath("authorization_type"),
    authorization,
    "callers no longer authenticate",
    "callers must authenticate",
  ),
  rule(["aws_api_gateway_method", "aws_apigatewayv2_route"], "authorizer", atPath("authorizer_id"), () => null, "", ""),
  rule(
    ["aws_api_gateway_method", "aws_apigatewayv2_route"],
    "API key required",
    atPath("api_key_required"),
    flag(true),
    "no API key is required any more",
    "an API key is required",
  ),
  rule(
    ["aws_lambda_permission"],
    "Lambda permission source",
    atPath("source_arn"),
    sourceArn,
    "more sources may invoke the function",
    "fewer sources may invoke the function",
  ),
  rule(["aws_lambda_permission"], "Lambda permission principal", atPath("principal"), () => null, "", ""),
  // Resource policies (APIGW-6xx)
  rule(
    ["aws_api_gateway_rest_api"],
    "resource policy",
    policyAt("policy"),
    policyRank,
    "the resource policy lets more callers in",
    "the resource policy lets fewer callers in",
    showPolicy,
  ),
  rule(
    ["aws_api_gateway_rest_api_policy"],
    "resource policy",
    policyAt("policy"),
    policyRank,
    "the resource policy lets more callers in",
    "the resource policy lets fewer callers in",
    showPolicy,
  ),
  // Edge (APIGW-2xx)
  rule(["aws_api_gateway_stage"], "web ACL", stageWebAcls, present, "the stage loses its WAF web ACL", "the stage gains a WAF web ACL"),
  rule(
    ["aws_wafv2_web_acl"],
    "managed rule groups",
    atPath("managed_rule_groups"),
    ruleGroups,
    "the web ACL has fewer managed rule groups",
    "the web ACL has more managed rule groups",
  ),
  rule(
    ["aws_wafv2_web_acl"],
    "rate-based rule",
    atPath("has_rate_based_rule"),
    flag(true),
    "the web ACL loses its rate-based rule",
    "the web ACL gains a rate-based rule",
  ),
  rule(
    ["aws_api_gateway_rest_api"],
    "endpoint type",
    atPath("endpoint_configuration.types"),
    endpointType,
    "the API is no longer private",
    "the API becomes private",
  ),
  rule(
    ["aws_api_gateway_rest_api", "aws_apigatewayv2_api"],
    "disable_execute_api_endpoint",
    atPath("disable_execute_api_endpoint"),
    flag(true),
    "the default execute-api endpoint is reachable again",
    "the default execute-api endpoint is disabled",
  ),
  // TLS (APIGW-8xx)
  rule(
    ["aws_api_gateway_domain_name"],
    "TLS policy",
    atPath("security_policy"),
    tlsPolicy,
    "older TLS versions are accepted",
    "only newer TLS versions are accepted",
  ),
  rule(
    ["aws_apigatewayv2_domain_name"],
    "TLS policy",
    atPath("domain_name_configuration.security_policy"),
    tlsPolicy,
    "older TLS versions are accepted",
    "only newer TLS versions are accepted",
  ),
  rule(
    ["aws_api_gateway_domain_name", "aws_apigatewayv2_domain_name"],
    "mTLS truststore",
    atPath("mutual_tls_authentication.truststore_uri"),
    present,
    "clients no longer present a certificate",
    "clients must present a certificate",
  ),
  rule(
    [...STAGE_SETTINGS],
    "backend client certificate",
    atPath("client_certificate_id"),
    present,
    "the backend can no longer tell API Gateway's calls apart",
    "API Gateway presents a client certificate to the backend",
  ),
  // Logging (APIGW-4xx)
  rule(["aws_api_gateway_method_settings"], "logging level", atPath("settings.logging_level"), logLevel, "less is logged", "more is logged"),
  rule(["aws_apigatewayv2_stage"], "logging level", atPath(`${V2_ROUTE_DEFAULTS}.logging_level`), logLevel, "less is logged", "more is logged"),
  rule(
    ["aws_api_gateway_method_settings"],
    "data trace",
    atPath("settings.data_trace_enabled"),
    flag(false),
    "full requests and responses are logged",
    "full requests and responses are no longer logged",
  ),
  rule(
    ["aws_apigatewayv2_stage"],
    "data trace",
    atPath(`${V2_ROUTE_DEFAULTS}.data_trace_enabled`),
    flag(false),
    "full requests and responses are logged",
    "full requests and responses are no longer logged",
  ),
  rule(
    [...STAGE_SETTINGS],
    "access log destination",
    atPath("access_log_settings.destination_arn"),
    present,
    "access logs are no longer written",
    "access logs are written",
  ),
  // Throttling (APIGW-3xx)
  rule(
    ["aws_api_gateway_method_settings"],
    "throttling rate limit",
    atPath("settings.throttling_rate_limit"),
    limit,
    "more requests are let through",
    "fewer requests are let through",
  ),
  rule(
    ["aws_api_gateway_method_settings"],
    "throttling burst limit",
    atPath("settings.throttling_burst_limit"),
    limit,
    "more requests are let through",
    "fewer requests are let through",
  ),
  rule(
    ["aws_apigatewayv2_stage"],
    "throttling rate limit",
    atPath(`${V2_ROUTE_DEFAULTS}.throttling_rate_limit`),
    limit,
    "more requests are let through",
    "fewer requests are let through",
  ),
  rule(
    ["aws_apigatewayv2_stage"],
    "throttling burst limit",
    atPath(`${V2_ROUTE_DEFAULTS}.throttling_burst_limit`),
    limit,
    "more requests are let through",
    "fewer requests are let through",
  ),
  rule(
    ["aws_api_gateway_usage_plan"],
    "throttling rate limit",
    atPath("throttle_settings.rate_limit"),
    limit,
    "more requests are let through",
    "fewer requests are let through",
  ),
  rule(
    ["aws_api_gateway_usage_plan"],
    "throttling burst limit",
    atPath("throttle_settings.burst_limit"),
    limit,
    "more requests are let through",
    "fewer requests are let through",
  ),
  rule(
    ["aws_api_gateway_usage_plan"],
    "quota",
    atPath("quota_settings.limit"),
    limit,
    "more requests are let through",
    "fewer requests are let through",
  ),
  // Integrations (APIGW-7xx)
  rule(
    ["aws_api_gateway_integration"],
    "integration URI",
    atPath("uri"),
    backendUri,
    "the backend is called without TLS",
    "the backend is called over TLS",
  ),
  rule(
    ["aws_apigatewayv2_integration"],
    "integration URI",
    atPath("integration_uri"),
    backendUri,
    "the backend is called without TLS",
    "the backend is called over TLS",
  ),
  rule(
    ["aws_api_gateway_integration"],
    "backend certificate verification",
    atPath("tls_config.insecure_skip_verification"),
    flag(false),
    "the backend's certificate is no longer verified",
    "the backend's certificate is verified",
  ),
  rule(["aws_apigatewayv2_integration"], "backend TLS server name", atPath("tls_config.server_name_to_verify"), () => null, "", ""),
];

/**
 * Resources that protect others and have no setting of their own in the table: deleting one weakens what it
 * protected (a log group its stage writes to, an authorizer its methods use). Deleting method settings or a
 * resource policy shows through their settings; deleting a WAF association, on its stage's web ACL.
 */
export const PROTECTIVE_TYPES: ReadonlySet<string> = new Set([
  "aws_cloudwatch_log_group",
  "aws_api_gateway_authorizer",
  "aws_apigatewayv2_authorizer",
]);

/**
 * Resources whose settings protect something else: deleting one compares its settings with none (logging
 * level INFO → deleted is weaker). Deleting any other resource (a method, a route, an integration) removes
 * what it exposed, which is never weaker; its settings are not compared.
 */
export const SETTINGS_OUTLIVE_DELETION: ReadonlySet<string> = new Set(["aws_api_gateway_method_settings", "aws_api_gateway_rest_api_policy"]);

const BY_TYPE = new Map<string, SettingRule[]>();
for (const r of SETTING_RULES) for (const type of r.types) BY_TYPE.set(type, [...(BY_TYPE.get(type) ?? []), r]);

export function settingRules(type: string): readonly SettingRule[] {
  return BY_TYPE.get(type) ?? [];
}
