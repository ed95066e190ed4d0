#!/usr/bin/env bash
# Builds the playground when the build is missing or older than the sources, then serves it.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

stale() {
  [ ! -f .next/BUILD_ID ] && return 0
  [ -n "$(find app components hooks lib public instrumentation.ts proxy.ts next.config.ts package.json \
    -newer .next/BUILD_ID -print -quit 2>/dev/null)" ]
}

if stale; then npx next build; fi
# Loopback by default. HOST stays in the environment: lib/env.ts refuses a non-loopback HOST
# without ACCESS_TOKEN (or ALLOW_ANONYMOUS=1), since anyone who reaches the server could spend the key.
exec npx next start -H "${HOST:-127.0.0.1}" -p "${PORT:-3000}"
