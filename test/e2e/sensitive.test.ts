/**
 * Sensitive values never reach any output: every value a fixture plan masks in `after_sensitive` or
 * `before_sensitive`, and every sensitive root variable, is searched for in every report format.
 */
import { readFileSync } from "node:fs";
import { REPORTERS } from "../../src/report";
import { runCli } from "../helpers/cli";
import { loadScenarios } from "../helpers/scenarios";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Leaves of `value` wherever `mask` is true (a mask of true covers everything below it). */
function maskedLeaves(value: Json | undefined, mask: Json | undefined, out: Set<string>): void {
  if (value === undefined || value === null || mask === undefined || mask === false || mask === null) return;
  if (mask === true) {
    const walk = (v: Json): void => {
      if (typeof v === "string") out.add(v);
      else if (typeof v === "number" || typeof v === "boolean") out.add(String(v));
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v !== null) Object.values(v).forEach(walk);
    };
    walk(value);
    return;
  }
  if (Array.isArray(mask) && Array.isArray(value)) mask.forEach((m, i) => maskedLeaves(value[i], m, out));
  else if (typeof mask === "object" && !Array.isArray(mask) && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, m] of Object.entries(mask)) maskedLeaves(value[k], m, out);
  }
}

export function sensitiveValues(planFile: string): string[] {
  const plan = JSON.parse(readFileSync(planFile, "utf8")) as {
    resource_changes?: Array<{ change: Record<string, Json> }>;
    variables?: Record<string, { value: Json }>;
    configuration?: { root_module?: { variables?: Record<string, { sensitive?: boolean }> } };
  };
  const out = new Set<string>();
  for (const rc of plan.resource_changes ?? []) {
    maskedLeaves(rc.change["after"], rc.change["after_sensitive"], out);
    maskedLeaves(rc.change["before"], rc.change["before_sensitive"], out);
  }
  for (const [name, variable] of Object.entries(plan.configuration?.root_module?.variables ?? {})) {
    if (variable.sensitive === true) maskedLeaves(plan.variables?.[name]?.value, true, out);
  }
  // Short values ("true", "1", enum names) would match by accident; real secrets are longer.
  return [...out].filter((v) => v.length >= 6);
}

const withSecrets = loadScenarios()
  .flatMap((s) => s.plans.map((plan) => ({ name: s.name, plan, secrets: sensitiveValues(plan) })))
  .filter((s) => s.secrets.length > 0);

test("some fixture plans carry sensitive values (otherwise this test proves nothing)", () => {
  expect(withSecrets.map((s) => s.name)).toContain("sensitive");
});

describe.each(withSecrets)("$name", ({ plan, secrets }) => {
  test.each(REPORTERS.map((r) => r.name))("format %s prints no sensitive value", (format) => {
    const run = runCli(["--format", format, plan]);
    expect([0, 1]).toContain(run.status);
    for (const secret of secrets) {
      expect(run.stdout).not.toContain(secret);
      expect(run.stderr).not.toContain(secret);
    }
  });
});
