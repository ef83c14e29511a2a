/**
 * What the configuration does around evaluation (the runner calls these): rule parameters become Rego data;
 * `enabled`, `severity`, `only_changed` and the include/exclude globs select and adjust findings in TypeScript,
 * so the policies stay untouched.
 */
import { PolicyCheckError } from "../errors";
import type { InvalidParam } from "../engine/engine";
import type { Finding } from "../findings";
import type { PlanAction } from "../model/types";
import type { Config } from "./config";
import { Wildcard } from "../wildcard";

/** Names configured rule IDs and waiver rules the bundle does not have, with their line (exit 2). */
export function checkRuleIds(config: Config, known: ReadonlySet<string>): void {
  for (const id of Object.keys(config.rules)) {
    if (!known.has(id)) {
      throw new PolicyCheckError("USAGE", `rules.${id}: unknown rule ID (see \`policy-check rules\`)`, {
        input: `${config.file ?? "configuration"}:${config.ruleLines[id] ?? 1}`,
      });
    }
  }
  for (const [i, w] of config.waivers.entries()) {
    if (w.rule !== "*" && !known.has(w.rule))
      throw new PolicyCheckError("USAGE", `waivers.${i}.rule: unknown rule ID ${w.rule}`, { input: w.source });
  }
}

/**
 * Refuses the first rule parameter a rule cannot use (the engine's invalid_params: an invalid regular
 * expression), naming the key and its line, instead of letting the rule quietly fall back to its default.
 */
export function checkParams(config: Config, invalid: readonly InvalidParam[]): void {
  const first = [...invalid].sort((a, b) => (a.rule_id === b.rule_id ? (a.param < b.param ? -1 : 1) : a.rule_id < b.rule_id ? -1 : 1))[0];
  if (first === undefined) return;
  const value = config.rules[first.rule_id]?.params?.[first.param];
  const line = config.paramLines?.[first.rule_id]?.[first.param] ?? config.ruleLines[first.rule_id] ?? 1;
  throw new PolicyCheckError("USAGE", `rules.${first.rule_id}.params.${first.param}: ${JSON.stringify(value)} ${first.problem}`, {
    input: `${config.file ?? "configuration"}:${line}`,
  });
}

/** `data` for the policies: `data.config.rules[ID].params` (read by `model.param` in policies/lib/model.rego). */
export function policyData(config: Config): Record<string, unknown> {
  const rules: Record<string, { params: Record<string, unknown> }> = {};
  for (const [id, rule] of Object.entries(config.rules)) if (rule.params !== undefined) rules[id] = { params: rule.params };
  return { config: { rules } };
}

const JUDGED_ACTIONS: ReadonlySet<PlanAction> = new Set<PlanAction>(["create", "update"]);

/** Selects findings and applies severity overrides. Built once per run; each finding is looked at once. */
export class FindingSelector {
  private readonly include: Wildcard[];
  private readonly exclude: Wildcard[];

  constructor(private readonly config: Config) {
    this.include = config.include.map((g) => new Wildcard(g));
    this.exclude = config.exclude.map((g) => new Wildcard(g));
  }

  /** Whether a resource is judged: include/exclude globs and `only_changed` (created, updated or replaced). */
  judges(address: string, actions: readonly PlanAction[] | undefined): boolean {
    if (this.include.length > 0 && !this.include.some((glob) => glob.matches(address))) return false;
    if (this.exclude.some((glob) => glob.matches(address))) return false;
    // A finding on something not in the model (none today) is kept rather than silently dropped.
    if (this.config.only_changed && actions !== undefined && !actions.some((a) => JUDGED_ACTIONS.has(a))) return false;
    return true;
  }

  /** The finding as configured, or null when its rule is disabled. Unverifiable reports keep severity info. */
  adjust(finding: Finding): Finding | null {
    const rule = this.config.rules[finding.rule_id];
    if (rule === undefined) return finding;
    if (rule.enabled === false) return null;
    if (rule.severity !== undefined && !finding.unknown) return { ...finding, severity: rule.severity };
    return finding;
  }
}
