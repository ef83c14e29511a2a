/**
 * `.policy-check.yaml`: found upward from the working directory (or given with --config), parsed with
 * positions, validated against schema/config.json (shipped with the package), and turned into a typed Config.
 * Every problem is one exit-2 line naming the file, the line and the key.
 */
import { existsSync, statSync } from "node:fs";
import { readTextBounded } from "../bounded-read";
import { MAX_SOURCE_FILE_BYTES } from "../limits";
import path from "node:path";
import { isMap, isSeq, LineCounter, parseDocument, type Document } from "yaml";
import { readAsset } from "../assets";
import type { Severity } from "../engine/severity";
import { PolicyCheckError } from "../errors";
import { record, recordFromEntries, withoutPrototypes } from "../records";
import { validate, type Schema } from "../json-schema";

export const CONFIG_FILE = ".policy-check.yaml";

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

/** The nearest `.policy-check.yaml` in `cwd` or a parent directory, or null. */
export function findConfig(cwd: string): string | null {
  let dir = path.resolve(cwd);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE);
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** Loads the configuration: `explicit` (--config) when given, else the nearest file upward from `cwd`. */
export function loadConfig(explicit: string | null, cwd: string): Config {
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
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const first = doc.errors[0];
  if (first !== undefined) {
    const line = lineCounter.linePos(first.pos[0]).line;
    throw new PolicyCheckError("USAGE", `invalid YAML: ${first.message.split("\n")[0] ?? ""}`, { input: `${shown}:${line}` });
  }
  const data: unknown = doc.toJS() ?? record();
  withoutPrototypes(data);
  const lineOf = (keyPath: ReadonlyArray<string | number>): number => keyLine(doc, lineCounter, keyPath);
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
  for (const [id, rule] of Object.entries(raw.rules ?? {})) {
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
    rules: raw.rules ?? record(),
    waivers: (raw.waivers ?? []).map((w, i) => ({ ...w, source: `${shown}:${lineOf(["waivers", i])}` })),
    ruleLines,
    paramLines,
  };
}

/** 1-based line of the key at `keyPath` (or of the nearest ancestor that exists). */
function keyLine(doc: Document, lineCounter: LineCounter, keyPath: ReadonlyArray<string | number>): number {
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
