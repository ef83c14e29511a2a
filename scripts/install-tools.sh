#!/usr/bin/env bash
# Installs the pinned Go-built tools (opa, regal) into .tools/bin when the right version is not there.
# Why a script and not a system install: a fresh clone (and CI) must build with exactly these versions.
set -euo pipefail

OPA_VERSION="v1.22.2"
REGAL_VERSION="v0.39.0"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$root/.tools/bin"
mkdir -p "$bin"


# need_go NAME VERSION: one line and exit 2 when Go is missing (a git install of the package builds opa, and only opa).
need_go() {
  if ! command -v go >/dev/null 2>&1; then
    echo "install-tools: building $1 $2 needs Go 1.22+, which is not on PATH (the published npm package and the standalone binary need no Go)" >&2
    exit 2
  fi
}

# install NAME MODULE VERSION: go-installs MODULE@VERSION unless the stamp says it is already there.
install() {
  local name="$1" module="$2" version="$3"
  local stamp="$bin/.$name.version"
  if [ -x "$bin/$name" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$version" ]; then
    return 0
  fi
  need_go "$name" "$version"
  echo "install-tools: building $name $version (one-time, a few minutes)" >&2
  GOBIN="$bin" GOFLAGS=-mod=mod go install "$module@$version"
  echo "$version" >"$stamp"
}

# install_from_module NAME MODULE VERSION: builds MODULE at VERSION from a throwaway Go module that requires it.
# Why not `go install`: for Regal it asks the proxy for the module's version list (to look for deprecation
# notices) and the proxy here refuses that request (403); a pinned `require` plus `go build` never asks for it.
install_from_module() {
  local name="$1" module="$2" version="$3"
  local stamp="$bin/.$name.version"
  if [ -x "$bin/$name" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$version" ]; then
    return 0
  fi
  need_go "$name" "$version"
  echo "install-tools: building $name $version (one-time, a few minutes)" >&2
  local work
  work="$(mktemp -d)"
  printf 'module toolbuild\n\ngo 1.22\n\nrequire %s %s\n' "$module" "$version" >"$work/go.mod"
  printf '//go:build tools\n\npackage tools\n\nimport _ "%s"\n' "$module" >"$work/tools.go"
  (cd "$work" && GOFLAGS=-mod=mod go build -o "$bin/$name" "$module")
  rm -rf "$work"
  echo "$version" >"$stamp"
}

want="${1:-all}"
case "$want" in
  opa) install opa github.com/open-policy-agent/opa "$OPA_VERSION" ;;
  regal) install_from_module regal github.com/open-policy-agent/regal "$REGAL_VERSION" ;;
  all)
    install opa github.com/open-policy-agent/opa "$OPA_VERSION"
    install_from_module regal github.com/open-policy-agent/regal "$REGAL_VERSION"
    ;;
  *) echo "install-tools: unknown tool '$want' (expected opa, regal or all)" >&2; exit 2 ;;
esac
