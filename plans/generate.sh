#!/usr/bin/env bash
# Regenerates the fixture plans under plans/ with real Terraform and/or real OpenTofu and the real AWS
# provider, offline.
#
#   bash plans/generate.sh                          # every scenario, both tools
#   bash plans/generate.sh lifecycle                # one scenario (or several): folder names under plans/
#   TOOLS=tofu bash plans/generate.sh               # only OpenTofu (tofu.plan.json); TOOLS=terraform: only plan.json
#
# For each scenario and tool it copies the sources (*.tf, modules/, prior-state.json as terraform.tfstate) to
# a temporary work dir, runs `<tool> init` against a filesystem mirror of the provider (no registry access),
# `<tool> plan -refresh=false`, and `<tool> show -json`, then writes the plan (2-space pretty print, otherwise
# unchanged) and its provenance:
#   terraform -> plan.json,      provenance.json
#   tofu      -> tofu.plan.json, tofu.provenance.json
# Nothing either tool creates is left in plans/.
#
# OpenTofu resolves `source = "hashicorp/aws"` to registry.opentofu.org/hashicorp/aws, so it gets its own
# mirror under the work dir: registry.opentofu.org/hashicorp/aws/<version>/<os_arch>/ holding symlinks to the
# same provider files as the Terraform mirror (the very same binary). It reads prior-state.json unchanged:
# its resources name provider["registry.terraform.io/hashicorp/aws"], which OpenTofu maps to
# registry.opentofu.org in memory (its state provider address translation, on unless
# OPENTOFU_STATEFILE_PROVIDER_ADDRESS_TRANSLATION=0).
#
# Environment:
#   TOOLS               tools to run, space-separated: "terraform", "tofu" or both (default "terraform tofu")
#   TF_PROVIDER_MIRROR  (default /opt/tf-plugins) holds registry.terraform.io/hashicorp/aws/5.100.0/<os_arch>/
#   TERRAFORM           terraform binary (default: terraform on PATH)
#   TOFU                tofu binary (default: .tools/bin/tofu, built by scripts/install-opentofu.sh, else tofu on PATH)
set -euo pipefail

TF_VERSION="1.11.4"
TOFU_VERSION="1.10.10"
PROVIDER_NAMESPACE_TYPE="hashicorp/aws"
PROVIDER="registry.terraform.io/$PROVIDER_NAMESPACE_TYPE"
TOFU_PROVIDER="registry.opentofu.org/$PROVIDER_NAMESPACE_TYPE"
PROVIDER_VERSION="5.100.0"

plans_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$plans_dir/.." && pwd)"
mirror="${TF_PROVIDER_MIRROR:-/opt/tf-plugins}"
terraform="${TERRAFORM:-terraform}"
if [ -n "${TOFU:-}" ]; then
  tofu="$TOFU"
elif [ -x "$root/.tools/bin/tofu" ]; then
  tofu="$root/.tools/bin/tofu"
else
  tofu="tofu"
fi
read -r -a tools <<<"${TOOLS:-terraform tofu}"
for t in "${tools[@]}"; do
  case "$t" in
    terraform | tofu) ;;
    *) echo "generate: unknown tool '$t' in TOOLS (expected terraform and/or tofu)" >&2; exit 2 ;;
  esac
done
[ ${#tools[@]} -gt 0 ] || { echo "generate: TOOLS is empty" >&2; exit 2; }

work_root="$(mktemp -d "${TMPDIR:-/tmp}/policy-check-plans.XXXXXX")"
trap 'rm -rf "$work_root"' EXIT

if [ ! -d "$mirror/$PROVIDER/$PROVIDER_VERSION" ]; then
  echo "generate: provider mirror not found at $mirror/$PROVIDER/$PROVIDER_VERSION (set TF_PROVIDER_MIRROR)" >&2
  exit 2
fi

cat >"$work_root/terraform.tfrc" <<CFG
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

# The OpenTofu mirror: real directories down to <os_arch>, symlinks to the Terraform mirror's files inside.
tofu_mirror="$work_root/tofu-mirror"
for platform_dir in "$mirror/$PROVIDER/$PROVIDER_VERSION"/*/; do
  platform="$(basename "$platform_dir")"
  mkdir -p "$tofu_mirror/$TOFU_PROVIDER/$PROVIDER_VERSION/$platform"
  for f in "$platform_dir"*; do
    ln -s "$f" "$tofu_mirror/$TOFU_PROVIDER/$PROVIDER_VERSION/$platform/$(basename "$f")"
  done
done
cat >"$work_root/tofu.tfrc" <<CFG
provider_installation {
  filesystem_mirror {
    path    = "$tofu_mirror"
    include = ["$TOFU_PROVIDER"]
  }
  direct {
    exclude = ["$TOFU_PROVIDER"]
  }
}
CFG

export TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1
unset TF_WORKSPACE TF_DATA_DIR TF_CLI_CONFIG_FILE

# tool_version TOOL: the version TOOL reports (`version -json` has "terraform_version" in both tools).
tool_version() {
  local bin
  case "$1" in terraform) bin="$terraform" ;; tofu) bin="$tofu" ;; esac
  TF_CLI_CONFIG_FILE="$work_root/$1.tfrc" "$bin" version -json |
    node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(0,"utf8")).terraform_version)'
}

for t in "${tools[@]}"; do
  case "$t" in
    terraform) want="$TF_VERSION" bin="$terraform" hint="" ;;
    tofu) want="$TOFU_VERSION" bin="$tofu" hint=" (run: bash scripts/install-opentofu.sh)" ;;
  esac
  if ! command -v "$bin" >/dev/null 2>&1; then
    echo "generate: $t $want required, '$bin' not found$hint" >&2
    exit 2
  fi
  have="$(tool_version "$t")"
  if [ "$have" != "$want" ]; then
    echo "generate: $t $want required, found $have$hint" >&2
    exit 2
  fi
done

# generate_one NAME TOOL: plans one scenario folder with TOOL and writes its plan and provenance.
generate_one() {
  local name="$1" tool="$2" src="$plans_dir/$1" work="$work_root/$2/$1" started=$SECONDS
  local bin prefix tool_name version provider
  case "$tool" in
    terraform) bin="$terraform" prefix="" tool_name="terraform" version="$TF_VERSION" provider="$PROVIDER" ;;
    tofu) bin="$tofu" prefix="tofu." tool_name="opentofu" version="$TOFU_VERSION" provider="$TOFU_PROVIDER" ;;
  esac
  [ -f "$src/main.tf" ] || { echo "generate: $src/main.tf not found" >&2; return 2; }
  mkdir -p "$work"
  (cd "$src" && find . -type f -name '*.tf' -not -path '*/.terraform/*' -print0 |
    while IFS= read -r -d '' f; do mkdir -p "$work/$(dirname "$f")" && cp -- "$f" "$work/$f"; done)
  if [ -f "$src/prior-state.json" ]; then cp -- "$src/prior-state.json" "$work/terraform.tfstate"; fi

  if ! (cd "$work" && export TF_CLI_CONFIG_FILE="$work_root/$tool.tfrc" &&
    "$bin" init -no-color -input=false -backend=false >"$work/init.log" 2>&1 &&
    "$bin" plan -no-color -input=false -lock=false -refresh=false -out=tfplan >"$work/plan.log" 2>&1 &&
    "$bin" show -no-color -json tfplan >"$work/plan.raw.json"); then
    echo "generate: $name failed; $tool output:" >&2
    cat "$work"/init.log "$work"/plan.log >&2 2>/dev/null || true
    return 1
  fi

  node -e '
    const fs = require("fs");
    const plan = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
    fs.writeFileSync(process.argv[2], JSON.stringify(plan, null, 2) + "\n");
  ' "$work/plan.raw.json" "$src/${prefix}plan.json"

  local hash generated_at
  hash="$(bash "$plans_dir/sources-hash.sh" "$src")"
  generated_at="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  cat >"$src/${prefix}provenance.json" <<JSON
{
  "tool": "$tool_name",
  "tool_version": "$version",
  "provider": "$provider",
  "provider_version": "$PROVIDER_VERSION",
  "generated_at": "$generated_at",
  "sources_sha256": "$hash"
}
JSON
  rm -rf "$work"
  echo "generate: $name [$tool] ($((SECONDS - started))s)"
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
  for t in "${tools[@]}"; do
    generate_one "$(basename "${s%/}")" "$t"
  done
done
echo "generate: ${#scenarios[@]} scenario(s), tools: ${tools[*]}, in ${SECONDS}s"
