/**
 * Layers import downward only. Every .ts file under src/ belongs to one layer; a file may import files of its
 * own layer and of lower layers, never of a higher one, and never anything outside src/ but packages (no
 * scripts/, no test/). Above the model, ingest is reached only through its registry (src/ingest/index.ts) and
 * its types: the runner and the entry points never import an adapter's internals. The layers, lowest first
 * (README "How it works" says the same):
 *
 *  0. shared: leaf modules every layer may use: errors, limits, records, assets, bounded reads, printable
 *     text, the JSON Schema validator, the wildcard matcher, the version, Terraform facts (src/terraform/:
 *     addresses), child processes (src/process/), ambient types (src/types/)
 *  1. model types: the model's contract, src/model/types.ts and the resource-type table src/model/spec.ts
 *     (what adapters keep, what entities hold); and the redactor (src/redact.ts), which the model feeds and
 *     every output passes through, and which knows resource addresses by those types
 *  2. ingest: input adapters behind one interface, the registry, the --source-dir stage (src/ingest/)
 *  3. model: the builder, links, parsed policies and OpenAPI documents (the rest of src/model/)
 *  4. engine: WASM evaluation, rule metadata, bundles (src/engine/)
 *  5. findings and configuration: findings, verdicts, .policy-check.yaml, waivers, the before/after review
 *     (src/findings.ts, src/config/, src/review/)
 *  6. report: the formatters (src/report/)
 *  7. runner: input → model → engine → findings (src/runner.ts)
 *  8. entry points: the CLI (src/cli/), the CDKTF synth-time API (src/cdktf/), the package entry (src/index.ts)
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

const ROOT = path.resolve(__dirname, "..", "..");
const SRC = path.join(ROOT, "src");

/** Layer names, lowest first; a file's layer is the first prefix (relative to src/, posix) that matches it. */
const LAYERS: ReadonlyArray<{ name: string; prefixes: readonly string[] }> = [
  {
    name: "shared",
    prefixes: [
      "errors.ts",
      "limits.ts",
      "records.ts",
      "assets.ts",
      "bounded-read.ts",
      "printable.ts",
      "json-schema.ts",
      "wildcard.ts",
      "version.ts",
      "terraform/",
      "process/",
      "types/",
    ],
  },
  { name: "model types", prefixes: ["model/types.ts", "model/spec.ts", "redact.ts"] },
  { name: "ingest", prefixes: ["ingest/"] },
  { name: "model", prefixes: ["model/"] },
  { name: "engine", prefixes: ["engine/"] },
  { name: "findings/config", prefixes: ["findings.ts", "config/", "review/"] },
  { name: "report", prefixes: ["report/"] },
  { name: "runner", prefixes: ["runner.ts"] },
  { name: "entry", prefixes: ["cli/", "cdktf/", "index.ts"] },
];

/** The layer's position (0 lowest) of a path relative to src/, or null when no layer claims it. */
function layerOf(relative: string): number | null {
  const index = LAYERS.findIndex((layer) => layer.prefixes.some((p) => (p.endsWith("/") ? relative.startsWith(p) : relative === p)));
  return index < 0 ? null : index;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

/** Every module specifier a file names: import/export ... from, import(), require(), `import x = require()`. */
function specifiers(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/** The file a relative specifier names (`./x` → x.ts, x.d.ts or x/index.ts); packages (`node:fs`, `yaml`) → null. */
function resolve(from: string, specifier: string): string | null {
  if (!specifier.startsWith(".")) return null;
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.d.ts`, path.join(base, "index.ts")]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  return base;
}

interface Edge {
  from: string;
  to: string;
}

/** Import edges as paths relative to src/ (`../scripts/x` stays `../scripts/x.ts`, outside src/). */
function importGraph(files: readonly string[], read: (file: string) => string): Edge[] {
  const edges: Edge[] = [];
  for (const file of files) {
    for (const specifier of specifiers(read(file))) {
      const target = resolve(file, specifier);
      if (target !== null) edges.push({ from: toPosix(path.relative(SRC, file)), to: toPosix(path.relative(SRC, target)) });
    }
  }
  return edges;
}

function toPosix(p: string): string {
  return p.split(path.sep).join("/");
}

/** What the layers above the model may import of ingest: the registry and the types. */
const INGEST_SURFACE = new Set(["ingest/index.ts", "ingest/types.ts"]);
const MODEL_LAYER = LAYERS.findIndex((l) => l.name === "model");

/** One line per import that goes up a layer, out of src/, or past ingest's surface. */
function violations(edges: readonly Edge[]): string[] {
  const out: string[] = [];
  for (const { from, to } of edges) {
    const fromLayer = layerOf(from);
    if (to.startsWith("../")) {
      out.push(`src/${from} imports ${to.slice(3)}, outside src/`);
      continue;
    }
    const toLayer = layerOf(to);
    if (fromLayer === null || toLayer === null) continue; // reported by the "every file has a layer" test
    if (toLayer > fromLayer) out.push(`src/${from} (${LAYERS[fromLayer]?.name}) imports src/${to} (${LAYERS[toLayer]?.name}), a higher layer`);
    else if (fromLayer > MODEL_LAYER && to.startsWith("ingest/") && !INGEST_SURFACE.has(to))
      out.push(`src/${from} imports src/${to}, past ingest's registry (src/ingest/index.ts)`);
  }
  return out;
}

const FILES = sourceFiles(SRC);

describe("layers import downward only", () => {
  test("every file under src/ belongs to a layer", () => {
    expect(FILES.length).toBeGreaterThan(50);
    expect(FILES.map((f) => toPosix(path.relative(SRC, f))).filter((f) => layerOf(f) === null)).toEqual([]);
  });

  test("no file under src/ imports a higher layer or anything outside src/", () => {
    const edges = importGraph(FILES, (f) => readFileSync(f, "utf8"));
    // The graph is really there: the runner reaches ingest, the model reaches ingest's result shape.
    expect(edges).toEqual(
      expect.arrayContaining([
        { from: "runner.ts", to: "ingest/index.ts" },
        { from: "model/build.ts", to: "ingest/types.ts" },
      ]),
    );
    expect(violations(edges)).toEqual([]);
  });

  test("the check catches an upward import of each form, an import of scripts/, and the runner reaching into an adapter", () => {
    const fake: Record<string, string> = {
      [path.join(SRC, "ingest", "plan", "plan.ts")]: 'import { buildModel } from "../../model/build";\nexport { linkModel } from "../../model/link";',
      [path.join(SRC, "model", "build.ts")]: 'const rules = require("../engine/rules");\nconst run = () => import("../runner");',
      [path.join(SRC, "engine", "bundle.ts")]: 'import type { X } from "../../scripts/extract-rules";',
      [path.join(SRC, "report", "text.ts")]: 'import { check } from "../runner"; import { readFileSync } from "node:fs";',
      [path.join(SRC, "runner.ts")]: 'import { readHclInput } from "./ingest/hcl/hcl";\nimport { readInput } from "./ingest";',
    };
    const found = violations(importGraph(Object.keys(fake), (f) => fake[f] as string));
    expect(found).toEqual([
      "src/ingest/plan/plan.ts (ingest) imports src/model/build.ts (model), a higher layer",
      "src/ingest/plan/plan.ts (ingest) imports src/model/link.ts (model), a higher layer",
      "src/model/build.ts (model) imports src/engine/rules.ts (engine), a higher layer",
      "src/model/build.ts (model) imports src/runner.ts (runner), a higher layer",
      "src/engine/bundle.ts imports scripts/extract-rules, outside src/",
      "src/report/text.ts (report) imports src/runner.ts (runner), a higher layer",
      "src/runner.ts imports src/ingest/hcl/hcl.ts, past ingest's registry (src/ingest/index.ts)",
    ]);
  });
});
