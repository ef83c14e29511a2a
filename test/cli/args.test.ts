/** One parser for every subcommand (node:util parseArgs over one option table), and the pre-commit hook's share of it. */
import { commandUsage, COMMANDS, parseArgs, splitCheckOptions, USAGE, VALUED_OPTIONS, type CheckArgs } from "../../src/cli/args";

const usageError = (argv: string[]): string => {
  try {
    parseArgs(argv);
  } catch (error) {
    expect(error).toMatchObject({ code: "USAGE" });
    return (error as Error).message;
  }
  throw new Error(`no usage error for ${argv.join(" ")}`);
};

test("every option the usage text shows with a value is in VALUED_OPTIONS, and each really takes one", () => {
  const shown = [...USAGE.matchAll(/(?:^|[\s,])(-{1,2}[a-z-]+) <\w+>/gm)].map((m) => m[1] as string);
  expect(shown.length).toBeGreaterThan(5);
  for (const option of shown) expect(VALUED_OPTIONS).toContain(option);
  for (const option of VALUED_OPTIONS) expect(() => parseArgs(["plan.json", option])).toThrow(/needs a value/);
});

test("each command's --help lists every option its parser takes (new rule's --id too)", () => {
  for (const command of COMMANDS) {
    const help = commandUsage(command.name);
    for (const [name, option] of Object.entries(command.options)) {
      expect(help).toContain(`--${name}`);
      if (option.short !== undefined) expect(help).toContain(`-${option.short}, --${name}`);
    }
    expect(parseArgs([...command.words, "--help"])).toEqual({ command: "help", topic: command.name, debug: false });
  }
  expect(commandUsage("new rule")).toMatch(/--id <ID>/);
  expect(parseArgs(["-h"])).toMatchObject({ command: "help", topic: "check" });
  expect(parseArgs(["-v"])).toMatchObject({ command: "version" });
});

test("--opt=value, --opt value and -o value mean the same in every command", () => {
  const check = (argv: string[]): CheckArgs => parseArgs(argv) as CheckArgs;
  expect(check(["--fail-on=high", "--rule=apigw-001", "--output=o.txt", "p.json"])).toEqual(
    check(["--fail-on", "high", "--rule", "apigw-001", "-o", "o.txt", "p.json"]),
  );
  expect(check(["--format=sarif=out.sarif", "-fjson", "p.json"]).reports).toEqual([
    { format: "sarif", output: "out.sarif" },
    { format: "json", output: null },
  ]);
  expect(parseArgs(["rules", "--format=json", "--bundle=b.tgz"])).toEqual(parseArgs(["rules", "-f", "json", "--bundle", "b.tgz"]));
  expect(parseArgs(["build", "--policy-dir=a", "--policy-dir", "b", "-o", "x.tgz", "--config=c.yaml"])).toEqual({
    command: "build",
    policyDirs: ["a", "b"],
    output: "x.tgz",
    config: "c.yaml",
    noConfig: false,
    debug: false,
  });
  expect(parseArgs(["new", "rule", "owner-tag", "--id=acme-001", "--dir", "rules"])).toEqual({
    command: "new rule",
    name: "owner-tag",
    id: "ACME-001",
    dir: "rules",
    debug: false,
  });
  // `--` ends the options: a plan called --help is a file.
  expect(check(["--", "--help"]).input).toBe("--help");
  // `-` is standard input (and output), not an option.
  expect(check(["-o", "-", "-"])).toMatchObject({ input: "-", output: "-" });
});

test("the same errors everywhere: unknown options, missing or option-like values, values on flags, stray operands", () => {
  expect(usageError(["--bogus", "p.json"])).toBe("unknown option --bogus (see --help)");
  expect(usageError(["rules", "--bogus"])).toBe("unknown option --bogus for `policy-check rules` (see policy-check rules --help)");
  expect(usageError(["build", "--id", "X"])).toBe("unknown option --id for `policy-check build` (see policy-check build --help)");
  expect(usageError(["new", "rule", "x", "--policy-dir", "d"])).toMatch(/^unknown option --policy-dir for `policy-check new rule`/);
  expect(usageError(["--output", "--format", "json", "p.json"])).toBe("--output needs a value");
  expect(usageError(["build", "-o"])).toBe("-o needs a value");
  expect(usageError(["rules", "--bundle="])).toBe("--bundle needs a value");
  expect(usageError(["new", "rule", "x", "--id"])).toBe("--id needs a value");
  expect(usageError(["--debug=yes", "p.json"])).toBe("--debug takes no value");
  expect(usageError(["rules", "extra"])).toBe("unexpected argument extra for `policy-check rules`");
  expect(usageError(["new", "rule"])).toMatch(/needs a NAME/);
  expect(usageError(["new", "thing"])).toMatch(/^unknown command new thing/);
  expect(usageError(["rules", "--format", "sarif"])).toMatch(/unknown format "sarif" for `policy-check rules`/);
  expect(usageError(["p.json", "-"])).toBe("- (standard input) must be the only input");
  expect(usageError(["--config", "c.yaml", "--no-config", "p.json"])).toBe("--config and --no-config exclude each other");
});

test("the pre-commit hook splits its arguments with the check command's table", () => {
  expect(splitCheckOptions(["--fail-on", "high", "-fjson", "--rule=APIGW-001", "--debug", "a/main.tf", "b/x.tfvars"])).toEqual({
    options: ["--fail-on", "high", "-fjson", "--rule=APIGW-001", "--debug"],
    files: ["a/main.tf", "b/x.tfvars"],
  });
  // A valued option's value is never taken for a file, whatever it is called.
  expect(splitCheckOptions(["--var-file", "prod.tfvars", "main.tf"])).toEqual({ options: ["--var-file", "prod.tfvars"], files: ["main.tf"] });
  expect(() => splitCheckOptions(["--fail-on"])).toThrow(/--fail-on needs a value/);
});
