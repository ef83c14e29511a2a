#!/usr/bin/env bash
# Keeps the Rego clean: opa fmt, opa check --strict (type-checked against schema/model.json, builtins limited
# to what the WASM SDK has), opa test with a coverage threshold, and Regal with the project's own rules
# (.regal/rules/custom/, tested first with regal test). Any failure fails the script.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/install-tools.sh all
opa="$root/.tools/bin/opa"
regal="$root/.tools/bin/regal"
coverage_threshold="${REGO_COVERAGE_THRESHOLD:-95}"

unformatted="$("$opa" fmt --list policies .regal/rules)"
if [ -n "$unformatted" ]; then
  echo "lint-rego: not formatted with opa fmt (run .tools/bin/opa fmt -w policies .regal/rules):" >&2
  echo "$unformatted" >&2
  exit 1
fi

"$opa" check --strict --capabilities opa/capabilities.json --schema schema policies
# The built-in rules are evaluated on a few fields of each entity (RULE_FIELDS, src/model/partition.ts): their
# bodies are type-checked against the schema cut to those too (scripts/rule-fields-schema.ts).
rule_schema="$(mktemp -d)"
node dist/scripts/rule-fields-schema.js "$rule_schema"
mapfile -t rule_files < <(find policies -name '*.rego' ! -name '*_test.rego' | sort)
"$opa" check --strict --capabilities opa/capabilities.json --schema "$rule_schema" "${rule_files[@]}" || {
  rm -rf "$rule_schema"
  echo "lint-rego: a rule reads an entity field the engine does not send the built-in rules (RULE_FIELDS in src/model/partition.ts)" >&2
  exit 1
}
rm -rf "$rule_schema"

# One run for the verdict and counts, one for coverage (its JSON report replaces the verdict output).
"$opa" test policies --format json >/tmp/policy-check-opa-test.$$.json || {
  "$opa" test policies -v | grep -E "FAIL|ERROR" >&2 || true
  rm -f /tmp/policy-check-opa-test.$$.json
  echo "lint-rego: opa test failed" >&2
  exit 1
}
"$opa" test policies --coverage --format json >/tmp/policy-check-opa-coverage.$$.json
node -e '
const fs = require("fs");
const [results, coverage, threshold] = process.argv.slice(1);
const tests = JSON.parse(fs.readFileSync(results, "utf8"));
const passed = tests.filter((t) => !t.fail && !t.error && !t.skip).length;
const failed = tests.length - passed;
const report = JSON.parse(fs.readFileSync(coverage, "utf8"));
const pct = report.coverage;
const low = Object.entries(report.files).filter(([f, v]) => !f.endsWith("_test.rego") && v.coverage < 100)
  .map(([f, v]) => `${f} ${v.coverage.toFixed(1)}%`);
if (low.length > 0) console.log(`opa coverage below 100%: ${low.join(", ")}`);
console.log(`opa coverage: ${pct.toFixed(2)}% (threshold ${threshold}%)`);
console.log(`opa: ${passed} passed, ${failed} failed`);
if (failed > 0 || pct < Number(threshold)) process.exit(1);
' /tmp/policy-check-opa-test.$$.json /tmp/policy-check-opa-coverage.$$.json "$coverage_threshold"
rm -f /tmp/policy-check-opa-test.$$.json /tmp/policy-check-opa-coverage.$$.json

# The custom Regal rules (.regal/rules/custom/) are tested before they judge policies/.
"$regal" test .regal/rules >/dev/null || {
  "$regal" test .regal/rules >&2 || true
  echo "lint-rego: regal test .regal/rules failed" >&2
  exit 1
}
"$regal" lint policies
