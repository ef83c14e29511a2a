/**
 * Report formats by name, each loaded only when a run writes it: the CLI's start-up loads one formatter, not
 * eight (src/report/index.ts, the library's list, loads them all). The require paths are literal, so the
 * standalone binary's bundler (scripts/package-binary.ts) still includes every format.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import type { Reporter } from "./types";

/** Every format, in the order help and errors list them (REPORTERS' order; test/report/formats.test.ts). */
export const REPORT_FORMATS: readonly string[] = ["text", "json", "sarif", "junit", "github", "markdown", "codequality", "html"];

/** The formats that draw the change's graphs (`review.graphs`): Markdown, HTML, and github's Markdown step summary. */
export const GRAPH_FORMATS: readonly string[] = ["github", "markdown", "html"];

/** The format called `name`, loaded now; undefined for an unknown name. */
export function loadReporter(name: string): Reporter | undefined {
  switch (name) {
    case "text":
      return (require("./text") as typeof import("./text")).textReporter;
    case "json":
      return (require("./json") as typeof import("./json")).jsonReporter;
    case "sarif":
      return (require("./sarif") as typeof import("./sarif")).sarifReporter;
    case "junit":
      return (require("./junit") as typeof import("./junit")).junitReporter;
    case "github":
      return (require("./github") as typeof import("./github")).githubReporter;
    case "markdown":
      return (require("./markdown") as typeof import("./markdown")).markdownReporter;
    case "codequality":
      return (require("./codequality") as typeof import("./codequality")).codeQualityReporter;
    case "html":
      return (require("./html") as typeof import("./html")).htmlReporter;
    default:
      return undefined;
  }
}
