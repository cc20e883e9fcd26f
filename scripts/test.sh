#!/usr/bin/env bash
# Sets up whatever is missing (scripts/setup.sh), then runs every test: formatting, the
# native core suite (unit, property, reference and fuzz-style tests), the wasm tests in
# headless Chromium and the Playwright suite against the release build. Exits non-zero on
# any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR=never

bash scripts/setup.sh

echo "== cargo fmt --check"
cargo fmt --all -- --check

echo "== cargo clippy (warnings are errors)"
cargo clippy --locked --all-targets -q -- -D warnings

echo "== native tests (cargo test)"
cargo test --locked --all-targets
# Doc tests are separate from --all-targets.
cargo test --locked --doc -q

echo "== browser tests"
bash scripts/test-browser.sh
