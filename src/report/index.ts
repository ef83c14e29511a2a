/** Report formats by name. Adding a format means adding a Reporter here. */
import { codeQualityReporter } from "./codequality";
import { githubReporter } from "./github";
import { htmlReporter } from "./html";
import { jsonReporter } from "./json";
import { junitReporter } from "./junit";
import { markdownReporter } from "./markdown";
import { sarifReporter } from "./sarif";
import { textReporter } from "./text";
import type { Reporter } from "./types";

export const REPORTERS: readonly Reporter[] = [
  textReporter,
  jsonReporter,
  sarifReporter,
  junitReporter,
  githubReporter,
  markdownReporter,
  codeQualityReporter,
  htmlReporter,
];

export function reporterByName(name: string): Reporter | undefined {
  return REPORTERS.find((r) => r.name === name);
}

export type { Reporter, RenderOptions } from "./types";
