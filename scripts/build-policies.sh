#!/usr/bin/env bash
# Compiles policies/ to WebAssembly with the pinned opa and writes the bundle the CLI loads:
#   dist/policy/policy.wasm  the rules; entrypoints apigw/main/findings and apigw/main/invalid_params
#   dist/policy/rules.json   rule metadata from each rule's METADATA block
# The capabilities file limits builtins to those @open-policy-agent/opa-wasm really has, so a rule using an
# unsupported builtin fails here instead of in a user's run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/install-tools.sh opa
opa="$root/.tools/bin/opa"
# The compile step lives in src/engine/bundle.ts, shared with `policy-check build` (custom rules).
node dist/scripts/compile-policies.js "$opa" "$root/dist/policy"
