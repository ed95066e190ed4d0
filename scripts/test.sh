#!/usr/bin/env bash
# Every test: lint, format and import boundaries (Biome), types, unit and service tests (vitest),
# then a production build exercised by the contract and browser tests (Playwright, Debian's Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
reports=$(mktemp -d)

echo "== lint, format and import boundaries"
npx biome ci .

echo "== typecheck"
npx tsc --noEmit

echo "== PostgreSQL and Swift (S3) for the scale-out tests"
# The tests start and stop their own servers from Debian's packages, unless DATABASE_URL and S3_* name some.
if [ -z "${DATABASE_URL:-}" ] && { [ ! -x /usr/lib/postgresql/15/bin/initdb ] || [ ! -x /usr/bin/swift-proxy-server ]; }; then
  if [ "$(id -u)" = 0 ]; then
    bash scripts/scale-services.sh install
  else
    echo "PostgreSQL 15 and Swift are not installed: run 'sudo scripts/scale-services.sh install' once" >&2
    exit 1
  fi
fi

echo "== unit and service tests"
npx vitest run --reporter=default --reporter=json --outputFile.json="$reports/vitest.json"

echo "== build"
npx next build

echo "== contract and browser tests"
PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/playwright.json" npx playwright test --reporter=list,json

node scripts/summarize-tests.mjs "$reports/vitest.json" "$reports/playwright.json"
