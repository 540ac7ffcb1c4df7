#!/usr/bin/env bash
# Command 2: everything CI checks, from a fresh clone: build, stale generated output, all tests.
set -euo pipefail
cd "$(dirname "$0")/.."

# On CI (a fresh clone) neither the build nor the tests may change a tracked file.
tree_unchanged() {
  [[ ${CI:-} == true ]] || return 0
  local changed
  changed=$(git status --porcelain --untracked-files=no)
  if [[ -n $changed ]]; then
    echo "$1 changed tracked files:" >&2
    echo "$changed" >&2
    git diff --stat >&2
    return 1
  fi
}

bash scripts/build.sh
tree_unchanged "npm run build"
bash scripts/ensure-chromium.sh
node packages/cli/dist/bin.js validate
node generator/dist/cli.js --check
node scripts/check-breaking-changes.mjs
npx turbo run typecheck --output-logs=errors-only
status=0
node scripts/run-vitest.mjs || status=$?
tree_unchanged "the tests" || status=1
exit $status
