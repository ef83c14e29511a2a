/**
 * Input adapter for Terraform source: a directory of `*.tf` / `*.tf.json` files (or one such file), judged
 * before any plan exists. Values are resolved statically (variables with their defaults and tfvars, locals,
 * local modules with their arguments, count/for_each over known collections, references between
 * resources); everything else is unknown, with the plan path's unverifiable semantics. Every resource
 * instance carries the file (relative to the scanned root) and line of its block.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { PolicyCheckError } from "../../errors";
import { MODEL_TYPES } from "../../model/spec";
import { UNKNOWN_PART } from "../../model/types";
import { record } from "../../records";
import { providerSensitive } from "../../terraform/sensitive";
import type {
  InputAdapter,
  InputSource,
  ReadOptions,
  IngestResult,
  JsonObject,
  ResolvedReference,
  ResourceInstance,
  UnknownValue,
  ValuePath,
} from "../types";
import { ConfigLoader, configFiles, type ModuleConfig, type ResourceConfig } from "./config";
import type { FunctionContext } from "./functions";
import { evaluateNode, ModuleInstance, ScanBudget, type InstanceResult } from "./scan";
import { Scope } from "./evaluate";
import { unknownOrigins } from "./origins";
import { deepRefs, deepSensitive, invalid, isKnown, partialText, toJson, type Val } from "./values";

export interface HclOptions {
  /** `--var-file` paths, in the order given (later files win). */
  varFiles?: readonly string[];
}

function isConfigFile(name: string): boolean {
  return name.endsWith(".tf") || name.endsWith(".tf.json");
}

/** True for a directory holding Terraform files, or a single `.tf` / `.tf.json` file. */
export function isHclSource(source: InputSource): boolean {
  if (source.isDirectory) {
    try {
      return readdirSync(source.path).some(isConfigFile);
    } catch {
      return false;
    }
  }
  return source.path !== "-" && isConfigFile(source.path);
}

export const hclAdapter: InputAdapter = {
  name: "hcl",
  readsVarFiles: true,
  accepts: isHclSource,
  read(source: InputSource, options: ReadOptions): IngestResult {
    return readHcl(source.path, { varFiles: options.varFiles });
  },
};

/** tfvars in Terraform's precedence order: terraform.tfvars(.json), *.auto.tfvars(.json), then -var-file. */
function variableFiles(dir: string, varFiles: readonly string[]): Array<{ absolute: string; shown: string }> {
  const names = readdirSync(dir).sort();
  const auto = [
    ...["terraform.tfvars", "terraform.tfvars.json"].filter((n) => names.includes(n)),
    ...names.filter((n) => n.endsWith(".auto.tfvars") || n.endsWith(".auto.tfvars.json")),
  ];
  return [
    ...auto.map((n) => ({ absolute: path.join(dir, n), shown: n })),
    ...varFiles.map((f) => {
      if (!existsSync(f)) {
        throw new PolicyCheckError("INPUT_NOT_FOUND", "no such variables file (--var-file)", { input: f });
      }
      return { absolute: path.resolve(f), shown: f };
    }),
  ];
}

/** Reads a Terraform source directory (or single file) into resource instances. */
export function readHcl(input: string, options: HclOptions = {}): IngestResult {
  return readHclSource(input, options).result;
}

/** readHcl, plus the root module's configuration (for --source-dir's block locations). */
export function readHclSource(input: string, options: HclOptions = {}): { result: IngestResult; root: ModuleConfig } {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(input).isDirectory();
  } catch {
    throw new PolicyCheckError("INPUT_NOT_FOUND", "no such file or directory", { input });
  }
  const rootDir = path.resolve(isDirectory ? input : path.dirname(input));
  const display = isDirectory ? input : path.dirname(input);
  const loader = new ConfigLoader(rootDir, display);
  const files = isDirectory ? configFiles(rootDir) : [path.basename(input)];
  if (files.length === 0) {
    throw new PolicyCheckError("INPUT_UNSUPPORTED", "holds no Terraform files (*.tf, *.tf.json)", { input });
  }
  const root = loader.load(rootDir, isDirectory ? undefined : files);
  const tfvars = variableFiles(rootDir, options.varFiles ?? []).map((file) => loader.parseFile(file.absolute).json);
  const instances = evaluateConfiguration(input, root, { fn: { baseDir: rootDir }, tfvars });
  return { result: { kind: "hcl", file: input, format_version: null, tool_version: null, instances }, root };
}

export interface EvaluationOptions {
  fn: FunctionContext;
  /** Root variables' values from tfvars files, in precedence order (later wins). */
  tfvars?: readonly JsonObject[];
  /** CDKTF synth-time semantics (see ScanContext.synthTime). */
  synthTime?: boolean;
  /** Where each instance comes from; default: the file and line of its block. */
  source?: (config: ResourceConfig) => ResourceInstance["source"];
}

/**
 * The one evaluator of Terraform configuration, for both syntaxes: a root module → the instances of every
 * API Gateway-related managed resource in it and the local modules it calls. `input` names it in errors.
 */
export function evaluateConfiguration(input: string, root: ModuleConfig, options: EvaluationOptions): ResourceInstance[] {
  const { fn } = options;
  const rootVariables = new Map<string, Val>();
  const empty = new Scope(() => invalid(), fn);
  const source = options.source ?? ((config: ResourceConfig) => ({ kind: "hcl" as const, file: config.file, line: config.line }));
  return withinLimits(input, () => {
    for (const json of options.tfvars ?? []) {
      for (const [name, node] of Object.entries(json)) rootVariables.set(name, evaluateNode(node, empty));
    }
    const context = { fn, rootVariables, budget: new ScanBudget(), ...(options.synthTime === true ? { synthTime: true } : {}) };
    const module = new ModuleInstance(root, [], context, null);
    return module.allInstances((type) => MODEL_TYPES.has(type)).map((result) => toInstance(result, source(result.config)));
  });
}

/**
 * Runs the evaluation of a scan: limit errors raised deep inside it (src/limits.ts) get the input's name, and
 * a call stack that overflows anyway (a shape no limit foresaw) is the same one-line error, never a crash.
 */
function withinLimits<T>(input: string, body: () => T): T {
  try {
    return body();
  } catch (error) {
    if (error instanceof PolicyCheckError && error.input === undefined) {
      throw new PolicyCheckError(error.code, error.message, { input, cause: error });
    }
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      throw new PolicyCheckError("INPUT_UNSUPPORTED", "nests too deeply to evaluate (the call stack overflowed)", { input, cause: error });
    }
    throw error;
  }
}

/** Paths of unknown leaves inside a value. */
function unknownLeaves(value: Val, at: ValuePath, out: Array<{ path: ValuePath; value: Val }>): void {
  if (value.k === "u" || value.k === "ns") out.push({ path: at, value });
  else if (value.k === "t") value.items.forEach((v, i) => unknownLeaves(v, [...at, i], out));
  else if (value.k === "o") for (const [k, v] of value.items) unknownLeaves(v, [...at, k], out);
}

function sensitiveNodes(value: Val, at: ValuePath, out: ValuePath[]): void {
  if (value.sensitive) {
    out.push(at);
    return;
  }
  if (value.k === "t") value.items.forEach((v, i) => sensitiveNodes(v, [...at, i], out));
  else if (value.k === "o") for (const [k, v] of value.items) sensitiveNodes(v, [...at, k], out);
}

/**
 * What an unknown leaf shows of its value, for the model (src/model/partial.ts): its partial text when that
 * says more than a bare placeholder (literal text, a structure, an ARN's `arn:`).
 */
const BARE_PLACEHOLDER = new RegExp(`^${UNKNOWN_PART}(:[A-Za-z0-9_.:/-]*)?$`);

function partialOf(value: Val): string | undefined {
  const text = partialText(value);
  if (text === null || BARE_PLACEHOLDER.test(text)) return undefined;
  return text;
}

function namesOnly(valuePath: ValuePath): string {
  return valuePath.filter((s): s is string => typeof s === "string").join(".");
}

function toInstance(result: InstanceResult, source: ResourceInstance["source"]): ResourceInstance {
  const { config, body } = result;
  const values = toJson(body.value) as JsonObject;

  const unknown: UnknownValue[] = [];
  const expansion = config.body["for_each"] ?? config.body["count"];
  const sensitive: ValuePath[] = [];
  const references = record<ResolvedReference[]>();
  const literals = new Set<string>();
  const addReferences = (key: string, refs: readonly ResolvedReference[]): void => {
    const list = references[key] ?? [];
    for (const ref of refs) if (!list.some((r) => r.base === ref.base && r.key === ref.key)) list.push(ref);
    references[key] = list;
  };
  for (const attribute of body.attributes) {
    const dotted = namesOnly(attribute.valuePath);
    if (attribute.info.literal && isKnown(attribute.value)) literals.add(dotted);
    const refs = deepRefs(attribute.value);
    if (refs.length > 0) {
      addReferences(dotted, refs);
      if (attribute.valuePath.some((s) => typeof s === "number")) addReferences(attribute.valuePath.join("."), refs);
    }
    sensitiveNodes(attribute.value, attribute.valuePath, sensitive);
    const leaves: Array<{ path: ValuePath; value: Val }> = [];
    unknownLeaves(attribute.value, attribute.valuePath, leaves);
    if (leaves.length === 0) continue;
    const origins = unknownOrigins(attribute.info.references, { module: result.module, scope: result.scope, expansion });
    for (const leaf of leaves) {
      // A sensitive value's known parts stay out of the model: no output path would know to hide them.
      const hidden = deepSensitive(leaf.value) || providerSensitive(config.type).includes(String(leaf.path[0]));
      const partial = hidden ? undefined : partialOf(leaf.value);
      // A template or jsonencode result is a string once known: set, whatever its parts are.
      const set = deepRefs(leaf.value).length > 0 || (leaf.value.k === "u" && leaf.value.nonNull === true);
      unknown.push({
        path: leaf.path,
        configured: true,
        set,
        references: attribute.info.references,
        origins,
        ...(partial === undefined ? {} : { partial }),
      });
    }
  }
  for (const attribute of providerSensitive(config.type)) {
    if (Object.hasOwn(values, attribute) && !sensitive.some((p) => p.length === 1 && p[0] === attribute)) sensitive.push([attribute]);
  }
  return {
    address: result.address,
    type: config.type,
    name: config.name,
    module_address: result.module.address,
    index: result.index,
    actions: ["create"],
    source,
    values,
    unknown,
    sensitive,
    references,
    literals: [...literals].sort(),
    configured: body.configured,
    ...(config.waiverComments === undefined ? {} : { waiver_comments: config.waiverComments }),
  };
}
