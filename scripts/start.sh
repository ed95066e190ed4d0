#!/usr/bin/env bash
# Builds the playground when the build is missing or older than the sources, then serves it through
# its front door (server.ts). It runs the project's own installed binaries only, and downloads nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 NODE_ENV=production

if [ ! -x node_modules/.bin/next ] || [ ! -f node_modules/tsx/package.json ] || [ ! -f node_modules/@next/env/package.json ]; then
  echo "The playground's dependencies are not installed (node_modules/.bin/next is missing): run 'npm install' first." >&2
  exit 1
fi

stale() {
  [ ! -f .next/BUILD_ID ] && return 0
  [ -n "$(find app components hooks lib public instrumentation.ts proxy.ts server.ts next.config.ts package.json \
    -newer .next/BUILD_ID -print -quit 2>/dev/null)" ]
}

if stale; then node_modules/.bin/next build; fi
# HOST (127.0.0.1 by default) and PORT (3000) are read by server.ts. lib/env.ts refuses a non-loopback
# HOST without ACCESS_TOKEN (or ALLOW_ANONYMOUS=1), since anyone who reaches the server could spend the key.
exec node --import tsx server.ts
