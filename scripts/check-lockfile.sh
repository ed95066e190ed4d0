#!/usr/bin/env bash
# A fresh clone of HEAD, `npm install`, then `git status`: the committed package-lock.json must be
# complete, so that a newcomer's tree is clean after the first command. Install scripts are skipped
# (they compile better-sqlite3 and change nothing in the lockfile), so this takes well under a minute
# with a warm npm cache. .ci/run makes the same check after its own, full install.
set -euo pipefail
cd "$(dirname "$0")/.."
clone=$(mktemp -d)
trap 'rm -rf "$clone"' EXIT
git clone --quiet --no-local . "$clone"
cd "$clone"
npm install --no-audit --no-fund --ignore-scripts >/dev/null
changes=$(git status --porcelain)
if [ -n "$changes" ]; then
  echo "npm install on a fresh clone changed the tree; commit the lockfile it writes:" >&2
  echo "$changes" >&2
  git --no-pager diff --stat >&2
  exit 1
fi
echo "lockfile complete: a fresh clone stays clean after npm install"
