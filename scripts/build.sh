#!/usr/bin/env bash
# Command 1: install, generate every output from specs/, and build every package.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-installed.sh
# Generation is a turbo task keyed on specs/, the generator and its templates: with nothing
# changed it is a cache hit and does no work.
npx turbo run generate --output-logs=errors-only
# A new provider's generated client is a new workspace: link it before building it.
bash scripts/ensure-installed.sh
npx turbo run build --output-logs=errors-only
