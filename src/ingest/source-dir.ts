/**
 * `--source-dir DIR`: a stage of its own after the read, for any plan input (plan JSON, a binary plan read
 * with terraform show, standard input), whichever adapter read it. The plan stays the authority on values,
 * and the Terraform source adds what the plan cannot say.
 * - Where: every instance gets the file and line of its resource block (`source.file` relative to the
 *   source directory, `source.line`, `source.kind` "plan+source"), matched by configuration address
 *   (module path and resource, without instance keys).
 * - What the source proves about values the plan left unknown:
 *   - a resource policy written with `jsonencode` (or `aws_iam_policy_document`) whose only unknown part
 *     is a statement's Resource (typically the API's own execution ARN): its principals, actions and
 *     conditions are known, so it is judged;
 *   - references the plan's `configuration` section loses (through `local` values, or with dynamic
 *     instance keys): an association whose `resource_arn = local.stage_arn` links to its stage, and an
 *     unknown attribute that comes from a managed resource is known to be set.
 *   Values the plan knows are never replaced.
 */
import { statSync } from "node:fs";
import { PolicyCheckError } from "../errors";
import { isResourceType, SPECS } from "../model/spec";
import { parseModuleAddress } from "../terraform/addresses";
import type { IngestResult, ResolvedReference, ResourceInstance, ValuePath, WaiverComment } from "./types";
import { type ModuleConfig, toPosix } from "./hcl/config";
import { readHclSource } from "./hcl/hcl";

/** `module.a["x"].module.b[0]` + `aws_x.y` → `module.a.module.b.aws_x.y`: the block, whatever the instance. */
export function configAddress(moduleAddress: string, type: string, name: string): string | null {
  const steps = parseModuleAddress(moduleAddress);
  if (steps === null) return null;
  return [...steps.map((s) => `module.${s.name}`), `${type}.${name}`].join(".");
}

/** Every managed resource block of a configuration by configuration address. */
function blockLocations(root: ModuleConfig): Map<string, { file: string; line: number; waiverComments?: WaiverComment[] }> {
  const out = new Map<string, { file: string; line: number; waiverComments?: WaiverComment[] }>();
  const visit = (module: ModuleConfig, prefix: string, depth: number): void => {
    if (depth > 32) return;
    for (const r of module.resources.values())
      out.set(`${prefix}${r.type}.${r.name}`, {
        file: r.file,
        line: r.line,
        ...(r.waiverComments === undefined ? {} : { waiverComments: r.waiverComments }),
      });
    for (const call of module.calls.values()) {
      if (call.module !== null) visit(call.module, `${prefix}module.${call.name}.`, depth + 1);
    }
  };
  visit(root, "", 0);
  return out;
}

function namesOnly(valuePath: ValuePath): string {
  return valuePath.filter((s): s is string => typeof s === "string").join(".");
}

/** Policies the source renders although the plan could not (see renderPartialPolicy). */
function provenPolicies(planned: ResourceInstance, source: ResourceInstance): string[] {
  if (!isResourceType(planned.type)) return [];
  const proven: string[] = [];
  for (const attribute of SPECS[planned.type].policies ?? []) {
    const plannedUnknown = planned.unknown.some((u) => u.configured && u.path[0] === attribute);
    const sourceValue = source.values[attribute];
    const sourceUnknown = source.unknown.some((u) => u.path[0] === attribute);
    if (plannedUnknown && typeof sourceValue === "string" && !sourceUnknown) proven.push(attribute);
  }
  return proven;
}

function enrichInstance(
  planned: ResourceInstance,
  source: ResourceInstance | undefined,
  location: { file: string; line: number; waiverComments?: WaiverComment[] } | undefined,
): ResourceInstance {
  const out: ResourceInstance = { ...planned };
  // Relative to the source directory, as an HCL scan of it reports; reports join it with the run's source_dir.
  if (location !== undefined) out.source = { ...planned.source, kind: "plan+source", file: toPosix(location.file), line: location.line };
  // `# policy-check:waive` comments in the source waive the plan's findings too (src/config/waivers.ts).
  if (location?.waiverComments !== undefined) out.waiver_comments = location.waiverComments;
  if (source === undefined) return out;
  const proven = provenPolicies(planned, source);
  if (proven.length > 0) {
    out.values = { ...planned.values };
    for (const attribute of proven) out.values[attribute] = source.values[attribute] ?? null;
    out.unknown = planned.unknown.filter((u) => !(typeof u.path[0] === "string" && proven.includes(u.path[0])));
  }
  // References the plan lost: added only where the plan has none for that attribute.
  const references: Record<string, ResolvedReference[]> = { ...planned.references };
  let added = false;
  for (const [key, refs] of Object.entries(source.references)) {
    if ((references[key] ?? []).length > 0 || refs.length === 0) continue;
    references[key] = refs;
    added = true;
  }
  if (added) {
    out.references = references;
    out.unknown = out.unknown.map((u) => (!u.set && u.configured && (references[namesOnly(u.path)] ?? []).length > 0 ? { ...u, set: true } : u));
  }
  return out;
}

/** Adds file/line and source-proven facts to a plan's instances (see the module comment). */
export function enrichFromSource(ingest: IngestResult, dir: string | undefined): IngestResult {
  if (dir === undefined) return ingest;
  if (ingest.kind !== "plan") {
    throw new PolicyCheckError("USAGE", "--source-dir applies only to a plan input (its Terraform source directory)", { input: ingest.file });
  }
  let isDirectory = false;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch {
    isDirectory = false;
  }
  if (!isDirectory) throw new PolicyCheckError("INPUT_NOT_FOUND", "no such directory (--source-dir)", { input: dir });
  const { result, root } = readHclSource(dir);
  const locations = blockLocations(root);
  const byAddress = new Map(result.instances.map((i) => [i.address, i]));
  return {
    ...ingest,
    instances: ingest.instances.map((planned) => {
      const key = configAddress(planned.module_address, planned.type, planned.name);
      return enrichInstance(planned, byAddress.get(planned.address), key === null ? undefined : locations.get(key));
    }),
  };
}
