#!/bin/sh
# Atlantis custom policy check: runs policy-check on the plan JSON and shapes the output for Atlantis.
#
# Atlantis decides a custom policy check from the output: up to v0.37 by searching it for the substring
# "fail" (case-sensitive), from v0.38 by "N failure(s)" with N > 0, a `"failures": [...]` list or a line
# starting with FAIL, and always by a non-zero exit status. So:
#   - passing (exit 0): the report is printed with every "fail" in any letter case (a resource named
#     "failover", a path) broken by a zero-width non-joiner, invisible in the pull request comment;
#   - blocking (exit 1) or error (exit 2): the report, then a line starting with "FAIL" that names the
#     number of failures, and the same exit status.
#
# Usage: policy-check-atlantis.sh [PLAN_JSON] [policy-check options...]   (PLAN_JSON defaults to $SHOWFILE)
set -u
plan=${SHOWFILE:-}
if [ "$#" -gt 0 ] && [ "${1#-}" = "$1" ]; then plan=$1; shift; fi
if [ -z "$plan" ]; then
  echo "FAIL - policy-check: 1 failure: no plan JSON (set SHOWFILE or pass the file)"
  exit 2
fi
report=$(policy-check "$plan" --format text "$@" 2>&1)
status=$?
if [ "$status" -eq 0 ]; then
  zwnj=$(printf '\342\200\214')
  printf '%s\n' "$report" | sed "s/\([Ff]\)\([Aa][Ii][Ll]\)/\1$zwnj\2/g"
  exit 0
fi
printf '%s\n' "$report"
if [ "$status" -eq 1 ]; then
  n=$(printf '%s\n' "$report" | sed -n 's/.*FAILED: \([0-9][0-9]*\) finding.*/\1/p' | tail -n 1)
  echo "FAIL - policy-check: ${n:-1} failures: blocking API Gateway findings in this plan"
else
  echo "FAIL - policy-check: 1 failure: the plan could not be judged (exit $status)"
fi
exit "$status"
