/**
 * What every human-readable report says about the change itself (plans: before against after, src/review):
 * the lead sentence and the weakened-settings rows. One wording for text, Markdown and GitHub.
 */
import type { CheckResult, SettingChange } from "../findings";

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * "This change introduces N findings, resolves M, weakens K settings; L findings were already there." For an
 * input without a before (HCL, CDKTF), the sentence says the comparison needs a plan. Null: no review ran.
 */
export function leadSentence(result: CheckResult): string | null {
  const c = result.summary.change;
  if (c === undefined) return null;
  if (!c.comparable) {
    return "No before/after comparison: it needs a plan (terraform show -json), so every finding counts as already there.";
  }
  const unverifiable = c.unverifiable_settings > 0 ? ` (${c.unverifiable_settings} more known only after apply)` : "";
  return (
    `This change introduces ${plural(c.introduced, "finding")}, resolves ${c.resolved}, weakens ${plural(c.weakened, "setting")}${unverifiable}; ` +
    `${plural(c.existing, "finding was", "findings were")} already there.`
  );
}

/** The settings a reader must look at: weaker and unverifiable ones (stronger and neutral ones are in JSON). */
export function settingsToReview(result: CheckResult): SettingChange[] {
  return (result.review?.settings ?? []).filter((s) => s.verdict === "weaker" || s.verdict === "unverifiable");
}

/** Settings grouped by API, in their order (weaker first). */
export function settingsByApi(settings: readonly SettingChange[]): Map<string, SettingChange[]> {
  const byApi = new Map<string, SettingChange[]>();
  for (const s of settings) byApi.set(s.api, [...(byApi.get(s.api) ?? []), s]);
  return byApi;
}
