/**
 * Waivers: accepted risks with a reason and an owner. From the configuration (`waivers:`), from a resource tag
 * `policy-check:waive = "APIGW-201 reason"`, and from an HCL comment `# policy-check:waive APIGW-201 reason` on
 * the line before a resource block. A waived finding stays in every report, marked waived and not blocking; an
 * expired waiver stops waiving and says so; a waiver that matches no finding is reported as stale.
 */
import { PolicyCheckError } from "../errors";
import { Wildcard } from "../wildcard";
import type { Finding, WaiverIssue } from "../findings";
import { WAIVE_TAG, type AnyEntity } from "../model/types";
import type { ConfigWaiver } from "./config";
import { peerWaivers } from "./peer-waivers";

export interface Waiver {
  /** Rule ID or `*`. */
  rule: string;
  /** Address glob: `*` any run of characters, `?` one. */
  address: string;
  reason: string;
  owner: string | null;
  expires: string | null;
  /** Where it was written: `.policy-check.yaml:12`, `main.tf:4`, `tag on aws_api_gateway_stage.prod`. */
  source: string;
  /** Migrated from a peer scanner's comment (./peer-waivers.ts): never reported stale. */
  peer?: { scanner: "checkov" | "trivy" | "tfsec"; id: string };
}

export function fromConfig(waivers: readonly ConfigWaiver[]): Waiver[] {
  return waivers.map((w) => ({
    rule: w.rule,
    address: w.address,
    reason: w.reason.trim(),
    owner: w.owner,
    expires: w.expires ?? null,
    source: w.source,
  }));
}

/**
 * `APIGW-201 reason...` or `APIGW-201,APIGW-003 reason...` (a tag value or the rest of a comment) → waivers
 * for `address`. No reason is an exit-2 error: an accepted risk must say why.
 */
export function parseInline(text: string, address: string, source: string): Waiver[] {
  const match = /^\s*([A-Za-z][A-Za-z0-9]*-[A-Za-z0-9]+(?:\s*,\s*[A-Za-z][A-Za-z0-9]*-[A-Za-z0-9]+)*)(?:\s+([\s\S]*))?$/.exec(text);
  if (match === null) {
    throw new PolicyCheckError(
      "USAGE",
      `${WAIVE_TAG} needs a rule ID and a reason ("${WAIVE_TAG} APIGW-201 why the risk is accepted"), got ${JSON.stringify(text.trim())}`,
      { input: source },
    );
  }
  const reason = (match[2] ?? "").trim();
  if (reason === "") {
    throw new PolicyCheckError("USAGE", `${WAIVE_TAG} ${(match[1] as string).trim()} has no reason: say why the risk is accepted`, { input: source });
  }
  return (match[1] as string).split(",").map((id) => ({ rule: id.trim().toUpperCase(), address, reason, owner: null, expires: null, source }));
}

/**
 * Inline waivers of a model's resources: their `policy-check:waive` tag and the HCL comments above them, and,
 * given `peers` (peer control → rules, ./peer-waivers.ts), Checkov/Trivy/tfsec suppression comments.
 */
export function inlineWaivers(entities: readonly AnyEntity[], peers?: ReadonlyMap<string, string[]>): Waiver[] {
  return entities.flatMap((entity) => [
    ...entity.waivers.filter((w) => w.peer !== true).flatMap((w) => parseInline(w.text, entity.address, w.where)),
    ...(peers === undefined ? [] : peerWaivers(entity.waivers, entity.address, peers)),
  ]);
}

/** `YYYY-MM-DD` of a date in UTC. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Marks the findings waivers cover and lists waiver issues (expired, stale). A waiver applies through its
 * `expires` day (UTC). Waivers naming one address (every inline waiver) are looked up by address; only glob
 * waivers (hand-written in the configuration, a short list) are tried against each finding, so the work is
 * linear in findings plus inline waivers. `evaluated`: the rule IDs this run evaluated.
 */
export function applyWaivers(findings: Finding[], waivers: readonly Waiver[], today: string, evaluated?: ReadonlySet<string>): WaiverIssue[] {
  const compiled = waivers.map((w) => {
    const glob = new Wildcard(w.address);
    return { waiver: w, glob: glob.isPattern ? glob : null, used: false, expired: w.expires !== null && w.expires < today };
  });
  const exact = new Map<string, typeof compiled>();
  for (const c of compiled) if (c.glob === null) exact.set(c.waiver.address, [...(exact.get(c.waiver.address) ?? []), c]);
  const globs = compiled.filter((c) => c.glob !== null);
  const apply = (finding: Finding, c: (typeof compiled)[number]): void => {
    if ((c.waiver.rule !== "*" && c.waiver.rule !== finding.rule_id) || (c.glob !== null && !c.glob.matches(finding.address))) return;
    c.used = true;
    // An active waiver wins over an expired one that also matches.
    if (finding.waiver !== undefined && !finding.waiver.expired) return;
    finding.waiver = {
      reason: c.waiver.reason,
      owner: c.waiver.owner,
      expires: c.waiver.expires,
      source: c.waiver.source,
      expired: c.expired,
      ...(c.waiver.peer === undefined ? {} : { peer: c.waiver.peer }),
    };
  };
  // Exact waivers first, then globs, as before; no list made per finding (most findings have no waiver, and
  // a run without waivers reads none of its findings).
  if (compiled.length > 0) {
    for (const finding of findings) {
      const named = exact.get(finding.address);
      if (named !== undefined) for (const c of named) apply(finding, c);
      for (const c of globs) apply(finding, c);
    }
  }
  const issues: WaiverIssue[] = [];
  for (const c of compiled) {
    // A waiver for a rule this run did not evaluate (--rule, enabled: false) is not stale: it may still match.
    const ran = c.waiver.rule === "*" || evaluated === undefined || evaluated.has(c.waiver.rule);
    const kind = c.expired ? "expired" : !c.used && ran && c.waiver.peer === undefined ? "stale" : null;
    if (kind === null) continue;
    issues.push({
      kind,
      rule: c.waiver.rule,
      address: c.waiver.address,
      reason: c.waiver.reason,
      owner: c.waiver.owner,
      expires: c.waiver.expires,
      source: c.waiver.source,
    });
  }
  return issues;
}
