#!/usr/bin/env bash
# Browser benchmark (issues 7 and 15): input-to-paint, JS API, heap, first chart.
#
#   scripts/bench-browser.sh                          build the release site, one run against dist/
#                                                     (tests/bench/browser.bench.ts; prints the
#                                                     figures, writes test-results/bench-browser.json)
#   scripts/bench-browser.sh [--rounds N] DIST_A [DIST_B]
#                                                     no build: N rounds (default 5) of the same
#                                                     benchmark per build, alternating, with medians
#                                                     and B/A ratios (scripts/bench-paired.mjs input)
#
# The cold-load benchmark (network and CPU throttling) is `node scripts/bench-paired.mjs cold
# DIST_A [DIST_B]`. Not part of scripts/test.sh: they measure time, which shared machines make
# noisy.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
if [ "$#" -gt 0 ]; then
  exec node scripts/bench-paired.mjs input "$@"
fi
scripts/setup.sh
trunk build --release
playwright test --config playwright.bench.config.ts tests/bench/browser.bench.ts
