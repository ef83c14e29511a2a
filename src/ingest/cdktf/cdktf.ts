/**
 * Input adapter for CDK for Terraform output: `cdktf.out` (the directory), `cdktf.out/manifest.json`, one
 * `cdktf.out/stacks/<stack>/cdk.tf.json`, a stack's working directory, or a CDKTF project directory (its
 * `cdktf.json` names the output directory).
 *
 * Every stack is its own Terraform configuration (its own working directory and state), so two stacks may
 * both hold `aws_api_gateway_rest_api.api`: the result lists the stacks, and the runner judges each as its
 * own model. Stacks are read when the runner asks for them, so `--stack NAME` reads only that one.
 * Manifest paths are trusted only inside the output directory.
 */
import { existsSync, realpathSync } from "node:fs";
import { readFileBounded } from "../../bounded-read";
import { MAX_PLAN_BYTES } from "../../limits";
import path from "node:path";
import { PolicyCheckError } from "../../errors";
import { describeJson, parseJson } from "../json";
import { decodeText } from "../text";
import type { InputAdapter, InputSource, IngestResult, JsonObject } from "../types";
import { isStackDocument, readStackDocument, stackMetadata } from "./stack";

import { MANIFEST, STACK_FILE } from "./files";

export { MANIFEST, STACK_FILE };
const PROJECT_FILE = "cdktf.json";

function asObject(value: unknown): JsonObject | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as JsonObject) : null;
}

/** `{ "version": "0.21.0", "stacks": { ... } }`, as `app.synth()` writes it. */
export function isManifestDocument(document: unknown): boolean {
  const object = asObject(document);
  return object !== null && typeof object["version"] === "string" && asObject(object["stacks"]) !== null && !("format_version" in object);
}

function readJsonFile(file: string, display: string): unknown {
  const bytes = readFileBounded(file, { limit: MAX_PLAN_BYTES, kind: "a CDKTF output file read as one string (MAX_PLAN_BYTES)", shown: display });
  const text = decodeText(bytes, display);
  if (text.trim() === "") throw new PolicyCheckError("INPUT_UNSUPPORTED", "is empty", { input: display });
  return parseJson(text, display);
}

/** `relative` resolved inside `root`; null when it is absolute or climbs out. */
function inside(root: string, relative: string): string | null {
  if (path.isAbsolute(relative)) return null;
  const target = path.resolve(root, relative);
  const rel = path.relative(root, target);
  if (rel === "" || rel === ".." || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return null;
  return target;
}

function realpathOrNull(file: string): string | null {
  try {
    return realpathSync(file);
  } catch {
    return null;
  }
}

/**
 * The stacks a manifest lists, each read when asked for. `display` is how errors name the manifest; `outdir`
 * is the output directory its paths are relative to, `outdirDisplay` how findings name files in it.
 */
function readManifest(document: unknown, display: string, outdir: string, outdirDisplay: string): IngestResult {
  const manifest = asObject(document);
  const stacks = asObject(manifest?.["stacks"]);
  if (manifest === null || stacks === null) {
    throw new PolicyCheckError("INPUT_UNSUPPORTED", "not a CDKTF manifest: expected a `stacks` object", { input: display });
  }
  const root = path.resolve(outdir);
  const entries = Object.entries(stacks).map(([key, value]) => {
    const entry = asObject(value);
    const rawName = entry?.["name"];
    const name = typeof rawName === "string" ? rawName : key;
    const fail = (message: string): never => {
      throw new PolicyCheckError("INPUT_UNSUPPORTED", `stack ${JSON.stringify(name)} ${message}`, { input: display });
    };
    if (entry === null) fail(`is ${describeJson(value)}, expected an object`);
    if (rawName !== undefined && typeof rawName !== "string") fail(`has a name that is ${describeJson(rawName)}, expected a string`);
    const relative = entry?.["synthesizedStackPath"];
    if (typeof relative !== "string" || relative === "") return fail("has no synthesizedStackPath");
    if (relative.endsWith(".tf")) {
      return fail(`was synthesized as HCL (${relative}); policy-check reads the JSON output: synthesize without SYNTH_HCL_OUTPUT`);
    }
    const target = inside(root, relative) ?? fail(`has synthesizedStackPath ${JSON.stringify(relative)}, which leaves the output directory`);
    const file = path.join(outdirDisplay, relative);
    const read = (): IngestResult => {
      // A symbolic link inside the output directory may still point out of it.
      const real = realpathOrNull(target);
      const realRoot = realpathOrNull(root);
      if (real !== null && realRoot !== null && inside(realRoot, path.relative(realRoot, real)) === null) {
        fail(`has synthesizedStackPath ${JSON.stringify(relative)}, which links out of the output directory`);
      }
      return readStackDocument(readJsonFile(target, file), file);
    };
    return { name, read };
  });
  const version = manifest["version"];
  return {
    kind: "cdktf",
    file: display,
    format_version: null,
    tool_version: typeof version === "string" ? version : null,
    instances: [],
    stacks: entries,
  };
}

function manifestFile(file: string, display: string, outdirDisplay: string): IngestResult {
  return readManifest(readJsonFile(file, display), display, path.dirname(file), outdirDisplay);
}

function singleStack(document: unknown, file: string): IngestResult {
  const metadata = stackMetadata(document);
  const name = metadata.name ?? path.basename(path.dirname(path.resolve(file)));
  return {
    kind: "cdktf",
    file,
    format_version: null,
    tool_version: metadata.version,
    instances: [],
    stacks: [{ name, read: () => readStackDocument(document, file) }],
  };
}

/** A CDKTF project directory: its `cdktf.json` says where `cdktf synth` writes (`output`, default cdktf.out). */
function projectDirectory(dir: string): IngestResult {
  const config = asObject(readJsonFile(path.join(dir, PROJECT_FILE), path.join(dir, PROJECT_FILE)));
  const output = typeof config?.["output"] === "string" ? config["output"] : "cdktf.out";
  const outdir = path.join(dir, output);
  const manifest = path.join(outdir, MANIFEST);
  if (!existsSync(manifest)) {
    throw new PolicyCheckError("INPUT_NOT_FOUND", `is a CDKTF project without synthesized output (${manifest}): run \`cdktf synth\` first`, {
      input: dir,
    });
  }
  return manifestFile(manifest, manifest, outdir);
}

export const cdktfAdapter: InputAdapter = {
  name: "cdktf",
  readsVarFiles: false,
  accepts(source: InputSource): boolean {
    if (source.isDirectory) return [MANIFEST, STACK_FILE, PROJECT_FILE].some((f) => existsSync(path.join(source.path, f)));
    return isManifestDocument(source.document) || isStackDocument(source.document);
  },
  read(source: InputSource): IngestResult {
    if (source.isDirectory) {
      const dir = source.path;
      if (existsSync(path.join(dir, MANIFEST))) return manifestFile(path.join(dir, MANIFEST), path.join(dir, MANIFEST), dir);
      if (existsSync(path.join(dir, STACK_FILE))) {
        const file = path.join(dir, STACK_FILE);
        return singleStack(readJsonFile(file, file), file);
      }
      return projectDirectory(dir);
    }
    if (isManifestDocument(source.document)) {
      if (source.path === "-") {
        throw new PolicyCheckError("USAGE", "a CDKTF manifest on standard input cannot locate its stacks: give the path to cdktf.out", {
          input: "-",
        });
      }
      return readManifest(source.document, source.path, path.dirname(source.path), path.dirname(source.path));
    }
    return singleStack(source.document, source.path);
  },
};
