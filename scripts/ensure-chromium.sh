#!/usr/bin/env bash
# The docs-site tests drive a real Chromium. CI (Debian, root, apt) gets Debian's installed when no
# browser is found; anywhere else, CHROMIUM_PATH or a browser in a usual place is used, and without
# one this stops with what to do instead of failing half-way through the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
if node scripts/find-chromium.mjs >/dev/null 2>&1; then exit 0; fi
if [[ -z ${CHROMIUM_PATH:-} ]] && command -v apt-get >/dev/null && [[ $(id -u) == 0 ]]; then
  echo "installing chromium for the browser tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
# Found now, or stop saying what to do.
node scripts/find-chromium.mjs >/dev/null
