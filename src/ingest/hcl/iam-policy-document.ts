/**
 * The `aws_iam_policy_document` data source, computed statically. The AWS provider renders it during plan
 * without calling AWS, purely from its arguments, so a plan shows its `json` whenever the arguments are
 * known; computing it here makes a source scan judge the same documents. Rendering follows the provider:
 * `Version` defaults to 2012-10-17, `Effect` to Allow, one-element lists become strings, a `*` principal
 * type becomes `"Principal": "*"`, and statements of `source_policy_documents` come first while those of
 * `override_policy_documents` replace same-`Sid` statements. Unknown arguments stay unknown in place, so a
 * document whose only unknown part is a resource ARN can still be judged (src/model/partial.ts).
 */
import type { Json } from "../types";
import { parseNestedJson } from "../json";
import { jsonEncode } from "./functions";
import { asString, deepRefs, deepSensitive, fromJson, isKnown, mark, object, prim, unknown, type Val } from "./values";

function attr(body: Val, name: string): Val | undefined {
  return body.k === "o" ? body.items.get(name) : undefined;
}

function blocks(body: Val, name: string): Val[] {
  const value = attr(body, name);
  return value?.k === "t" ? [...value.items] : [];
}

/** IAM's "string or list": a one-element list becomes the string. */
function stringOrList(value: Val): Val {
  if (value.k === "t" && value.items.length === 1) return mark(value.items[0] as Val, value.refs, value.sensitive);
  return value;
}

function isEmpty(value: Val | undefined): boolean {
  return value === undefined || (value.k === "p" && value.v === null) || (value.k === "t" && value.items.length === 0);
}

function principals(list: readonly Val[]): Val | null {
  if (list.length === 0) return null;
  const byType = new Map<string, Val[]>();
  for (const block of list) {
    const type = asString(attr(block, "type") ?? prim(null));
    const identifiers = attr(block, "identifiers");
    if (type === null || identifiers === undefined) return unknown(deepRefs(block));
    if (type === "*") return prim("*");
    const items = identifiers.k === "t" ? [...identifiers.items] : [identifiers];
    byType.set(type, [...(byType.get(type) ?? []), ...items]);
  }
  return object(
    new Map(
      [...byType].map(([type, items]) => [type, items.length === 1 ? (items[0] as Val) : { k: "t" as const, items, refs: [], sensitive: false }]),
    ),
  );
}

function conditions(list: readonly Val[]): Val | null {
  if (list.length === 0) return null;
  const byTest = new Map<string, Map<string, Val>>();
  for (const block of list) {
    const test = asString(attr(block, "test") ?? prim(null));
    const variable = asString(attr(block, "variable") ?? prim(null));
    const values = attr(block, "values");
    if (test === null || variable === null || values === undefined) return unknown(deepRefs(block));
    const inner = byTest.get(test) ?? new Map<string, Val>();
    inner.set(variable, stringOrList(values));
    byTest.set(test, inner);
  }
  return object(new Map([...byTest].map(([test, inner]) => [test, object(inner)])));
}

function statement(block: Val): Val {
  const items = new Map<string, Val>();
  const sid = attr(block, "sid");
  if (!isEmpty(sid) && !(sid?.k === "p" && sid.v === "")) items.set("Sid", sid as Val);
  items.set("Effect", isEmpty(attr(block, "effect")) ? prim("Allow") : (attr(block, "effect") as Val));
  for (const [name, key] of [
    ["actions", "Action"],
    ["not_actions", "NotAction"],
    ["resources", "Resource"],
    ["not_resources", "NotResource"],
  ] as const) {
    const value = attr(block, name);
    if (!isEmpty(value)) items.set(key, stringOrList(value as Val));
  }
  const principal = principals(blocks(block, "principals"));
  if (principal !== null) items.set("Principal", principal);
  const notPrincipal = principals(blocks(block, "not_principals"));
  if (notPrincipal !== null) items.set("NotPrincipal", notPrincipal);
  const condition = conditions(blocks(block, "condition"));
  if (condition !== null) items.set("Condition", condition);
  return object(items);
}

/** Statements of policy JSON given to source/override_policy_documents; null when one is not known. */
function documentStatements(list: Val | undefined): Val[] | null {
  if (list === undefined || (list.k === "p" && list.v === null)) return [];
  if (list.k !== "t") return null;
  const out: Val[] = [];
  for (const doc of list.items) {
    const text = asString(doc);
    if (text === null) return null;
    try {
      const parsed = fromJson(parseNestedJson(text) as Json);
      const statements = attr(parsed, "Statement");
      if (statements === undefined) continue;
      for (const statement of statements.k === "t" ? statements.items : [statements]) out.push(statement);
    } catch {
      return null;
    }
  }
  return out;
}

function sidOf(statement: Val): string | null {
  const sid = attr(statement, "Sid");
  return sid === undefined ? null : asString(sid);
}

/** The data source's evaluated body → its `json` attribute. */
export function renderIamPolicyDocument(body: Val): Val {
  const sources = documentStatements(attr(body, "source_policy_documents"));
  const overrides = documentStatements(attr(body, "override_policy_documents"));
  if (sources === null || overrides === null) return unknown(deepRefs(body), deepSensitive(body));
  let statements: Val[] = [...sources];
  const replace = (next: Val): void => {
    const sid = sidOf(next);
    const at = sid === null ? -1 : statements.findIndex((s) => sidOf(s) === sid);
    if (at >= 0) statements[at] = next;
    else statements.push(next);
  };
  blocks(body, "statement").map(statement).forEach(replace);
  for (const next of overrides) replace(next);
  statements = statements.filter((s) => s.k !== "p");
  const items = new Map<string, Val>();
  const version = attr(body, "version");
  items.set("Version", isEmpty(version) ? prim("2012-10-17") : (version as Val));
  const id = attr(body, "policy_id");
  if (!isEmpty(id)) items.set("Id", id as Val);
  items.set("Statement", { k: "t", items: statements, refs: [], sensitive: false });
  const document = object(items);
  if (isKnown(document)) return mark(prim(jsonEncode(document)), deepRefs(document), deepSensitive(document));
  return unknown(deepRefs(document), deepSensitive(document), document);
}
