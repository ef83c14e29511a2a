/** The rule catalog (docs/catalog.md): the contract for rule IDs, titles and severities. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./cli";

export const CATALOG_FILE = path.resolve(ROOT, "docs", "catalog.md");

export interface CatalogRule {
  id: string;
  title: string;
  severity: string;
}

export function loadCatalog(): CatalogRule[] {
  const rules: CatalogRule[] = [];
  for (const line of readFileSync(CATALOG_FILE, "utf8").split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    const id = cells[1] ?? "";
    if (!/^APIGW-\d{3}$/.test(id)) continue;
    rules.push({ id, title: (cells[2] ?? "").replace(/`/g, ""), severity: cells[3] ?? "" });
  }
  return rules;
}
