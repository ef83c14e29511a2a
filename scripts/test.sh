#!/usr/bin/env bash
# The whole test suite: build (TypeScript + WASM bundle), the tests' types, Rego checks (fmt, check, test + coverage, Regal), eslint and
# Prettier over the TypeScript, then jest (unit and end-to-end). Ends with one "N passed, N failed" line per runner.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
npm run --silent build
# The tests are type-checked too (ts-jest only transpiles them; the build compiles src/ and scripts/ alone).
npx tsc -p tsconfig.test.json
bash scripts/lint-rego.sh
# TypeScript lint (typescript-eslint strict) and formatting (Prettier): `npm run format` fixes both.
npm run --silent lint
# Chromium (Debian's) for the headless-browser diagram tests: installed once, nothing when it is there.
bash scripts/install-chromium.sh
# Every temporary file of the tests (fixtures written, packages installed, binaries copied) lands in one
# directory that goes when the run ends, whatever each test cleans up itself.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
results="$scratch/jest-results.json"
status=0
TMPDIR="$scratch" npx jest --json --outputFile="$results" "$@" || status=$?
node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
console.log(`jest: ${r.numPassedTests} passed, ${r.numFailedTests + r.numRuntimeErrorTestSuites} failed`);
if (r.numTotalTests === 0) { console.log("jest ran no test"); process.exit(1); }
' "$results" || status=1
exit "$status"
