/**
 * Reviewing a change: the findings of what exists before apply against those of what exists after, by
 * (rule, address), and the security-relevant settings the change alters (./settings.ts). Linear in the
 * number of findings and resources: one map per side.
 */
import type { ChangeReview, Finding, ResolvedFinding, SettingChange, SettingVerdict } from "../findings";
import { entitiesByAddress } from "../model/link";
import type { AnyEntity, Model } from "../model/types";
import { PROTECTIVE_TYPES, SETTINGS_OUTLIVE_DELETION, settingRules, type EntityLookup, type SettingValue } from "./settings";

/**
 * Findings' comparison keys, one rule on one address, as each rule's set of addresses: no key text is made per
 * finding (the addresses are the findings' own strings, which keep their hashes).
 */
class FindingKeys {
  private readonly byRule = new Map<string, Set<string>>();

  constructor(findings: Iterable<{ rule_id: string; address: string }> = []) {
    for (const f of findings) this.add(f);
  }

  add(f: { rule_id: string; address: string }): void {
    let addresses = this.byRule.get(f.rule_id);
    if (addresses === undefined) {
      addresses = new Set();
      this.byRule.set(f.rule_id, addresses);
    }
    addresses.add(f.address);
  }

  has(f: { rule_id: string; address: string }): boolean {
    return this.byRule.get(f.rule_id)?.has(f.address) === true;
  }
}

/**
 * Marks each after finding `introduced` or `existing` and returns the before findings the change resolves:
 * fixed (the resource stays) or deleted (it does not). `remaining` holds the addresses that exist after apply.
 */
export function compareChange(after: Finding[], before: readonly Finding[], remaining: ReadonlySet<string>): ResolvedFinding[] {
  if (before.length === 0) {
    // Nothing found before (a plan of creates only): everything is introduced, nothing resolved.
    for (const f of after) f.change = "introduced";
    return [];
  }
  const had = new FindingKeys(before);
  for (const f of after) f.change = had.has(f) ? "existing" : "introduced";
  const has = new FindingKeys(after);
  const seen = new FindingKeys();
  const resolved: ResolvedFinding[] = [];
  for (const f of before) {
    if (has.has(f) || seen.has(f)) continue;
    seen.add(f);
    resolved.push({
      rule_id: f.rule_id,
      severity: f.severity,
      title: f.title,
      address: f.address,
      message: f.message,
      unknown: f.unknown,
      resolution: remaining.has(f.address) ? "fixed" : "deleted",
    });
  }
  return resolved.sort((a, b) => compare(a.address, b.address) || compare(a.rule_id, b.rule_id));
}

/** Inputs with no before (HCL, CDKTF): everything `existing`, and the review says it could not compare. */
export function withoutComparison(findings: Finding[]): ChangeReview {
  for (const f of findings) f.change = "existing";
  return { comparable: false, resolved: [], settings: [] };
}

export class Lookup implements EntityLookup {
  /** The linker's address map (entitiesByAddress), not another one per side of the change. */
  private readonly byAddress: ReadonlyMap<string, AnyEntity>;
  constructor(model: Model) {
    this.byAddress = entitiesByAddress(model.resources);
  }
  entity(address: string): AnyEntity | undefined {
    return this.byAddress.get(address);
  }
  all(): IterableIterator<AnyEntity> {
    return this.byAddress.values();
  }
}

type LinkLike = { target?: string | null; targets?: string[] } | undefined;

/** The API a resource belongs to: itself for an API, its linked API, or the API of its linked stage. */
export function apiOf(entity: AnyEntity, lookup: Lookup): string {
  if (entity.type === "aws_api_gateway_rest_api" || entity.type === "aws_apigatewayv2_api") return entity.address;
  const links = entity.links as Record<string, LinkLike>;
  for (const name of ["rest_api", "api", "v2_api"]) {
    const target = links[name]?.target;
    if (typeof target === "string") return target;
  }
  const stage = links["stage"]?.target;
  if (typeof stage === "string") {
    const linked = lookup.entity(stage);
    if (linked !== undefined && linked !== entity) return apiOf(linked, lookup);
  }
  return entity.address;
}

const UNKNOWN_TEXT = "(known after apply)";
const DELETED_TEXT = "(deleted)";
const GONE: SettingValue = { value: null, unknown: false };

const ORDER: Record<SettingVerdict, number> = { weaker: 0, unverifiable: 1, stronger: 2, neutral: 3 };

/** Same value, as the model holds it (plain JSON): equal scalars without writing them out. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The settings the change alters, for every resource that exists before apply (a created resource has no
 * before: its findings say what it brings). A deleted resource's settings go to none.
 */
export function settingChanges(beforeModel: Model, afterModel: Model): SettingChange[] {
  // Nothing existed before (a plan of creates only): nothing to compare, and no index of the after model to build.
  if (Object.values(beforeModel.resources).every((list: readonly AnyEntity[]) => list.length === 0)) return [];
  const before = new Lookup(beforeModel);
  const after = new Lookup(afterModel);
  const out: SettingChange[] = [];
  for (const old of before.all()) {
    const current = after.entity(old.address);
    const deleted = current === undefined;
    const api = current === undefined ? apiOf(old, before) : apiOf(current, after);
    const rules = settingRules(old.type);
    if (deleted && rules.length === 0 && PROTECTIVE_TYPES.has(old.type)) {
      out.push({
        api,
        address: old.address,
        setting: "resource",
        before: "present",
        after: DELETED_TEXT,
        verdict: "weaker",
        reason: "what it protected loses it",
      });
      continue;
    }
    if (deleted && !SETTINGS_OUTLIVE_DELETION.has(old.type)) continue;
    for (const rule of rules) {
      const was = rule.read(old, before);
      const now = current === undefined ? GONE : rule.read(current, after);
      // Known after apply but certainly set (a reference to a managed resource): enough where only presence counts.
      const setAfterApply = now.unknown && rule.presence && now.willBeSet === true;
      // Most settings stay as they were: compared before their texts are made.
      if (!now.unknown && same(was.value, now.value)) continue;
      const shownBefore = was.unknown ? UNKNOWN_TEXT : rule.show(was.value);
      const shownAfter = deleted ? DELETED_TEXT : now.unknown ? UNKNOWN_TEXT : rule.show(now.value);
      if (now.unknown && !setAfterApply) {
        out.push({
          api,
          address: old.address,
          setting: rule.setting,
          before: shownBefore,
          after: shownAfter,
          verdict: "unverifiable",
          reason: "the value is known only after apply",
        });
        continue;
      }
      const from = rule.rank(was.value);
      const to = setAfterApply ? 1 : rule.rank(now.value);
      if (setAfterApply && from === to) continue;
      let verdict: SettingVerdict = "neutral";
      let reason = "a different value of the same strength";
      if (from !== null && to !== null && from !== to) {
        verdict = to < from ? "weaker" : "stronger";
        reason = to < from ? rule.weaker : rule.stronger;
      }
      if (deleted && verdict === "neutral") continue; // a deleted resource's unordered values say nothing
      out.push({ api, address: old.address, setting: rule.setting, before: shownBefore, after: shownAfter, verdict, reason });
    }
  }
  return out.sort(
    (a, b) => ORDER[a.verdict] - ORDER[b.verdict] || compare(a.api, b.api) || compare(a.address, b.address) || compare(a.setting, b.setting),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
