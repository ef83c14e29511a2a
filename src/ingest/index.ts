/**
 * The input registry: reads a path (or `-` for stdin) and hands it to the adapter that understands it.
 * Adding an input format means adding an adapter to ADAPTERS; nothing else changes.
 */
import { readFileSync, statSync } from "node:fs";
import { PolicyCheckError } from "../errors";
import { parseJson } from "./json";
import { describeNonPlan, planAdapter } from "./plan/plan";
import type { InputAdapter, IngestResult, JsonObject } from "./types";

export const ADAPTERS: readonly InputAdapter[] = [planAdapter];

export function adapterByName(name: string): InputAdapter | undefined {
  return ADAPTERS.find((a) => a.name === name);
}

function readText(file: string, readStdin: () => string): string {
  if (file === "-") {
    try {
      return readStdin();
    } catch (error) {
      throw new PolicyCheckError("INPUT_UNREADABLE", "cannot read standard input", { input: "-", cause: error });
    }
  }
  let isDirectory: boolean;
  try {
    isDirectory = statSync(file).isDirectory();
  } catch {
    throw new PolicyCheckError("INPUT_NOT_FOUND", "no such file", { input: file });
  }
  if (isDirectory) {
    throw new PolicyCheckError("INPUT_UNSUPPORTED", "is a directory; expected a plan JSON file from `terraform show -json`", {
      input: file,
    });
  }
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    throw new PolicyCheckError("INPUT_UNREADABLE", `cannot read file (${code})`, { input: file, cause: error });
  }
}

export function defaultReadStdin(): string {
  return readFileSync(0, "utf8");
}

export function readInput(file: string, readStdin: () => string = defaultReadStdin): IngestResult {
  const text = readText(file, readStdin);
  if (text.trim() === "") throw new PolicyCheckError("INPUT_UNSUPPORTED", "is empty; expected a plan from `terraform show -json`", { input: file });
  const document = parseJson(text, file);
  const adapter = ADAPTERS.find((a) => a.accepts(document));
  if (adapter !== undefined) return adapter.read(document, file);
  const object = typeof document === "object" && document !== null && !Array.isArray(document) ? (document as JsonObject) : null;
  const reason =
    (object === null ? null : describeNonPlan(object)) ??
    "not a Terraform plan: expected `format_version` and `resource_changes` from `terraform show -json PLANFILE`";
  throw new PolicyCheckError("INPUT_UNSUPPORTED", reason, { input: file });
}
