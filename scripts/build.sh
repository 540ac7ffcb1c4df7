#!/usr/bin/env bash
# Command 1: install, generate every output from specs/, and build every package.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-installed.sh
npx turbo run build --filter=@switchboard/cli... --output-logs=errors-only
node packages/cli/dist/bin.js generate
npx turbo run build --output-logs=errors-only
