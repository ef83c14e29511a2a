/**
 * Parses IAM resource policy JSON (as `jsonencode` or `aws_iam_policy_document` produce it) into the model's
 * normalized statements, so Rego never parses JSON or deals with IAM's "string or list" shapes, and works out
 * here what needs IAM wildcard matching (which statements cover execute-api:Invoke, which Allow statements a
 * conditional Deny narrows): in Rego each match compiles a regular expression, and matching every resource
 * against every Deny pattern made large policies take minutes.
 */
import { parseNestedJson } from "../ingest/json";
import { Wildcard } from "../wildcard";
import { containsUnknownPart, hasUnknownPart, knownPrefix, parsePartialJson } from "./partial";
import type { PolicyCondition, PolicyDocument, PolicyPrincipal, PolicyStatement } from "./types";

export const ABSENT_POLICY: PolicyDocument = { state: "absent", error: null, statements: [] };
export const UNKNOWN_POLICY: PolicyDocument = { state: "unknown", error: null, statements: [] };
/** The provider normalizes policy JSON it cannot read to "", so a required policy that is "" was unreadable. */
export const UNREADABLE_POLICY: PolicyDocument = {
  state: "invalid",
  error: "the plan shows the policy empty: the AWS provider could not read the configured value as a JSON policy document",
  statements: [],
};

function invalid(error: string): PolicyDocument {
  return { state: "invalid", error, statements: [] };
}

function asStrings(value: unknown): string[] | null {
  if (value === undefined || value === null) return [];
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value as string[];
  return null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parsePrincipal(value: unknown): PolicyPrincipal | null | "invalid" {
  if (value === undefined) return null;
  if (value === "*") return { any: true, aws: ["*"], service: [], federated: [] };
  if (!isObject(value)) return "invalid";
  const principal: PolicyPrincipal = { any: false, aws: [], service: [], federated: [] };
  for (const [kind, raw] of Object.entries(value)) {
    const list = asStrings(raw);
    if (list === null) return "invalid";
    switch (kind) {
      case "AWS":
        principal.aws = list;
        if (list.includes("*")) principal.any = true;
        break;
      case "Service":
        principal.service = list;
        break;
      case "Federated":
        principal.federated = list;
        break;
      case "CanonicalUser":
        break;
      default:
        return "invalid";
    }
  }
  return principal;
}

/**
 * Splits an IAM condition operator into its one spelling and its modifiers, case-insensitively as IAM reads
 * them: `ForAnyValue:StringEqualsIgnoreCaseIfExists` is `stringequals` with set operator `foranyvalue`,
 * ignore_case and if_exists. Done once here so rules compare one spelling and never miss a variant.
 */
function normalizeOperator(operator: string): Pick<PolicyCondition, "base_operator" | "set_operator" | "if_exists" | "ignore_case"> {
  let rest = operator.trim();
  const set = /^(ForAnyValue|ForAllValues):/i.exec(rest);
  if (set !== null) rest = rest.slice(set[0].length);
  const ifExists = /IfExists$/i.test(rest);
  if (ifExists) rest = rest.slice(0, -"IfExists".length);
  const ignoreCase = /IgnoreCase$/i.test(rest);
  if (ignoreCase) rest = rest.slice(0, -"IgnoreCase".length);
  const setOperator = set === null ? null : set[1]?.toLowerCase() === "foranyvalue" ? "foranyvalue" : "forallvalues";
  return { base_operator: rest.toLowerCase(), set_operator: setOperator, if_exists: ifExists, ignore_case: ignoreCase };
}

function parseConditions(value: unknown): PolicyCondition[] | "invalid" {
  if (value === undefined) return [];
  if (!isObject(value)) return "invalid";
  const conditions: PolicyCondition[] = [];
  for (const [operator, block] of Object.entries(value)) {
    if (!isObject(block)) return "invalid";
    for (const [key, raw] of Object.entries(block)) {
      const values = Array.isArray(raw) ? raw : [raw];
      if (!values.every((v) => ["string", "boolean", "number"].includes(typeof v))) return "invalid";
      conditions.push({
        operator,
        ...normalizeOperator(operator),
        key,
        key_lower: key.toLowerCase(),
        values: values.map(String),
      });
    }
  }
  return conditions;
}

/** The action the API Gateway rules ask about, lower-cased as the model's actions are. */
const INVOKE = "execute-api:invoke";
/** Resource patterns that cover the whole API the policy is attached to, whatever its resources. */
const WHOLE_API = new Set(["*", "execute-api:/*"]);

/** An Action pattern matches the action, or NotAction patterns exist and none matches it. */
function coversAction(actions: readonly string[], notActions: readonly string[], action: string): boolean {
  const matches = (pattern: string): boolean => new Wildcard(pattern).matches(action);
  if (actions.some(matches)) return true;
  return notActions.length > 0 && !notActions.some(matches);
}

type ParsedStatement = Omit<PolicyStatement, "narrowed_by_conditional_deny" | "denied_unconditionally">;

/** A Deny that narrows Allow statements by condition: conditional, for every caller, covering Invoke. */
function narrowingDeny(statement: ParsedStatement): boolean {
  return statement.effect === "Deny" && statement.conditions.length > 0 && statement.applies_to_everyone && statement.covers_invoke;
}

/**
 * A Deny that closes what it covers to every caller: no Condition, Principal `*` (a NotPrincipal exempts
 * someone, who keeps the Allow), covering Invoke. IAM evaluates explicit Deny first, so it wins over any Allow.
 */
function closingDeny(statement: ParsedStatement): boolean {
  return (
    statement.effect === "Deny" &&
    statement.conditions.length === 0 &&
    statement.principal?.any === true &&
    statement.not_principal === null &&
    statement.covers_invoke
  );
}

/**
 * For each statement, whether it is an Allow that a Deny selected by `isDeny` covers: the Deny names `*` or
 * `execute-api:/*`, or covers every resource the Allow names (a Deny with NotResource covers nothing here:
 * what it leaves out is not worked out). Each Deny's patterns are compiled once; its literal resources go in a
 * set and only its wildcard patterns are matched: linear in the document for the usual shapes (few Allow
 * resources, many Deny patterns).
 */
function coveredByDeny(statements: readonly ParsedStatement[], isDeny: (statement: ParsedStatement) => boolean): boolean[] {
  const denies = statements.filter(isDeny);
  const wholeApi = denies.some((deny) => deny.resources.some((pattern) => WHOLE_API.has(pattern)));
  const patterns = denies.map((deny) => {
    const compiled = deny.resources.map((pattern) => new Wildcard(pattern));
    return { literal: new Set(compiled.filter((p) => !p.isPattern).map((p) => p.source)), wildcard: compiled.filter((p) => p.isPattern) };
  });
  const covers = (deny: (typeof patterns)[number], resource: string): boolean =>
    deny.literal.has(resource) || deny.wildcard.some((pattern) => pattern.matches(resource));
  return statements.map(
    (statement) =>
      statement.effect === "Allow" &&
      (wholeApi || (statement.resources.length > 0 && patterns.some((deny) => statement.resources.every((resource) => covers(deny, resource))))),
  );
}

function parseStatement(raw: unknown, position: number): ParsedStatement | string {
  if (!isObject(raw)) return `Statement[${position}] is not an object`;
  const effect = raw["Effect"];
  if (effect !== "Allow" && effect !== "Deny") return `Statement[${position}] has Effect ${JSON.stringify(effect)} (expected Allow or Deny)`;
  const principal = parsePrincipal(raw["Principal"]);
  const notPrincipal = parsePrincipal(raw["NotPrincipal"]);
  if (principal === "invalid" || notPrincipal === "invalid") return `Statement[${position}] has a malformed Principal`;
  const actions = asStrings(raw["Action"]);
  const notActions = asStrings(raw["NotAction"]);
  const resources = asStrings(raw["Resource"]);
  const notResources = asStrings(raw["NotResource"]);
  if (actions === null || notActions === null) return `Statement[${position}] has a malformed Action`;
  if (resources === null || notResources === null) return `Statement[${position}] has a malformed Resource`;
  if (actions.length === 0 && notActions.length === 0) return `Statement[${position}] has no Action`;
  const conditions = parseConditions(raw["Condition"]);
  if (conditions === "invalid") return `Statement[${position}] has a malformed Condition`;
  const lowerActions = actions.map((a) => a.toLowerCase());
  const lowerNotActions = notActions.map((a) => a.toLowerCase());
  return {
    sid: typeof raw["Sid"] === "string" ? raw["Sid"] : null,
    effect,
    principal,
    not_principal: notPrincipal,
    actions: lowerActions,
    not_actions: lowerNotActions,
    resources,
    not_resources: notResources,
    conditions,
    applies_to_everyone: principal?.any === true || notPrincipal !== null,
    covers_invoke: coversAction(lowerActions, lowerNotActions, INVOKE),
  };
}

/** Parses a known policy string; `undefined`/null means the resource carries no policy. */
export function parsePolicyDocument(text: string | null | undefined): PolicyDocument {
  if (text === null || text === undefined || text.trim() === "") return ABSENT_POLICY;
  let raw: unknown;
  try {
    raw = parseNestedJson(text);
  } catch (error) {
    // Only where it breaks, never the parser's quote of the text: the policy may be sensitive, and a quoted
    // fragment of it is a part of a secret that no redaction recognizes.
    const position = /position (\d+)/.exec(error instanceof Error ? error.message : "")?.[1];
    return invalid(position === undefined ? "not valid JSON" : `not valid JSON (at position ${position})`);
  }
  return parseRaw(raw);
}

/** Statement keys whose unknown parts never decide a rule: what a statement is about, or its name. */
const UNKNOWN_ALLOWED = new Set(["Sid", "Resource", "NotResource"]);

/** A principal's unknown parts are allowed when each starts with known text, so none can be `*` (`arn:...`). */
function principalJudgeable(value: unknown): boolean {
  if (typeof value === "string") return !hasUnknownPart(value) || knownPrefix(value) !== "";
  if (Array.isArray(value)) return value.every(principalJudgeable);
  if (isObject(value)) return Object.entries(value).every(([kind, inner]) => !hasUnknownPart(kind) && principalJudgeable(inner));
  return true;
}

/** A condition block's unknown parts are allowed in its values only (operators and keys decide rules). */
function conditionJudgeable(value: unknown): boolean {
  if (!isObject(value)) return !containsUnknownPart(value);
  return Object.entries(value).every(
    ([operator, block]) =>
      !hasUnknownPart(operator) && (isObject(block) ? Object.keys(block).every((key) => !hasUnknownPart(key)) : !containsUnknownPart(block)),
  );
}

/** Whether a statement of a partially known policy can be judged: its unknown parts sit only where allowed. */
function statementJudgeable(raw: unknown): boolean {
  if (!isObject(raw)) return !containsUnknownPart(raw);
  return Object.entries(raw).every(([key, value]) => {
    if (hasUnknownPart(key)) return false;
    if (UNKNOWN_ALLOWED.has(key)) return true;
    if (key === "Principal" || key === "NotPrincipal") return principalJudgeable(value);
    if (key === "Condition") return conditionJudgeable(value);
    return !containsUnknownPart(value);
  });
}

/** A policy known in part: the document, and the dotted paths (within it) of the values that are not known. */
export interface PartialPolicyDocument {
  document: PolicyDocument;
  unknown: string[];
}

/**
 * Parses the partial text of a policy (src/model/partial.ts): judged when its unknown parts are values that
 * rules read only as values, never for what they decide on their own: a statement's Resource/NotResource, a
 * Sid, a Condition's values (marked unknown, `statements.<i>.conditions.<j>.values`, for the rules a value
 * decides: an unknown aws:SourceIp could be 0.0.0.0/0, while an unknown aws:SourceVpce still conditions the
 * statement on a VPC endpoint) and principals that start with known text (`arn:aws:iam::...`, never `*`).
 * An unknown Effect, Action, Principal, operator or key could decide anything: null, the policy is unknown.
 */
export function parsePartialPolicyDocument(text: string): PartialPolicyDocument | null {
  let raw: unknown;
  try {
    raw = parsePartialJson(text);
  } catch {
    return null;
  }
  if (!isObject(raw)) return null;
  const rawStatement = raw["Statement"];
  if (typeof rawStatement === "string" && hasUnknownPart(rawStatement)) return null;
  const rawStatements = Array.isArray(rawStatement) ? rawStatement : [rawStatement];
  if (!rawStatements.every(statementJudgeable)) return null;
  const document = parseRaw(raw);
  const unknown: string[] = [];
  document.statements.forEach((statement, i) => {
    if (statement.resources.some(hasUnknownPart)) unknown.push(`statements.${i}.resources`);
    if (statement.not_resources.some(hasUnknownPart)) unknown.push(`statements.${i}.not_resources`);
    for (const side of ["principal", "not_principal"] as const) {
      const principal = statement[side];
      if (principal !== null && [...principal.aws, ...principal.service, ...principal.federated].some(hasUnknownPart))
        unknown.push(`statements.${i}.${side}`);
    }
    statement.conditions.forEach((condition, j) => {
      if (condition.values.some(hasUnknownPart)) unknown.push(`statements.${i}.conditions.${j}.values`);
    });
  });
  return { document, unknown };
}

function parseRaw(raw: unknown): PolicyDocument {
  if (!isObject(raw)) return invalid("not a JSON object");
  if (!("Statement" in raw)) return invalid("has no Statement");
  const rawStatements = Array.isArray(raw["Statement"]) ? raw["Statement"] : [raw["Statement"]];
  const parsedStatements: ParsedStatement[] = [];
  for (const [i, s] of rawStatements.entries()) {
    const parsed = parseStatement(s, i);
    if (typeof parsed === "string") return invalid(parsed);
    parsedStatements.push(parsed);
  }
  const narrowed = coveredByDeny(parsedStatements, narrowingDeny);
  const denied = coveredByDeny(parsedStatements, closingDeny);
  const statements = parsedStatements.map((statement, i) => ({
    ...statement,
    narrowed_by_conditional_deny: narrowed[i] === true,
    denied_unconditionally: denied[i] === true,
  }));
  return { state: "parsed", error: null, statements };
}
