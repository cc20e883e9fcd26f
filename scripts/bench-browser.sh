#!/usr/bin/env bash
# Browser benchmark (issue 7): builds the release site and runs tests/bench/browser.bench.ts in
# headless Chromium; prints the figures and writes test-results/bench-browser.json.
# Not part of scripts/test.sh: it measures time, which shared machines make noisy.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
trunk build --release
playwright test --config playwright.bench.config.ts
