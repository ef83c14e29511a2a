#!/usr/bin/env bash
# Chromium from Debian packages for the end-to-end diagram tests (test/e2e/diagrams.test.ts). Idempotent: does
# nothing when /usr/bin/chromium exists; otherwise installs the one package (sudo when not root).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
as_root=()
if [ "$(id -u)" -ne 0 ]; then
  as_root=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
if ! "${as_root[@]}" apt-get install -y --no-install-recommends chromium; then
  # A fresh machine may have no package lists yet.
  "${as_root[@]}" apt-get update
  "${as_root[@]}" apt-get install -y --no-install-recommends chromium
fi
