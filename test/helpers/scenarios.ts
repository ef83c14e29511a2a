/** The fixture scenarios under plans/: each folder with an expected.json. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { PLANS } from "./cli";

export interface ExpectedFinding {
  rule_id: string;
  address: string;
  severity: string;
  unknown: boolean;
}

export interface Scenario {
  name: string;
  dir: string;
  description: string;
  args: string[];
  exit_code: number;
  findings: ExpectedFinding[];
  /** Plan files in the folder: plan.json (Terraform) and tofu.plan.json (OpenTofu) when present. */
  plans: string[];
}

export function loadScenarios(): Scenario[] {
  return readdirSync(PLANS, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(PLANS, d.name, "expected.json")))
    .map((d) => {
      const dir = path.join(PLANS, d.name);
      const expected = JSON.parse(readFileSync(path.join(dir, "expected.json"), "utf8")) as Omit<Scenario, "name" | "dir" | "plans">;
      const plans = ["plan.json", "tofu.plan.json"].filter((f) => existsSync(path.join(dir, f))).map((f) => path.join(dir, f));
      return { ...expected, name: d.name, dir, plans };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Sorted, comparable tuples. */
export function tuples(findings: ReadonlyArray<{ rule_id: string; address: string; severity: string; unknown: boolean }>): string[] {
  return findings.map((f) => `${f.rule_id} ${f.address} ${f.severity}${f.unknown ? " unknown" : ""}`).sort();
}

/** Every plan file under plans/, whether or not its folder has an expected.json. */
export function allPlanFiles(): string[] {
  return readdirSync(PLANS, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => ["plan.json", "tofu.plan.json"].map((f) => path.join(PLANS, d.name, f)))
    .filter((f) => existsSync(f))
    .sort();
}
