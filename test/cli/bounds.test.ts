/**
 * Bounded time and memory: hostile inputs (devices, FIFOs, gzip bombs, huge counts, deep nesting, module
 * cycles) and broken outputs (a closed pipe, a full device) each end in exit 2 with one line naming the input
 * and the limit: never a hang, an out-of-memory crash, a stack trace or exit 0. In-process through
 * `run(argv, io)` where the process does not matter; a spawned CLI for standard output, pipes and FIFOs.
 */
import { spawn, spawnSync } from "node:child_process";
import { closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { readFileBounded } from "../../src/bounded-read";
import { run, type Io } from "../../src/cli/main";
import { packBundle } from "../../src/engine/bundle";
import {
  MAX_BUNDLE_UNPACKED_BYTES,
  MAX_EXPRESSION_DEPTH,
  MAX_INSTANCES,
  MAX_INSTANCES_PER_BLOCK,
  MAX_JSON_DEPTH,
  MAX_MODULE_DEPTH,
  MAX_REFERENCE_DEPTH,
} from "../../src/limits";
import { CLI, PLANS, ROOT } from "../helpers/cli";

const PLAN = path.join(PLANS, "apigw-001-fail", "plan.json");
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), "pc-bounds-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs the CLI in-process in `tmp` and returns its exit code and output. */
async function runIn(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), stdoutIsTty: false, env: {}, cwd: tmp };
  const code = await run(argv, io);
  return { code, stdout: out.join(""), stderr: err.join("") };
}

/** Exit 2, nothing on stdout, one `policy-check: ` line with every fragment, no stack trace. */
function expectOneLine(result: { code?: number; status?: number | null; stdout: string; stderr: string }, ...fragments: string[]): void {
  expect(result.code ?? result.status).toBe(2);
  expect(result.stdout).toBe("");
  const lines = result.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^policy-check: /);
  for (const fragment of fragments) expect(lines[0]).toContain(fragment);
  expect(result.stderr).not.toMatch(/\n\s+at |internal error/);
}

/** A Terraform source directory under tmp with the given files. */
function source(name: string, files: Record<string, string>): string {
  const dir = path.join(tmp, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const API = 'resource "aws_api_gateway_rest_api" "api" {\n  name = "orders"\n}\n';

describe("reads", () => {
  test("/dev/zero as the input is refused, not read forever", async () => {
    expectOneLine(await runIn(["/dev/zero"]), "/dev/zero: is not a regular file");
  });

  test("a committed terraform.tfvars that links to /dev/zero is refused", async () => {
    const dir = source("tfvars-zero", { "main.tf": API });
    symlinkSync("/dev/zero", path.join(dir, "terraform.tfvars"));
    expectOneLine(await runIn([dir]), `${dir}/terraform.tfvars: is not a regular file`);
  });

  test("a FIFO nobody writes to is refused at once (spawned: a hang would hold the process)", () => {
    const fifo = path.join(tmp, "plan.fifo");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    const result = spawnSync(process.execPath, [CLI, fifo], { encoding: "utf8", timeout: 30_000 });
    expect(result.signal).toBeNull();
    expectOneLine(result, `${fifo}: is not a regular file`);
  });

  test("standard input still works, through the same bounded reader", () => {
    const result = spawnSync(process.execPath, [CLI, "--format", "json", "-"], {
      input: readFileSync(PLAN),
      encoding: "utf8",
      cwd: ROOT,
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ input: "-" });
  });

  test("a file over its limit is refused with the limit named, without reading it all", () => {
    const file = path.join(tmp, "big.json");
    writeFileSync(file, "x".repeat(2048));
    expect(() => readFileBounded(file, { limit: 1024, kind: "a test file (TEST_LIMIT)" })).toThrow(
      "is larger than 1024 bytes, the limit for a test file (TEST_LIMIT)",
    );
    expect(readFileBounded(file, { limit: 2048, kind: "a test file" })).toHaveLength(2048);
  });

  test("a gzip bomb given as --bundle stops at the unpacked-size limit", async () => {
    // Concatenated gzip members unpack to their sum: 300 members of 1 MiB of zeros, about 300 KiB on disk.
    const member = gzipSync(Buffer.alloc(1024 * 1024));
    const bomb = path.join(tmp, "bomb.tar.gz");
    writeFileSync(bomb, Buffer.concat(Array.from({ length: MAX_BUNDLE_UNPACKED_BYTES / (1024 * 1024) + 44 }, () => member)));
    expectOneLine(await runIn(["--bundle", "bomb.tar.gz", PLAN]), "bomb.tar.gz: unpacks to more than 256 MiB (MAX_BUNDLE_UNPACKED_BYTES)");
  });

  test("a bundle's errors name the bundle file the user gave, not a temporary directory", async () => {
    const dir = path.join(tmp, "broken-bundle");
    mkdirSync(dir);
    copyFileSync(path.join(ROOT, "dist", "policy", "policy.wasm"), path.join(dir, "policy.wasm"));
    writeFileSync(path.join(dir, "rules.json"), "{ not json");
    packBundle(dir, path.join(tmp, "broken.tar.gz"));
    const result = await runIn(["--bundle", "broken.tar.gz", PLAN]);
    expectOneLine(result, "policy-check: broken.tar.gz: rules.json is not valid JSON");
    expect(result.stderr).not.toContain(tmpdir());
    expectOneLine(await runIn(["rules", "--bundle", "broken.tar.gz"]), "policy-check: broken.tar.gz: rules.json is not valid JSON");
  });
});

describe("nesting and expansion", () => {
  test(`HCL count = 10000000 stops at MAX_INSTANCES_PER_BLOCK (${MAX_INSTANCES_PER_BLOCK})`, async () => {
    const dir = source("count", { "main.tf": 'resource "aws_api_gateway_rest_api" "api" {\n  count = 10000000\n  name  = "orders"\n}\n' });
    expectOneLine(
      await runIn([dir]),
      `${dir}: main.tf:1: resource "aws_api_gateway_rest_api" "api": 10000000 instances, more than ${MAX_INSTANCES_PER_BLOCK} (MAX_INSTANCES_PER_BLOCK)`,
    );
  });

  test(`instances multiplied through modules stop at MAX_INSTANCES (${MAX_INSTANCES})`, async () => {
    const dir = source("multiply", {
      "main.tf": 'module "m" {\n  source = "./m"\n  count  = 400\n}\n',
      "m/main.tf": 'resource "aws_api_gateway_rest_api" "api" {\n  count = 400\n  name  = "orders"\n}\n',
    });
    expectOneLine(
      await runIn([dir]),
      `${dir}: m/main.tf:1: resource "aws_api_gateway_rest_api" "api": the configuration expands to more than ${MAX_INSTANCES}`,
    );
  });

  test("a 100,000-deep JSON value in a plan is refused at MAX_JSON_DEPTH", async () => {
    const deep = `${"[".repeat(100_000)}1${"]".repeat(100_000)}`;
    const text = readFileSync(PLAN, "utf8").replace(/"after": \{(?=\s*")/, `"after": {"deep": ${deep}, `);
    expect(text).toContain('"deep": [[[');
    writeFileSync(path.join(tmp, "deep.json"), text);
    expectOneLine(
      await runIn([path.join(tmp, "deep.json")]),
      `deep.json: nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels (MAX_JSON_DEPTH)`,
    );
  });

  test("a JSON value at the depth limit is still judged", async () => {
    const deep = `${"[".repeat(MAX_JSON_DEPTH - 10)}1${"]".repeat(MAX_JSON_DEPTH - 10)}`;
    writeFileSync(path.join(tmp, "ok-deep.json"), readFileSync(PLAN, "utf8").replace(/"after": \{(?=\s*")/, `"after": {"deep": ${deep}, `));
    expect(await runIn([path.join(tmp, "ok-deep.json")])).toMatchObject({ code: 1, stderr: "" });
  });

  test("a 20,000-deep HCL expression is an error naming the file, not a stack overflow", async () => {
    const dir = source("deep-hcl", {
      "main.tf": `resource "aws_api_gateway_rest_api" "api" {\n  name = ${"(".repeat(20_000)}"x"${")".repeat(20_000)}\n}\n`,
    });
    expectOneLine(await runIn([dir]), `${dir}/main.tf: nests too deeply for the HCL parser`, "MAX_EXPRESSION_DEPTH");
  });

  test(`an expression the HCL parser accepts but deeper than MAX_EXPRESSION_DEPTH (${MAX_EXPRESSION_DEPTH}) is refused`, async () => {
    const dir = source("deep-expr", {
      "main.tf": `resource "aws_api_gateway_rest_api" "api" {\n  name = ${"(".repeat(600)}"x"${")".repeat(600)}\n}\n`,
    });
    expectOneLine(await runIn([dir]), `${dir}: an expression nests deeper than ${MAX_EXPRESSION_DEPTH} levels (MAX_EXPRESSION_DEPTH)`);
  });

  test(`a 20,000-long chain of locals stops at MAX_REFERENCE_DEPTH (${MAX_REFERENCE_DEPTH})`, async () => {
    const locals = Array.from({ length: 20_000 }, (_, i) => `  l${i} = local.l${i + 1}\n`).join("");
    const dir = source("chain", { "main.tf": `locals {\n${locals}  l20000 = "x"\n}\n${API.replace('"orders"', "local.l0")}` });
    expectOneLine(
      await runIn([dir]),
      `${dir}: main.tf:1: local value`,
      `references nest deeper than ${MAX_REFERENCE_DEPTH} levels (MAX_REFERENCE_DEPTH)`,
    );
  });

  test("a chain of locals within the limit is still evaluated", async () => {
    const locals = Array.from({ length: 100 }, (_, i) => `  l${i} = local.l${i + 1}\n`).join("");
    const dir = source("short-chain", { "main.tf": `locals {\n${locals}  l100 = "orders"\n}\n${API.replace('"orders"', "local.l0")}` });
    const result = await runIn(["--format", "json", dir]);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toMatchObject({ summary: { resources_judged: 1 } });
  });

  test("a module that calls itself stops at MAX_MODULE_DEPTH", async () => {
    const dir = source("cycle", { "main.tf": `module "self" {\n  source = "./"\n}\n${API}` });
    expectOneLine(await runIn([dir]), `${dir}: main.tf:1: module "self": modules nest deeper than ${MAX_MODULE_DEPTH} calls (MAX_MODULE_DEPTH)`);
  });

  test("5,000 nested module calls stop at MAX_MODULE_DEPTH", async () => {
    const files: Record<string, string> = { "main.tf": 'module "m" {\n  source = "./m0"\n}\n' };
    for (let i = 0; i < 5000; i += 1) files[`m${i}/main.tf`] = `module "m" {\n  source = "../m${i + 1}"\n}\n${API}`;
    files["m5000/main.tf"] = API;
    const dir = source("nested", files);
    expectOneLine(await runIn([dir]), `module "m": modules nest deeper than ${MAX_MODULE_DEPTH} calls (MAX_MODULE_DEPTH)`);
  });
});

describe("output", () => {
  /** A large report (SARIF describes every rule), so a closed pipe fails the write itself. */
  const ARGS = [CLI, "--format", "sarif", path.join(PLANS, "rest-insecure", "plan.json")];

  test("a stdout pipe closed by its reader: exit 2 and one line (was: a stack trace and exit 1)", async () => {
    const child = spawn(process.execPath, ARGS, { stdio: ["ignore", "pipe", "pipe"], cwd: ROOT });
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expectOneLine({ status, stdout: "", stderr }, "policy-check: standard output: cannot write report (EPIPE)");
  });

  test("`policy-check ... | head -c 1`: the lost report is an error, not exit 0", () => {
    const script = `"${process.execPath}" ${ARGS.map((a) => `"${a}"`).join(" ")} | head -c 1 >/dev/null; echo "status=\${PIPESTATUS[0]}"`;
    const result = spawnSync("bash", ["-c", script], { encoding: "utf8", cwd: ROOT, timeout: 60_000 });
    expect(result.stdout.trim()).toBe("status=2");
    expect(result.stderr.trimEnd().split("\n")).toEqual(["policy-check: standard output: cannot write report (EPIPE)"]);
  });

  test("standard output on a full device (/dev/full): exit 2 and one line", () => {
    const full = openSync("/dev/full", "w");
    try {
      const result = spawnSync(process.execPath, ARGS, { stdio: ["ignore", full, "pipe"], encoding: "utf8", cwd: ROOT, timeout: 60_000 });
      expectOneLine({ status: result.status, stdout: "", stderr: result.stderr }, "policy-check: standard output: cannot write report (ENOSPC)");
    } finally {
      closeSync(full);
    }
  });

  test("-o /dev/full: exit 2 and one line", async () => {
    expectOneLine(await runIn(["-o", "/dev/full", PLAN]), "policy-check: /dev/full: cannot write report (ENOSPC)");
  });

  test("`new rule --dir /proc/self` returns (was: recursive mkdir spun forever)", () => {
    const result = spawnSync(process.execPath, [CLI, "new", "rule", "probe", "--dir", "/proc/self"], { encoding: "utf8", timeout: 30_000 });
    expect(result.signal).toBeNull();
    expectOneLine(result, "policy-check: /proc/self/probe: cannot create directory");
  });
});

describe("configuration", () => {
  test("an invalid secret_name_pattern is refused at its key and line, not replaced by the default", async () => {
    writeFileSync(path.join(tmp, ".policy-check.yaml"), 'fail_on: high\nrules:\n  APIGW-502:\n    params:\n      secret_name_pattern: "(unclosed"\n');
    try {
      expectOneLine(
        await runIn([PLAN]),
        'policy-check: .policy-check.yaml:5: rules.APIGW-502.params.secret_name_pattern: "(unclosed" is not a valid RE2 regular expression',
      );
      // RE2 syntax JavaScript lacks is accepted: the rules' own regex engine is the judge.
      writeFileSync(path.join(tmp, ".policy-check.yaml"), 'rules:\n  APIGW-502:\n    params:\n      secret_name_pattern: "(?i)salt"\n');
      expect((await runIn([PLAN])).code).toBe(1);
    } finally {
      rmSync(path.join(tmp, ".policy-check.yaml"));
    }
  });
});
