#!/usr/bin/env bash
# Every test: lint, format and import boundaries (Biome), types, unit and service tests (vitest),
# then a production build exercised by the contract and browser tests (Playwright, Debian's Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
reports=$(mktemp -d "${TMPDIR:-/tmp}/kontext-reports-XXXXXX")
# The browser tests' data, removed here: Playwright stops its test servers, which write into it, only
# after its own teardown.
E2E_DATA_ROOT=$(mktemp -d "${TMPDIR:-/tmp}/kontext-e2e-XXXXXX")
export E2E_DATA_ROOT
trap 'rm -rf "$reports" "$E2E_DATA_ROOT"' EXIT

# The project's own tools only: npx would otherwise fetch a different version of a missing one.
for tool in biome tsc vitest next playwright; do
  if [ ! -x "node_modules/.bin/$tool" ]; then
    echo "node_modules/.bin/$tool is missing: run \`npm install\` first (and read its errors if it failed)" >&2
    exit 1
  fi
done

echo "== lint, format and import boundaries"
npx --no biome ci .

echo "== typecheck"
npx --no tsc --noEmit

echo "== PostgreSQL and Swift (S3) for the scale-out tests"
# The tests start and stop their own servers (as whoever runs them) from Debian's packages, unless
# SCALE_DATABASE_URL and SCALE_S3_* name servers of one's own. Only installing the packages needs root.
if [ -z "${SCALE_DATABASE_URL:-}" ] && ! bash scripts/scale-services.sh check 2>/dev/null; then
  if [ "$(id -u)" = 0 ]; then bash scripts/scale-services.sh install; fi
  bash scripts/scale-services.sh check
fi

echo "== unit and service tests"
npx --no vitest run --reporter=default --reporter=json --outputFile.json="$reports/vitest.json"

echo "== build"
npx --no next build

echo "== contract and browser tests"
PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/playwright.json" npx --no playwright test --reporter=list,json

node scripts/summarize-tests.mjs "$reports/vitest.json" "$reports/playwright.json"
