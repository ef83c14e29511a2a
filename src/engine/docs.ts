/**
 * Where each rule is documented. A built-in rule's page is docs/rules/<ID>.md: it ships in the package (and
 * in the standalone binary's assets), and is published in the repository under the version's tag, so a link
 * in a report opens the page of the version that produced it. A custom rule has no page here: its link is
 * the first `related_resources` entry of its METADATA, if any.
 */
import { readAsset } from "../assets";
import { loadRuleCatalog } from "./engine";
import type { RuleMetadata } from "./rules";

interface PackageJson {
  version: string;
  homepage?: string;
  repository?: string | { url?: string };
}

/** `https://github.com/<owner>/<repo>` from package.json's repository (else homepage), without `git+`, `.git` or `#readme`. */
export function repositoryUrl(pkg: PackageJson): string | null {
  const raw = typeof pkg.repository === "string" ? pkg.repository : (pkg.repository?.url ?? pkg.homepage ?? "");
  // `github:owner/repo` and `git@host:owner/repo.git` name the same page as https://host/owner/repo.
  const github = /^github:(.+)$/.exec(raw);
  const scp = /^(?:git\+)?(?:ssh:\/\/)?git@([^:/]+)[:/](.+)$/.exec(raw);
  const url = github !== null ? `https://github.com/${github[1]}` : scp !== null ? `https://${scp[1]}/${scp[2]}` : raw;
  const cleaned = url
    .replace(/^git\+/, "")
    .replace(/#.*$/, "")
    .replace(/\.git$/, "")
    .replace(/\/+$/, "");
  return /^https:\/\/[^\s/]+\/[^\s]+$/.test(cleaned) ? cleaned : null;
}

let pkg: PackageJson | undefined;
function packageJson(): PackageJson {
  pkg ??= JSON.parse(readAsset("package.json").toString("utf8")) as PackageJson;
  return pkg;
}

/** The page of a built-in rule in the repository, at the tag of the installed version (`v1.0.0`). */
export function builtInRuleUrl(id: string, from: PackageJson = packageJson()): string | null {
  const repo = repositoryUrl(from);
  return repo === null ? null : `${repo}/blob/v${from.version}/docs/rules/${id}.md`;
}

let builtIn: ReadonlySet<string> | undefined;
function builtInIds(): ReadonlySet<string> {
  builtIn ??= new Set(loadRuleCatalog().rules.map((r) => r.id));
  return builtIn;
}

/** The documentation URL of a rule: its page for a built-in rule, else its METADATA's first related resource. */
export function ruleDocUrl(rule: Pick<RuleMetadata, "id" | "related_resources">): string | null {
  if (builtInIds().has(rule.id)) return builtInRuleUrl(rule.id);
  return rule.related_resources[0]?.ref ?? null;
}

/** The built-in rule IDs, matched case-insensitively to `id`; null when no built-in rule has it. */
export function builtInRuleId(id: string): string | null {
  const wanted = id.trim().toUpperCase();
  return [...builtInIds()].find((known) => known.toUpperCase() === wanted) ?? null;
}

/** A built-in rule's page as shipped (Markdown): the package's docs/rules/<ID>.md, or the binary's embedded copy. */
export function rulePage(id: string): string {
  return readAsset(`docs/rules/${id}.md`).toString("utf8");
}
