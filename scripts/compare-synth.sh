#!/usr/bin/env bash
# Shows that the synthesized JSON is byte-identical at two revisions:
#   scripts/compare-synth.sh <base-rev> [<rev>]   (rev defaults to the working tree)
# It runs this revision's scripts/synth-digest.ts in a temporary worktree of each.
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:?usage: scripts/compare-synth.sh <base-rev> [<rev>]}
digest() { # $1: directory of a checkout
  mkdir -p "$1/scripts" && cp scripts/synth-digest.ts "$1/scripts/.synth-digest.ts"
  (cd "$1" && npx tsx scripts/.synth-digest.ts); rm -f "$1/scripts/.synth-digest.ts"
}
tmp=$(mktemp -d); trap 'git worktree remove --force "$tmp/base" >/dev/null 2>&1 || true; [ -n "${2:-}" ] && git worktree remove --force "$tmp/head" >/dev/null 2>&1; rm -rf "$tmp"' EXIT
git worktree add -q --detach "$tmp/base" "$base"; ln -s "$PWD/node_modules" "$tmp/base/node_modules"
digest "$tmp/base" > "$tmp/base.txt"
if [ -n "${2:-}" ]; then git worktree add -q --detach "$tmp/head" "$2"; ln -s "$PWD/node_modules" "$tmp/head/node_modules"; digest "$tmp/head" > "$tmp/head.txt"
else digest "$PWD" > "$tmp/head.txt"; fi
if diff -u "$tmp/base.txt" "$tmp/head.txt"; then echo "identical: $(wc -l < "$tmp/head.txt") stack files at $base and ${2:-the working tree}"; else echo "the synthesized JSON differs (above)"; exit 1; fi
