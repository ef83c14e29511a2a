/**
 * Input adapter for `terraform show -json` plans (Terraform and OpenTofu, format 0.x and 1.x).
 *
 * Reads `resource_changes` (which lists every managed resource, no-ops included), keeps only the resource
 * types the model knows (real plans are mostly other resources), and for each instance works out which
 * attribute values are unknown, unset or sensitive, and which resources its configuration references.
 *
 * Read strictly: a field the reader relies on that does not have the shape Terraform writes is an error
 * naming the entry (`resource_changes[3] (aws_api_gateway_stage.x): after is a string, expected an
 * object`), never skipped, so a malformed entry cannot make a failing resource vanish. Every entry's
 * identity (address, type, name, mode, actions) is checked, also for types the model drops.
 */
import { PolicyCheckError } from "../../errors";
import type { PlanAction, SourceLocation } from "../../model/types";
import { MODEL_TYPES } from "../../model/spec";
import { cloneRecords, withoutPrototypes } from "../../records";
import { parseModuleAddress, type ModuleStep } from "../../terraform/addresses";
import { describeJson } from "../json";
import type {
  InputAdapter,
  InputSource,
  IngestResult,
  Json,
  JsonObject,
  ResolvedReference,
  ResourceInstance,
  UnknownValue,
  ValuePath,
} from "../types";
import { isExpression, PlanConfiguration, type ConfigResource, type ExpressionWalk, type ReadResources } from "./configuration";

const PLAN_ACTIONS = new Set<string>(["no-op", "create", "read", "update", "delete", "forget"]);

function asObject(value: unknown): JsonObject | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as JsonObject) : null;
}

/** Says what a JSON document is when it is not a plan, so the error names the mistake. */
export function describeNonPlan(document: JsonObject): string | null {
  if ("lineage" in document && "serial" in document) {
    return "this is a raw Terraform state file, not a plan; run `terraform show -json PLANFILE` on a saved plan";
  }
  if ("values" in document && !("resource_changes" in document) && !("planned_values" in document)) {
    return "this is `terraform show -json` output of a state, not of a plan; save a plan with `terraform plan -out=PLANFILE` and run `terraform show -json PLANFILE`";
  }
  if ("provider_schemas" in document) return "this is a provider schema (`terraform providers schema -json`), not a plan";
  if ("resource" in document || "module" in document || "provider" in document) {
    return "this is Terraform JSON configuration, not a plan; run `terraform plan -out=PLANFILE` then `terraform show -json PLANFILE`";
  }
  return null;
}

/** `1.2`, `0.1`: the plan format's version as Terraform writes it. */
const FORMAT_VERSION = /^(\d+)\.(\d+)$/;

/** Sections the reader does not judge from but that must be objects when present. */
const OBJECT_SECTIONS = ["configuration", "prior_state", "planned_values", "variables"] as const;

export function isPlanDocument(document: JsonObject): boolean {
  return (
    typeof document["format_version"] === "string" && ("resource_changes" in document || "planned_values" in document || "configuration" in document)
  );
}

export const planAdapter: InputAdapter = {
  name: "plan",
  readsVarFiles: false,
  accepts(source: InputSource): boolean {
    const object = asObject(source.document);
    return object !== null && isPlanDocument(object);
  },
  read(source: InputSource): IngestResult {
    return readPlan(source.document, source.path);
  },
};

/**
 * Reads a parsed plan. `prechecked`: the judged entries of `resource_changes`, already through
 * {@link readIdentity} (the streaming reader, ./stream.ts, checks every entry as it passes and keeps only
 * these); `document.resource_changes` is then not read. They are handed over: each is taken out of the
 * list once read (what the instance does not keep can then be collected while the rest are read).
 * `readResources`: the configuration resources the streaming reader read as they passed.
 */
export function readPlan(document: unknown, file: string, prechecked?: Array<ChangeEntry | null>, readResources?: ReadResources): IngestResult {
  const plan = asObject(document);
  if (plan === null) {
    throw new PolicyCheckError("INPUT_UNSUPPORTED", "expected a JSON object from `terraform show -json`", { input: file });
  }
  const notPlan = describeNonPlan(plan);
  if (notPlan !== null && !isPlanDocument(plan)) throw new PolicyCheckError("INPUT_UNSUPPORTED", notPlan, { input: file });
  const fail = (message: string): never => {
    throw new PolicyCheckError("INPUT_UNSUPPORTED", message, { input: file });
  };
  const formatVersion = plan["format_version"];
  if (typeof formatVersion !== "string") {
    throw new PolicyCheckError("INPUT_UNSUPPORTED", "not a Terraform plan: `format_version` is missing", { input: file });
  }
  const version = FORMAT_VERSION.exec(formatVersion);
  if (version === null) fail(`format_version ${JSON.stringify(formatVersion)} is not a version number (expected 0.x or 1.x)`);
  if (Number((version as RegExpExecArray)[1]) >= 2) {
    fail(`plan format_version ${JSON.stringify(formatVersion)} is not supported (expected 0.x or 1.x)`);
  }
  const toolVersion = plan["terraform_version"];
  if (toolVersion !== undefined && typeof toolVersion !== "string") fail(`terraform_version is ${describeJson(toolVersion)}, expected a string`);
  for (const section of OBJECT_SECTIONS) {
    const value = plan[section];
    if (value !== undefined && asObject(value) === null) fail(`${section} is ${describeJson(value)}, expected an object`);
  }
  // Terraform sets `errored` when planning failed part-way: what it lists may lack resources.
  const errored = plan["errored"];
  if (errored !== undefined && typeof errored !== "boolean") fail(`errored is ${describeJson(errored)}, expected true or false`);
  if (errored === true)
    fail("the plan errored (`errored: true`): Terraform could not finish planning, so resources may be missing; fix the plan's errors first");
  const changes = plan["resource_changes"] ?? missingChanges(plan, fail);
  if (!Array.isArray(changes)) fail(`resource_changes is ${describeJson(changes)}, expected a list`);

  const context: ReadContext = {
    configuration: new PlanConfiguration(plan["configuration"], plan["variables"], fail, readResources),
    file,
    owned: prechecked !== undefined,
    modules: new Map(),
    unknownLeaves: new Map(),
    marked: new Map(),
    source: Object.freeze({ kind: "plan", file }),
  };
  const instances: ResourceInstance[] = [];
  const before: ResourceInstance[] = [];
  const read = (change: ChangeEntry): void => {
    const instance = readResourceChange(change, context);
    if (instance !== null) instances.push(instance);
    const prior = readBefore(change, context);
    if (prior !== null) before.push(prior);
  };
  if (prechecked !== undefined) {
    for (let i = 0; i < prechecked.length; i += 1) {
      const change = prechecked[i];
      prechecked[i] = null;
      if (change !== null && change !== undefined) read(change);
    }
  } else {
    const seen = new SeenEntries();
    (changes as Json[]).forEach((item, position) => {
      const change = readIdentity(item, position, seen, fail);
      if (change !== null) read(shareMasks(change, seen));
    });
  }

  return {
    kind: "plan",
    file,
    format_version: formatVersion,
    tool_version: typeof toolVersion === "string" ? toolVersion : null,
    instances,
    before,
  };
}

/**
 * Terraform leaves `resource_changes` out when nothing is planned. Without it, a plan whose
 * `planned_values` still lists resources has lost the part the reader judges: refused, never a pass.
 */
function missingChanges(plan: JsonObject, fail: (message: string) => never): Json[] {
  if (!("resource_changes" in plan)) {
    const hasResources = (module: Json | undefined): boolean => {
      const object = asObject(module ?? null);
      if (object === null) return false;
      const resources = object["resources"];
      const children = object["child_modules"];
      return (Array.isArray(resources) && resources.length > 0) || (Array.isArray(children) && children.some(hasResources));
    };
    if (hasResources(asObject(plan["planned_values"] ?? null)?.["root_module"])) {
      fail("resource_changes is missing but planned_values lists resources: the plan was cut short; save it again with `terraform show -json`");
    }
    return [];
  }
  return fail("resource_changes is null, expected a list");
}

/** What reading one plan's entries shares. */
interface ReadContext {
  configuration: PlanConfiguration;
  file: string;
  /**
   * The entries were parsed for this reading alone (the streaming reader's): their values become the
   * instances' values in place, rather than copied (the copy would also be slower to read: see values()).
   */
  owned: boolean;
  /** parseModuleAddress by module address: every resource of a module instance repeats it. */
  modules: Map<string, readonly ModuleStep[] | null>;
  /** What a shared `after_unknown` mask says (unknownLeaves), by configuration resource (null: none) and mask. */
  unknownLeaves: Map<ConfigResource | null, Map<Json, readonly UnknownLeaf[]>>;
  /** The paths a shared sensitivity mask marks, by mask. */
  marked: Map<Json, readonly ValuePath[]>;
  /** Where every instance comes from: one object for all (frozen: what one instance's reader changes stays its own). */
  source: SourceLocation;
}

function moduleSteps(context: ReadContext, moduleAddress: string): readonly ModuleStep[] | null {
  let steps = context.modules.get(moduleAddress);
  if (steps === undefined) {
    steps = parseModuleAddress(moduleAddress);
    context.modules.set(moduleAddress, steps);
  }
  return steps;
}

/**
 * An entry's values as an instance's, after `change` (which sets unknown values to null): without
 * prototypes (records.ts). An owned entry's objects lose their prototype in place, after the changes (V8
 * keeps them in a compact layout shared by objects of one shape, but gives an object a layout of its own
 * when a key is added after its prototype changed); a copy into `record()`s is a hash table per object.
 * The streaming reader checked the text (parseSlice), so only prototypes are removed here.
 */
function values(context: ReadContext, object: JsonObject, unknown: readonly UnknownValue[]): JsonObject {
  const out = context.owned ? object : cloneRecords(object);
  for (let i = 0; i < unknown.length; i += 1) deletePath(out, (unknown[i] as UnknownValue).path);
  if (context.owned) withoutPrototypes(out, false);
  return out;
}

/**
 * An entry of `resource_changes` whose identity has been checked: what the plan reader reads of it, and no
 * more (the streaming reader keeps every judged entry until the configuration, last in the plan, has been
 * read: the rest of the entry is dropped at once).
 */
export interface ChangeEntry extends ChangeBody {
  /** Its position in `resource_changes`. */
  position: number;
  address: string;
  type: string;
  name: string;
  mode: "managed" | "data";
  moduleAddress: string | undefined;
  index: string | number | undefined;
  actions: PlanAction[];
  /** Refuses the plan (see failEntry). */
  failPlan: (message: string) => never;
}

/** What the plan reader reads of an entry's `change` (absent: undefined): on the entry itself (one object per entry). */
interface ChangeBody {
  before: Json | undefined;
  after: Json | undefined;
  after_unknown: Json | undefined;
  after_sensitive: Json | undefined;
  before_sensitive: Json | undefined;
}

/**
 * Refuses the plan for what is wrong in an entry: `resource_changes[3] (aws_api_gateway_stage.x): ...`. Built
 * only on failure: the streaming reader keeps every judged entry until the configuration has been read, so
 * what each one holds counts.
 */
function failEntry(position: number, address: unknown, failPlan: (message: string) => never, message: string): never {
  const label = typeof address === "string" && address !== "" ? ` (${address})` : "";
  return failPlan(`resource_changes[${position}]${label}: ${message}`);
}

/** No own key (without listing them). */
function isEmptyObject(object: JsonObject): boolean {
  for (const key in object) if (Object.hasOwn(object, key)) return false;
  return true;
}

/** Distinct lists of actions shared, at most (there are a few dozen possible). */
const MAX_ACTION_LISTS = 64;

/** Tokens (see maskTokens) of distinct masks held for sharing, at most (past it, masks are read entry by entry). */
const MASK_TOKENS = 1024 * 1024;

/** Distinct masks of one resource type held for sharing, at most (each new mask of the type is compared with them). */
const MASKS_PER_TYPE = 16;

/**
 * Masks shared by entries (SeenEntries.mask): well-formed (checked when first read), never changed, and what the
 * plan reader reads from each (given the configuration resource) is read once (ReadContext.unknownLeaves).
 */
const SHARED_MASKS = new WeakSet<object>();

/**
 * A judged entry's masks replaced by the same masks read before (SeenEntries.mask): a plan repeats a few dozen
 * masks (one per resource type and configuration, nearly) over thousands of entries, which the streaming
 * reader holds until the configuration, last in the plan, has been read.
 */
export function shareMasks(change: ChangeEntry, seen: SeenEntries): ChangeEntry {
  const type = change.type;
  change.after_unknown = seen.mask(change.after_unknown, type, false);
  change.after_sensitive = seen.mask(change.after_sensitive, type, true);
  change.before_sensitive = seen.mask(change.before_sensitive, type, true);
  // Its actions too (every instance holds them: ResourceInstance.actions), shared frozen.
  change.actions = seen.actions(change.actions);
  return change;
}

/**
 * The entries of `resource_changes` seen so far, by address and deposed key: where each was. A deposed
 * object (create_before_destroy) shares its address with the current one. Keyed as `address\0deposed`;
 * an entry without a deposed key (nearly all) by its address alone, which is the same key without
 * building a string per entry (an address holding \0 takes the long form).
 */
export class SeenEntries {
  private readonly current = new Map<string, number>();
  private readonly others = new Map<string, number>();
  /** Lists of actions read so far (a plan has a few: `["create"]`, `["no-op"]`, ...), frozen. */
  private readonly actionLists: Array<readonly PlanAction[]> = [];
  /**
   * Masks shared so far, by resource type (a type has a few), each with its tokens (see maskTokens): `after_unknown`
   * masks apart from sensitivity masks (an entry has one of each, which then are not compared with each other).
   */
  private readonly unknownMasks = new Map<string, SharedMask[]>();
  private readonly sensitiveMasks = new Map<string, SharedMask[]>();
  private maskTokens = 0;
  private emptyMask: JsonObject | null = null;

  /** The list of actions read first with the same actions in the same order as `actions` (checked), or `actions`. */
  actions(actions: PlanAction[]): PlanAction[] {
    const lists = this.actionLists;
    for (let i = 0; i < lists.length; i += 1) {
      const list = lists[i] as readonly PlanAction[];
      if (list.length !== actions.length) continue;
      let same = true;
      for (let k = 0; k < list.length && same; k += 1) same = list[k] === actions[k];
      if (same) return list as PlanAction[];
    }
    if (lists.length < MAX_ACTION_LISTS) lists.push(Object.freeze(actions));
    return actions;
  }

  /**
   * The first mask of an entry of resource type `type` (a sensitivity mask or not) read with the same JSON text as `mask` (then `mask` can be
   * collected), or `mask` itself. Only a well-formed mask (maskProblem finds nothing) is shared, and marked as such
   * (SHARED_MASKS). Compared by walking `mask` along the tokens of each shared mask, which costs less than its text.
   */
  mask(mask: Json | undefined, type: string, sensitivity: boolean): Json | undefined {
    if (typeof mask !== "object" || mask === null) return mask;
    // `{}` (many `after_sensitive`): the first one, without its text.
    if (!Array.isArray(mask) && isEmptyObject(mask)) {
      if (this.emptyMask === null) {
        this.emptyMask = mask;
        SHARED_MASKS.add(mask);
      }
      return this.emptyMask;
    }
    const byType = sensitivity ? this.sensitiveMasks : this.unknownMasks;
    let shared = byType.get(type);
    if (shared === undefined) {
      shared = [];
      byType.set(type, shared);
    }
    for (let i = 0; i < shared.length; i += 1) {
      const known = shared[i] as SharedMask;
      if (tokensMatch(mask, known.tokens, 0) === known.tokens.length) return known.mask;
    }
    if (shared.length < MASKS_PER_TYPE && this.maskTokens < MASK_TOKENS && maskProblem(mask, true) === null) {
      const tokens: MaskToken[] = [];
      maskTokens(mask, tokens);
      shared.push({ mask, tokens });
      this.maskTokens += tokens.length;
      SHARED_MASKS.add(mask);
    }
    return mask;
  }

  /** Where the same entry was already, or undefined (and the entry is recorded at `position`). */
  add(address: string, deposed: string, position: number): number | undefined {
    const short = deposed === "" && !address.includes("\u0000");
    const map = short ? this.current : this.others;
    const key = short ? address : `${address}\u0000${deposed}`;
    const first = map.get(key);
    if (first === undefined) map.set(key, position);
    return first;
  }
}

/** A mask shared by entries (SeenEntries.mask), and its tokens. */
interface SharedMask {
  mask: Json;
  tokens: readonly MaskToken[];
}

/**
 * A well-formed mask written out as a list: an object is OPEN_OBJECT, each key (a string) followed by its value,
 * then CLOSE; a list is OPEN_LIST, its values, then CLOSE; a mark is itself (true or false). Keys are strings and
 * nothing else is, so two masks have the same tokens exactly when they have the same JSON text.
 */
type MaskToken = string | boolean | typeof OPEN_OBJECT | typeof OPEN_LIST | typeof CLOSE;
const OPEN_OBJECT = 0;
const OPEN_LIST = 1;
const CLOSE = 2;

/** Appends the tokens of a well-formed mask (maskProblem finds nothing) to `out`. */
function maskTokens(mask: Json, out: MaskToken[]): void {
  if (typeof mask === "boolean") {
    out.push(mask);
    return;
  }
  if (Array.isArray(mask)) {
    out.push(OPEN_LIST);
    for (let i = 0; i < mask.length; i += 1) maskTokens(mask[i] as Json, out);
  } else {
    out.push(OPEN_OBJECT);
    // for...in: a parsed object's own keys in JSON.stringify's order (the prototype has no enumerable key).
    for (const key in mask as JsonObject) {
      out.push(key);
      maskTokens((mask as JsonObject)[key] as Json, out);
    }
  }
  out.push(CLOSE);
}

/**
 * Where the tokens of `mask` end when `tokens` from `at` start with them, or -1 (maskTokens, compared as it walks:
 * the first difference stops it).
 */
function tokensMatch(mask: Json, tokens: readonly MaskToken[], at: number): number {
  if (typeof mask !== "object" || mask === null) return tokens[at] === mask && typeof mask === "boolean" ? at + 1 : -1;
  let next = at + 1;
  if (Array.isArray(mask)) {
    if (tokens[at] !== OPEN_LIST) return -1;
    for (let i = 0; i < mask.length; i += 1) {
      next = tokensMatch(mask[i] as Json, tokens, next);
      if (next < 0) return -1;
    }
  } else {
    if (tokens[at] !== OPEN_OBJECT) return -1;
    for (const key in mask) {
      if (tokens[next] !== key) return -1;
      next = tokensMatch(mask[key] as Json, tokens, next + 1);
      if (next < 0) return -1;
    }
  }
  return tokens[next] === CLOSE ? next + 1 : -1;
}

/** Refuses an entry whose `key` is not a non-empty string. */
function failText(position: number, address: unknown, failPlan: (message: string) => never, key: string, value: Json | undefined): never {
  return failEntry(position, address, failPlan, `${key} is ${value === "" ? "empty" : describeJson(value)}, expected a string`);
}

/**
 * Checks what every entry must have, whatever its type: the fields that decide whether it is judged. What the
 * plan reader reads of a judged entry (an API Gateway-related managed resource); null for any other.
 */
export function readIdentity(item: Json, position: number, seen: SeenEntries, failPlan: (message: string) => never): ChangeEntry | null {
  const change = asObject(item);
  if (change === null) return failPlan(`resource_changes[${position}] is ${describeJson(item)}, expected an object`);
  const address = change["address"];
  // No closure per entry (every entry of `resource_changes` passes here): a message is made on failure.
  if (typeof address !== "string" || address === "") failText(position, address, failPlan, "address", address);
  const type = change["type"];
  if (typeof type !== "string" || type === "") failText(position, address, failPlan, "type", type);
  const name = change["name"];
  if (typeof name !== "string" || name === "") failText(position, address, failPlan, "name", name);
  const mode = change["mode"];
  if (mode !== "managed" && mode !== "data")
    failEntry(position, address, failPlan, `mode is ${JSON.stringify(mode) ?? "missing"}, expected "managed" or "data"`);
  const moduleAddress = change["module_address"];
  if (moduleAddress !== undefined && typeof moduleAddress !== "string")
    failEntry(position, address, failPlan, `module_address is ${describeJson(moduleAddress)}, expected a string`);
  const index = change["index"];
  if (index !== undefined && typeof index !== "string" && typeof index !== "number")
    failEntry(position, address, failPlan, `index is ${describeJson(index)}, expected a string or a number`);
  const deposed = change["deposed"];
  if (deposed !== undefined && typeof deposed !== "string")
    failEntry(position, address, failPlan, `deposed is ${describeJson(deposed)}, expected a string`);
  const first = seen.add(address as string, typeof deposed === "string" ? deposed : "", position);
  if (first !== undefined) failEntry(position, address, failPlan, `duplicate entry (also resource_changes[${first}])`);
  const body = asObject(change["change"]);
  if (body === null) return failEntry(position, address, failPlan, `change is ${describeJson(change["change"])}, expected an object`);
  const actions = body["actions"];
  if (!Array.isArray(actions) || actions.length === 0)
    return failEntry(position, address, failPlan, `change.actions is ${describeJson(actions)}, expected a list of plan actions`);
  for (let i = 0; i < actions.length; i += 1) {
    const action: unknown = actions[i];
    if (typeof action !== "string" || !PLAN_ACTIONS.has(action))
      failEntry(position, address, failPlan, `change.actions holds ${JSON.stringify(action)}, which is not a plan action`);
  }
  for (let i = 1; i < actions.length; i += 1) {
    if (actions.indexOf(actions[i] as Json) !== i)
      failEntry(position, address, failPlan, `change.actions lists an action twice (${JSON.stringify(actions)})`);
  }
  const before = body["before"];
  if (before !== undefined && before !== null && asObject(before) === null)
    failEntry(position, address, failPlan, `before is ${describeJson(before)}, expected an object`);
  const after = body["after"];
  if (after !== undefined && after !== null && asObject(after) === null)
    failEntry(position, address, failPlan, `after is ${describeJson(after)}, expected an object`);
  // Dropped here, checked, with no object made for it: everything that is not an API Gateway-related managed
  // resource (most entries of a big plan). Made for every entry, these objects came from the allocation site of
  // the kept ones, which V8 saw survive and then allocated in the old generation: there the dropped ones were
  // garbage to mark (1M other resources: twice the collection time and +130 MiB peak RSS).
  if (!MODEL_TYPES.has(type as string) || mode === "data") return null;
  return {
    position,
    address: address as string,
    type: type as string,
    name: name as string,
    mode: mode as "managed" | "data",
    moduleAddress: moduleAddress as string | undefined,
    index: index as string | number | undefined,
    before,
    after,
    after_unknown: body["after_unknown"],
    after_sensitive: body["after_sensitive"],
    before_sensitive: body["before_sensitive"],
    actions: actions as PlanAction[],
    failPlan,
  };
}

/**
 * Checks a mask (`after_unknown`, `after_sensitive`, `before_sensitive`): booleans, lists and objects of
 * masks. `name` is the mask's path for the message. At the top, `true` (the whole object) is not a shape
 * Terraform writes for a managed resource and would mark no attribute: refused.
 */
function checkMask(mask: Json | undefined, name: string, fail: (message: string) => never): void {
  if (mask === undefined || mask === false || (typeof mask === "object" && mask !== null && SHARED_MASKS.has(mask))) return; // checked when shared
  const problem = maskProblem(mask, true);
  if (problem !== null) fail(`${name}${problem}`);
}

/**
 * What is wrong in a mask, after where (`.a[0] is ...`), or null: the path is spelled out only for a
 * mask that is wrong (every entry has three masks to check).
 */
function maskProblem(mask: Json | undefined, top: boolean): string | null {
  if (mask === undefined) return null;
  if (typeof mask === "boolean") return top && mask ? " is true, expected an object of attribute masks" : null;
  if (Array.isArray(mask)) {
    if (top) return ` is ${describeJson(mask)}, expected an object`;
    for (let i = 0; i < mask.length; i += 1) {
      const problem = maskProblem(mask[i], false);
      if (problem !== null) return `[${i}]${problem}`;
    }
    return null;
  }
  const object = asObject(mask);
  if (object === null) return ` is ${describeJson(mask)}, expected true, false, a list or an object`;
  for (const key of Object.keys(object)) {
    const problem = maskProblem(object[key], false);
    if (problem !== null) return `.${key}${problem}`;
  }
  return null;
}

/** What an instance holds beyond what names it. */
type InstanceContent = Omit<ResourceInstance, "address" | "type" | "name" | "module_address" | "index" | "actions" | "source">;

/**
 * An instance: what names it and says what the plan does to it (alike on the after and the before side),
 * then its content. One object literal with every field, not spreads: V8 then gives all instances one
 * compact layout.
 */
function instanceOf(entry: ChangeEntry, moduleAddress: string, source: SourceLocation, content: InstanceContent): ResourceInstance {
  const index = entry.index;
  return {
    address: entry.address,
    type: entry.type,
    name: entry.name,
    module_address: moduleAddress,
    index: typeof index === "string" || typeof index === "number" ? index : null,
    actions: entry.actions,
    source,
    values: content.values,
    unknown: content.unknown,
    sensitive: content.sensitive,
    references: content.references,
    literals: content.literals,
    configured: content.configured,
  };
}

function readResourceChange(entry: ChangeEntry, context: ReadContext): ResourceInstance | null {
  const { type, name, actions } = entry;
  const body: ChangeBody = entry;
  const { configuration } = context;
  // Only what exists after apply is judged: a pure delete (or forget) leaves nothing behind.
  if (!actions.includes("create") && !actions.includes("update") && !actions.includes("no-op")) return null;

  const moduleAddress = entry.moduleAddress ?? "";
  const steps = moduleSteps(context, moduleAddress);
  if (steps === null) failEntry(entry.position, entry.address, entry.failPlan, `malformed module_address ${JSON.stringify(moduleAddress)}`);
  const after = asObject(body["after"] ?? null);
  if (after === null) {
    failEntry(
      entry.position,
      entry.address,
      entry.failPlan,
      `after is ${describeJson(body["after"])}, expected an object (the resource's values after ${actions.join("/")})`,
    );
  }
  const config = configuration.resource(steps as ModuleStep[], `${type}.${name}`);
  const walk = config?.walk ?? null;
  // Every expression's references resolved once for this instance, in the walk's order (unknown values ask again).
  const resolved = walk === null ? NO_RESOLUTIONS : walk.expressions.map((e) => configuration.resolve(e.references, steps as ModuleStep[]));
  // The masks are checked as they are read (checkMask names what is wrong), in this order.
  const unknownMask = body["after_unknown"];
  const leaves = unknownLeaves(context, config, unknownMask) ?? failMask(entry, unknownMask, "after_unknown");
  const unknown: UnknownValue[] = [];
  for (let i = 0; i < leaves.length; i += 1) {
    const leaf = leaves[i] as UnknownLeaf;
    if (leaf.value !== null) unknown.push(leaf.value);
    // `policy = var.policy` where the variable is null: Terraform cannot tell the provider computes
    // nothing, so the plan says unknown, but the attribute is unset.
    else if (!configuration.onlyNullVariables(leaf.references, steps as ModuleStep[]))
      unknown.push((resolved[leaf.position] as readonly ResolvedReference[]).length > 0 ? leaf.set : leaf.unset);
  }
  const sensitiveMask = body["after_sensitive"];
  const sensitive = markedPaths(context, sensitiveMask) ?? failMask(entry, sensitiveMask, "after_sensitive");
  const priorMask = body["before_sensitive"];
  if (priorMask !== undefined && priorMask !== false)
    checkMask(priorMask, "before_sensitive", (message) => failEntry(entry.position, entry.address, entry.failPlan, message));
  const afterValues = values(context, after as JsonObject, unknown);

  return instanceOf(entry, moduleAddress, context.source, {
    values: afterValues,
    unknown,
    sensitive,
    references: walk === null ? compactRecord<ResolvedReference[]>(NO_ENTRIES) : resolveExpressions(walk, resolved),
    literals: walk === null ? [] : walk.literals.slice(),
    // Shared by the instances of a configuration resource: frozen (see walkExpressions).
    configured: walk === null ? null : (walk.configured as string[]),
  });
}

const NO_RESOLUTIONS: ReadonlyArray<readonly ResolvedReference[]> = Object.freeze([]);

/**
 * What existed before apply, for reviewing the change: `change.before` of an update, a replace, a no-op
 * and a delete; a create has none. Before values are state, so fully known; their links are found from the
 * IDs and ARNs they hold, never from the configuration, which describes the after side (a deleted resource
 * is not in it at all, and an edited one may point elsewhere now). What configuration sets is kept, so that
 * attributes another resource writes (`configuredOnly`) are read alike on both sides.
 */
function readBefore(entry: ChangeEntry, context: ReadContext): ResourceInstance | null {
  const { type, name, actions } = entry;
  const body: ChangeBody = entry;
  const fail = (message: string): never => failEntry(entry.position, entry.address, entry.failPlan, message);
  const { configuration } = context;
  if (!actions.includes("update") && !actions.includes("no-op") && !actions.includes("delete")) return null;
  const prior = asObject(body["before"] ?? null);
  if (prior === null)
    return fail(`before is ${describeJson(body["before"])}, expected an object (the resource's values before ${actions.join("/")})`);
  const sensitiveMask = body["before_sensitive"];
  const sensitive = markedPaths(context, sensitiveMask) ?? failMask(entry, sensitiveMask, "before_sensitive");
  const moduleAddress = entry.moduleAddress ?? "";
  const steps = moduleSteps(context, moduleAddress);
  const config = steps === null ? null : configuration.resource(steps, `${type}.${name}`);
  return instanceOf(entry, moduleAddress, context.source, {
    values: values(context, prior, NO_UNKNOWN),
    unknown: [],
    sensitive,
    references: compactRecord<ResolvedReference[]>(NO_ENTRIES),
    literals: [],
    configured: config === null ? null : (config.walk.configured as string[]),
  });
}

/**
 * Reads a mask (`after_sensitive`, `before_sensitive`): the paths it marks true go to `out`. False when the mask
 * is not one (see maskProblem; checkMask then says what is wrong): checked as it is read.
 */
function readMarked(mask: Json | undefined, out: ValuePath[]): boolean {
  if (mask === undefined || mask === false) return true;
  if (typeof mask !== "object" || mask === null || Array.isArray(mask)) return false;
  return markedIn(mask, [], out);
}

/** The marks below an object or a list of a mask (path: a stack the walk shares; copied where a mark is recorded). */
function markedIn(mask: JsonObject | Json[], path: ValuePath, out: ValuePath[]): boolean {
  if (Array.isArray(mask)) {
    for (let i = 0; i < mask.length; i += 1) if (!markedAt(mask[i] as Json, i, path, out)) return false;
    return true;
  }
  // for...in, not Object.keys: no list per object (a parsed object's own keys, in the same order).
  for (const key in mask) if (!markedAt(mask[key] as Json, key, path, out)) return false;
  return true;
}

function markedAt(m: Json, step: string | number, path: ValuePath, out: ValuePath[]): boolean {
  if (m === false) return true;
  if (m === true) {
    path.push(step);
    out.push(path.slice());
    path.pop();
    return true;
  }
  if (typeof m !== "object" || m === null) return false;
  path.push(step);
  const ok = markedIn(m, path, out);
  path.pop();
  return ok;
}

/**
 * The paths a sensitivity mask marks (one list for every entry that shares the mask: only read), or null when
 * it is not a mask.
 */
function markedPaths(context: ReadContext, mask: Json | undefined): ValuePath[] | null {
  const shared = typeof mask === "object" && mask !== null && SHARED_MASKS.has(mask);
  if (shared) {
    const known = context.marked.get(mask);
    if (known !== undefined) return known as ValuePath[];
  }
  const out: ValuePath[] = [];
  if (!readMarked(mask, out)) return null;
  if (shared) {
    // Shared by every entry with this mask: frozen, so what one instance's reader changes cannot reach another.
    for (const path of out) Object.freeze(path);
    context.marked.set(mask, Object.freeze(out));
  }
  return out;
}

/** Refuses the plan for a mask the readers above found malformed, with checkMask's message. */
function failMask(entry: ChangeEntry, mask: Json | undefined, name: string): never {
  const fail = (message: string): never => failEntry(entry.position, entry.address, entry.failPlan, message);
  checkMask(mask, name, fail);
  return fail(`${name} is not a mask`);
}

/**
 * Finds the configuration node for a value path: blocks are lists of bodies, attributes are expressions.
 * Elements of a repeated block are tried at the same position first, then at every other position: blocks
 * that are sets (`aws_wafv2_web_acl.rule`) come out of the provider in another order than they were written.
 */
function expressionAt(node: Json | undefined, path: ValuePath, at = 0): JsonObject | null {
  if (node === null || node === undefined) return null;
  const step = path[at];
  if (Array.isArray(node)) {
    if (typeof step !== "number") return null;
    const same = expressionAt(node[step], path, at + 1);
    if (same !== null) return same;
    for (const [i, element] of node.entries()) {
      if (i === step) continue;
      const other = expressionAt(element, path, at + 1);
      if (other !== null) return other;
    }
    return null;
  }
  const object = asObject(node);
  if (object === null) return null;
  if (isExpression(object)) return object; // a whole-attribute expression covers every path below it
  if (step === undefined) return null;
  return typeof step === "string" ? expressionAt(object[step], path, at + 1) : null;
}

const NO_REFERENCES: string[] = Object.freeze([]) as unknown as string[];
const NO_UNKNOWN: readonly UnknownValue[] = Object.freeze([]);

/**
 * A value an `after_unknown` mask marks, as configuration resource `config` says it whatever the module
 * instance: `value`, or (null) an expression with references, which the instance resolves (position in the
 * walk): `set` when they name a resource, `unset` when not. The values are shared by every instance (only read).
 */
type UnknownLeaf =
  | { value: UnknownValue; position: -1; references: readonly string[]; set: null; unset: null }
  | { value: null; position: number; references: readonly string[]; set: UnknownValue; unset: UnknownValue };

/**
 * An unknown value shared by the instances that read one mask: frozen (with its lists), so what one instance's
 * reader changes cannot reach another.
 */
function frozenValue(path: ValuePath, set: boolean, references: string[], configured: boolean): UnknownValue {
  return Object.freeze({ path: Object.freeze(path) as ValuePath, set, references: Object.freeze(references) as string[], configured });
}

/**
 * What a mask says (see UnknownLeaf), in the mask's order; null when it is not a mask. Read once per shared mask
 * and configuration resource.
 */
function unknownLeaves(context: ReadContext, config: ConfigResource | null, mask: Json | undefined): readonly UnknownLeaf[] | null {
  const shared = typeof mask === "object" && mask !== null && SHARED_MASKS.has(mask);
  let byMask: Map<Json, readonly UnknownLeaf[]> | undefined;
  if (shared) {
    byMask = context.unknownLeaves.get(config);
    if (byMask === undefined) {
      byMask = new Map();
      context.unknownLeaves.set(config, byMask);
    }
    const known = byMask.get(mask);
    if (known !== undefined) return known;
  }
  const leaves: UnknownLeaf[] = [];
  if (!new UnknownLeaves(config, leaves).read(mask)) return null;
  byMask?.set(mask as Json, leaves);
  return leaves;
}

/**
 * Reads an `after_unknown` mask into UnknownLeaf entries, walking it with a path stack it shares (copied where a
 * value is recorded).
 */
class UnknownLeaves {
  private readonly path: ValuePath = [];
  private readonly expressions: JsonObject | null;
  /** Whether the resource's whole `expressions` is one expression (then it covers every path). */
  private readonly whole: boolean;

  constructor(
    private readonly config: ConfigResource | null,
    private readonly out: UnknownLeaf[],
  ) {
    this.expressions = config === null ? null : config.expressions;
    this.whole = this.expressions !== null && isExpression(this.expressions);
  }

  /** Reads the mask; false when it is not one (see maskProblem): checked as it is read. */
  read(mask: Json | undefined): boolean {
    if (mask === undefined || mask === false) return true;
    if (typeof mask !== "object" || mask === null || Array.isArray(mask)) return false;
    return this.below(mask);
  }

  private below(mask: JsonObject | Json[]): boolean {
    if (Array.isArray(mask)) {
      for (let i = 0; i < mask.length; i += 1) if (!this.at(mask[i] as Json, i)) return false;
      return true;
    }
    // for...in, not Object.keys: no list per object (a parsed object's own keys, in the same order).
    for (const key in mask) if (!this.at(mask[key] as Json, key)) return false;
    return true;
  }

  private at(m: Json, step: string | number): boolean {
    if (m === false) return true;
    if (m !== true && (typeof m !== "object" || m === null)) return false;
    this.path.push(step);
    let ok = true;
    if (m === true) this.unknownAt(this.path);
    else ok = this.below(m);
    this.path.pop();
    return ok;
  }

  /** The configuration node for a path (expressionAt), without a walk for a top-level attribute. */
  private expressionFor(expressions: JsonObject, path: ValuePath): JsonObject | null {
    if (path.length !== 1) return expressionAt(expressions, path);
    if (this.whole) return expressions;
    const top = path[0];
    if (typeof top !== "string") return null;
    const node = expressions[top];
    if (node === undefined || node === null || typeof node !== "object" || Array.isArray(node)) return null;
    return isExpression(node) ? node : null;
  }

  private fixed(value: UnknownValue): void {
    this.out.push({ value, position: -1, references: NO_REFERENCES, set: null, unset: null });
  }

  private unknownAt(path: ValuePath): void {
    const { config, expressions } = this;
    // Without any configuration (an old plan) the value is simply unknown.
    if (config === null || expressions === null) {
      this.fixed(frozenValue(path.slice(), false, NO_REFERENCES, true));
      return;
    }
    const expression = this.expressionFor(expressions, path);
    if (expression === null) {
      // Inside a configured block but not configured itself: unset (the provider's default). A whole
      // top-level attribute or block absent from configuration is left to the model builder to decide.
      const top = path[0];
      if (typeof top === "string" && !Object.hasOwn(expressions, top)) this.fixed(frozenValue(path.slice(), false, NO_REFERENCES, false));
      return;
    }
    // The walk lists every expression with references (checked): any other has none.
    const position = config.walk.positions.get(expression);
    if (position === undefined) {
      this.fixed(frozenValue(path.slice(), false, NO_REFERENCES, true));
      return;
    }
    const references = Object.freeze((config.walk.expressions[position] as { references: readonly string[] }).references) as string[];
    const at = Object.freeze(path.slice()) as ValuePath;
    this.out.push({
      value: null,
      position,
      references,
      set: frozenValue(at, true, references, true),
      unset: frozenValue(at, false, references, true),
    });
  }
}

/** Sets the value at `path` to null (Terraform leaves unknown values out of `after`); never walks into a prototype. */
function deletePath(values: JsonObject, path: ValuePath): void {
  let node: Json | undefined = values;
  for (let i = 0; i < path.length - 1; i += 1) {
    const step = path[i];
    if (node === null || typeof node !== "object" || step === undefined) return;
    node = Array.isArray(node)
      ? typeof step === "number"
        ? node[step]
        : undefined
      : typeof step === "string" && Object.hasOwn(node, step)
        ? node[step]
        : undefined;
  }
  const last = path[path.length - 1];
  if (node === null || node === undefined || typeof node !== "object" || last === undefined) return;
  if (Array.isArray(node)) {
    if (typeof last === "number" && last < node.length) node[last] = null;
  } else if (typeof last === "string") {
    // An own key even when it is `__proto__` (which, assigned, would set an ordinary object's prototype).
    if (last === "__proto__") Object.defineProperty(node, last, { value: null, writable: true, enumerable: true, configurable: true });
    else node[last] = null;
  }
}

/**
 * A record (no prototype) of a map's entries. `record()` gives a hash table per object (V8's dictionary
 * mode, ~200 bytes empty); an object literal filled key by key (`__proto__` defined as an own key, never
 * assigned, which would set the prototype) then given a null prototype keeps V8's compact layout. Every
 * instance has one (Object.fromEntries gives the same object, through the iterator protocol: slower).
 */
function compactRecord<T>(entries: Map<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [key, value] of entries) {
    if (key === "__proto__") Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
    else out[key] = value;
  }
  Object.setPrototypeOf(out, null);
  return out;
}

const NO_ENTRIES = new Map<string, never>();

/**
 * A resource's configuration expressions for one instance (each resolved, by its position in the walk):
 * resolved references per dotted attribute path (without list indices, and with them inside repeated blocks).
 */
function resolveExpressions(walk: ExpressionWalk, resolved: ReadonlyArray<readonly ResolvedReference[]>): Record<string, ResolvedReference[]> {
  const references = new Map<string, ResolvedReference[]>();
  const add = (key: string, list: readonly ResolvedReference[]): void => {
    const previous = references.get(key);
    references.set(key, previous === undefined ? list.slice() : previous.concat(list));
  };
  for (let i = 0; i < walk.expressions.length; i += 1) {
    const list = resolved[i] as readonly ResolvedReference[];
    if (list.length === 0) continue;
    const expression = walk.expressions[i] as ExpressionWalk["expressions"][number];
    add(expression.path, list);
    if (expression.indexed !== null) add(expression.indexed, list);
  }
  return compactRecord(references);
}
