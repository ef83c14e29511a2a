/**
 * Malformed input fails closed: every shape the readers cannot read as Terraform writes it is one line on
 * stderr naming the input and the entry, exit code 2 — never a dropped entry and a pass. Inputs are real
 * fixture plans with one field broken, run through the CLI in process (real WASM policies).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { run, type Io } from "../../src/cli/main";
import { PLANS } from "../helpers/cli";

const tmp = mkdtempSync(path.join(os.tmpdir(), "policy-check-malformed-"));
const SOURCE = path.join(PLANS, "apigw-101-fail", "plan.json");
const ORIGINAL = readFileSync(SOURCE, "utf8");

type Plan = Record<string, unknown> & { resource_changes: Array<Record<string, unknown> & { change: Record<string, unknown> }> };

/** The i-th element, which the test found before: a missing one is a broken test, said as such. */
function entry<T>(list: readonly T[], i: number): T {
  const found = list[i];
  if (found === undefined) throw new Error(`test setup: no element ${i}`);
  return found;
}

function plan(): Plan {
  return JSON.parse(ORIGINAL) as Plan;
}

/** Position of the first change of a type, so messages can name it. */
function positionOf(p: Plan, type: string): number {
  const i = p.resource_changes.findIndex((rc) => rc.type === type);
  if (i < 0) throw new Error(`no ${type} in the fixture`);
  return i;
}

async function cli(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), stdoutIsTty: false, env: {}, cwd: tmp };
  const code = await run(args, io);
  return { code, stdout: out.join(""), stderr: err.join("") };
}

let counter = 0;
function write(content: string | Buffer, name = `plan-${(counter += 1)}.json`): string {
  const file = path.join(tmp, name);
  writeFileSync(file, content);
  return file;
}

async function expectRefused(file: string, message: string): Promise<void> {
  const result = await cli(["--rule", "APIGW-101", file]);
  expect(result.stderr).toBe(`policy-check: ${file}: ${message}\n`);
  expect(result.code).toBe(2);
  expect(result.stdout).toBe("");
}

const METHOD = "aws_api_gateway_method";

describe("plan entries that would have been dropped or misread exit 2 naming the entry", () => {
  const cases: Array<[string, (p: Plan) => string]> = [
    [
      "a type that is not a string",
      (p) => {
        const i = positionOf(p, METHOD);
        const rc = entry(p.resource_changes, i);
        rc["type"] = 42;
        return `resource_changes[${i}] (${String(rc["address"])}): type is a number, expected a string`;
      },
    ],
    [
      "a missing type",
      (p) => {
        const i = positionOf(p, METHOD);
        const rc = entry(p.resource_changes, i);
        delete rc["type"];
        return `resource_changes[${i}] (${String(rc["address"])}): type is missing, expected a string`;
      },
    ],
    [
      "an entry that is not an object",
      (p) => {
        p.resource_changes.splice(2, 0, "aws_api_gateway_method.x" as never);
        return "resource_changes[2] is a string, expected an object";
      },
    ],
    [
      "empty actions",
      (p) => {
        const i = positionOf(p, METHOD);
        entry(p.resource_changes, i).change["actions"] = [];
        return `resource_changes[${i}] (${String(entry(p.resource_changes, i)["address"])}): change.actions is an empty list, expected a list of plan actions`;
      },
    ],
    [
      "an unknown action",
      (p) => {
        const i = positionOf(p, METHOD);
        entry(p.resource_changes, i).change["actions"] = ["create", "explode"];
        return `resource_changes[${i}] (${String(entry(p.resource_changes, i)["address"])}): change.actions holds "explode", which is not a plan action`;
      },
    ],
    [
      "after that is a string",
      (p) => {
        const i = positionOf(p, METHOD);
        entry(p.resource_changes, i).change["after"] = "{}";
        return `resource_changes[${i}] (${String(entry(p.resource_changes, i)["address"])}): after is a string, expected an object`;
      },
    ],
    [
      "after that is null on a create",
      (p) => {
        const i = positionOf(p, METHOD);
        entry(p.resource_changes, i).change["after"] = null;
        return `resource_changes[${i}] (${String(entry(p.resource_changes, i)["address"])}): after is null, expected an object (the resource's values after create)`;
      },
    ],
    [
      "after_unknown that is a list",
      (p) => {
        const i = positionOf(p, METHOD);
        entry(p.resource_changes, i).change["after_unknown"] = [true];
        return `resource_changes[${i}] (${String(entry(p.resource_changes, i)["address"])}): after_unknown is a list, expected an object`;
      },
    ],
    [
      "an after_unknown leaf that is a string",
      (p) => {
        const i = positionOf(p, METHOD);
        entry(p.resource_changes, i).change["after_unknown"] = { authorization: "yes" };
        return `resource_changes[${i}] (${String(entry(p.resource_changes, i)["address"])}): after_unknown.authorization is a string, expected true, false, a list or an object`;
      },
    ],
    [
      "after_sensitive that is true for the whole resource",
      (p) => {
        const i = positionOf(p, METHOD);
        entry(p.resource_changes, i).change["after_sensitive"] = true;
        return `resource_changes[${i}] (${String(entry(p.resource_changes, i)["address"])}): after_sensitive is true, expected an object of attribute masks`;
      },
    ],
    [
      "before_sensitive holding a number",
      (p) => {
        const i = positionOf(p, METHOD);
        entry(p.resource_changes, i).change["before_sensitive"] = { tags: 1 };
        return `resource_changes[${i}] (${String(entry(p.resource_changes, i)["address"])}): before_sensitive.tags is a number, expected true, false, a list or an object`;
      },
    ],
    [
      "before that is a list",
      (p) => {
        const i = positionOf(p, METHOD);
        entry(p.resource_changes, i).change["before"] = [];
        return `resource_changes[${i}] (${String(entry(p.resource_changes, i)["address"])}): before is an empty list, expected an object`;
      },
    ],
    [
      "a mode that is neither managed nor data",
      (p) => {
        const i = positionOf(p, METHOD);
        entry(p.resource_changes, i)["mode"] = "Managed";
        return `resource_changes[${i}] (${String(entry(p.resource_changes, i)["address"])}): mode is "Managed", expected "managed" or "data"`;
      },
    ],
    [
      "an index that is an object",
      (p) => {
        const i = positionOf(p, METHOD);
        entry(p.resource_changes, i)["index"] = { key: "a" };
        return `resource_changes[${i}] (${String(entry(p.resource_changes, i)["address"])}): index is an object, expected a string or a number`;
      },
    ],
    [
      "the same address twice",
      (p) => {
        const i = positionOf(p, METHOD);
        p.resource_changes.push(JSON.parse(JSON.stringify(p.resource_changes[i])) as Plan["resource_changes"][number]);
        return `resource_changes[${p.resource_changes.length - 1}] (${String(entry(p.resource_changes, i)["address"])}): duplicate entry (also resource_changes[${i}])`;
      },
    ],
    [
      "resource_changes: null",
      (p) => {
        (p as Record<string, unknown>)["resource_changes"] = null;
        return "resource_changes is null, expected a list";
      },
    ],
    [
      "resource_changes as an object",
      (p) => {
        (p as Record<string, unknown>)["resource_changes"] = {};
        return "resource_changes is an object, expected a list";
      },
    ],
    [
      "resource_changes removed while planned_values lists resources",
      (p) => {
        delete (p as Record<string, unknown>)["resource_changes"];
        return "resource_changes is missing but planned_values lists resources: the plan was cut short; save it again with `terraform show -json`";
      },
    ],
    [
      'format_version "1abc"',
      (p) => {
        p["format_version"] = "1abc";
        return 'format_version "1abc" is not a version number (expected 0.x or 1.x)';
      },
    ],
    [
      "terraform_version as a number",
      (p) => {
        p["terraform_version"] = 1.11;
        return "terraform_version is a number, expected a string";
      },
    ],
    [
      "prior_state as a string",
      (p) => {
        p["prior_state"] = "{}";
        return "prior_state is a string, expected an object";
      },
    ],
    [
      "planned_values as a list",
      (p) => {
        p["planned_values"] = [];
        return "planned_values is an empty list, expected an object";
      },
    ],
    [
      "variables as a list",
      (p) => {
        p["variables"] = [1];
        return "variables is a list, expected an object";
      },
    ],
    [
      "a variable that is not an object",
      (p) => {
        p["variables"] = { region: "us-east-1" };
        return "variables.region is a string, expected an object";
      },
    ],
    [
      "an errored plan",
      (p) => {
        p["errored"] = true;
        return "the plan errored (`errored: true`): Terraform could not finish planning, so resources may be missing; fix the plan's errors first";
      },
    ],
    [
      "configuration as a string",
      (p) => {
        p["configuration"] = "";
        return "configuration is a string, expected an object";
      },
    ],
    [
      "configuration.root_module as a list",
      (p) => {
        (p["configuration"] as Record<string, unknown>)["root_module"] = [];
        return "configuration.root_module is an empty list, expected an object";
      },
    ],
    [
      "configuration resources as an object",
      (p) => {
        const root = (p["configuration"] as { root_module: Record<string, unknown> }).root_module;
        root["resources"] = {};
        return "configuration.root_module.resources is an object, expected a list";
      },
    ],
    [
      "configuration expressions as a string",
      (p) => {
        const root = (p["configuration"] as { root_module: { resources: Array<Record<string, unknown>> } }).root_module;
        const i = root.resources.findIndex((r) => r["type"] === METHOD);
        entry(root.resources, i)["expressions"] = "authorization";
        return `configuration.root_module.resources[${i}] (${String(entry(root.resources, i)["address"])}).expressions is a string, expected an object`;
      },
    ],
    [
      "references that are not strings",
      (p) => {
        const root = (
          p["configuration"] as { root_module: { resources: Array<{ address: string; type: string; expressions: Record<string, unknown> }> } }
        ).root_module;
        const i = root.resources.findIndex((r) => r.type === METHOD && "rest_api_id" in r.expressions);
        entry(root.resources, i).expressions["rest_api_id"] = { references: [7] };
        return `configuration.root_module.resources[${i}] (${entry(root.resources, i).address}).expressions.rest_api_id.references is a list, expected a list of strings`;
      },
    ],
    [
      "module_calls as a list",
      (p) => {
        (p["configuration"] as { root_module: Record<string, unknown> }).root_module["module_calls"] = [];
        return "configuration.root_module.module_calls is an empty list, expected an object";
      },
    ],
    [
      "a module call whose module is a string",
      (p) => {
        (p["configuration"] as { root_module: Record<string, unknown> }).root_module["module_calls"] = { api: { source: "./api", module: "./api" } };
        return "configuration.root_module.module_calls.api.module is a string, expected an object";
      },
    ],
  ];

  test.each(cases)("%s", async (_name, mutate) => {
    const p = plan();
    const message = mutate(p);
    await expectRefused(write(JSON.stringify(p)), message);
  });

  test("the unmutated fixture is judged (so each refusal above comes from its one broken field)", async () => {
    const result = await cli(["--rule", "APIGW-101", write(ORIGINAL)]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
  });
});

describe("encodings", () => {
  const judged = async (file: string): Promise<string> => {
    const result = await cli(["--rule", "APIGW-101", "--format", "json", file]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    return JSON.stringify((JSON.parse(result.stdout) as { findings: unknown[] }).findings.map((f) => ({ ...(f as object), source: null })));
  };

  test("a UTF-8 byte order mark is dropped and the plan judged as without it", async () => {
    const withBom = write(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ORIGINAL, "utf8")]));
    expect(await judged(withBom)).toBe(await judged(write(ORIGINAL)));
  });

  const UTF16 = "UTF-16/BOM: re-save as UTF-8 (PowerShell: `terraform show -json tfplan | Out-File -Encoding utf8 plan.json`)";

  test("UTF-16LE with a byte order mark (PowerShell's `>`) is refused", async () => {
    await expectRefused(write(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ORIGINAL, "utf16le")])), UTF16);
  });

  test("UTF-16BE and UTF-16 without a byte order mark are refused", async () => {
    const be = Buffer.from(ORIGINAL, "utf16le").swap16();
    await expectRefused(write(Buffer.concat([Buffer.from([0xfe, 0xff]), be])), UTF16);
    await expectRefused(write(Buffer.from(ORIGINAL, "utf16le")), UTF16);
  });

  test("bytes that are not UTF-8 are refused with their offset", async () => {
    const bytes = Buffer.from(ORIGINAL, "utf8");
    const at = ORIGINAL.indexOf('"NONE"') + 1;
    bytes[at] = 0xff;
    await expectRefused(write(bytes), `is not valid UTF-8 (at byte ${at}): re-save as UTF-8`);
  });

  test("a lone surrogate in a value is refused with its line and column, never judged garbled", async () => {
    const p = plan();
    const i = positionOf(p, METHOD);
    (entry(p.resource_changes, i).change["after"] as Record<string, unknown>)["authorization"] = "NONE\ud800";
    const text = JSON.stringify(p, null, 2);
    const offset = text.indexOf("\\ud800");
    const before = text.slice(0, offset).split("\n");
    await expectRefused(
      write(text),
      `invalid text at line ${before.length}, column ${(before[before.length - 1] ?? "").length + 1}: the escape \\ud800 is half of a UTF-16 surrogate pair, not a character`,
    );
  });

  test("an escaped backslash before `ud800`, and a real surrogate pair, are ordinary text", async () => {
    const p = plan();
    const i = positionOf(p, METHOD);
    (entry(p.resource_changes, i).change["after"] as Record<string, unknown>)["description"] = "\\ud800 \ud83d\ude00";
    const result = await cli(["--rule", "APIGW-101", write(JSON.stringify(p))]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
  });
});

describe("CDKTF output read strictly", () => {
  const METADATA = { "//": { metadata: { backend: "local", stackName: "api", version: "0.21.0" } } };
  const method = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    rest_api_id: "${aws_api_gateway_rest_api.api.id}",
    resource_id: "${aws_api_gateway_rest_api.api.root_resource_id}",
    http_method: "GET",
    authorization: "NONE",
    ...extra,
  });
  const stackFile = (document: Record<string, unknown>): string => {
    const dir = path.join(tmp, `stack-${(counter += 1)}`);
    mkdirSync(dir);
    return write(JSON.stringify({ ...METADATA, ...document }), path.relative(tmp, path.join(dir, "cdk.tf.json")));
  };
  const resources = (extra: Record<string, unknown>): Record<string, unknown> => ({
    resource: { aws_api_gateway_rest_api: { api: { name: "api" } }, aws_api_gateway_method: { get: method() }, ...extra },
  });

  test("the well-formed stack is judged", async () => {
    const result = await cli(["--rule", "APIGW-101", stackFile(resources({}))]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
  });

  test.each<[string, Record<string, unknown>, string]>([
    [
      "a resource body that is not an object",
      resources({ aws_s3_bucket: { logs: "bucket" } }),
      "resource.aws_s3_bucket.logs is a string, expected an object",
    ],
    ["locals that are a string", { ...resources({}), locals: "x" }, "locals is a string, expected an object"],
    ["a locals list holding a number", { ...resources({}), locals: [{ a: 1 }, 2] }, "locals[1] is a number, expected an object"],
    [
      "dynamic blocks that are a list",
      { resource: { aws_api_gateway_rest_api: { api: { name: "api" } }, aws_api_gateway_method: { get: method({ dynamic: [] }) } } },
      'resource "aws_api_gateway_method" "get": dynamic is an empty list, expected an object of blocks',
    ],
    [
      "a dynamic block without content",
      {
        resource: {
          aws_api_gateway_stage: {
            prod: { rest_api_id: "x", deployment_id: "d", stage_name: "prod", dynamic: { access_log_settings: { for_each: [1] } } },
          },
        },
      },
      'resource "aws_api_gateway_stage" "prod": dynamic.access_log_settings.content is missing, expected an object',
    ],
  ])("%s", async (_name, document, message) => {
    const file = stackFile(document);
    await expectRefused(file, message);
  });

  test("a manifest entry that is not an object", async () => {
    const outdir = path.join(tmp, `out-${(counter += 1)}`);
    mkdirSync(outdir);
    const manifest = write(
      JSON.stringify({ version: "0.21.0", stacks: { api: "stacks/api/cdk.tf.json" } }),
      path.relative(tmp, path.join(outdir, "manifest.json")),
    );
    await expectRefused(manifest, 'stack "api" is a string, expected an object');
  });
});
