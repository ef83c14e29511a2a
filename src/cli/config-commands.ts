/**
 * The configuration side of the CLI: loading `.policy-check.yaml` and picking the policy engine for a check
 * (built-in bundle, `--bundle FILE`, or built-in + custom rules compiled with opa), and the rule-author
 * subcommands `policy-check build` and `policy-check new rule NAME`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig, type Config } from "../config/config";
import { PolicyEngine } from "../engine/engine";
import type { Severity } from "../engine/severity";
import { PolicyCheckError } from "../errors";
import { EXIT } from "../findings";
import type { BuildArgs, NewRuleArgs } from "./args";

/**
 * Bundles (zlib, opa) and the rule scaffold, loaded when a command uses them: a plain check never does, and
 * start-up stays short. Literal paths: the standalone binary's bundler includes them.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const bundles = (): typeof import("../engine/bundle") => require("../engine/bundle") as typeof import("../engine/bundle");
const scaffold = (): typeof import("../config/scaffold") => require("../config/scaffold") as typeof import("../config/scaffold");
/* eslint-enable @typescript-eslint/no-require-imports */

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
  args: {
    config: string | null;
    noConfig?: boolean;
    changedOnly?: boolean;
    policyDirs: string[];
    bundle: string | null;
    failOn: Severity;
    failOnSet: boolean;
  },
  cwd: string,
): Promise<PreparedCheck> {
  const loaded = loadConfig(args.config, cwd, args.noConfig === true);
  // --changed-only is the configuration's only_changed, from the command line.
  const config = args.changedOnly === true ? { ...loaded, only_changed: true } : loaded;
  const failOn = args.failOnSet ? args.failOn : (config.fail_on ?? args.failOn);
  if (args.bundle !== null && args.policyDirs.length > 0) {
    throw new PolicyCheckError(
      "USAGE",
      "--bundle and --policy-dir exclude each other: build the custom rules into the bundle with `policy-check build`",
    );
  }
  if (args.bundle !== null) {
    const unpacked = bundles().unpackBundle(path.resolve(cwd, args.bundle), args.bundle);
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
    bundles().compileBundle(out, dirs);
    return { config, engine: await PolicyEngine.load(out), failOn, cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}

interface Io {
  stdout: (text: string) => void;
}

/** `policy-check build`: the built-in and custom rules compiled into one bundle file. */
export function runBuild(args: BuildArgs, io: Io, cwd: string): number {
  const config = loadConfig(args.config, cwd, args.noConfig);
  const all = [...args.policyDirs.map((d) => path.resolve(cwd, d)), ...config.policy_dirs];
  const work = mkdtempSync(path.join(os.tmpdir(), "policy-check-build-"));
  try {
    const count = bundles().compileBundle(work, all);
    bundles().packBundle(work, path.resolve(cwd, args.output));
    io.stdout(`policy-check: wrote ${args.output} (${count} rules; run it with --bundle ${args.output})\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return EXIT.PASS;
}

/** `policy-check new rule NAME`: a custom rule scaffolded from the package's templates. */
export function runNewRule(args: NewRuleArgs, io: Io, cwd: string): number {
  const folder = scaffold().scaffoldCustomRule(path.resolve(cwd, args.dir), args.name, args.id);
  io.stdout(
    `policy-check: created ${path.relative(cwd, folder) || folder} (rule ${args.id}); edit it, then \`policy-check --policy-dir ${args.dir} ...\`\n`,
  );
  return EXIT.PASS;
}
