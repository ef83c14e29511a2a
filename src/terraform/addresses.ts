/**
 * Terraform addresses and references as strings: `module.api["a"].module.inner[0]`,
 * `aws_api_gateway_stage.this["x"].arn`, `var.name`, `module.logs.arn`. Shared by every input adapter.
 */

export interface ModuleStep {
  name: string;
  /** Instance key; undefined when the module call has neither count nor for_each. */
  key?: string | number;
}

export function formatKey(key: string | number): string {
  return typeof key === "number" ? `[${key}]` : `[${JSON.stringify(key)}]`;
}

export function formatModuleAddress(steps: readonly ModuleStep[]): string {
  return steps.map((s) => `module.${s.name}${s.key === undefined ? "" : formatKey(s.key)}`).join(".");
}

/** `prefix.rest`, or `rest` alone when prefix is empty (the root module). */
export function joinAddress(moduleAddress: string, rest: string): string {
  return moduleAddress === "" ? rest : `${moduleAddress}.${rest}`;
}

/**
 * Splits a traversal into steps: `a.b["k"][0].c` → `["a", "b", {key:"k"}, {key:0}, "c"]`.
 * Returns null on a string that is not a static traversal (e.g. `aws_x.y[each.key]` keeps `each.key` out:
 * Terraform drops dynamic index steps from `references`, so we never see them).
 */
export function splitTraversal(text: string): Array<string | { key: string | number }> | null {
  const steps: Array<string | { key: string | number }> = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === ".") {
      i += 1;
      continue;
    }
    if (ch === "[") {
      const close = findIndexClose(text, i);
      if (close < 0) return null;
      const inner = text.slice(i + 1, close).trim();
      if (/^-?\d+$/.test(inner)) {
        steps.push({ key: Number(inner) });
      } else if (inner.startsWith('"')) {
        try {
          const parsed: unknown = JSON.parse(inner);
          if (typeof parsed !== "string") return null;
          steps.push({ key: parsed });
        } catch {
          return null;
        }
      } else {
        return null;
      }
      i = close + 1;
      continue;
    }
    let j = i;
    while (j < text.length && text[j] !== "." && text[j] !== "[") j += 1;
    steps.push(text.slice(i, j));
    i = j;
  }
  return steps;
}

function findIndexClose(text: string, open: number): number {
  let inString = false;
  for (let i = open + 1; i < text.length; i += 1) {
    const ch = text[i];
    if (inString) {
      if (ch === "\\") i += 1;
      else if (ch === '"') inString = false;
    } else if (ch === '"') {
      inString = true;
    } else if (ch === "]") {
      return i;
    }
  }
  return -1;
}

/** Parses `module.api["a"].module.inner[0]` (or "") into steps; null when malformed. */
export function parseModuleAddress(address: string): ModuleStep[] | null {
  if (address === "") return [];
  const parts = splitTraversal(address);
  if (parts === null) return null;
  const steps: ModuleStep[] = [];
  for (let i = 0; i < parts.length;) {
    if (parts[i] !== "module") return null;
    const name = parts[i + 1];
    if (typeof name !== "string") return null;
    const maybeKey = parts[i + 2];
    if (maybeKey !== undefined && typeof maybeKey === "object") {
      steps.push({ name, key: maybeKey.key });
      i += 3;
    } else {
      steps.push({ name });
      i += 2;
    }
  }
  return steps;
}

/** What a configuration reference names. */
export type ParsedReference =
  | { kind: "resource"; type: string; name: string; key?: string | number; attribute: string[] }
  | { kind: "module"; name: string; key?: string | number; output?: string }
  | { kind: "variable"; name: string }
  | { kind: "other"; root: string };

const NON_RESOURCE_ROOTS = new Set(["local", "each", "count", "path", "terraform", "self", "data", "ephemeral"]);

/** An instance key at parts[i], if there is one, and where the traversal continues. */
function optionalKey(parts: ReadonlyArray<string | { key: string | number }>, i: number): { key: string | number | undefined; next: number } {
  const step = parts[i];
  return step !== undefined && typeof step === "object" ? { key: step.key, next: i + 1 } : { key: undefined, next: i };
}

export function parseReference(text: string): ParsedReference | null {
  const parts = splitTraversal(text);
  if (parts === null || parts.length === 0) return null;
  const [root, second] = parts;
  if (typeof root !== "string") return null;
  if (root === "var") {
    return typeof second === "string" ? { kind: "variable", name: second } : null;
  }
  if (root === "module") {
    if (typeof second !== "string") return null;
    const { key, next } = optionalKey(parts, 2);
    const output = parts[next];
    const ref: ParsedReference = { kind: "module", name: second };
    if (key !== undefined) ref.key = key;
    if (typeof output === "string") ref.output = output;
    return ref;
  }
  if (NON_RESOURCE_ROOTS.has(root) || typeof second !== "string") return { kind: "other", root };
  const { key, next } = optionalKey(parts, 2);
  const attribute = parts.slice(next).filter((p): p is string => typeof p === "string");
  const ref: ParsedReference = { kind: "resource", type: root, name: second, attribute };
  if (key !== undefined) ref.key = key;
  return ref;
}
