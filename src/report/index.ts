/** Report formats by name. Adding a format means adding a Reporter here. */
import { jsonReporter } from "./json";
import { textReporter } from "./text";
import type { Reporter } from "./types";

export const REPORTERS: readonly Reporter[] = [textReporter, jsonReporter];

export function reporterByName(name: string): Reporter | undefined {
  return REPORTERS.find((r) => r.name === name);
}

export type { Reporter, RenderOptions } from "./types";
