/**
 * provider-schema: writes src/terraform/aws-provider-schema.generated.ts, the attribute types (and nested
 * blocks) of every resource type the model covers, from the real AWS provider's schema: `terraform providers
 * schema -json` in a temporary directory initialised against the same filesystem mirror the fixture plans use
 * (plans/generate.sh). The HCL evaluator converts configured values to these types as Terraform does
 * (`"true"` for a bool attribute is true). A jest test fails when the committed file no longer matches
 * (`npm run schema:provider` regenerates it).
 *
 * Environment: TERRAFORM (default `terraform` on PATH), TF_PROVIDER_MIRROR (default /opt/tf-plugins).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { RESOURCE_TYPES } from "../src/model/spec";
import type { ProviderBlock, ProviderType } from "../src/terraform/provider-schema";

function findRoot(dir: string): string {
  return existsSync(path.join(dir, "tsconfig.json")) ? dir : findRoot(path.dirname(dir));
}

export const ROOT = findRoot(__dirname);
export const PROVIDER_SCHEMA_FILE = path.join(ROOT, "src", "terraform", "aws-provider-schema.generated.ts");
export const TERRAFORM_VERSION = "1.11.4";
export const PROVIDER = "registry.terraform.io/hashicorp/aws";
export const PROVIDER_VERSION = "5.100.0";
export const MIRROR = process.env["TF_PROVIDER_MIRROR"] ?? "/opt/tf-plugins";

/** What `terraform providers schema -json` says of one block (only the parts read here). */
interface RawBlock {
  attributes?: Record<string, { type?: ProviderType; nested_type?: RawNested }>;
  block_types?: Record<string, { nesting_mode: string; block: RawBlock }>;
}

/** A protocol-6 nested attribute: its attributes and how they nest (single, list, set, map). */
interface RawNested {
  attributes: Record<string, { type?: ProviderType; nested_type?: RawNested }>;
  nesting_mode: string;
}

/** The type of an attribute: its cty type, or the object type its nested attributes make. */
function attributeType(attribute: { type?: ProviderType; nested_type?: RawNested }): ProviderType {
  if (attribute.type !== undefined) return attribute.type;
  const nested = attribute.nested_type;
  if (nested === undefined) return "dynamic";
  const object: ProviderType = ["object", Object.fromEntries(Object.entries(nested.attributes).map(([n, a]) => [n, attributeType(a)]))];
  return nested.nesting_mode === "single" ? object : [nested.nesting_mode as "list" | "set" | "map", object];
}

/**
 * Nested blocks deeper than this are left out: the WAF web ACL's recursive `statement` blocks nest about ten
 * levels and make a megabyte of schema, while the model reads its rules three levels down. Values below the
 * cut stay as configuration writes them.
 */
const MAX_BLOCK_DEPTH = 4;

function block(raw: RawBlock, depth = 0): ProviderBlock {
  const attributes = Object.fromEntries(
    Object.keys(raw.attributes ?? {})
      .sort()
      .map((name) => [name, attributeType(raw.attributes?.[name] ?? {})]),
  );
  const blocks = Object.fromEntries(
    Object.keys(depth >= MAX_BLOCK_DEPTH ? {} : (raw.block_types ?? {}))
      .sort()
      .map((name) => {
        const nested = raw.block_types?.[name] as { nesting_mode: string; block: RawBlock };
        return [name, { nesting: nested.nesting_mode, block: block(nested.block, depth + 1) }];
      }),
  );
  return { attributes, blocks };
}

function run(program: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): string {
  const result = spawnSync(program, args, { cwd, env, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (result.error !== undefined) throw new Error(`${program} ${args.join(" ")}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${program} ${args.join(" ")} failed: ${result.stderr || result.stdout}`);
  return result.stdout;
}

/** The provider's schema, read with the real Terraform from the mirror (offline). */
function readProviderSchema(terraform: string): { terraformVersion: string; resources: Record<string, { block: RawBlock }> } {
  if (!existsSync(path.join(MIRROR, PROVIDER, PROVIDER_VERSION))) {
    throw new Error(`provider mirror not found at ${MIRROR}/${PROVIDER}/${PROVIDER_VERSION} (set TF_PROVIDER_MIRROR)`);
  }
  const work = mkdtempSync(path.join(os.tmpdir(), "policy-check-provider-schema-"));
  try {
    writeFileSync(
      path.join(work, "main.tf"),
      `terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "${PROVIDER_VERSION}"\n    }\n  }\n}\n`,
    );
    writeFileSync(
      path.join(work, "terraform.tfrc"),
      `provider_installation {\n  filesystem_mirror {\n    path    = "${MIRROR}"\n    include = ["${PROVIDER}"]\n  }\n  direct {\n    exclude = ["${PROVIDER}"]\n  }\n}\n`,
    );
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      TF_CLI_CONFIG_FILE: path.join(work, "terraform.tfrc"),
      TF_IN_AUTOMATION: "1",
      TF_INPUT: "0",
      CHECKPOINT_DISABLE: "1",
    };
    delete env["TF_WORKSPACE"];
    delete env["TF_DATA_DIR"];
    const version = (JSON.parse(run(terraform, ["version", "-json"], work, env)) as { terraform_version: string }).terraform_version;
    if (version !== TERRAFORM_VERSION) throw new Error(`terraform ${TERRAFORM_VERSION} required, found ${version}`);
    run(terraform, ["init", "-no-color", "-input=false", "-backend=false"], work, env);
    const schema = JSON.parse(run(terraform, ["providers", "schema", "-json"], work, env)) as {
      provider_schemas: Record<string, { resource_schemas: Record<string, { block: RawBlock }> }>;
    };
    const provider = schema.provider_schemas[PROVIDER];
    if (provider === undefined) throw new Error(`terraform providers schema -json has no ${PROVIDER}`);
    return { terraformVersion: version, resources: provider.resource_schemas };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The generated module's text (JSON-formatted; .prettierignore leaves it as generated). */
export function generateProviderSchema(terraform = process.env["TERRAFORM"] ?? "terraform"): string {
  const { terraformVersion, resources } = readProviderSchema(terraform);
  const out: Record<string, ProviderBlock> = {};
  for (const type of [...RESOURCE_TYPES].sort()) {
    const raw = resources[type];
    if (raw === undefined) throw new Error(`the provider ${PROVIDER_VERSION} has no resource type ${type}`);
    out[type] = block(raw.block);
  }
  return [
    "// Generated by `npm run schema:provider` (scripts/provider-schema.ts) from `terraform providers schema -json`: do not edit.",
    'import type { ProviderSchema } from "./provider-schema";',
    "",
    "export const AWS_PROVIDER_SCHEMA: ProviderSchema = " +
      JSON.stringify({ terraform_version: terraformVersion, provider: PROVIDER, provider_version: PROVIDER_VERSION, resources: out }, null, 2) +
      ";",
    "",
  ].join("\n");
}

if (require.main === module) {
  try {
    writeFileSync(PROVIDER_SCHEMA_FILE, generateProviderSchema());
    process.stdout.write(`wrote ${path.relative(ROOT, PROVIDER_SCHEMA_FILE)}\n`);
  } catch (error) {
    process.stderr.write(`provider-schema: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
}
