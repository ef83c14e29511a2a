#!/usr/bin/env bash
# Compiles policies/ to WebAssembly with the pinned opa and writes the bundle the CLI loads:
#   dist/policy/policy.wasm  the rules, one entrypoint (apigw/main/findings)
#   dist/policy/rules.json   rule metadata from each rule's METADATA block
# The capabilities file limits builtins to those @open-policy-agent/opa-wasm really has, so a rule using an
# unsupported builtin fails here instead of in a user's run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/install-tools.sh opa
opa="$root/.tools/bin/opa"
out="$root/dist/policy"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

"$opa" build -t wasm -e apigw/main/findings \
  --capabilities opa/capabilities.json \
  --ignore '*_test.rego' \
  -o "$work/bundle.tar.gz" policies
tar -xzOPf "$work/bundle.tar.gz" /policy.wasm >"$work/policy.wasm"
cp "$work/policy.wasm" "$out/policy.wasm"

"$opa" inspect -a --format json policies >"$work/inspect.json"
node dist/scripts/extract-rules.js "$work/inspect.json" "$out/rules.json"
