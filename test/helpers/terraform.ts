/**
 * Saves a real binary plan of a fixture scenario at test time, the way plans/generate.sh plans it: the
 * machine's Terraform, the provider from the filesystem mirror, mock credentials, `-refresh=false`, offline.
 * Nothing binary is committed; the working directory (initialised, with `.terraform/`) is a temporary one.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PLANS } from "./cli";

/** The Terraform CI and plans/generate.sh use (1.11.4). */
export const TERRAFORM = "/usr/local/bin/terraform";
export const HAS_TERRAFORM = existsSync(TERRAFORM);
const MIRROR = process.env["TF_PROVIDER_MIRROR"] ?? "/opt/tf-plugins";
const PROVIDER = "registry.terraform.io/hashicorp/aws";

/** Plans `plans/<scenario>` with `terraform plan -out=tfplan` in a new temporary directory, which it returns. */
export function saveBinaryPlan(scenario: string): string {
  if (!existsSync(path.join(MIRROR, PROVIDER))) throw new Error(`provider mirror not found at ${MIRROR}/${PROVIDER} (set TF_PROVIDER_MIRROR)`);
  const work = mkdtempSync(path.join(os.tmpdir(), `policy-check-tfplan-${scenario}-`));
  const source = path.join(PLANS, scenario);
  for (const file of readdirSync(source)) if (file.endsWith(".tf")) copyFileSync(path.join(source, file), path.join(work, file));
  const rc = path.join(work, "terraform.tfrc");
  writeFileSync(
    rc,
    `provider_installation {\n  filesystem_mirror {\n    path    = "${MIRROR}"\n    include = ["${PROVIDER}"]\n  }\n  direct {\n    exclude = ["${PROVIDER}"]\n  }\n}\n`,
  );
  const env: NodeJS.ProcessEnv = { ...process.env, TF_CLI_CONFIG_FILE: rc, TF_IN_AUTOMATION: "1", TF_INPUT: "0", CHECKPOINT_DISABLE: "1" };
  delete env["TF_WORKSPACE"];
  delete env["TF_DATA_DIR"];
  for (const args of [
    ["init", "-no-color", "-input=false", "-backend=false"],
    ["plan", "-no-color", "-input=false", "-lock=false", "-refresh=false", "-out=tfplan"],
  ]) {
    const result = spawnSync(TERRAFORM, args, { cwd: work, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    if (result.status !== 0) throw new Error(`terraform ${args[0] ?? ""} failed in ${work}: ${result.stderr || result.stdout}`);
  }
  return work;
}
