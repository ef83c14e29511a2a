/**
 * Baselines, for adopting policy-check on existing infrastructure: `--create-baseline FILE` writes the run's
 * findings (rule, address, the SARIF fingerprint); `--baseline FILE` marks the findings it lists as baselined
 * (reported, never blocking) and lists its entries that no longer occur as resolved. A finding is matched by
 * its fingerprint (rule + address), so it survives unrelated changes and line moves.
 */
import { readTextBounded } from "../bounded-read";
import { PolicyCheckError } from "../errors";
import { fingerprint, isWaived, type BaselineEntry, type BaselineReport, type Finding } from "../findings";
import { MAX_SOURCE_FILE_BYTES } from "../limits";

/** The file's `kind`: what a baseline says it is, so any other JSON file is refused. */
export const BASELINE_KIND = "policy-check-baseline";

export interface Baseline {
  file: string;
  entries: BaselineEntry[];
}

/** The baseline for a run's findings: every finding an active waiver does not already cover; its text and size. */
export function baselineText(findings: readonly Finding[], version: string): { text: string; count: number } {
  const seen = new Set<string>();
  const entries: BaselineEntry[] = [];
  for (const f of findings) {
    if (isWaived(f)) continue;
    const id = fingerprint(f);
    if (seen.has(id)) continue;
    seen.add(id);
    entries.push({ rule_id: f.rule_id, address: f.address, fingerprint: id });
  }
  entries.sort((a, b) => (a.rule_id === b.rule_id ? (a.address < b.address ? -1 : 1) : a.rule_id < b.rule_id ? -1 : 1));
  return {
    text: `${JSON.stringify({ kind: BASELINE_KIND, version: 1, policy_check: version, findings: entries }, null, 2)}\n`,
    count: entries.length,
  };
}

/** Reads a baseline file; anything else (missing, not JSON, not a baseline) is one exit-2 line. */
export function readBaseline(file: string): Baseline {
  const text = readTextBounded(file, {
    limit: MAX_SOURCE_FILE_BYTES,
    kind: "a baseline file (MAX_SOURCE_FILE_BYTES)",
    noun: "baseline file",
    missing: "cannot read baseline file (ENOENT)",
  });
  const bad = (what: string): PolicyCheckError =>
    new PolicyCheckError("USAGE", `not a policy-check baseline: ${what} (write one with --create-baseline FILE)`, { input: file });
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw bad("invalid JSON");
  }
  const top = document as { kind?: unknown; version?: unknown; findings?: unknown } | null;
  if (typeof top !== "object" || top === null || Array.isArray(top) || top.kind !== BASELINE_KIND) throw bad(`"kind" is not "${BASELINE_KIND}"`);
  if (top.version !== 1) throw bad(`unsupported version ${JSON.stringify(top.version)} (expected 1)`);
  if (!Array.isArray(top.findings)) throw bad(`"findings" is not a list`);
  const entries = top.findings.map((raw: unknown, i): BaselineEntry => {
    const e = raw as Partial<Record<keyof BaselineEntry, unknown>> | null;
    if (typeof e !== "object" || e === null || typeof e.rule_id !== "string" || typeof e.address !== "string") {
      throw bad(`findings[${i}] needs rule_id and address`);
    }
    const id = fingerprint({ rule_id: e.rule_id, address: e.address });
    if (e.fingerprint !== undefined && e.fingerprint !== id) throw bad(`findings[${i}].fingerprint does not match its rule_id and address`);
    return { rule_id: e.rule_id, address: e.address, fingerprint: id };
  });
  return { file, entries };
}

/**
 * Marks the findings the baseline lists (an active waiver stays the reason a finding is not blocking) and
 * reports the entries of evaluated rules that match no finding as resolved.
 */
export function applyBaseline(findings: Finding[], baseline: Baseline, evaluated: ReadonlySet<string>): BaselineReport {
  const known = new Map(baseline.entries.map((e) => [e.fingerprint, e]));
  const matched = new Set<string>();
  let baselined = 0;
  for (const f of findings) {
    const id = fingerprint(f);
    if (!known.has(id)) continue;
    matched.add(id);
    if (isWaived(f)) continue;
    f.baselined = true;
    baselined += 1;
  }
  const resolved = baseline.entries.filter((e) => !matched.has(e.fingerprint) && evaluated.has(e.rule_id));
  return { file: baseline.file, baselined, resolved };
}
