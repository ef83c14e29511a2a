/**
 * integrations/install.sh, the installer the GitHub Action and the pre-commit hook share, on its error paths
 * (the installs themselves run in github-actions.test.ts and pre-commit.test.ts): each error is one line
 * starting with "policy-check:", exit 2, and leaves no half-installed folder that a later run would reuse.
 */
import { chmodSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { installedPackage } from "../helpers/package";
import { INSTALL_TIMEOUT_MS, SYSTEM_PATH, checkout, sandbox, type Sandbox } from "./shell";

jest.setTimeout(INSTALL_TIMEOUT_MS);

let box: Sandbox;
let installer: string;
beforeEach(() => {
  box = sandbox({ installed: false });
  installer = path.join(checkout(box.dir), "integrations", "install.sh");
});
afterEach(() => box.cleanup());

const lastLine = (text: string): string => text.trim().split("\n").pop() ?? "";

test("a Node.js older than 20 is refused before anything is installed", () => {
  // A node that reports version 18 and otherwise is this node.
  const old = path.join(box.dir, "old-node");
  mkdirSync(old);
  writeFileSync(
    path.join(old, "node"),
    `#!/bin/sh\ncase "$*" in --version) echo v18.20.4 ;; -p*) echo 18 ;; *) exec "${process.execPath}" "$@" ;; esac\n`,
  );
  chmodSync(path.join(old, "node"), 0o755);
  const run = box.sh(`bash "${installer}" "$ROOT_DIR" "${installedPackage().tarball}"`, {
    ROOT_DIR: path.join(box.dir, "installs"),
    PATH: `${old}:${SYSTEM_PATH}`,
  });
  expect(run.status).toBe(2);
  expect(run.output).toBe("policy-check: needs Node.js 20 or newer, found v18.20.4 (in GitHub Actions: actions/setup-node)\n");
});

test("a spec npm cannot install: one line naming it, exit 2, nothing left in the install folder", () => {
  const root = path.join(box.dir, "installs");
  const run = box.sh(`bash "${installer}" "$ROOT_DIR" ./missing.tgz`, { ROOT_DIR: root });
  expect(run.status).toBe(2);
  expect(run.stdout).toBe("");
  expect(lastLine(run.stderr)).toBe("policy-check: npm could not install ./missing.tgz (see npm's messages above)");
  expect(readdirSync(root)).toEqual([]);
});

test("a package without the policy-check command is refused and not kept", () => {
  const root = path.join(box.dir, "installs");
  const other = path.join(box.dir, "other");
  mkdirSync(other);
  writeFileSync(path.join(other, "package.json"), JSON.stringify({ name: "not-policy-check", version: "1.0.0" }));
  const run = box.sh(`bash "${installer}" "$ROOT_DIR" "$SPEC"`, { ROOT_DIR: root, SPEC: other });
  expect(run.status).toBe(2);
  expect(lastLine(run.stderr)).toBe(`policy-check: ${other}: installed, but it has no policy-check command (not the apigw-policy-check package?)`);
  expect(readdirSync(root)).toEqual([]);
});

test("usage errors are one line", () => {
  const run = box.sh(`bash "${installer}"`);
  expect([run.status, run.output]).toEqual([2, "policy-check: usage: install.sh ROOT [SPEC]\n"]);
});
