#!/usr/bin/env bash
# npm's `prepare`: builds the package when npm installs it from source — a contributor's `npm ci` in a clone,
# or `npm install github:...` (npm runs `prepare`, not `prepack`, for git dependencies; that build needs Go for
# the pinned opa, and only for it). `npm pack` / `npm publish` run `prepack` (the same build) just before, so a
# second build is skipped there. Installing the published tarball runs neither: it ships built.
set -euo pipefail
case "${npm_command:-}" in
  pack | publish) exit 0 ;;
esac
cd "$(dirname "${BASH_SOURCE[0]}")/.."
npm run --silent build
