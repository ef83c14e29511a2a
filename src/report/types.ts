import type { RuleCatalog } from "../engine/rules";
import type { CheckResult } from "../findings";

export interface RenderOptions {
  /** Terminal colour (the text report): the CLI decides, from --color/--no-color, FORCE_COLOR, NO_COLOR and the terminal. */
  color: boolean;
  /** The text report's layout: `full` (the default) or `compact` (one line a finding, `--compact`). */
  layout?: "full" | "compact";
  /** The text report: only blocking findings and the summary (`--quiet`). */
  quiet?: boolean;
  /**
   * Rule metadata of the policy bundle, for formats that describe every rule (SARIF's tool.driver.rules,
   * JUnit's one suite per rule). Formats that only print findings ignore it.
   */
  catalog?: RuleCatalog;
}

/** A report format: a name and a pure function from the run's result to text. */
export interface Reporter {
  readonly name: string;
  render(result: CheckResult, options: RenderOptions): string;
  /**
   * render's text in pieces, for a report too big to hold as one string (`--format json` of 100,000 findings):
   * joined, they are render's text byte for byte, and each ends between two values, never inside a string.
   */
  pieces?(result: CheckResult, options: RenderOptions): Iterable<string>;
}
