/**
 * `.policy-check.yaml`: found upward from the working directory (or given with --config), parsed with
 * positions, validated against schema/config.json (shipped with the package), and turned into a typed Config.
 * Every problem is one exit-2 line naming the file, the line and the key.
 */
import { existsSync, statSync } from "node:fs";
import { readTextBounded } from "../bounded-read";
import { MAX_SOURCE_FILE_BYTES } from "../limits";
import path from "node:path";
import type { Document, LineCounter } from "yaml";
import { readAsset } from "../assets";
import type { Severity } from "../engine/severity";
import { PolicyCheckError } from "../errors";
import { record, recordFromEntries, withoutPrototypes } from "../records";
import { validate, type Schema } from "../json-schema";

/** The YAML parser, loaded when a configuration file is read: a run without one does not pay for it at start-up. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = (): typeof import("yaml") => require("yaml") as typeof import("yaml");

export const CONFIG_FILE = ".policy-check.yaml";
/** The names a configuration file may have, in one directory (both at once is an error). */
export const CONFIG_FILES = [CONFIG_FILE, ".policy-check.yml"] as const;

export interface RuleConfig {
  enabled?: boolean;
  severity?: Severity;
  params?: Record<string, unknown>;
}

export interface ConfigWaiver {
  rule: string;
  address: string;
  reason: string;
  owner: string;
  expires?: string;
  /** `file:line` of the waiver entry, so reports can point at it. */
  source: string;
}

export interface Config {
  /** The file read, as shown in messages; null when no configuration file applies. */
  file: string | null;
  fail_on?: Severity;
  only_changed: boolean;
  include: string[];
  exclude: string[];
  /** Absolute directories of custom rules (relative entries resolved against the config file's folder). */
  policy_dirs: string[];
  rules: Record<string, RuleConfig>;
  waivers: ConfigWaiver[];
  /** Line of a rules.<ID> key, to name it when the ID is unknown to the bundle. */
  ruleLines: Record<string, number>;
  /** Line of each rules.<ID>.params.<name> key, to name a parameter a rule cannot use. */
  paramLines?: Record<string, Record<string, number>>;
}

export const EMPTY_CONFIG: Config = {
  file: null,
  only_changed: false,
  include: [],
  exclude: [],
  policy_dirs: [],
  rules: {},
  waivers: [],
  ruleLines: {},
};

let cachedSchema: Schema | undefined;
export function configSchema(): Schema {
  cachedSchema ??= JSON.parse(readAsset("schema/config.json").toString("utf8")) as Schema;
  return cachedSchema;
}

/**
 * The nearest `.policy-check.yaml` (or `.yml`) in `cwd` or a parent directory, or null. The search stops at
 * the repository root (the directory holding `.git`): a file above it belongs to something else.
 */
export function findConfig(cwd: string): string | null {
  let dir = path.resolve(cwd);
  for (;;) {
    const found = CONFIG_FILES.map((name) => path.join(dir, name)).filter((f) => existsSync(f) && statSync(f).isFile());
    if (found.length > 1) {
      throw new PolicyCheckError("USAGE", `both ${CONFIG_FILES.join(" and ")} exist in ${dir}: keep one`);
    }
    if (found[0] !== undefined) return found[0];
    if (existsSync(path.join(dir, ".git"))) return null;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/**
 * Loads the configuration: `explicit` (--config) when given, else the nearest file upward from `cwd`;
 * none at all with `none` (--no-config).
 */
export function loadConfig(explicit: string | null, cwd: string, none = false): Config {
  if (none) return EMPTY_CONFIG;
  const file = explicit ?? findConfig(cwd);
  if (file === null) return EMPTY_CONFIG;
  const text = readTextBounded(file, {
    limit: MAX_SOURCE_FILE_BYTES,
    kind: "a configuration file (MAX_SOURCE_FILE_BYTES)",
    noun: "configuration file",
    missing: "cannot read configuration file (ENOENT)",
  });
  const shown = explicit ?? path.relative(cwd, file) ?? file;
  return parseConfig(text, shown === "" ? file : shown, path.dirname(path.resolve(file)));
}

/** Parses and validates configuration text; `shown` names the file in messages, `baseDir` resolves policy_dirs. */
export function parseConfig(text: string, shown: string, baseDir: string): Config {
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const first = doc.errors[0];
  if (first !== undefined) {
    const line = lineCounter.linePos(first.pos[0]).line;
    throw new PolicyCheckError("USAGE", `invalid YAML: ${first.message.split("\n")[0] ?? ""}`, { input: `${shown}:${line}` });
  }
  const data: unknown = doc.toJS() ?? record();
  withoutPrototypes(data);
  const written = upperCaseRuleIds(data, shown, (keyPath) => keyLine(doc, lineCounter, keyPath));
  // Paths name rules by their upper-cased ID; the document has them as written.
  const lineOf = (keyPath: ReadonlyArray<string | number>): number =>
    keyLine(
      doc,
      lineCounter,
      keyPath[0] === "rules" && typeof keyPath[1] === "string" ? ["rules", written.get(keyPath[1]) ?? keyPath[1], ...keyPath.slice(2)] : keyPath,
    );
  const problems = validate(configSchema(), data);
  const problem = problems[0];
  if (problem !== undefined) {
    const key = problem.path.length === 0 ? "(top level)" : problem.path.map(String).join(".");
    throw new PolicyCheckError("USAGE", `${key}: ${problem.message}`, { input: `${shown}:${lineOf(problem.path)}` });
  }
  const raw = data as {
    fail_on?: Severity;
    only_changed?: boolean;
    include?: string[];
    exclude?: string[];
    policy_dirs?: string[];
    rules?: Record<string, RuleConfig>;
    waivers?: Array<Omit<ConfigWaiver, "source">>;
  };
  const ruleLines = record<number>();
  const paramLines = record<Record<string, number>>();
  const rules = raw.rules ?? record<RuleConfig>();
  for (const [id, rule] of Object.entries(rules)) {
    ruleLines[id] = lineOf(["rules", id]);
    paramLines[id] = recordFromEntries(Object.keys(rule.params ?? {}).map((name) => [name, lineOf(["rules", id, "params", name])] as const));
  }
  return {
    file: shown,
    ...(raw.fail_on === undefined ? {} : { fail_on: raw.fail_on }),
    only_changed: raw.only_changed ?? false,
    include: raw.include ?? [],
    exclude: raw.exclude ?? [],
    policy_dirs: (raw.policy_dirs ?? []).map((d) => path.resolve(baseDir, d)),
    rules,
    waivers: (raw.waivers ?? []).map((w, i) => ({ ...w, source: `${shown}:${lineOf(["waivers", i])}` })),
    ruleLines,
    paramLines,
  };
}

/**
 * Rule IDs are case-insensitive (`apigw-001` is APIGW-001), as on the command line: the keys of `rules` and
 * each waiver's `rule` are upper-cased in place, before validation. Returns upper-cased ID → key as written.
 */
function upperCaseRuleIds(data: unknown, shown: string, lineOf: (keyPath: ReadonlyArray<string | number>) => number): Map<string, string> {
  const written = new Map<string, string>();
  if (typeof data !== "object" || data === null) return written;
  const top = data as Record<string, unknown>;
  const rules = top["rules"];
  if (typeof rules === "object" && rules !== null && !Array.isArray(rules)) {
    const upper = record<unknown>();
    for (const [key, value] of Object.entries(rules)) {
      const id = key.toUpperCase();
      const first = written.get(id);
      if (first !== undefined) {
        throw new PolicyCheckError("USAGE", `rules.${key}: rule ${id} is configured twice (as ${first}; rule IDs ignore case)`, {
          input: `${shown}:${lineOf(["rules", key])}`,
        });
      }
      written.set(id, key);
      upper[id] = value;
    }
    top["rules"] = upper;
  }
  const waivers = top["waivers"];
  if (Array.isArray(waivers)) {
    for (const w of waivers) {
      if (typeof w === "object" && w !== null && typeof (w as Record<string, unknown>)["rule"] === "string") {
        (w as Record<string, unknown>)["rule"] = ((w as Record<string, unknown>)["rule"] as string).toUpperCase();
      }
    }
  }
  return written;
}

/** 1-based line of the key at `keyPath` (or of the nearest ancestor that exists). */
function keyLine(doc: Document, lineCounter: LineCounter, keyPath: ReadonlyArray<string | number>): number {
  const { isMap, isSeq } = yaml();
  let node: unknown = doc.contents;
  let offset = 0;
  for (const segment of keyPath) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === segment);
      if (pair === undefined) break;
      offset = (pair.key as { range?: [number, number, number] }).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment] as { range?: [number, number, number] } | undefined;
      if (item === undefined) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return lineCounter.linePos(offset).line;
}
