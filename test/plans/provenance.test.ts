/**
 * Every fixture plan came out of real Terraform / OpenTofu from the sources beside it: provenance records the
 * tools and a hash of the sources, and this fails when the sources changed without regenerating the plans
 * (`bash plans/generate.sh <scenario>`).
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { PLANS } from "../helpers/cli";

/** The definition plans/sources-hash.sh implements: sorted `<relative path>\n<content>` of *.tf and prior-state.json. */
export function sourcesHash(dir: string): string {
  const files: string[] = [];
  const walk = (sub: string): void => {
    for (const name of readdirSync(path.join(dir, sub))) {
      const rel = sub === "" ? name : `${sub}/${name}`;
      if (statSync(path.join(dir, rel)).isDirectory()) walk(rel);
      else if (name.endsWith(".tf") || rel === "prior-state.json") files.push(rel);
    }
  };
  walk("");
  const hash = createHash("sha256");
  for (const rel of files.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))) {
    hash.update(`${rel}\n`);
    hash.update(readFileSync(path.join(dir, rel)));
  }
  return hash.digest("hex");
}

const scenarios = readdirSync(PLANS, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(path.join(PLANS, d.name, "main.tf")))
  .map((d) => d.name)
  .sort();

test.each(scenarios)("%s: plans match their sources and tools", (name) => {
  const dir = path.join(PLANS, name);
  const hash = sourcesHash(dir);
  for (const [plan, provenance, tool] of [
    ["plan.json", "provenance.json", "terraform"],
    ["tofu.plan.json", "tofu.provenance.json", "opentofu"],
  ] as const) {
    expect(existsSync(path.join(dir, plan))).toBe(true);
    const record = JSON.parse(readFileSync(path.join(dir, provenance), "utf8")) as Record<string, string>;
    expect(record["tool"]).toBe(tool);
    expect(record["provider_version"]).toBe("5.100.0");
    expect(record["sources_sha256"]).toBe(hash);
    const document = JSON.parse(readFileSync(path.join(dir, plan), "utf8")) as Record<string, unknown>;
    expect(document["terraform_version"]).toBe(record["tool_version"]);
  }
});
