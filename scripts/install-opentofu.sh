#!/usr/bin/env bash
# Builds the pinned OpenTofu into .tools/bin/tofu when the right version is not there.
# Only plans/generate.sh uses it (TOOLS=tofu), to regenerate plans/*/tofu.plan.json; CI does not run it.
#
# Why build from the module and not `go install ...@version`: OpenTofu's go.mod has a replace directive
# (github.com/hashicorp/hcl/v2 => github.com/opentofu/hcl/v2), and `go install pkg@version` refuses any
# module with one. So this downloads the module source through the Go module proxy, copies it to a
# throwaway directory and runs `go build ./cmd/tofu` there, with the flags of OpenTofu's own release
# build (.goreleaser.yaml): CGO_ENABLED=0, -trimpath, -ldflags "-s -w -X .../version.dev=no". Without
# version.dev=no the binary calls itself "1.10.10-dev".
set -euo pipefail

TOFU_VERSION="v1.10.10"
MODULE="github.com/opentofu/opentofu"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$root/.tools/bin"
stamp="$bin/.tofu.version"
mkdir -p "$bin"

if [ -x "$bin/tofu" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$TOFU_VERSION" ]; then
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  echo "install-opentofu: Go is required to build OpenTofu $TOFU_VERSION; install Go 1.24+ and retry" >&2
  exit 2
fi

echo "install-opentofu: building tofu $TOFU_VERSION (one-time, about 5-10 minutes on 2 cores)" >&2
work="$(mktemp -d "${TMPDIR:-/tmp}/install-opentofu.XXXXXX")"
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

# The module cache holds the source read-only; `go mod download -json` prints where.
src="$(cd "$work" && GOFLAGS=-mod=mod go mod download -json "$MODULE@$TOFU_VERSION" |
  sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p')"
if [ -z "$src" ] || [ ! -f "$src/go.mod" ]; then
  echo "install-opentofu: go mod download $MODULE@$TOFU_VERSION gave no source directory" >&2
  exit 1
fi
cp -R "$src" "$work/opentofu"
chmod -R u+w "$work/opentofu"

(cd "$work/opentofu" &&
  CGO_ENABLED=0 GOFLAGS=-mod=readonly GOTOOLCHAIN=local nice -n 10 go build -trimpath \
    -ldflags "-s -w -X 'github.com/opentofu/opentofu/version.dev=no'" \
    -o "$bin/tofu.tmp" ./cmd/tofu)
mv -f "$bin/tofu.tmp" "$bin/tofu"

have="$("$bin/tofu" version -json | sed -n 's/^[[:space:]]*"terraform_version": "\(.*\)",\{0,1\}$/\1/p')"
if [ "v$have" != "$TOFU_VERSION" ]; then
  echo "install-opentofu: built tofu reports version '$have', expected ${TOFU_VERSION#v}" >&2
  exit 1
fi
echo "$TOFU_VERSION" >"$stamp"
echo "install-opentofu: tofu $have installed in $bin" >&2
