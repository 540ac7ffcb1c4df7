#!/usr/bin/env bash
# Install dependencies exactly as package-lock.json pins them (`npm ci`) when node_modules is
# missing or was installed from another lockfile or another set of workspaces. A new workspace
# (a provider's generated client) is not in the lock yet: then `npm install` links it and records
# it in the lock, which is part of that provider's change.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.install-stamp
workspaces() { ls -d generator packages/*/ packages/clients/*/ test docs-site bench 2>/dev/null | sed 's#/$##' | sort; }
want=$( { sha256sum package-lock.json; for w in $(workspaces); do [[ -f $w/package.json ]] && sha256sum "$w/package.json"; done; } | sha256sum | cut -d' ' -f1)
if [[ -f $stamp && "$(cat "$stamp")" == "$want" ]]; then exit 0; fi
if node scripts/lock-covers-workspaces.mjs; then
  npm ci --no-audit --no-fund --loglevel=error
else
  echo "package-lock.json does not cover every workspace yet (a new provider?): npm install records it."
  npm install --no-audit --no-fund --loglevel=error
fi
# Recompute: `npm install` may have rewritten the lock.
{ sha256sum package-lock.json; for w in $(workspaces); do [[ -f $w/package.json ]] && sha256sum "$w/package.json"; done; } | sha256sum | cut -d' ' -f1 > "$stamp"
