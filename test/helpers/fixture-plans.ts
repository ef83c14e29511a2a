/** Real fixture plans (plans/<scenario>/plan.json) as mutable JSON, for tests that build adversarial inputs from them. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { PLANS } from "./cli";

export type Json = Record<string, unknown>;
export interface ResourceChange extends Json {
  address: string;
  name: string;
  change: { after: Json };
}
export interface Plan extends Json {
  resource_changes: ResourceChange[];
  configuration: { root_module: { resources: Array<Json & { address: string }> } };
}

export function fixture(scenario: string): Plan {
  return JSON.parse(readFileSync(path.join(PLANS, scenario, "plan.json"), "utf8")) as Plan;
}

/** The plan's resource change at `address` (throws when the fixture has none, so a renamed fixture fails loudly). */
export function change(plan: Plan, address: string): ResourceChange {
  const found = plan.resource_changes.find((rc) => rc.address === address);
  if (found === undefined) throw new Error(`fixture has no ${address}`);
  return found;
}
