import { printable } from "./printable";

/**
 * Errors as data: every failure the CLI can report has a code from this fixed set, a one-line message
 * that names the input, and maps to exit code 2. Anything else that escapes is an internal error (also 2,
 * `policy-check: internal error: ...`), which has no code: it is a bug, not an answer. test/errors.test.ts
 * raises each code from the input it is for.
 */
export const ERROR_CODES = [
  "USAGE",
  "INPUT_NOT_FOUND",
  "INPUT_UNREADABLE",
  "INPUT_INVALID_JSON",
  "INPUT_UNSUPPORTED",
  "POLICY_BUNDLE",
  "EVALUATION",
  "OUTPUT",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class PolicyCheckError extends Error {
  readonly code: ErrorCode;
  /** The input (file path, `-` for stdin) the error is about, when there is one. */
  readonly input: string | undefined;
  /** The message already names the input as its subject (`tfplan is a binary Terraform plan; ...`). */
  readonly namesInput: boolean;

  constructor(code: ErrorCode, message: string, options: { input?: string; cause?: unknown; namesInput?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "PolicyCheckError";
    this.code = code;
    this.input = options.input;
    this.namesInput = options.namesInput ?? false;
  }

  /**
   * The single line the CLI prints: `policy-check: <input>: <message>` (`policy-check: <message>` when it names
   * the input), with nothing a terminal would act on.
   */
  toLine(): string {
    const where = this.input === undefined || this.namesInput ? "" : `${this.input}: `;
    return printable(`policy-check: ${where}${this.message}`.replace(/\s*\n\s*/g, " "), "\t");
  }
}

export function isPolicyCheckError(value: unknown): value is PolicyCheckError {
  return value instanceof PolicyCheckError;
}
