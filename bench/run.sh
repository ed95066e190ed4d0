#!/usr/bin/env bash
# Every benchmark scenario in turn, on a build of its own (.next-bench, so the test
# build in .next is never touched), then docs/BENCHMARKS.md from the results.
#   npm run bench                  all scenarios
#   npm run bench -- load history-scale   only those
#   npm run bench -- --report      only rewrite docs/BENCHMARKS.md from bench/results/
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

ALL=(local-engine local-edit upstream-calls api-overhead edit-round-trip completion-to-screen load history-scale page-weight share-paint local-load stalled-streams sweep share-page scale-out mcp hostile-input metrics-scrape backup-restore)
# Outer bound per scenario; each also stops itself sooner (its own time limit).
SCENARIO_LIMIT_S=330

report() { node --import tsx bench/report.ts; }
if [ "${1:-}" = "--report" ]; then report; exit $?; fi

scenarios=("$@")
[ ${#scenarios[@]} -eq 0 ] && scenarios=("${ALL[@]}")
for name in "${scenarios[@]}"; do
  [ -f "bench/scenarios/$name.ts" ] || { echo "unknown scenario: $name (known: ${ALL[*]})" >&2; exit 2; }
done

started=$(date +%s)
# Whatever goes into the build (server.ts is not in it: it runs from its source).
stale() {
  [ ! -f .next-bench/BUILD_ID ] && return 0
  [ -n "$(find app components hooks lib public instrumentation.ts proxy.ts next.config.ts tailwind.config.ts \
    postcss.config.mjs package.json -newer .next-bench/BUILD_ID -print -quit 2>/dev/null)" ]
}
if stale; then
  echo "== build (.next-bench)"
  NEXT_DIST_DIR=.next-bench npx next build || { echo "build failed" >&2; exit 1; }
fi

# Process groups the scenarios started; any still alive after a scenario (it was killed
# before its own cleanup ran) are ended here, by id.
pidfile=$(mktemp)
export BENCH_PIDFILE="$pidfile"
reap() {
  while read -r pid; do
    [ -n "$pid" ] && kill -0 -- "-$pid" 2>/dev/null && kill -KILL -- "-$pid" 2>/dev/null
  done <"$pidfile"
  : >"$pidfile"
}
trap 'reap; rm -f "$pidfile"' EXIT

failed=()
for name in "${scenarios[@]}"; do
  echo "== $name"
  timeout --kill-after=20 "$SCENARIO_LIMIT_S" node --import tsx --conditions=react-server "bench/scenarios/$name.ts" || failed+=("$name")
  reap
done

echo "== report"
report || failed+=("report")
echo "== done in $(($(date +%s) - started)) s"
if [ ${#failed[@]} -gt 0 ]; then
  echo "did not finish: ${failed[*]}" >&2
  exit 1
fi
