/**
 * Input adapter for saved binary plans (`terraform plan -out=FILE`): a zip, whatever the file is called
 * (`tfplan`, or `-out=plan.json` by mistake). Only Terraform reads one, with the provider schemas of the
 * working directory it was planned in, so this adapter runs `<bin> show -json FILE` in the plan's directory
 * (what CI and Atlantis have at hand: the working directory with `.terraform/` initialised) and reads the
 * output with the plan adapter. Without a program to run, the error says which command to run.
 *
 * Which program: `--terraform-bin` when given, and nothing else. Otherwise `terraform` on PATH, then `tofu`:
 * Terraform first because it is the common case. A plan saved by OpenTofu (or a working directory initialised
 * by it) is readable only by tofu, so when terraform exits with an error and tofu is also on PATH, tofu is
 * tried before giving up, and the notice says whose output is judged. A program that times out, floods its
 * output or is killed is not followed by another: that is not a plan the other tool would read.
 */
import path from "node:path";
import { PolicyCheckError } from "../../errors";
import { findProgram, runProgram, type ProgramResult } from "../../process/program";
import { parseJson } from "../json";
import type { InputAdapter, IngestResult, InputSource, ReadOptions } from "../types";
import { readPlan } from "./plan";

/** A zip file's local file header; a saved plan starts with it. */
const ZIP_SIGNATURE = "PK\u0003\u0004";

/** Programs tried, in order, when --terraform-bin is not given. */
const DEFAULT_PROGRAMS = ["terraform", "tofu"] as const;

/** The longest piece of a child's error message quoted in our one line. */
const MAX_QUOTED_ERROR = 300;

export const binaryPlanAdapter: InputAdapter = {
  name: "binary-plan",
  readsVarFiles: false,
  accepts(source: InputSource): boolean {
    return !source.isDirectory && (source.text ?? "").startsWith(ZIP_SIGNATURE);
  },
  read(source: InputSource, options: ReadOptions): IngestResult {
    return readBinaryPlan(source.path, options);
  },
};

/** Control characters of a file name would break the one line; they are shown as `?`. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, "?");
}

/** A word as a POSIX shell needs it in a command shown to the user (the command itself never runs in a shell). */
function shellWord(word: string): string {
  const shown = printable(word);
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(shown) ? shown : `'${shown.replace(/'/g, `'\\''`)}'`;
}

/** The plan file as an argument in its own directory; `./` keeps a name like `-x` from reading as a flag. */
function planArgument(input: string): string {
  const base = path.basename(input);
  return base.startsWith("-") ? `./${base}` : base;
}

/** What to run by hand: `terraform show -json tfplan > plan.json`, from the directory the user is in. */
function showHint(input: string): string {
  const dir = path.dirname(input);
  const chdir = dir === "." ? "" : ` -chdir=${shellWord(dir)}`;
  // `-out=plan.json` is the usual mistake: do not suggest overwriting the plan with its own output.
  const target = path.resolve(input) === path.resolve("plan.json") ? "tfplan.json" : "plan.json";
  return `terraform${chdir} show -json ${shellWord(planArgument(input))} > ${target}`;
}

function describeCommand(program: string, input: string): string {
  const dir = path.dirname(input);
  return `${shellWord(program)} show -json ${shellWord(planArgument(input))}${dir === "." ? "" : ` in ${shellWord(dir)}`}`;
}

/** `--terraform-bin` alone, or terraform then tofu from PATH: `shown` is the name as the user knows it. */
function programsToTry(options: ReadOptions): Array<{ shown: string; file: string }> {
  if (options.terraformBin !== null) {
    const file = findProgram(options.terraformBin, options.env);
    if (file === null) throw new PolicyCheckError("USAGE", `--terraform-bin ${printable(options.terraformBin)}: no such executable file`);
    return [{ shown: options.terraformBin, file }];
  }
  return DEFAULT_PROGRAMS.flatMap((name) => {
    const file = findProgram(name, options.env);
    return file === null ? [] : [{ shown: name, file }];
  });
}

/**
 * The line of Terraform's error output worth quoting: the first `Error:` line of its diagnostics (boxed in
 * `╷ │ ╵` and coloured), else the first non-empty line. Warnings come first (an unreadable CLI configuration
 * file) and would hide the reason.
 */
export function firstErrorLine(stderr: string): string | null {
  const lines = stderr
    .replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, "")
    .split(/\r?\n/)
    .map((line) => printable(line.replace(/^[\s╷│╵]+/, "").trim()))
    .filter((line) => line !== "");
  const line = lines.find((l) => l.startsWith("Error:")) ?? lines[0];
  if (line === undefined) return null;
  return line.length > MAX_QUOTED_ERROR ? `${line.slice(0, MAX_QUOTED_ERROR)}...` : line;
}

/** Why a run gave no plan (an `exited` result here has a non-zero status). */
function describeFailure(command: string, result: ProgramResult): string {
  switch (result.outcome) {
    case "exited": {
      const reason = firstErrorLine(result.stderr);
      return `${command} failed (exit ${result.status})${reason === null ? " with no error message" : `: ${reason}`}`;
    }
    case "not-started":
      return `cannot run ${command} (${result.reason})`;
    case "timed-out":
      return `${command} did not finish within ${Math.round(result.timeoutMs / 1000)} s`;
    case "output-too-large":
      return `${command} printed more than ${Math.floor(result.maxOutputBytes / (1024 * 1024))} MiB`;
    case "killed":
      return `${command} was killed by ${result.signal}`;
  }
}

function readBinaryPlan(input: string, options: ReadOptions): IngestResult {
  if (input === "-") {
    throw new PolicyCheckError(
      "INPUT_UNSUPPORTED",
      "standard input is a binary Terraform plan, and there is no working directory to read it in; pipe its JSON instead: terraform show -json PLANFILE | policy-check -",
      { input, namesInput: true },
    );
  }
  const programs = programsToTry(options);
  if (programs.length === 0) {
    throw new PolicyCheckError("INPUT_UNSUPPORTED", `${printable(input)} is a binary Terraform plan; run ${showHint(input)}`, {
      input,
      namesInput: true,
    });
  }
  const failures: string[] = [];
  for (const program of programs) {
    const command = describeCommand(program.shown, input);
    const result = runProgram(program.file, ["show", "-json", planArgument(input)], {
      cwd: path.dirname(path.resolve(input)),
      // No version check over the network from a read-only check; the rest of the environment is the user's
      // (TF_DATA_DIR, TF_CLI_CONFIG_FILE, plugin caches).
      env: { ...options.env, CHECKPOINT_DISABLE: "1" },
    });
    if (result.outcome === "exited" && result.status === 0) {
      const plan = readShowOutput(result.stdout, command, input);
      const after = failures.length === 0 ? "" : ` (${failures.join("; ")})`;
      options.notice(`${printable(input)} is a binary plan; judging the output of ${command}${after}`);
      return plan;
    }
    failures.push(describeFailure(command, result));
    if (result.outcome !== "exited") break;
  }
  throw new PolicyCheckError("INPUT_UNREADABLE", failures.join("; "), { input });
}

function readShowOutput(stdout: string, command: string, input: string): IngestResult {
  if (stdout.trim() === "") throw new PolicyCheckError("INPUT_UNREADABLE", `${command} printed nothing`, { input });
  let document: unknown;
  try {
    document = parseJson(stdout, input);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new PolicyCheckError("INPUT_UNREADABLE", `the output of ${command}: ${message}`, { input, cause: error });
  }
  return readPlan(document, input);
}
