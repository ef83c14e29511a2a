/** Command-line flags → a typed request. Parsing only: no I/O, errors are USAGE PolicyCheckErrors. */
import { isSeverity, SEVERITIES, type Severity } from "../engine/severity";
import { PolicyCheckError } from "../errors";
import { REPORTERS } from "../report";

/** One report to write: a format and its file (null: standard output). */
export interface ReportTarget {
  format: string;
  output: string | null;
}

export interface CheckArgs {
  command: "check";
  input: string;
  /** The first report's format (`reports` has every one). */
  format: string;
  /** `--format NAME[=FILE]` (repeatable); a format without a file goes to --output or standard output. */
  reports: ReportTarget[];
  failOn: Severity;
  output: string | null;
  rules: string[];
  /** `--stack NAME`: judge only this stack of a CDKTF output. */
  stack: string | null;
  /** `--var-file FILE` (repeatable): variables for a Terraform source input. */
  varFiles: string[];
  /** `--source-dir DIR`: the Terraform source of a plan input. */
  sourceDir: string | null;
  /** `--config FILE`: the configuration file (else `.policy-check.yaml` found upward). */
  config: string | null;
  /** `--policy-dir DIR` (repeatable): custom rules compiled with the built-ins (needs opa). */
  policyDirs: string[];
  /** `--bundle FILE`: a prebuilt bundle (`policy-check build -o FILE`) instead of the built-in one. */
  bundle: string | null;
  /** `--terraform-bin PATH`: the program that reads a saved binary plan (else terraform, then tofu, on PATH). */
  terraformBin: string | null;
  /** True when --fail-on was given: it then wins over the configuration's fail_on. */
  failOnSet: boolean;
  debug: boolean;
}

export interface RulesArgs {
  command: "rules";
  format: "text" | "json";
  /** A bundle built by `policy-check build` (custom rules included); default: the built-in rules. */
  bundle: string | null;
  debug: boolean;
}

export type CliArgs = CheckArgs | RulesArgs | { command: "help"; debug: boolean } | { command: "version"; debug: boolean };

export const USAGE = `Usage: policy-check [options] <plan.json | tfplan | - | dir/ | file.tf>
       policy-check rules [--format text|json] [--bundle FILE]
       policy-check build [--policy-dir DIR]... [-o FILE]
       policy-check new rule NAME [--dir DIR]

Judges a Terraform/OpenTofu plan (\`terraform show -json PLANFILE\`) for insecure Amazon API Gateway changes.
A saved binary plan (terraform plan -out=tfplan) is read with \`terraform show -json\` in its directory.
A directory of Terraform source (*.tf, *.tf.json) or one .tf file is judged before any plan exists.
\`policy-check rules\` lists the rules: ID, severity, title and the peer scanners' controls each maps to.

Options:
  -f, --format <name>     report format: ${REPORTERS.map((r) => r.name).join(", ")} (default: text);
                          repeatable, with a file per format: --format sarif=out.sarif --format text
      --fail-on <sev>     lowest severity that fails the run: ${SEVERITIES.join(", ")} (default: medium)
  -o, --output <file>     write the report to a file instead of standard output
      --rule <ID>         evaluate only this rule (repeatable)
      --stack <name>      judge only this stack of a CDKTF output (cdktf.out)
      --var-file <file>   variables for a Terraform source input (repeatable; later files win)
      --source-dir <dir>  the Terraform source of a plan: file and line in findings, source-proven values
      --config <file>     configuration file (default: .policy-check.yaml found upward from here)
      --policy-dir <dir>  custom Rego rules to run with the built-in ones (repeatable; needs opa)
      --bundle <file>     run a prebuilt policy bundle (policy-check build -o FILE)
      --terraform-bin <path>
                          program that reads a binary plan (default: terraform, else tofu, on PATH)
      --debug             print stack traces of errors
  -h, --help              show this help
  -v, --version           show the version

Exit codes: 0 nothing at or above --fail-on, 1 blocking findings, 2 usage, input or internal error.`;

function parseRulesArgs(argv: readonly string[], debug: boolean): RulesArgs {
  let format: "text" | "json" = "text";
  let bundle: string | null = null;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === "--debug") continue;
    if (arg === "--bundle" || arg.startsWith("--bundle=")) {
      bundle = arg === "--bundle" ? (argv[++i] ?? null) : arg.slice("--bundle=".length);
      if (bundle === null || bundle === "") throw new PolicyCheckError("USAGE", "--bundle needs a value");
      continue;
    }
    const value = arg.startsWith("--format=") ? arg.slice("--format=".length) : arg === "--format" || arg === "-f" ? argv[++i] : undefined;
    if (value === undefined) {
      throw new PolicyCheckError("USAGE", `unknown argument ${arg} for \`policy-check rules\` (expected --format text|json, --bundle FILE)`);
    }
    if (value !== "text" && value !== "json") throw new PolicyCheckError("USAGE", `unknown format "${value}" for \`policy-check rules\` (expected text, json)`);
    format = value;
  }
  return { command: "rules", format, bundle, debug };
}

/** The check command's options that take a value (the pre-commit hook must not take their values for files). */
export const VALUED_OPTIONS: ReadonlySet<string> = new Set([
  "-f", "--format", "--fail-on", "-o", "--output", "--rule", "--stack", "--var-file", "--source-dir", "--config", "--policy-dir", "--bundle", "--terraform-bin",
]);

export function parseArgs(argv: readonly string[]): CliArgs {
  const debug = argv.includes("--debug");
  if (argv[0] === "rules") return parseRulesArgs(argv.slice(1), debug);
  const formats: ReportTarget[] = [];
  let failOn: Severity = "medium";
  let output: string | null = null;
  const rules: string[] = [];
  let stack: string | null = null;
  const varFiles: string[] = [];
  let sourceDir: string | null = null;
  let config: string | null = null;
  const policyDirs: string[] = [];
  let bundle: string | null = null;
  let terraformBin: string | null = null;
  let failOnSet = false;
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const takeValue = (): string => {
      if (eq > 0) return arg.slice(eq + 1);
      const value = argv[i + 1];
      if (value === undefined || (value.startsWith("-") && value !== "-")) {
        throw new PolicyCheckError("USAGE", `${flag} needs a value`);
      }
      i += 1;
      return value;
    };
    switch (flag) {
      case "-h":
      case "--help":
        return { command: "help", debug };
      case "-v":
      case "--version":
        return { command: "version", debug };
      case "--debug":
        break;
      case "-f":
      case "--format":
        formats.push(parseFormat(takeValue()));
        break;
      case "--fail-on": {
        const value = takeValue();
        if (!isSeverity(value)) throw new PolicyCheckError("USAGE", `unknown severity "${value}" for --fail-on (expected ${SEVERITIES.join(", ")})`);
        failOn = value;
        failOnSet = true;
        break;
      }
      case "-o":
      case "--output":
        output = takeValue();
        break;
      case "--rule":
        rules.push(takeValue().toUpperCase());
        break;
      case "--stack":
        stack = takeValue();
        break;
      case "--var-file":
        varFiles.push(takeValue());
        break;
      case "--source-dir":
        sourceDir = takeValue();
        break;
      case "--config":
        config = takeValue();
        break;
      case "--policy-dir":
        policyDirs.push(takeValue());
        break;
      case "--bundle":
        bundle = takeValue();
        break;
      case "--terraform-bin":
        terraformBin = takeValue();
        break;
      default:
        if (arg.startsWith("-") && arg !== "-") throw new PolicyCheckError("USAGE", `unknown option ${arg} (see --help)`);
        positional.push(arg);
    }
  }
  if (positional.length === 0) throw new PolicyCheckError("USAGE", "missing input: give a plan JSON file or - for standard input (see --help)");
  if (positional.length > 1) throw new PolicyCheckError("USAGE", `expected one input, got ${positional.length}: ${positional.join(" ")}`);
  const reports = reportTargets(formats, output);
  const format = (reports[0] as ReportTarget).format;
  return { command: "check", input: positional[0] as string, format, reports, failOn, output, rules, stack, varFiles, sourceDir, config, policyDirs, bundle, terraformBin, failOnSet, debug };
}

/** `NAME` or `NAME=FILE`. */
function parseFormat(value: string): ReportTarget {
  const eq = value.indexOf("=");
  const format = eq < 0 ? value : value.slice(0, eq);
  if (!REPORTERS.some((r) => r.name === format)) {
    throw new PolicyCheckError("USAGE", `unknown format "${format}" (expected ${REPORTERS.map((r) => r.name).join(", ")})`);
  }
  if (eq >= 0 && value.length === eq + 1) throw new PolicyCheckError("USAGE", `--format ${format}= needs a file name after "="`);
  return { format, output: eq < 0 ? null : value.slice(eq + 1) };
}

/**
 * Formats without their own file go to --output (or standard output); two reports may not share one
 * destination, which would interleave or overwrite them.
 */
function reportTargets(formats: readonly ReportTarget[], output: string | null): ReportTarget[] {
  const reports = (formats.length === 0 ? [{ format: "text", output: null }] : formats).map((r) => ({ format: r.format, output: r.output ?? output }));
  const seen = new Map<string, string>();
  for (const r of reports) {
    const where = r.output ?? "-";
    const other = seen.get(where);
    if (other !== undefined) {
      const place = r.output === null ? "standard output" : r.output;
      throw new PolicyCheckError("USAGE", `--format ${other} and --format ${r.format} both write to ${place}: give each its own file (--format ${r.format}=FILE)`);
    }
    seen.set(where, r.format);
  }
  return reports;
}
