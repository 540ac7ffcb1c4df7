#!/usr/bin/env bash
# Install dependencies when node_modules is missing or the lockfile changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.install-stamp
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ ! -f $stamp || "$(cat "$stamp")" != "$want" ]]; then
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
