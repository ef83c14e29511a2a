/**
 * The `configuration` section of a plan: per-module resource expressions, and resolution of their
 * `references` (module-relative strings) to absolute managed-resource addresses through module variables
 * and outputs. Built once per plan; every lookup is a map access.
 */
import { formatModuleAddress, joinAddress, parseReference, type ModuleStep } from "../addresses";
import type { Json, JsonObject, ResolvedReference } from "../types";

export interface ConfigResource {
  address: string;
  mode: string;
  type: string;
  name: string;
  expressions: JsonObject;
}

interface ConfigModule {
  resources: Map<string, ConfigResource>;
  calls: Map<string, ConfigModuleCall>;
  outputs: Map<string, JsonObject>;
  /** Variables declared with `default = null` (or given null by the caller, see isNullVariable). */
  nullDefaults: Set<string>;
}

interface ConfigModuleCall {
  expressions: JsonObject;
  module: ConfigModule;
  repeated: boolean;
}

function asObject(value: unknown): JsonObject | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as JsonObject) : null;
}

function readModule(raw: JsonObject | null): ConfigModule {
  const module: ConfigModule = { resources: new Map(), calls: new Map(), outputs: new Map(), nullDefaults: new Set() };
  if (raw === null) return module;
  const resources = raw["resources"];
  if (Array.isArray(resources)) {
    for (const item of resources) {
      const r = asObject(item);
      if (r === null || typeof r["address"] !== "string") continue;
      module.resources.set(r["address"], {
        address: r["address"],
        mode: typeof r["mode"] === "string" ? r["mode"] : "managed",
        type: typeof r["type"] === "string" ? r["type"] : "",
        name: typeof r["name"] === "string" ? r["name"] : "",
        expressions: asObject(r["expressions"]) ?? {},
      });
    }
  }
  for (const [name, value] of Object.entries(asObject(raw["module_calls"]) ?? {})) {
    const call = asObject(value);
    if (call === null) continue;
    module.calls.set(name, {
      expressions: asObject(call["expressions"]) ?? {},
      module: readModule(asObject(call["module"])),
      repeated: call["count_expression"] !== undefined || call["for_each_expression"] !== undefined,
    });
  }
  for (const [name, value] of Object.entries(asObject(raw["variables"]) ?? {})) {
    const variable = asObject(value);
    if (variable !== null && "default" in variable && variable["default"] === null) module.nullDefaults.add(name);
  }
  for (const [name, value] of Object.entries(asObject(raw["outputs"]) ?? {})) {
    const output = asObject(value);
    const expression = output === null ? null : asObject(output["expression"]);
    if (expression !== null) module.outputs.set(name, expression);
  }
  return module;
}

/** True when a configuration node is an expression (`{references, constant_value}`) rather than a block body. */
export function isExpression(node: JsonObject): boolean {
  return "references" in node || "constant_value" in node || Object.keys(node).length === 0;
}

export function expressionReferences(node: Json | undefined): string[] {
  const expression = asObject(node);
  const refs = expression === null ? undefined : expression["references"];
  return Array.isArray(refs) ? refs.filter((r): r is string => typeof r === "string") : [];
}

const MAX_DEPTH = 16;

export class PlanConfiguration {
  private readonly root: ConfigModule;
  /** Root variables whose value in this plan is null. */
  private readonly nullRootVariables = new Set<string>();

  constructor(raw: unknown, variables?: unknown) {
    const configuration = asObject(raw);
    this.root = readModule(configuration === null ? null : asObject(configuration["root_module"]));
    for (const [name, value] of Object.entries(asObject(variables) ?? {})) {
      const variable = asObject(value);
      if (variable !== null && variable["value"] === null) this.nullRootVariables.add(name);
    }
  }

  /**
   * True when `var.name` is null in module instance `steps`: a root variable whose plan value is null, or a
   * module variable the call leaves out (or sets to the literal null) whose default is null.
   */
  isNullVariable(steps: readonly ModuleStep[], name: string): boolean {
    if (steps.length === 0) return this.nullRootVariables.has(name);
    const last = steps[steps.length - 1];
    const call = last === undefined ? undefined : this.moduleAt(steps.slice(0, -1))?.calls.get(last.name);
    if (call === undefined) return false;
    const argument = asObject(call.expressions[name]);
    if (argument === null) return call.module.nullDefaults.has(name);
    return "constant_value" in argument && argument["constant_value"] === null;
  }

  /** True when an expression only reads variables that are null: the attribute is unset, not unknown. */
  onlyNullVariables(references: readonly string[], steps: readonly ModuleStep[]): boolean {
    if (references.length === 0) return false;
    return references.every((text) => {
      const ref = parseReference(text);
      return ref?.kind === "variable" && this.isNullVariable(steps, ref.name);
    });
  }

  private moduleAt(steps: readonly ModuleStep[]): ConfigModule | null {
    let module: ConfigModule | undefined = this.root;
    for (const step of steps) {
      module = module.calls.get(step.name)?.module;
      if (module === undefined) return null;
    }
    return module;
  }

  /** The configuration of a resource in a module instance (`aws_api_gateway_stage.this`). */
  resource(steps: readonly ModuleStep[], configAddress: string): ConfigResource | null {
    return this.moduleAt(steps)?.resources.get(configAddress) ?? null;
  }

  /**
   * Resolves configuration references written in module instance `steps` to managed resources, following
   * `var.x` up to the module call's argument and `module.m.out` down to the output's expression.
   */
  resolve(references: readonly string[], steps: readonly ModuleStep[], depth = 0): ResolvedReference[] {
    if (depth > MAX_DEPTH) return [];
    const out: ResolvedReference[] = [];
    const seen = new Set<string>();
    const add = (ref: ResolvedReference): void => {
      const id = `${ref.base}#${ref.key === undefined ? "" : String(ref.key)}`;
      if (seen.has(id)) return;
      seen.add(id);
      out.push(ref);
    };
    // Terraform lists a traversal and its prefixes (`aws_x.y[0].id`, `aws_x.y[0]`, `aws_x.y`): keep the
    // most specific resource reference only, so an indexed reference is not widened to every instance.
    const keyed = new Set<string>();
    const parsed = references.map((text) => parseReference(text));
    for (const ref of parsed) {
      if (ref?.kind === "resource" && ref.key !== undefined) keyed.add(`${ref.type}.${ref.name}`);
    }
    for (const ref of parsed) {
      if (ref === null) continue;
      switch (ref.kind) {
        case "resource": {
          if (ref.key === undefined && keyed.has(`${ref.type}.${ref.name}`)) break;
          const base = joinAddress(formatModuleAddress(steps), `${ref.type}.${ref.name}`);
          add(ref.key === undefined ? { base } : { base, key: ref.key });
          break;
        }
        case "variable": {
          if (steps.length === 0) break; // root variables are known values, never resources
          const parentSteps = steps.slice(0, -1);
          const last = steps[steps.length - 1];
          const call = last === undefined ? undefined : this.moduleAt(parentSteps)?.calls.get(last.name);
          const argument = call?.expressions[ref.name];
          for (const r of this.resolve(expressionReferences(argument), parentSteps, depth + 1)) add(r);
          break;
        }
        case "module": {
          if (ref.output === undefined) break;
          const call = this.moduleAt(steps)?.calls.get(ref.name);
          if (call === undefined) break;
          // `module.m.out` on a module with count/for_each names every instance: the key is not known here.
          if (call.repeated && ref.key === undefined) break;
          const expression = call.module.outputs.get(ref.output);
          const childStep: ModuleStep = ref.key === undefined ? { name: ref.name } : { name: ref.name, key: ref.key };
          for (const r of this.resolve(expressionReferences(expression ?? undefined), [...steps, childStep], depth + 1)) {
            add(r);
          }
          break;
        }
        case "other":
          break;
      }
    }
    return out;
  }
}
