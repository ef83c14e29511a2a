/**
 * GitLab CI: the `.policy-check` template job's before_script and script lines run in order with `sh -c`
 * and the job's variables (as the runner does: the first failing line fails the job), on a passing and a
 * blocking plan; the files named under artifacts:reports must exist afterwards in the formats GitLab reads.
 * The runner's image has no policy-check, so before_script installs it with npm from POLICY_CHECK_PACKAGE: the
 * packed tarball here (a project CI/CD variable overrides the template's default, as in GitLab), into a
 * global prefix of the test's own.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import YAML from "yaml";
import { fingerprint } from "../../src/report/sarif";
import { ROOT } from "../helpers/cli";
import { installedPackage } from "../helpers/package";
import { INSECURE_PLAN, INSTALL_TIMEOUT_MS, PACKAGE, SECURE_PLAN, sandbox, type Sandbox } from "./shell";

jest.setTimeout(INSTALL_TIMEOUT_MS);

interface Job {
  image: string;
  variables: Record<string, string>;
  before_script: string[];
  script: string[];
  artifacts: { when: string; paths: string[]; reports: { junit: string; codequality: string } };
}
const template = YAML.parse(readFileSync(path.join(ROOT, "integrations", "gitlab", "policy-check.gitlab-ci.yml"), "utf8")) as Record<string, Job>;
const job = template[".policy-check"] as Job;

let box: Sandbox;
beforeEach(() => {
  box = sandbox({ installed: false });
});
afterEach(() => box.cleanup());

/** The runner's npm global prefix (node:20 has /usr/local): where before_script's install puts policy-check. */
let globalPrefix: string;
beforeAll(() => {
  globalPrefix = mkdtempSync(path.join(tmpdir(), "pc-gitlab-global-"));
});
afterAll(() => rmSync(globalPrefix, { recursive: true, force: true }));

function runJob(plan: string): { status: number | null; log: string } {
  box.copy(plan, "plan.json");
  let log = "";
  const env = {
    ...job.variables,
    POLICY_CHECK_PACKAGE: installedPackage().tarball,
    CI: "true",
    npm_config_prefix: globalPrefix,
    PATH: `${path.join(globalPrefix, "bin")}:${box.path}`,
  };
  for (const line of [...job.before_script, ...job.script]) {
    const run = box.sh(line, env, { shell: "bash" });
    log += run.output;
    if (run.status !== 0) return { status: run.status, log };
  }
  return { status: 0, log };
}

interface CodeQualityIssue {
  check_name: string;
  description: string;
  severity: string;
  fingerprint: string;
  location: { path: string; lines: { begin: number } };
}

test("the template installs this version of the published package unless the image has policy-check", () => {
  expect(job.variables["POLICY_CHECK_PACKAGE"]).toBe(`${PACKAGE.name}@${PACKAGE.version}`);
  // The include example names the tag of the same version.
  expect(readFileSync(path.join(ROOT, "integrations", "gitlab", "policy-check.gitlab-ci.yml"), "utf8")).toContain(
    `/policy-check/v${PACKAGE.version}/integrations/gitlab/policy-check.gitlab-ci.yml`,
  );
  expect(job.before_script[0]).toMatch(/^command -v policy-check >\/dev\/null \|\| npm install --global .*"\$POLICY_CHECK_PACKAGE"$/);
});

test("the first job installs the package, a later one finds it on PATH; both print its version", () => {
  const first = runJob(SECURE_PLAN);
  expect(first.status).toBe(0);
  expect(first.log).toMatch(/^added \d+ packages/m);
  expect(first.log).toContain(`policy-check ${PACKAGE.version}\n`);
  const second = runJob(SECURE_PLAN);
  expect(second.status).toBe(0);
  expect(second.log).not.toMatch(/added \d+ packages/);
  expect(second.log).toContain(`policy-check ${PACKAGE.version}\n`);
});

test("a package npm cannot install fails the job before the script runs", () => {
  box.copy(SECURE_PLAN, "plan.json");
  const env = {
    ...job.variables,
    POLICY_CHECK_PACKAGE: path.join(box.dir, "missing.tgz"),
    npm_config_prefix: path.join(box.dir, "empty-prefix"),
    PATH: box.path,
  };
  const install = box.sh(job.before_script[0] as string, env, { shell: "bash" });
  expect(install.status).not.toBe(0);
  expect(install.output).toContain("missing.tgz");
});

test("the template reports JUnit and Code Quality, always (also when the job fails)", () => {
  expect(job.artifacts.when).toBe("always");
  expect(job.artifacts.reports.junit).toBe("policy-check.junit.xml");
  expect(job.artifacts.reports.codequality).toBe("gl-code-quality-report.json");
});

test("passing plan: the job succeeds and the reports show no failure", () => {
  const run = runJob(SECURE_PLAN);
  expect(run.status).toBe(0);
  const junit = readFileSync(path.join(box.dir, job.artifacts.reports.junit), "utf8");
  expect(junit).toMatch(/<testsuites name="policy-check" tests="\d+" failures="1" errors="0">/); // the info notice
  const issues = JSON.parse(readFileSync(path.join(box.dir, job.artifacts.reports.codequality), "utf8")) as CodeQualityIssue[];
  expect(issues.map((i) => [i.check_name, i.severity])).toEqual([["APIGW-203", "info"]]);
});

test("blocking plan: the job fails with exit 1 and both reports are written", () => {
  const run = runJob(INSECURE_PLAN);
  expect(run.status).toBe(1);
  expect(run.log).toMatch(/FAILED: 31 findings at or above medium/);
  for (const file of job.artifacts.paths) expect(existsSync(path.join(box.dir, file))).toBe(true);
  const junit = readFileSync(path.join(box.dir, job.artifacts.reports.junit), "utf8");
  expect(junit.match(/<testsuite /g)).toHaveLength(44);
  const issues = JSON.parse(readFileSync(path.join(box.dir, job.artifacts.reports.codequality), "utf8")) as CodeQualityIssue[];
  expect(issues).toHaveLength(45);
  for (const issue of issues) {
    expect(["info", "minor", "major", "critical", "blocker"]).toContain(issue.severity);
    expect(issue.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(issue.location).toEqual({ path: "plan.json", lines: { begin: 1 } });
  }
  // The fingerprint is the SARIF one: (rule, address), so the widget tracks an issue across pipelines.
  const report = JSON.parse(box.sh("policy-check plan.json --format json", { PATH: `${path.join(globalPrefix, "bin")}:${box.path}` }).stdout) as {
    findings: Array<{ rule_id: string; address: string }>;
  };
  expect(issues.map((i) => i.fingerprint)).toEqual(report.findings.map((f) => fingerprint(f)));
  expect(issues.filter((i) => i.severity === "critical").length).toBe(14); // high → GitLab critical
});
