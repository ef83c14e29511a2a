import type { CheckResult } from "../findings";

export interface RenderOptions {
  /** ANSI colour: only when writing to a terminal and NO_COLOR is not set. */
  color: boolean;
}

/** A report format: a name and a pure function from the run's result to text. */
export interface Reporter {
  readonly name: string;
  render(result: CheckResult, options: RenderOptions): string;
}
