/**
 * Migration from Checkov, Trivy and tfsec: their suppression comments above a resource block keep working.
 * `#checkov:skip=CKV_AWS_59:reason`, `#trivy:ignore:AVD-AWS-0004` and `#tfsec:ignore:aws-api-gateway-...`
 * waive the policy-check rules whose METADATA anchors name that control (custom.anchors.checkov / .trivy),
 * reported as waived with the reason and the original ID. A peer ID no rule maps to is the peer's own
 * business and ignored; a mapped one that matches no finding is not reported stale either (the peer's check
 * may still need it). `--no-peer-waivers` turns them off.
 */
import type { RuleMetadata } from "../engine/rules";
import type { InlineWaiver } from "../model/types";
import type { Waiver } from "./waivers";

export type PeerScanner = "checkov" | "trivy" | "tfsec";

/**
 * tfsec's (and Trivy's legacy) long IDs of the AWS controls the anchors name by AVD ID. Trivy accepts either
 * form in `trivy:ignore:`; tfsec only the long one. Anchors keep the AVD ID, the one Trivy reports.
 */
const LONG_IDS: Readonly<Record<string, string>> = {
  "aws-api-gateway-enable-access-logging": "AVD-AWS-0001",
  "aws-api-gateway-enable-cache-encryption": "AVD-AWS-0002",
  "aws-api-gateway-enable-tracing": "AVD-AWS-0003",
  "aws-api-gateway-no-public-access": "AVD-AWS-0004",
  "aws-api-gateway-use-secure-tls-policy": "AVD-AWS-0005",
  "aws-lambda-restrict-source-arn": "AVD-AWS-0067",
  "aws-api-gateway-enable-cache": "AVD-AWS-0190",
};

/** One parsed peer comment: scanner, the ID as written, its reason (if any) and expiry (Trivy's `:exp:`). */
export interface PeerComment {
  scanner: PeerScanner;
  id: string;
  reason: string | null;
  expires: string | null;
}

/** `checkov:skip=ID[:reason]`, `trivy:ignore:ID[:exp:YYYY-MM-DD][ reason]`, `tfsec:ignore:ID[...]`; null otherwise. */
export function parsePeerComment(text: string): PeerComment | null {
  const checkov = /^checkov:skip=([A-Za-z0-9_]+)\s*(?::\s*(.*))?$/.exec(text);
  if (checkov !== null) return { scanner: "checkov", id: checkov[1] as string, reason: nonEmpty(checkov[2]), expires: null };
  const ignore = /^(trivy|tfsec):ignore:([A-Za-z0-9_-]+)(?::exp:(\d{4}-\d{2}-\d{2}))?(?:\[[^\]]*\])?\s*(.*)$/.exec(text);
  if (ignore !== null) {
    return { scanner: ignore[1] as PeerScanner, id: ignore[2] as string, reason: nonEmpty(ignore[4]), expires: ignore[3] ?? null };
  }
  return null;
}

function nonEmpty(text: string | undefined): string | null {
  const trimmed = (text ?? "").trim();
  return trimmed === "" ? null : trimmed;
}

/** Peer control ID (upper-cased) → the policy-check rules that map to it, from the rules' anchors. */
export function peerIndex(rules: readonly RuleMetadata[]): Map<string, string[]> {
  const index = new Map<string, string[]>();
  const add = (key: string, rule: string): void => {
    const list = index.get(key) ?? [];
    if (!list.includes(rule)) list.push(rule);
    index.set(key, list);
  };
  for (const rule of rules) {
    for (const id of rule.anchors.checkov) add(`checkov:${id.toUpperCase()}`, rule.id);
    for (const id of rule.anchors.trivy) add(`trivy:${id.toUpperCase()}`, rule.id);
  }
  return index;
}

/** The policy-check rules a peer comment waives (empty when none maps to its ID). */
function rulesFor(comment: PeerComment, index: ReadonlyMap<string, string[]>): string[] {
  if (comment.scanner === "checkov") return index.get(`checkov:${comment.id.toUpperCase()}`) ?? [];
  const avd = LONG_IDS[comment.id.toLowerCase()] ?? comment.id.toUpperCase();
  return index.get(`trivy:${avd}`) ?? [];
}

/** Waivers for one resource's peer comments (`inline` entries with `peer`). */
export function peerWaivers(inline: readonly InlineWaiver[], address: string, index: ReadonlyMap<string, string[]>): Waiver[] {
  const out: Waiver[] = [];
  for (const w of inline) {
    if (w.peer !== true) continue;
    const comment = parsePeerComment(w.text);
    if (comment === null) continue;
    const original = comment.scanner === "checkov" ? `checkov:skip=${comment.id}` : `${comment.scanner}:ignore:${comment.id}`;
    for (const rule of rulesFor(comment, index)) {
      out.push({
        rule,
        address,
        reason: comment.reason ?? `no reason given in ${original}`,
        owner: null,
        expires: comment.expires,
        source: w.where,
        peer: { scanner: comment.scanner, id: comment.id },
      });
    }
  }
  return out;
}
