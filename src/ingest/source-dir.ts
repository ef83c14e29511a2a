/**
 * `--source-dir DIR`: a stage of its own after the read, for any plan input (plan JSON, a binary plan read
 * with terraform show, standard input), whichever adapter read it. The plan stays the authority on values,
 * and the Terraform source adds what the plan cannot say.
 * - Where: every instance gets the file and line of its resource block (`source.file` relative to the
 *   source directory, `source.line`, `source.kind` "plan+source"), matched by configuration address
 *   (module path and resource, without instance keys).
 * - What the source proves about values the plan left unknown:
 *   - what is known of a value known in part (src/model/partial.ts): a resource policy or OpenAPI body written
 *     with `jsonencode` or as heredoc JSON whose unknown parts are a few leaves (an execution ARN, a VPC
 *     endpoint ID, an integration URI), a URL whose scheme is literal, an ARN attribute; the model then
 *     judges the known part;
 *   - `dynamic` blocks, which plans leave out of their configuration: the source evaluates their
 *     `for_each` and content, so a block whose unknown leaves come from managed resources is set;
 *   - references the plan's `configuration` section loses (through `local` values, or with dynamic
 *     instance keys): an association whose `resource_arn = local.stage_arn` links to its stage, and an
 *     unknown attribute that comes from a managed resource is known to be set.
 *   Values the plan knows are never replaced.
 */
import { statSync } from "node:fs";
import { PolicyCheckError } from "../errors";
import { parseModuleAddress } from "../terraform/addresses";
import type { IngestResult, ResolvedReference, ResourceInstance, UnknownValue, ValuePath, WaiverComment } from "./types";
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

/**
 * The plan's unknown values with what the source shows of each (matched by path): its partial text, that it
 * is set, and that configuration writes it (a `dynamic` block's content, which the plan's configuration omits).
 */
function enrichUnknown(planned: ResourceInstance, source: ResourceInstance): UnknownValue[] {
  const fromSource = new Map(source.unknown.map((u) => [u.path.join("."), u]));
  // What the plan marks sensitive keeps its known parts out of the model, as the source scan does.
  const sensitive = (path: ValuePath): boolean => planned.sensitive.some((s) => s.every((step, i) => path[i] === step));
  return planned.unknown.map((u) => {
    const seen = fromSource.get(u.path.join("."));
    if (seen === undefined) return u;
    const partial = u.partial ?? (sensitive(u.path) ? undefined : seen.partial);
    return {
      ...u,
      configured: u.configured || seen.configured,
      set: u.set || seen.set,
      references: u.references.length > 0 ? u.references : seen.references,
      ...(partial === undefined ? {} : { partial }),
    };
  });
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
  out.unknown = enrichUnknown(planned, source);
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
