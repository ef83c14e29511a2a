/**
 * Command-line flags → a typed request. Parsing only: no I/O, errors are USAGE PolicyCheckErrors.
 *
 * One parser (node:util parseArgs) for every subcommand, driven by one table: each command's words, options
 * (with their help text) and operands. The same rules hold everywhere: `--opt value` and `--opt=value`, short
 * options, `--` ends the options, a value that looks like an option is refused (`--output --format` is a
 * missing value, not a file called `--format`), and `--help` after a command shows that command's help. The
 * usage text is generated from the table, so it lists every option the parser takes.
 */
import { parseArgs as parseTokens } from "node:util";
import { isSeverity, SEVERITIES, type Severity } from "../engine/severity";
import { PolicyCheckError } from "../errors";
import { REPORT_FORMATS } from "../report/registry";

/** One report to write: a format and its file (null: standard output). */
export interface ReportTarget {
  format: string;
  output: string | null;
}

export interface CheckArgs {
  command: "check";
  /** The first input (`inputs` has every one). */
  input: string;
  /** Every input operand: plans, directories, files; each judged in turn, one exit code. */
  inputs: string[];
  /** The first report's format (`reports` has every one). */
  format: string;
  /** `--format NAME[=FILE]` (repeatable); a format without a file goes to --output or standard output. */
  reports: ReportTarget[];
  failOn: Severity;
  output: string | null;
  /** `--rule ID` (repeatable, comma lists), upper-cased. */
  rules: string[];
  /** `--skip-rule ID` (repeatable, comma lists), upper-cased: rules not evaluated. */
  skipRules: string[];
  /** `--soft-fail`: report, exit 0 on findings (still 2 on errors). */
  softFail: boolean;
  /** `--changed-only`: judge only created, updated or replaced resources (the configuration's only_changed). */
  changedOnly: boolean;
  /** `--no-config`: no configuration file, not even one found upward. */
  noConfig: boolean;
  /** `--baseline FILE`: findings it lists are reported as baselined, never blocking. */
  baseline: string | null;
  /** `--create-baseline FILE`: write the run's findings as a baseline. */
  createBaseline: string | null;
  /** `--no-peer-waivers`: ignore `#checkov:skip=`, `#trivy:ignore:` and `#tfsec:ignore:` comments. */
  noPeerWaivers: boolean;
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
  /** `--fail-on-new`: only findings the change introduces block. */
  failOnNew: boolean;
  /** `--fail-on-weakened`: a weakened security setting blocks too. */
  failOnWeakened: boolean;
  /** `--compact`: the text report's one-line-a-finding layout. */
  compact: boolean;
  /** `--quiet`: the text report shows only blocking findings and the summary. */
  quiet: boolean;
  /** `--color` (true), `--no-color` (false), or neither (null: FORCE_COLOR, NO_COLOR and the terminal decide). */
  color: boolean | null;
  debug: boolean;
}

export interface ExplainArgs {
  command: "explain";
  /** The rule ID as given (matched case-insensitively). */
  rule: string;
  debug: boolean;
}

export interface RulesArgs {
  command: "rules";
  format: "text" | "json";
  /** A bundle built by `policy-check build` (custom rules included); default: the built-in rules. */
  bundle: string | null;
  debug: boolean;
}

export interface BuildArgs {
  command: "build";
  /** `--policy-dir DIR` (repeatable), compiled with the built-in rules and the configuration's policy_dirs. */
  policyDirs: string[];
  /** `-o FILE`: the bundle to write. */
  output: string;
  config: string | null;
  noConfig: boolean;
  debug: boolean;
}

export interface NewRuleArgs {
  command: "new rule";
  name: string;
  /** `--id ID`, upper-cased. */
  id: string;
  /** `--dir DIR`: where the rule's folder is made. */
  dir: string;
  debug: boolean;
}

export type CommandName = "check" | "rules" | "build" | "new rule" | "explain";

export type CliArgs =
  | CheckArgs
  | RulesArgs
  | BuildArgs
  | NewRuleArgs
  | ExplainArgs
  | { command: "help"; topic: CommandName; debug: boolean }
  | { command: "version"; debug: boolean };

/** One option: node:util's kind, and what the help text says. */
interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  multiple?: boolean;
  /** The value's name in the help text (`<file>`); string options only. */
  value?: string;
  /** Help text lines. */
  help: readonly string[];
}

interface CommandSpec {
  name: CommandName;
  /** The words that select it (`new rule`); the check command has none. */
  words: readonly string[];
  /** Usage line after `policy-check`. */
  synopsis: string;
  /** What it does, for its --help. */
  about: string;
  options: Readonly<Record<string, OptionSpec>>;
}

const DEBUG: OptionSpec = { type: "boolean", help: ["print stack traces of errors"] };
const HELP: OptionSpec = { type: "boolean", short: "h", help: ["show this help"] };
const CONFIG: OptionSpec = {
  type: "string",
  value: "file",
  help: ["configuration file (default: .policy-check.yaml or .yml found upward to the repository root)"],
};
const NO_CONFIG: OptionSpec = { type: "boolean", help: ["use no configuration file"] };
const BUNDLE_DEFAULT = "policy-check.bundle.tar.gz";

const CHECK: CommandSpec = {
  name: "check",
  words: [],
  synopsis: "[options] <plan.json | tfplan | - | dir/ | file.tf>...",
  about: `Judges a Terraform/OpenTofu plan (\`terraform show -json PLANFILE\`) for insecure Amazon API Gateway changes.
A saved binary plan (terraform plan -out=tfplan) is read with \`terraform show -json\` in its directory.
A directory of Terraform source (*.tf, *.tf.json) or one .tf file is judged before any plan exists; a directory
whose .tf files sit only in sub-directories is searched for Terraform roots, each judged on its own.
Several inputs are judged in one run: one report, each finding naming its input, one exit code.`,
  options: {
    format: {
      type: "string",
      short: "f",
      multiple: true,
      value: "name",
      help: [
        `report format: ${REPORT_FORMATS.join(", ")} (default: text);`,
        "repeatable, with a file per format: --format sarif=out.sarif --format text",
      ],
    },
    "fail-on": { type: "string", value: "sev", help: [`lowest severity that fails the run: ${SEVERITIES.join(", ")} (default: medium)`] },
    "fail-on-new": { type: "boolean", help: ["fail only on findings this change introduces (plans: before against after)"] },
    "fail-on-weakened": { type: "boolean", help: ["fail too when this change weakens a security setting (plans)"] },
    output: { type: "string", short: "o", value: "file", help: ["write the report to a file instead of standard output"] },
    rule: { type: "string", multiple: true, value: "ID", help: ["evaluate only these rules (repeatable, or --rule A,B)"] },
    "skip-rule": { type: "string", multiple: true, value: "ID", help: ["do not evaluate these rules (repeatable, or --skip-rule A,B)"] },
    "soft-fail": { type: "boolean", help: ["report findings but exit 0 (errors still exit 2)"] },
    "changed-only": { type: "boolean", help: ["judge only resources the plan creates, updates or replaces (only_changed)"] },
    baseline: { type: "string", value: "file", help: ["findings listed in this baseline are reported as baselined, never blocking"] },
    "create-baseline": { type: "string", value: "file", help: ["write this run's findings to a baseline file"] },
    "no-peer-waivers": { type: "boolean", help: ["ignore #checkov:skip=, #trivy:ignore: and #tfsec:ignore: comments"] },
    stack: { type: "string", value: "name", help: ["judge only this stack of a CDKTF output (cdktf.out)"] },
    "var-file": { type: "string", multiple: true, value: "file", help: ["variables for a Terraform source input (repeatable; later files win)"] },
    "source-dir": { type: "string", value: "dir", help: ["the Terraform source of a plan: file and line in findings, source-proven values"] },
    config: CONFIG,
    "no-config": NO_CONFIG,
    "policy-dir": { type: "string", multiple: true, value: "dir", help: ["custom Rego rules to run with the built-in ones (repeatable; needs opa)"] },
    bundle: { type: "string", value: "file", help: ["run a prebuilt policy bundle (policy-check build -o FILE)"] },
    "terraform-bin": { type: "string", value: "path", help: ["program that reads a binary plan (default: terraform, else tofu, on PATH)"] },
    compact: { type: "boolean", help: ["text report: one line a finding (severity, rule, address, file:line, title)"] },
    quiet: { type: "boolean", short: "q", help: ["text report: only the blocking findings and the summary"] },
    color: { type: "boolean", help: ["colour the text report even when not writing to a terminal"] },
    "no-color": { type: "boolean", help: ["never colour (NO_COLOR=1 does the same; FORCE_COLOR=1 colours a pipe)"] },
    debug: DEBUG,
    help: HELP,
    version: { type: "boolean", short: "v", help: ["show the version"] },
  },
};

const RULES: CommandSpec = {
  name: "rules",
  words: ["rules"],
  synopsis: "rules [--format text|json] [--bundle FILE]",
  about: "Lists the rules: ID, severity, title and the peer scanners' controls each maps to.",
  options: {
    format: { type: "string", short: "f", value: "name", help: ["text (a table, the default) or json"] },
    bundle: { type: "string", value: "file", help: ["list the rules of a bundle made by policy-check build (custom rules too)"] },
    debug: DEBUG,
    help: HELP,
  },
};

const BUILD: CommandSpec = {
  name: "build",
  words: ["build"],
  synopsis: "build [--policy-dir DIR]... [--config FILE] [-o FILE]",
  about: `Compiles the built-in rules and the custom rules of every --policy-dir (and the configuration's
policy_dirs) into one bundle file with the pinned opa; \`policy-check --bundle FILE plan.json\` runs it without opa.`,
  options: {
    "policy-dir": { type: "string", multiple: true, value: "dir", help: ["custom Rego rules to compile with the built-in ones (repeatable)"] },
    config: CONFIG,
    "no-config": NO_CONFIG,
    output: { type: "string", short: "o", value: "file", help: [`the bundle to write (default: ${BUNDLE_DEFAULT})`] },
    debug: DEBUG,
    help: HELP,
  },
};

const NEW_RULE: CommandSpec = {
  name: "new rule",
  words: ["new", "rule"],
  synopsis: "new rule NAME [--id ID] [--dir DIR]",
  about: `Scaffolds DIR/NAME/ from the package's rule templates: NAME.rego with METADATA (ID, severity, parameters
with their defaults, remediation), NAME_test.rego, fixture/main.tf and README.md;
\`opa test <package>/policies/lib DIR\` passes as scaffolded.`,
  options: {
    id: { type: "string", value: "ID", help: ["the rule's ID (default: CUSTOM-001)"] },
    dir: { type: "string", value: "dir", help: ["where the rule's folder is made (default: custom-policies)"] },
    debug: DEBUG,
    help: HELP,
  },
};

const EXPLAIN: CommandSpec = {
  name: "explain",
  words: ["explain"],
  synopsis: "explain RULE-ID",
  about: "Prints a rule's page (what it checks, why it matters, how to fix and waive it) and its address online.",
  options: { debug: DEBUG, help: HELP },
};

/** Every command; the check command (no words) is the default. */
export const COMMANDS: readonly CommandSpec[] = [CHECK, RULES, BUILD, NEW_RULE, EXPLAIN];

function optionLines(spec: CommandSpec): string[] {
  const lines: string[] = [];
  for (const [name, option] of Object.entries(spec.options)) {
    const flag = `${option.short === undefined ? "    " : `-${option.short}, `}--${name}${option.value === undefined ? "" : ` <${option.value}>`}`;
    const [first = "", ...rest] = option.help;
    const pad = " ".repeat(26);
    if (flag.length + 2 > 24) lines.push(`  ${flag}`, `${pad}${first}`);
    else lines.push(`  ${flag.padEnd(24)}${first}`);
    for (const line of rest) lines.push(`${pad}${line}`);
  }
  return lines;
}

const EXIT_CODES = "Exit codes: 0 nothing at or above --fail-on (or --soft-fail), 1 blocking findings, 2 usage, input or internal error.";

/** `policy-check --help`: every command's synopsis, then the check command's options. */
export const USAGE = [
  `Usage: policy-check ${CHECK.synopsis}`,
  ...COMMANDS.filter((c) => c !== CHECK).map((c) => `       policy-check ${c.synopsis}`),
  "",
  CHECK.about,
  `\`policy-check rules\` lists the rules: ID, severity, title, the peer scanners' controls each maps to and its page.`,
  "`policy-check explain APIGW-101` prints a rule's page.",
  "",
  "Options:",
  ...optionLines(CHECK),
  "",
  EXIT_CODES,
  "policy-check rules --help, policy-check build --help, policy-check new rule --help, policy-check explain --help: their options.",
  "`--` ends the options: policy-check -- -odd-name.json",
].join("\n");

/** `policy-check COMMAND --help`. */
export function commandUsage(name: CommandName): string {
  if (name === "check") return USAGE;
  const spec = COMMANDS.find((c) => c.name === name) as CommandSpec;
  return [`Usage: policy-check ${spec.synopsis}`, "", spec.about, "", "Options:", ...optionLines(spec)].join("\n");
}

/** The check command's options that take a value (the pre-commit hook must not take their values for files). */
export const VALUED_OPTIONS: ReadonlySet<string> = valuedOptions(CHECK);

function valuedOptions(spec: CommandSpec): Set<string> {
  const out = new Set<string>();
  for (const [name, option] of Object.entries(spec.options)) {
    if (option.type !== "string") continue;
    if (option.short !== undefined) out.add(`-${option.short}`);
    out.add(`--${name}`);
  }
  return out;
}

type Values = Record<string, string | boolean | Array<string | boolean> | undefined>;

/** What `policy-check <words> --x` is called in messages. */
function commandLabel(spec: CommandSpec): string {
  return spec.words.length === 0 ? "" : ` for \`policy-check ${spec.words.join(" ")}\``;
}

/**
 * Options and operands of one command's arguments (after its words), with the table's rules: an unknown
 * option, a missing or option-like value, and a value given to a flag are USAGE errors.
 * `options` are the arguments that hold options and their values, as given (the pre-commit hook passes them on).
 */
function tokenize(spec: CommandSpec, argv: readonly string[]): { values: Values; operands: string[]; options: string[] } {
  const { tokens } = parseTokens({
    args: [...argv],
    options: Object.fromEntries(
      Object.entries(spec.options).map(([name, o]) => [
        name,
        { type: o.type, ...(o.short === undefined ? {} : { short: o.short }), ...(o.multiple === true ? { multiple: true } : {}) },
      ]),
    ),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const values: Values = {};
  const operands: string[] = [];
  const optionArgs = new Set<number>();
  for (const token of tokens) {
    if (token.kind === "positional") {
      operands.push(token.value);
      continue;
    }
    if (token.kind === "option-terminator") continue;
    const option = spec.options[token.name];
    if (option === undefined) {
      const see = spec.words.length === 0 ? "see --help" : `see policy-check ${spec.words.join(" ")} --help`;
      const near = token.rawName.startsWith("--") ? closest(token.name, Object.keys(spec.options)) : null;
      const hint = near === null ? see : `did you mean --${near}? ${see}`;
      throw new PolicyCheckError("USAGE", `unknown option ${token.rawName}${commandLabel(spec)} (${hint})`);
    }
    let value: string | boolean;
    if (option.type === "boolean") {
      if (token.value !== undefined) throw new PolicyCheckError("USAGE", `${token.rawName} takes no value`);
      value = true;
      optionArgs.add(token.index);
    } else {
      // A separate value that looks like an option is a forgotten value, except `-` (standard input/output).
      const given = token.value;
      if (given === undefined || given === "" || (token.inlineValue !== true && given.startsWith("-") && given !== "-")) {
        throw new PolicyCheckError("USAGE", `${token.rawName} needs a value`);
      }
      value = given;
      optionArgs.add(token.index);
      if (token.inlineValue !== true) optionArgs.add(token.index + 1);
    }
    const previous = values[token.name];
    values[token.name] = option.multiple === true ? [...((previous as Array<string | boolean> | undefined) ?? []), value] : value;
  }
  const options = [...optionArgs].sort((a, b) => a - b).map((i) => argv[i] as string);
  return { values, operands, options };
}

/** Edit distance (insertions, deletions, substitutions, adjacent swaps) between two short strings. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/** The known name nearest to a mistyped one (at most a third of its letters off, or a prefix), or null. */
export function closest(name: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = candidate.startsWith(name) && name.length >= 3 ? 0.5 : distance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== null && bestDistance <= Math.max(1, Math.floor(name.length / 3)) ? best : null;
}

const text = (values: Values, name: string): string | null => (typeof values[name] === "string" ? (values[name] as string) : null);
const texts = (values: Values, name: string): string[] => ((values[name] as string[] | undefined) ?? []).slice();
/** A repeatable option whose values may also be comma lists (`--rule A,B --rule C`), upper-cased. */
const ruleIds = (values: Values, name: string): string[] =>
  texts(values, name)
    .flatMap((v) => v.split(","))
    .map((v) => v.trim().toUpperCase())
    .filter((v) => v !== "");

/** The command `argv` names, and the arguments after its words. */
function selectCommand(argv: readonly string[]): { spec: CommandSpec; rest: readonly string[] } {
  if (argv[0] === "new") {
    if (argv[1] !== "rule") {
      throw new PolicyCheckError(
        "USAGE",
        `unknown command ${argv.slice(0, 2).join(" ")} (expected \`policy-check build\` or \`policy-check new rule NAME\`)`,
      );
    }
    return { spec: NEW_RULE, rest: argv.slice(2) };
  }
  const spec = COMMANDS.find((c) => c.words.length === 1 && c.words[0] === argv[0]);
  return spec === undefined ? { spec: CHECK, rest: argv } : { spec, rest: argv.slice(1) };
}

/**
 * The pre-commit hook's arguments: check options (as given, each with its value) and the files, told apart
 * with the check command's own table.
 */
export function splitCheckOptions(argv: readonly string[]): { options: string[]; files: string[] } {
  const { options, operands } = tokenize(CHECK, argv);
  return { options, files: operands };
}

export function parseArgs(argv: readonly string[]): CliArgs {
  const debug = argv.includes("--debug");
  // `policy-check help [COMMAND]`, and `policy-check new --help`, as users of other CLIs type them.
  if (argv[0] === "help" && argv.length <= 3) {
    const words = argv.slice(1).filter((w) => w !== "--debug");
    const topic =
      words.length === 0 ? CHECK : COMMANDS.find((c) => c.words.join(" ") === words.join(" ") || (c.words[0] === words[0] && words.length === 1));
    if (topic !== undefined) return { command: "help", topic: topic.name, debug };
  }
  if (argv[0] === "new" && (argv[1] === "--help" || argv[1] === "-h")) return { command: "help", topic: "new rule", debug };
  const { spec, rest } = selectCommand(argv);
  const { values, operands } = tokenize(spec, rest);
  if (values["help"] === true) return { command: "help", topic: spec.name, debug };
  if (values["version"] === true) return { command: "version", debug };
  const noOperands = (): void => {
    if (operands.length > 0) throw new PolicyCheckError("USAGE", `unexpected argument ${operands[0]}${commandLabel(spec)}`);
  };
  switch (spec.name) {
    case "rules": {
      noOperands();
      const format = text(values, "format") ?? "text";
      if (format !== "text" && format !== "json")
        throw new PolicyCheckError("USAGE", `unknown format "${format}" for \`policy-check rules\` (expected text, json)`);
      return { command: "rules", format, bundle: text(values, "bundle"), debug };
    }
    case "build":
      noOperands();
      return {
        command: "build",
        policyDirs: texts(values, "policy-dir"),
        output: text(values, "output") ?? BUNDLE_DEFAULT,
        config: configFile(values),
        noConfig: values["no-config"] === true,
        debug,
      };
    case "new rule": {
      const [name, ...extra] = operands;
      if (name === undefined) throw new PolicyCheckError("USAGE", "policy-check new rule needs a NAME (letters, digits, _ or -)");
      if (extra.length > 0) throw new PolicyCheckError("USAGE", `unexpected argument ${extra[0]}${commandLabel(spec)}`);
      return {
        command: "new rule",
        name,
        id: (text(values, "id") ?? "CUSTOM-001").toUpperCase(),
        dir: text(values, "dir") ?? "custom-policies",
        debug,
      };
    }
    case "explain": {
      const [rule, ...extra] = operands;
      if (rule === undefined)
        throw new PolicyCheckError("USAGE", "policy-check explain needs a rule ID, e.g. policy-check explain APIGW-101 (see policy-check rules)");
      if (extra.length > 0) throw new PolicyCheckError("USAGE", `unexpected argument ${extra[0]}${commandLabel(spec)}`);
      return { command: "explain", rule, debug };
    }
    case "check":
      return checkArgs(values, operands, debug);
  }
}

function checkArgs(values: Values, operands: readonly string[], debug: boolean): CheckArgs {
  const failOnText = text(values, "fail-on");
  if (failOnText !== null && !isSeverity(failOnText)) {
    throw new PolicyCheckError("USAGE", `unknown severity "${failOnText}" for --fail-on (expected ${SEVERITIES.join(", ")})`);
  }
  const formats = texts(values, "format").map(parseFormat);
  if (operands.length === 0) throw new PolicyCheckError("USAGE", "missing input: give a plan JSON file or - for standard input (see --help)");
  if (operands.length > 1 && operands.includes("-")) throw new PolicyCheckError("USAGE", "- (standard input) must be the only input");
  const output = text(values, "output");
  const reports = reportTargets(formats, output);
  if (values["color"] === true && values["no-color"] === true)
    throw new PolicyCheckError("USAGE", "--color and --no-color contradict each other: give one");
  for (const flag of ["compact", "quiet"]) {
    if (values[flag] === true && !reports.some((r) => r.format === "text")) {
      throw new PolicyCheckError("USAGE", `--${flag} shapes the text report, and no --format text is requested`);
    }
  }
  return {
    command: "check",
    input: operands[0] as string,
    inputs: [...operands],
    format: (reports[0] as ReportTarget).format,
    reports,
    failOn: failOnText === null ? "medium" : (failOnText as Severity),
    output,
    rules: ruleIds(values, "rule"),
    skipRules: ruleIds(values, "skip-rule"),
    softFail: values["soft-fail"] === true,
    changedOnly: values["changed-only"] === true,
    noConfig: values["no-config"] === true,
    baseline: text(values, "baseline"),
    createBaseline: text(values, "create-baseline"),
    noPeerWaivers: values["no-peer-waivers"] === true,
    stack: text(values, "stack"),
    varFiles: texts(values, "var-file"),
    sourceDir: text(values, "source-dir"),
    config: configFile(values),
    policyDirs: texts(values, "policy-dir"),
    bundle: text(values, "bundle"),
    terraformBin: text(values, "terraform-bin"),
    failOnSet: failOnText !== null,
    failOnNew: values["fail-on-new"] === true,
    failOnWeakened: values["fail-on-weakened"] === true,
    compact: values["compact"] === true,
    quiet: values["quiet"] === true,
    color: values["color"] === true ? true : values["no-color"] === true ? false : null,
    debug,
  };
}

/** `--config FILE`, refused together with `--no-config`. */
function configFile(values: Values): string | null {
  const file = text(values, "config");
  if (file !== null && values["no-config"] === true) throw new PolicyCheckError("USAGE", "--config and --no-config exclude each other");
  return file;
}

/** `NAME` or `NAME=FILE`. */
function parseFormat(value: string): ReportTarget {
  const eq = value.indexOf("=");
  const format = eq < 0 ? value : value.slice(0, eq);
  if (!REPORT_FORMATS.includes(format)) {
    throw new PolicyCheckError("USAGE", `unknown format "${format}" (expected ${REPORT_FORMATS.join(", ")})`);
  }
  if (eq >= 0 && value.length === eq + 1) throw new PolicyCheckError("USAGE", `--format ${format}= needs a file name after "="`);
  return { format, output: eq < 0 ? null : value.slice(eq + 1) };
}

/**
 * Formats without their own file go to --output (or standard output); two reports may not share one
 * destination, which would interleave or overwrite them.
 */
function reportTargets(formats: readonly ReportTarget[], output: string | null): ReportTarget[] {
  const reports = (formats.length === 0 ? [{ format: "text", output: null }] : formats).map((r) => ({
    format: r.format,
    output: r.output ?? output,
  }));
  const seen = new Map<string, string>();
  for (const r of reports) {
    const where = r.output ?? "-";
    const other = seen.get(where);
    if (other !== undefined) {
      const place = r.output === null ? "standard output" : r.output;
      throw new PolicyCheckError(
        "USAGE",
        `--format ${other} and --format ${r.format} both write to ${place}: give each its own file (--format ${r.format}=FILE)`,
      );
    }
    seen.set(where, r.format);
  }
  return reports;
}
