#!/usr/bin/env bash
# Prints the sha256 of a fixture scenario's Terraform sources, as recorded in its provenance.json.
# Definition (tests recompute it the same way): take every *.tf file under the scenario directory
# (recursively) plus prior-state.json when present; name each by its path relative to the scenario
# directory ("/" separators, no leading "./"); sort the names bytewise (LC_ALL=C); hash the
# concatenation of "<relative path>\n<file content>" for each file in that order.
set -euo pipefail

if [ $# -ne 1 ] || [ ! -d "$1" ]; then
  echo "usage: $0 <scenario-dir>" >&2
  exit 2
fi

cd "$1"
{
  find . -type f -name '*.tf' -not -path '*/.terraform/*'
  if [ -f prior-state.json ]; then echo ./prior-state.json; fi
} | sed 's|^\./||' | LC_ALL=C sort | while IFS= read -r f; do
  printf '%s\n' "$f"
  cat -- "$f"
done | sha256sum | cut -d' ' -f1
