#!/usr/bin/env bash
# The docs-site tests drive Debian's Chromium; install it when missing (CI has apt and root).
set -euo pipefail
if [[ ! -x /usr/bin/chromium ]]; then
  echo "installing chromium for the browser tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
