#!/usr/bin/env bash
# The pre-commit hook's entry (.pre-commit-hooks.yaml, language: script): runs policy-check-pre-commit from
# the published npm package at this checkout's version (the hook's `rev`), installed once into
# ${XDG_CACHE_HOME:-~/.cache}/policy-check. Needs Node.js 20+ and npm on PATH; never builds this repository.
#
# Why not `language: node`: pre-commit installs a node hook from the hook repository's source (from 4.6.1
# `npm install -g git+file://<clone>`, before that `npm install` and `npm pack` in the clone), and this
# package's source must be built on the way (`prepare`: TypeScript with every development dependency, and
# the policies compiled by the pinned opa, which is built with Go).
#
# POLICY_CHECK_PACKAGE (environment): another npm spec to install (a tarball for air-gapped machines), or
# `none` to run the policy-check-pre-commit already on PATH.
set -euo pipefail
if [ "${POLICY_CHECK_PACKAGE:-}" = none ]; then
  command -v policy-check-pre-commit >/dev/null || {
    echo "policy-check: POLICY_CHECK_PACKAGE is none, but no policy-check-pre-commit is on PATH" >&2
    exit 2
  }
  exec policy-check-pre-commit "$@"
fi
here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
cache=${XDG_CACHE_HOME:-${HOME:?HOME is not set}/.cache}/policy-check
bin_dir=$(bash "$here/../install.sh" "$cache" "${POLICY_CHECK_PACKAGE:-}")
exec "$bin_dir/policy-check-pre-commit" "$@"
