/**
 * The configuration side of the CLI: loading `.policy-check.yaml` and picking the policy engine for a check
 * (built-in bundle, `--bundle FILE`, or built-in + custom rules compiled with opa), and the rule-author
 * subcommands `policy-check build` and `policy-check new rule NAME`.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { compileBundle, packBundle, unpackBundle } from "../config/bundle";
import { loadConfig, type Config } from "../config/config";
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
new rule   scaffolds DIR/NAME/ (default DIR: custom-policies): NAME.rego with METADATA, NAME_test.rego,
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
    const folder = scaffoldRule(path.resolve(cwd, dir), name, id);
    io.stdout(`policy-check: created ${path.relative(cwd, folder) || folder} (rule ${id}); edit it, then \`policy-check --policy-dir ${dir} ...\`\n`);
    return EXIT.PASS;
  }
  throw new PolicyCheckError("USAGE", `unknown command ${rest.slice(0, 2).join(" ")} (expected \`policy-check build\` or \`policy-check new rule NAME\`)`);
}

/** Writes DIR/NAME/{NAME.rego, NAME_test.rego, fixture/main.tf, README.md}; refuses to overwrite. */
export function scaffoldRule(dir: string, name: string, id: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(name)) throw new PolicyCheckError("USAGE", `rule name ${JSON.stringify(name)}: use letters, digits, _ or - (starting with a letter)`);
  if (!/^[A-Z][A-Z0-9]*-\d{3}$/.test(id)) throw new PolicyCheckError("USAGE", `rule ID ${id}: use a prefix of your own and three digits, like ACME-001`);
  const pkg = name.toLowerCase().replace(/-/g, "_");
  const folder = path.join(dir, pkg);
  if (existsSync(folder)) throw new PolicyCheckError("USAGE", "already exists; pick another NAME", { input: folder });
  makeDirectories(path.join(folder, "fixture"));
  const files = scaffoldFiles(pkg, id);
  for (const [file, text] of Object.entries(files)) {
    try {
      writeFileSync(path.join(folder, file), text);
    } catch (error) {
      throw new PolicyCheckError("OUTPUT", `cannot write file (${(error as NodeJS.ErrnoException).code ?? "error"})`, { input: path.join(folder, file) });
    }
  }
  return folder;
}

/**
 * `mkdir -p`, one level at a time. Node's recursive mkdir never returns where creating a directory fails
 * with ENOENT although its parent exists (/proc/self): it keeps "creating" the parent and retrying.
 */
function makeDirectories(dir: string): void {
  const missing: string[] = [];
  for (let d = path.resolve(dir); !existsSync(d); d = path.dirname(d)) {
    missing.unshift(d);
    if (path.dirname(d) === d) break;
  }
  for (const d of missing) {
    try {
      mkdirSync(d);
    } catch (error) {
      throw new PolicyCheckError("OUTPUT", `cannot create directory (${(error as NodeJS.ErrnoException).code ?? "error"})`, { input: d });
    }
  }
}

function scaffoldFiles(pkg: string, id: string): Record<string, string> {
  const rego = `# METADATA
# title: REST APIs carry an owner tag
# description: >-
#   Every REST API names the team that owns it in a tag (\`owner\` by default; set another with the
#   configuration's rules.${id}.params.tag), so a finding always reaches someone who can fix it.
# related_resources:
#   - description: aws_api_gateway_rest_api (Terraform AWS provider)
#     ref: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_rest_api
# custom:
#   id: ${id}
#   severity: low
#   family: CUSTOM
#   kinds: [REST]
#   subjects: [aws_api_gateway_rest_api]
#   anchors:
#     security_hub: []
#     checkov: []
#     kics: []
#     trivy: []
#     other: []
#   remediation: |
#     Tag the API with its owner:
#
#         resource "aws_api_gateway_rest_api" "api" {
#           # ...
#           tags = { owner = "team-payments" }
#         }
package apigw.rules.custom.${pkg}

import data.apigw.lib.model
import data.apigw.lib.result

# The tag to require: data.config.rules["${id}"].params.tag (.policy-check.yaml), "owner" by default.
_tag := model.param("${id}", "tag", "owner")

# METADATA
# description: A REST API without the owner tag. An unknown tags value is reported as unverifiable.
deny contains result.fail(
	rego.metadata.chain(),
	api,
	sprintf("REST API %s has no \\"%s\\" tag, so nobody is named to fix its findings.", [api.address, _tag]),
	["tags"],
) if {
	some api in input.resources.aws_api_gateway_rest_api
	not model.present(api, concat(".", ["tags", _tag]))
}
`;
  const test = `package apigw.rules.custom.${pkg}_test

import data.apigw.rules.custom.${pkg} as rule

_api(tags, unknown) := {"address": "aws_api_gateway_rest_api.api", "values": {"name": "api", "tags": tags}, "unknown": unknown}

_input(api) := {"resources": {"aws_api_gateway_rest_api": [api]}}

test_fail_without_owner_tag if {
	findings := rule.deny with input as _input(_api(null, {}))
	findings == {{
		"rule_id": "${id}",
		"severity": "low",
		"address": "aws_api_gateway_rest_api.api",
		"message": "REST API aws_api_gateway_rest_api.api has no \\"owner\\" tag, so nobody is named to fix its findings.",
		"unknown": false,
	}}
}

test_pass_with_owner_tag if {
	count(rule.deny) == 0 with input as _input(_api({"owner": "team-payments"}, {}))
}

test_tag_name_is_a_parameter if {
	api := _api({"owner": "team-payments"}, {})
	findings := rule.deny with input as _input(api) with data.config.rules as {"${id}": {"params": {"tag": "cost-center"}}}
	count(findings) == 1
}

test_unknown_tags_are_unverifiable if {
	unknown := {"tags": {"set": false, "reason": "after_apply", "references": ["var.tags"]}}
	findings := rule.deny with input as _input(_api(null, unknown))
	some finding in findings
	finding.unknown == true
	finding.severity == "info"
}
`;
  const fixture = `# A fixture the rule reports: policy-check --policy-dir <DIR> <DIR>/${pkg}/fixture
resource "aws_api_gateway_rest_api" "api" {
  name = "orders"
}

resource "aws_api_gateway_rest_api" "tagged" {
  name = "payments"
  tags = { owner = "team-payments" }
}
`;
  const doc = `# ${id}: REST APIs carry an owner tag

**Severity:** low · **Subject:** \`aws_api_gateway_rest_api\` · **Package:** \`apigw.rules.custom.${pkg}\`

## What
TODO: what the rule checks, in one paragraph.

## Why
TODO: the risk it prevents.

## How to fix
Tag the API with its owner (\`tags = { owner = "team-payments" }\`).

## Parameters
- \`tag\` (string, default \`owner\`): set in \`.policy-check.yaml\` under \`rules.${id}.params.tag\`.

## Try it
\`\`\`sh
opa test <policy-check package>/policies/lib ${pkg}/          # the unit tests
policy-check --policy-dir . ${pkg}/fixture                    # aws_api_gateway_rest_api.api is reported
\`\`\`
`;
  return { [`${pkg}.rego`]: rego, [`${pkg}_test.rego`]: test, "fixture/main.tf": fixture, "README.md": doc };
}

