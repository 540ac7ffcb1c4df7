#!/usr/bin/env bash
# Command 2: everything CI checks, from a fresh clone: build, stale generated output, all tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
bash scripts/ensure-chromium.sh
node packages/cli/dist/bin.js validate
node generator/dist/cli.js --check
npx turbo run typecheck --output-logs=errors-only
node scripts/run-vitest.mjs
