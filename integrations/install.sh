#!/usr/bin/env bash
# Installs the published policy-check package with npm into a directory of its own and prints that
# directory's bin folder (policy-check, policy-check-pre-commit, policy-check-atlantis). Nothing is built:
# no Go, no opa, no checkout of this repository beyond this script and package.json.
# Used by the GitHub Action (action.yml) and the pre-commit hook (pre-commit/policy-check-pre-commit.sh).
#
# Usage: install.sh ROOT [SPEC]
#   ROOT  where installs live: each SPEC gets its own folder ROOT/<checksum of SPEC> (npm's global layout:
#         bin/, lib/node_modules/), reused while it holds SPEC; delete it to reinstall (a tarball rebuilt at
#         the same path is not noticed).
#   SPEC  what `npm install` gets. Empty (the default): apigw-policy-check@VERSION, VERSION being this
#         checkout's package.json version, so a tag of this repository runs the package released with it.
#         Air-gapped or testing: a tarball (`npm pack` output, a path or URL) or another npm spec.
#         `none`: install nothing and print the folder of the policy-check already on PATH (the standalone
#         binary or a global install).
#
# Errors are one line on stderr starting with "policy-check:" and exit status 2.
set -euo pipefail

fail() {
  printf 'policy-check: %s\n' "$1" >&2
  exit 2
}

if [ "$#" -lt 1 ] || [ "$#" -gt 2 ] || [ -z "$1" ]; then fail "usage: install.sh ROOT [SPEC]"; fi
root=$1
spec=${2:-}

if [ "$spec" = none ]; then
  found=$(command -v policy-check) || fail "package is none, but no policy-check is on PATH"
  dirname -- "$found"
  exit 0
fi

command -v node >/dev/null || fail "needs Node.js 20 or newer on PATH (no node found; in GitHub Actions: actions/setup-node)"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || fail "needs Node.js 20 or newer, found $(node --version) (in GitHub Actions: actions/setup-node)"
command -v npm >/dev/null || fail "needs npm on PATH to install the package"

if [ -z "$spec" ]; then
  manifest="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)/package.json"
  [ -f "$manifest" ] || fail "$manifest: not found (needed for the version to install)"
  # Name and version of this checkout's package: the release that matches the checked-out tag.
  spec=$(node -e 'const p = require(process.argv[1]); process.stdout.write(p.name + "@" + p.version)' "$manifest")
fi

dir="$root/$(printf '%s' "$spec" | cksum | cut -d ' ' -f 1)"
if [ -x "$dir/bin/policy-check" ] && [ "$(cat -- "$dir/.policy-check-spec" 2>/dev/null)" = "$spec" ]; then
  printf 'policy-check: using %s from %s\n' "$spec" "$dir" >&2
else
  # Install next to DIR, then move into place: an interrupted or failed install never looks complete.
  mkdir -p -- "$root"
  staging=$(mktemp -d "$dir.install.XXXXXX")
  trap 'rm -rf -- "$staging"' EXIT
  printf 'policy-check: installing %s\n' "$spec" >&2
  # npm's progress goes to the log (stderr): stdout carries only the bin folder.
  npm install --global --prefix "$staging" --no-audit --no-fund --loglevel=error -- "$spec" >&2 ||
    fail "npm could not install $spec (see npm's messages above)"
  [ -x "$staging/bin/policy-check" ] || fail "$spec: installed, but it has no policy-check command (not the apigw-policy-check package?)"
  printf '%s' "$spec" >"$staging/.policy-check-spec"
  rm -rf -- "$dir"
  mv -- "$staging" "$dir"
  trap - EXIT
fi
printf 'policy-check: %s in %s\n' "$("$dir/bin/policy-check" --version)" "$dir/bin" >&2
printf '%s\n' "$dir/bin"
