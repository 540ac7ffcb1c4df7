#!/usr/bin/env bash
# Install dependencies when node_modules is missing or the lockfile changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.install-stamp
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ ! -f $stamp || "$(cat "$stamp")" != "$want" ]]; then
  # `npm ci` refuses lockfiles written by this npm (it drops other platforms' optional
  # packages, e.g. @turbo/darwin-64, then calls the lock out of sync); `install` honours it.
  npm install --no-audit --no-fund --loglevel=error
  sha256sum package-lock.json | cut -d' ' -f1 > "$stamp"
fi
