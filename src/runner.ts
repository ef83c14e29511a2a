/**
 * The runner: input → adapter → typed model → WASM engine → findings joined with rule metadata.
 * The CLI only reads flags, calls this, picks a formatter and computes the exit code.
 */
import { PolicyEngine } from "./engine/engine";
import type { Severity } from "./engine/severity";
import { PolicyCheckError } from "./errors";
import { compareFindings, summarize, type CheckResult, type Finding } from "./findings";
import { readInput, defaultReadStdin } from "./ingest";
import { buildModel } from "./model/build";
import { REDACTED, type AnyEntity, type Model } from "./model/types";

export interface CheckOptions {
  /** Path to the input, or `-` for standard input. */
  input: string;
  failOn: Severity;
  /** Evaluate only these rule IDs (all when empty or absent). */
  rules?: readonly string[];
  engine?: PolicyEngine;
  readStdin?: () => string;
}

export function modelEntities(model: Model): AnyEntity[] {
  return Object.values(model.resources).flat() as AnyEntity[];
}

/** Sensitive string values the model kept to judge them (enum attributes); never printed. */
function sensitiveStrings(entity: AnyEntity): string[] {
  const out: string[] = [];
  for (const path of entity.sensitive) {
    let node: unknown = entity.values;
    for (const step of path.split(".")) node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[step] : undefined;
    if (typeof node === "string" && node !== REDACTED && node.length > 0) out.push(node);
  }
  return out;
}

function scrub(message: string, secrets: readonly string[]): string {
  return secrets.reduce((text, secret) => text.split(secret).join(REDACTED), message);
}

export async function check(options: CheckOptions): Promise<CheckResult> {
  const engine = options.engine ?? (await PolicyEngine.load());
  const known = new Map(engine.rules.map((r) => [r.id, r]));
  const selected = new Set(options.rules ?? []);
  for (const id of selected) {
    if (!known.has(id)) throw new PolicyCheckError("USAGE", `unknown rule ID ${id} (see the rule table in the README)`);
  }
  const model = buildModel(readInput(options.input, options.readStdin ?? defaultReadStdin));
  const entities = modelEntities(model);
  const byAddress = new Map(entities.map((e) => [e.address, e]));
  const findings: Finding[] = [];
  const secrets = new Map(entities.map((e) => [e.address, sensitiveStrings(e)]));
  for (const raw of await engine.evaluate(model)) {
    if (selected.size > 0 && !selected.has(raw.rule_id)) continue;
    const rule = known.get(raw.rule_id);
    if (rule === undefined) throw new PolicyCheckError("EVALUATION", `a rule returned unknown rule ID ${raw.rule_id}`);
    findings.push({
      rule_id: raw.rule_id,
      severity: raw.severity,
      title: rule.title,
      address: raw.address,
      message: scrub(raw.message, secrets.get(raw.address) ?? []),
      remediation: rule.remediation,
      unknown: raw.unknown,
      source: byAddress.get(raw.address)?.source ?? null,
    });
  }
  findings.sort(compareFindings);
  return {
    version: engine.catalog.version,
    input: options.input,
    findings,
    summary: summarize(findings, entities.length, options.failOn),
  };
}
