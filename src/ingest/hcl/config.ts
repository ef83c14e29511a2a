/**
 * A Terraform module directory as configuration: every `*.tf` and `*.tf.json` file parsed and merged into
 * variables, locals, outputs, resources, data sources and module calls, each with the file (relative to
 * the scanned root) and line it is declared at. Local modules (`source = "./..."`) are loaded the same
 * way, once per directory; any other source (registry, git) cannot be read offline and stays unknown.
 *
 * Files are read as Terraform reads them: symbolic links are followed, and override files (`override.tf`,
 * `*_override.tf`, and their `.tf.json` forms) are merged into the blocks the other files declare, after
 * them and in lexical order (https://developer.hashicorp.com/terraform/language/files/override).
 */
import { readdirSync, statSync } from "node:fs";
import { readFileBounded } from "../../bounded-read";
import path from "node:path";
import { PolicyCheckError } from "../../errors";
import { MAX_MODULE_DEPTH, MAX_SOURCE_FILE_BYTES } from "../../limits";
import { record } from "../../records";
import type { Json, JsonObject, WaiverComment } from "../types";
import { describeJson } from "../json";
import { decodeText } from "../text";
import { JSON_COMMENT } from "../../terraform/meta-arguments";
import { parseConfigFile } from "./parser";
import { blockPositions, jsonKeyLines } from "./positions";

export interface Declared {
  /** File relative to the scanned root, `/`-separated. */
  file: string;
  /** 1-based; 0 when not known (a document read without its text). */
  line: number;
}

/** `main.tf:3`, or `main.tf` when the line is not known: where a declaration is, in messages. */
export function located(file: string, line: number): string {
  return line > 0 ? `${file}:${line}` : file;
}

export interface BlockConfig extends Declared {
  body: JsonObject;
}

export interface ResourceConfig extends BlockConfig {
  mode: "managed" | "data";
  type: string;
  name: string;
  /** `# policy-check:waive ...` comments right above the block (src/config/waivers.ts reads them). */
  waiverComments?: WaiverComment[];
}

export interface ModuleCallConfig extends BlockConfig {
  name: string;
  /** The called module when its source is a local directory; null for registry or remote sources. */
  module: ModuleConfig | null;
}

export interface ModuleConfig {
  /** Absolute directory. */
  dir: string;
  /** Directory relative to the scanned root (`.` for the root module), as `path.module` gives it. */
  relDir: string;
  variables: Map<string, BlockConfig>;
  locals: Map<string, { node: Json } & Declared>;
  outputs: Map<string, BlockConfig>;
  resources: Map<string, ResourceConfig>;
  data: Map<string, ResourceConfig>;
  calls: Map<string, ModuleCallConfig>;
}

function asObject(value: unknown): JsonObject | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as JsonObject) : null;
}

/**
 * A block's bodies: native syntax gives a list, JSON syntax may give one object. Anything else is malformed:
 * `fail` names it (`where`, `where[i]`); without `fail` (a nested `lifecycle`), it is left out.
 */
function bodies(value: Json | undefined, where = "", fail?: (message: string) => never): JsonObject[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  const out: JsonObject[] = [];
  list.forEach((item, i) => {
    const body = asObject(item);
    if (body !== null) out.push(body);
    else fail?.(`${Array.isArray(value) ? `${where}[${i}]` : where} is ${describeJson(item)}, expected an object`);
  });
  return out;
}

/** Configuration files of a directory, in the order Terraform reads them (lexical), symbolic links included. */
export function configFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter(
      (e) =>
        (e.name.endsWith(".tf") || e.name.endsWith(".tf.json")) && (e.isFile() || (e.isSymbolicLink() && !linksToDirectory(path.join(dir, e.name)))),
    )
    .map((e) => e.name)
    .sort();
}

/** A link to a directory is not a file; a dangling link is kept, so reading it reports the error. */
function linksToDirectory(link: string): boolean {
  try {
    return statSync(link).isDirectory();
  } catch {
    return false;
  }
}

/** `override.tf`, `main_override.tf`, `override.tf.json`...: merged into other files' blocks. */
export function isOverrideFile(name: string): boolean {
  return /(^|_)override\.tf(\.json)?$/.test(name);
}

/**
 * Terraform's merge of an override block into a base block: an argument replaces the argument of the same
 * name; nested blocks of a type replace every block of that type, `dynamic` ones included (a `dynamic
 * "x"` block counts as a block of type x); nested blocks' contents are not merged. In resources and data
 * sources, `lifecycle` is merged argument by argument.
 */
export function mergeOverride(base: JsonObject, override: JsonObject, mergeLifecycle: boolean): JsonObject {
  const merged = record<Json>();
  for (const key of Object.keys(base)) merged[key] = base[key] as Json;
  const baseDynamic = asObject(base["dynamic"] ?? null);
  const dynamic = record<Json>();
  for (const label of Object.keys(baseDynamic ?? {})) dynamic[label] = (baseDynamic as JsonObject)[label] as Json;
  for (const key of Object.keys(override)) {
    if (key === "dynamic") continue;
    if (key === "lifecycle" && mergeLifecycle) {
      const lifecycle = record<Json>();
      for (const body of [...bodies(base["lifecycle"]), ...bodies(override["lifecycle"])]) {
        for (const argument of Object.keys(body)) lifecycle[argument] = body[argument] as Json;
      }
      merged["lifecycle"] = [lifecycle];
      continue;
    }
    merged[key] = override[key] as Json;
    delete dynamic[key];
  }
  const overrideDynamic = asObject(override["dynamic"] ?? null);
  for (const label of Object.keys(overrideDynamic ?? {})) {
    delete merged[label];
    dynamic[label] = (overrideDynamic as JsonObject)[label] as Json;
  }
  if (Object.keys(dynamic).length > 0) merged["dynamic"] = dynamic;
  else delete merged["dynamic"];
  return merged;
}

export function toPosix(p: string): string {
  return p.split(path.sep).join("/");
}

export class ConfigLoader {
  private readonly modules = new Map<string, ModuleConfig>();

  /**
   * @param root absolute scanned root: files are named relative to it.
   * @param display how the user named the root (`infra/`), so errors name files the user can open.
   */
  constructor(
    readonly root: string,
    private readonly display: string,
  ) {}

  /** The path to show the user for a file relative to the root. */
  shown(relative: string): string {
    return toPosix(path.join(this.display, relative));
  }

  private relative(absolute: string): string {
    return toPosix(path.relative(this.root, absolute)) || ".";
  }

  /** Reads and parses one file; syntax errors name it as the user would open it. */
  parseFile(absolute: string): { text: string; json: JsonObject } {
    const relative = this.relative(absolute);
    const shown = this.shown(relative);
    const text = decodeText(
      readFileBounded(absolute, {
        limit: MAX_SOURCE_FILE_BYTES,
        kind: "a Terraform source file (MAX_SOURCE_FILE_BYTES)",
        shown,
        missing: "is a broken symbolic link (ENOENT)",
      }),
      shown,
    );
    return { text, json: parseConfigFile(text, this.shown(relative)) };
  }

  /** Loads a module directory (or, with `only`, just those files of it). */
  load(dir: string, only?: readonly string[], depth = 0): ModuleConfig {
    const cached = only === undefined ? this.modules.get(dir) : undefined;
    if (cached !== undefined) return cached;
    const module = this.emptyModule(dir);
    if (only === undefined) this.modules.set(dir, module);
    const names = only ?? configFiles(dir);
    // Terraform skips override files at first, then merges each, in lexical order, into what the others declare.
    for (const name of [...names.filter((n) => !isOverrideFile(n)), ...names.filter(isOverrideFile)]) {
      const absolute = path.join(dir, name);
      const { text, json } = this.parseFile(absolute);
      if (isOverrideFile(name)) this.mergeFile(module, this.relative(absolute), text, json, name.endsWith(".json"));
      else this.addFile(module, this.relative(absolute), text, json, name.endsWith(".json"));
    }
    for (const call of module.calls.values()) {
      const source = call.body["source"];
      if (typeof source !== "string" || !/^\.\.?(\/|\\|$)/.test(source)) continue;
      const target = path.resolve(dir, source);
      let isDir = false;
      try {
        isDir = statSync(target).isDirectory();
      } catch {
        isDir = false;
      }
      if (!isDir) {
        throw new PolicyCheckError(
          "INPUT_UNSUPPORTED",
          `${this.shown(call.file)}:${call.line}: module "${call.name}": source ${JSON.stringify(source)} is not a directory`,
        );
      }
      if (depth >= MAX_MODULE_DEPTH) throw moduleTooDeep(this.shown(call.file), call);
      call.module = this.load(target, undefined, depth + 1);
    }
    return module;
  }

  private emptyModule(dir: string): ModuleConfig {
    return {
      dir,
      relDir: this.relative(dir),
      variables: new Map(),
      locals: new Map(),
      outputs: new Map(),
      resources: new Map(),
      data: new Map(),
      calls: new Map(),
    };
  }

  /**
   * The root module of one Terraform JSON document already parsed (a CDKTF stack's cdk.tf.json, `file`
   * relative to the root): its module calls are not read, and its blocks' lines are not known (0).
   */
  loadDocument(json: JsonObject, file: string): ModuleConfig {
    const module = this.emptyModule(this.root);
    this.addFile(module, file, null, json, true);
    return module;
  }

  /** Line of each block header in a file: `lineOf("resource", type, name)`; 0 (not known) without the text. */
  /**
   * The line of each block, asked for once per declaration in declaration order: a block declared twice in
   * one file (hcl2json lists both bodies, in file order) gets its first line, then its second.
   */
  private blockLines(text: string | null, isJson: boolean): (...words: string[]) => number {
    if (text === null) return () => 0;
    const lines = new Map<string, number[]>();
    if (isJson) for (const [id, line] of jsonKeyLines(text)) lines.set(id, [line]);
    else {
      for (const block of blockPositions(text)) {
        const id = block.words.join("\u0000");
        const list = lines.get(id);
        if (list === undefined) lines.set(id, [block.line]);
        else list.push(block.line);
      }
    }
    const asked = new Map<string, number>();
    return (...words: string[]): number => {
      const id = words.join("\u0000");
      const list = lines.get(id);
      if (list === undefined) return 1;
      const n = asked.get(id) ?? 0;
      asked.set(id, n + 1);
      return list[Math.min(n, list.length - 1)] as number;
    };
  }

  /** Throws the error for a malformed part of a file (`where`: its path in Terraform JSON shape). */
  private malformed(file: string): (message: string) => never {
    return (message) => {
      throw new PolicyCheckError("INPUT_UNSUPPORTED", `${this.shown(file)}: ${message}`);
    };
  }

  /**
   * Merges an override file into the module. Each block must override one the other files declare, as
   * Terraform requires (`Missing resource to override`); the merged block keeps the base block's location.
   */
  private mergeFile(module: ModuleConfig, file: string, text: string, json: JsonObject, isJson: boolean): void {
    const lineOf = this.blockLines(text, isJson);
    const missing = (what: string, line: number): never => {
      throw new PolicyCheckError(
        "INPUT_UNSUPPORTED",
        `${this.shown(file)}:${line}: ${what} overrides nothing: no other file of the module declares it`,
      );
    };
    for (const declaration of declarations(json, this.malformed(file))) {
      const { kind, body } = declaration;
      if (kind === "resource" || kind === "data") {
        const { type, name } = declaration;
        const base =
          (kind === "resource" ? module.resources : module.data).get(`${type}.${name}`) ??
          missing(`${kind} "${type}" "${name}"`, lineOf(kind, type, name));
        base.body = mergeOverride(base.body, body, true);
      } else if (kind === "locals") {
        // Locals are overridden value by value, whichever `locals` block holds them.
        for (const [name, node] of labelled(body)) {
          const base = module.locals.get(name) ?? missing(`local value "${name}"`, isJson ? lineOf("locals", name) : 1);
          module.locals.set(name, { ...base, node });
        }
      } else {
        const { name } = declaration;
        const target: Map<string, BlockConfig> = kind === "module" ? module.calls : kind === "variable" ? module.variables : module.outputs;
        const base = target.get(name) ?? missing(`${kind} "${name}"`, lineOf(kind, name));
        base.body = mergeOverride(base.body, body, false);
      }
    }
  }

  private addFile(module: ModuleConfig, file: string, text: string | null, json: JsonObject, isJson: boolean): void {
    const lineOf = this.blockLines(text, isJson);
    // Split once per file, and only in files that mention a waiver: linear in the text.
    const hasWaivers = !isJson && text !== null && WAIVER_MARKERS.some((marker) => text.includes(marker));
    let textLines: string[] | undefined;
    const duplicate = (what: string, first: Declared, line: number): never => {
      throw new PolicyCheckError(
        "INPUT_UNSUPPORTED",
        `${located(this.shown(file), line)}: duplicate ${what} (first declared at ${located(this.shown(first.file), first.line)})`,
      );
    };
    for (const declaration of declarations(json, this.malformed(file))) {
      const { kind, body } = declaration;
      if (kind === "resource" || kind === "data") {
        const { type, name } = declaration;
        const target = kind === "resource" ? module.resources : module.data;
        const line = lineOf(kind, type, name);
        const key = `${type}.${name}`;
        const first = target.get(key);
        if (first !== undefined) duplicate(`${kind} "${type}" "${name}"`, first, line);
        const waiverComments = hasWaivers && text !== null ? waiverCommentsAbove((textLines ??= text.split("\n")), line) : [];
        target.set(key, {
          mode: kind === "resource" ? "managed" : "data",
          type,
          name,
          body,
          file,
          line,
          ...(waiverComments.length > 0 ? { waiverComments } : {}),
        });
      } else if (kind === "locals") {
        for (const [name, node] of labelled(body)) {
          const line = isJson ? lineOf("locals", name) : 1;
          const first = module.locals.get(name);
          if (first !== undefined) duplicate(`local value "${name}"`, first, line);
          module.locals.set(name, { node, file, line });
        }
      } else {
        const { name } = declaration;
        const line = lineOf(kind, name);
        if (kind === "module") {
          const first = module.calls.get(name);
          if (first !== undefined) duplicate(`module "${name}"`, first, line);
          module.calls.set(name, { name, body, file, line, module: null });
          continue;
        }
        const target = kind === "variable" ? module.variables : module.outputs;
        const first = target.get(name);
        if (first !== undefined) duplicate(`${kind} "${name}"`, first, line);
        target.set(name, { body, file, line });
      }
    }
  }
}

type Declaration =
  | { kind: "resource" | "data"; type: string; name: string; body: JsonObject }
  | { kind: "module" | "variable" | "output"; name: string; body: JsonObject }
  | { kind: "locals"; body: JsonObject };

/** Entries of an object of labels, names or local values, without JSON comments (`//`). */
function labelled(value: JsonObject): Array<[string, Json]> {
  return Object.entries(value).filter(([key]) => key !== JSON_COMMENT);
}

/**
 * The blocks a file declares, from its Terraform JSON shape (native syntax is parsed into it), in order.
 * The shape is checked, so a malformed part is an error naming it (`resource.aws_x.y is a string, expected
 * an object`), never dropped.
 */
function declarations(json: JsonObject, fail: (message: string) => never): Declaration[] {
  const out: Declaration[] = [];
  const objectAt = (value: Json | undefined, where: string): JsonObject =>
    value === undefined ? record<Json>() : (asObject(value) ?? fail(`${where} is ${describeJson(value)}, expected an object`));
  for (const kind of ["resource", "data"] as const) {
    for (const [type, byName] of labelled(objectAt(json[kind], kind))) {
      for (const [name, value] of labelled(objectAt(byName, `${kind}.${type}`))) {
        for (const body of bodies(value, `${kind}.${type}.${name}`, fail)) out.push({ kind, type, name, body });
      }
    }
  }
  for (const kind of ["module", "variable", "output"] as const) {
    for (const [name, value] of labelled(objectAt(json[kind], kind))) {
      for (const body of bodies(value, `${kind}.${name}`, fail)) out.push({ kind, name, body });
    }
  }
  for (const body of bodies(json["locals"], "locals", fail)) out.push({ kind: "locals", body });
  return out;
}

/** The error for module calls nested past MAX_MODULE_DEPTH, at the call that goes one level too deep. */
export function moduleTooDeep(file: string, call: Declared & { name: string }): PolicyCheckError {
  return new PolicyCheckError(
    "INPUT_UNSUPPORTED",
    `${file}:${call.line}: module "${call.name}": modules nest deeper than ${MAX_MODULE_DEPTH} calls (MAX_MODULE_DEPTH); does a module call itself?`,
  );
}

const WAIVE_COMMENT = /^\s*(?:#|\/\/)\s*policy-check:waive\b(.*)$/;
/** Checkov, Trivy and tfsec suppression comments, kept as written for src/config/peer-waivers.ts. */
const PEER_COMMENT = /^\s*(?:#|\/\/)\s*((?:checkov:skip=|trivy:ignore:|tfsec:ignore:).*)$/;
const WAIVER_MARKERS = ["policy-check:waive", "checkov:skip=", "trivy:ignore:", "tfsec:ignore:"];

/**
 * `# policy-check:waive RULE reason` (or `//`) comments, and peer scanners' suppression comments, on the lines
 * right above a block's header line: the contiguous comment lines above it are read, so a waiver may sit
 * among other comments. Peer comments also count on the comment lines right inside the block.
 */
export function waiverCommentsAbove(all: readonly string[], blockLine: number): WaiverComment[] {
  const out: WaiverComment[] = [];
  for (let n = blockLine - 1; n >= 1; n -= 1) {
    const content = all[n - 1] ?? "";
    if (!/^\s*(#|\/\/)/.test(content)) break;
    const match = WAIVE_COMMENT.exec(content);
    if (match !== null) out.unshift({ line: n, text: (match[1] ?? "").trim() });
    const peer = PEER_COMMENT.exec(content);
    if (peer !== null) out.unshift({ line: n, text: (peer[1] ?? "").trim(), peer: true });
  }
  // Checkov's documented place is the first lines inside the block: the comments right after its header.
  for (let n = blockLine + 1; n <= all.length; n += 1) {
    const content = all[n - 1] ?? "";
    if (!/^\s*(#|\/\/)/.test(content)) break;
    const peer = PEER_COMMENT.exec(content);
    if (peer !== null) out.push({ line: n, text: (peer[1] ?? "").trim(), peer: true });
  }
  return out;
}
