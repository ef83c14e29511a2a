/**
 * The configuration side of the CLI: loading `.policy-check.yaml` and picking the policy engine for a check
 * (built-in bundle, `--bundle FILE`, or built-in + custom rules compiled with opa), and the rule-author
 * subcommands `policy-check build` and `policy-check new rule NAME`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { compileBundle, packBundle, unpackBundle } from "../engine/bundle";
import { loadConfig, type Config } from "../config/config";
import { scaffoldCustomRule } from "../config/scaffold";
import { PolicyEngine } from "../engine/engine";
import type { Severity } from "../engine/severity";
import { PolicyCheckError } from "../errors";
import { EXIT } from "../findings";

export interface PreparedCheck {
  config: Config;
  engine: PolicyEngine;
  failOn: Severity;
  cleanup: () => void;
}

/**
 * Configuration and engine for a check. `--fail-on` wins over `fail_on`; `--bundle` wins over the
 * configuration's `policy_dirs` (CI runs the bundle a build step made from them), but not over `--policy-dir`.
 */
export async function prepareCheck(
  args: { config: string | null; policyDirs: string[]; bundle: string | null; failOn: Severity; failOnSet: boolean },
  cwd: string,
): Promise<PreparedCheck> {
  const config = loadConfig(args.config, cwd);
  const failOn = args.failOnSet ? args.failOn : (config.fail_on ?? args.failOn);
  if (args.bundle !== null && args.policyDirs.length > 0) {
    throw new PolicyCheckError("USAGE", "--bundle and --policy-dir exclude each other: build the custom rules into the bundle with `policy-check build`");
  }
  if (args.bundle !== null) {
    const unpacked = unpackBundle(path.resolve(cwd, args.bundle), args.bundle);
    try {
      return { config, engine: unpacked.load((dir) => PolicyEngine.loadSync(dir)), failOn, cleanup: unpacked.cleanup };
    } catch (error) {
      unpacked.cleanup();
      throw error;
    }
  }
  const dirs = [...args.policyDirs.map((d) => path.resolve(cwd, d)), ...config.policy_dirs];
  if (dirs.length === 0) return { config, engine: await PolicyEngine.load(), failOn, cleanup: () => undefined };
  const out = mkdtempSync(path.join(os.tmpdir(), "policy-check-custom-"));
  const cleanup = (): void => rmSync(out, { recursive: true, force: true });
  try {
    compileBundle(out, dirs);
    return { config, engine: await PolicyEngine.load(out), failOn, cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}

export const AUTHOR_USAGE = `Usage: policy-check build [--policy-dir DIR]... [--config FILE] [-o FILE]
       policy-check new rule NAME [--id ID] [--dir DIR]

build      compiles the built-in rules and the custom rules of every --policy-dir (and the configuration's
           policy_dirs) into one bundle file with the pinned opa (default: policy-check.bundle.tar.gz);
           \`policy-check --bundle FILE plan.json\` runs it without opa.
new rule   scaffolds DIR/NAME/ (default DIR: custom-policies) from the package's rule templates: NAME.rego
           with METADATA (ID, severity, parameters with their defaults, remediation), NAME_test.rego,
           fixture/main.tf and README.md; \`opa test <package>/policies/lib DIR\` passes as scaffolded.`;

interface Io {
  stdout: (text: string) => void;
}

function flagValue(argv: readonly string[], i: number, flag: string): string {
  const value = argv[i + 1];
  if (value === undefined || value.startsWith("-")) throw new PolicyCheckError("USAGE", `${flag} needs a value`);
  return value;
}

/** `policy-check build ...` and `policy-check new rule NAME ...`; argv starts with the subcommand. */
export function runAuthorCommand(argv: readonly string[], io: Io, cwd: string): number {
  const rest = argv.filter((a) => a !== "--debug");
  if (rest.includes("-h") || rest.includes("--help")) {
    io.stdout(`${AUTHOR_USAGE}\n`);
    return EXIT.PASS;
  }
  if (rest[0] === "build") {
    const dirs: string[] = [];
    let out = "policy-check.bundle.tar.gz";
    let configFile: string | null = null;
    for (let i = 1; i < rest.length; i += 1) {
      const arg = rest[i] as string;
      if (arg === "--policy-dir") dirs.push(flagValue(rest, i++, arg));
      else if (arg === "-o" || arg === "--output") out = flagValue(rest, i++, arg);
      else if (arg === "--config") configFile = flagValue(rest, i++, arg);
      else throw new PolicyCheckError("USAGE", `unknown argument ${arg} for \`policy-check build\` (see policy-check build --help)`);
    }
    const config = loadConfig(configFile, cwd);
    const all = [...dirs.map((d) => path.resolve(cwd, d)), ...config.policy_dirs];
    const work = mkdtempSync(path.join(os.tmpdir(), "policy-check-build-"));
    try {
      const count = compileBundle(work, all);
      packBundle(work, path.resolve(cwd, out));
      io.stdout(`policy-check: wrote ${out} (${count} rules; run it with --bundle ${out})\n`);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    return EXIT.PASS;
  }
  if (rest[0] === "new" && rest[1] === "rule") {
    const name = rest[2];
    if (name === undefined || name.startsWith("-")) throw new PolicyCheckError("USAGE", "policy-check new rule needs a NAME (letters, digits, _ or -)");
    let id = "CUSTOM-001";
    let dir = "custom-policies";
    for (let i = 3; i < rest.length; i += 1) {
      const arg = rest[i] as string;
      if (arg === "--id") id = flagValue(rest, i++, arg).toUpperCase();
      else if (arg === "--dir") dir = flagValue(rest, i++, arg);
      else throw new PolicyCheckError("USAGE", `unknown argument ${arg} for \`policy-check new rule\``);
    }
    const folder = scaffoldCustomRule(path.resolve(cwd, dir), name, id);
    io.stdout(`policy-check: created ${path.relative(cwd, folder) || folder} (rule ${id}); edit it, then \`policy-check --policy-dir ${dir} ...\`\n`);
    return EXIT.PASS;
  }
  throw new PolicyCheckError("USAGE", `unknown command ${rest.slice(0, 2).join(" ")} (expected \`policy-check build\` or \`policy-check new rule NAME\`)`);
}
