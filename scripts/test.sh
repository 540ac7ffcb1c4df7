#!/usr/bin/env bash
# Command 2: everything CI checks, from a fresh clone: build, stale generated output, all tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-installed.sh
bash scripts/ensure-chromium.sh
npx turbo run build --output-logs=errors-only
node packages/cli/dist/bin.js validate
node packages/cli/dist/bin.js generate --check
npx turbo run typecheck --output-logs=errors-only
node scripts/run-vitest.mjs
