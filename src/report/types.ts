import type { RuleCatalog } from "../engine/rules";
import type { CheckResult } from "../findings";

export interface RenderOptions {
  /** ANSI colour: only when writing to a terminal and NO_COLOR is not set. */
  color: boolean;
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
}
