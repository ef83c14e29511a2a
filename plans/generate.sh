#!/usr/bin/env bash
# Regenerates the fixture plans under plans/ with real Terraform and the real AWS provider, offline.
#
#   bash plans/generate.sh              # every scenario
#   bash plans/generate.sh lifecycle    # one scenario (or several): folder names under plans/
#
# For each scenario it copies the sources (*.tf, modules/, prior-state.json as terraform.tfstate) to a
# temporary work dir, runs `terraform init` against a filesystem mirror of the provider (no registry
# access), `terraform plan -refresh=false`, and `terraform show -json`, then writes plan.json (2-space
# pretty print, otherwise unchanged) and provenance.json. Nothing Terraform creates is left in plans/.
#
# Environment: TF_PROVIDER_MIRROR (default /opt/tf-plugins) holds
# registry.terraform.io/hashicorp/aws/5.100.0/<os_arch>/; TERRAFORM (default: terraform on PATH).
set -euo pipefail

TF_VERSION="1.11.4"
PROVIDER="registry.terraform.io/hashicorp/aws"
PROVIDER_VERSION="5.100.0"

plans_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mirror="${TF_PROVIDER_MIRROR:-/opt/tf-plugins}"
terraform="${TERRAFORM:-terraform}"

work_root="$(mktemp -d "${TMPDIR:-/tmp}/policy-check-plans.XXXXXX")"
trap 'rm -rf "$work_root"' EXIT

cat >"$work_root/cli.tfrc" <<CFG
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["$PROVIDER"]
  }
  direct {
    exclude = ["$PROVIDER"]
  }
}
CFG
export TF_CLI_CONFIG_FILE="$work_root/cli.tfrc"
export TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1
unset TF_WORKSPACE TF_DATA_DIR

have="$("$terraform" version -json | node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(0,"utf8")).terraform_version)')"
if [ "$have" != "$TF_VERSION" ]; then
  echo "generate: terraform $TF_VERSION required, found $have" >&2
  exit 2
fi
if [ ! -d "$mirror/$PROVIDER/$PROVIDER_VERSION" ]; then
  echo "generate: provider mirror not found at $mirror/$PROVIDER/$PROVIDER_VERSION (set TF_PROVIDER_MIRROR)" >&2
  exit 2
fi

# generate_one NAME: plans one scenario folder and writes its plan.json and provenance.json.
generate_one() {
  local name="$1" src="$plans_dir/$1" work="$work_root/$1" started=$SECONDS
  [ -f "$src/main.tf" ] || { echo "generate: $src/main.tf not found" >&2; return 2; }
  mkdir -p "$work"
  (cd "$src" && find . -type f -name '*.tf' -not -path '*/.terraform/*' -print0 |
    while IFS= read -r -d '' f; do mkdir -p "$work/$(dirname "$f")" && cp -- "$f" "$work/$f"; done)
  if [ -f "$src/prior-state.json" ]; then cp -- "$src/prior-state.json" "$work/terraform.tfstate"; fi

  if ! (cd "$work" &&
    "$terraform" init -no-color -input=false -backend=false >"$work/init.log" 2>&1 &&
    "$terraform" plan -no-color -input=false -lock=false -refresh=false -out=tfplan >"$work/plan.log" 2>&1 &&
    "$terraform" show -no-color -json tfplan >"$work/plan.raw.json"); then
    echo "generate: $name failed; terraform output:" >&2
    cat "$work"/init.log "$work"/plan.log >&2 2>/dev/null || true
    return 1
  fi

  node -e '
    const fs = require("fs");
    const plan = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
    fs.writeFileSync(process.argv[2], JSON.stringify(plan, null, 2) + "\n");
  ' "$work/plan.raw.json" "$src/plan.json"

  local hash generated_at
  hash="$(bash "$plans_dir/sources-hash.sh" "$src")"
  generated_at="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  cat >"$src/provenance.json" <<JSON
{
  "tool": "terraform",
  "tool_version": "$TF_VERSION",
  "provider": "$PROVIDER",
  "provider_version": "$PROVIDER_VERSION",
  "generated_at": "$generated_at",
  "sources_sha256": "$hash"
}
JSON
  rm -rf "$work"
  echo "generate: $name ($((SECONDS - started))s)"
}

if [ $# -gt 0 ]; then
  scenarios=("$@")
else
  scenarios=()
  for d in "$plans_dir"/*/; do
    if [ -f "$d/main.tf" ]; then scenarios+=("$(basename "$d")"); fi
  done
fi

for s in "${scenarios[@]}"; do
  generate_one "$(basename "${s%/}")"
done
echo "generate: ${#scenarios[@]} scenario(s) in ${SECONDS}s"
