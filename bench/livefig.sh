#!/usr/bin/env bash
# The live figure's frame time: a 24-run, 500-step Rosenbrock figure in
# Debian's Chromium, the shared start dragged over 40 frames; prints the
# median and 90th percentile of the animation frames that recompute and
# redraw, and the split between recomputing (engine.js) and redrawing.
# Needs e2e/node_modules (npm ci in e2e/).
set -euo pipefail
cd "$(dirname "$0")/.."
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
mkdir -p "$W/content/s" "$W/layouts"
printf 'title: Bench\n' >"$W/content/site.yaml"
printf -- '---\ntitle: S\n---\n' >"$W/content/s/_index.md"
{
  printf -- '---\ntitle: L\n---\n\nText.\n\n```landscape\ntitle: Many\nfunction: rosenbrock\nstart: [-1.5, 2.5]\nsteps: 500\nruns:\n'
  for i in $(seq 1 24); do
    case $((i % 4)) in
      0) printf '  - optimizer: adam\n    lr: 0.0%d\n' $((i % 9 + 1)) ;;
      1) printf '  - optimizer: momentum\n    lr: 0.000%d\n' $((i % 9 + 1)) ;;
      2) printf '  - optimizer: rmsprop\n    lr: 0.00%d\n' $((i % 9 + 1)) ;;
      3) printf '  - optimizer: nadam\n    lr: 0.00%d\n' $((i % 9 + 1)) ;;
    esac
  done
  printf '```\n'
} >"$W/content/s/l.md"
go run ./cmd/build -content "$W/content" -layouts "$W/layouts" -out "$W/public" -cache "" >/dev/null
LIVEFIG_SITE="$W/public" node bench/livefig.js
