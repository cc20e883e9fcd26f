#!/usr/bin/env bash
# Builds alvh and serves it with Trunk on http://127.0.0.1:${ALVH_PORT:-8080}/, rebuilding
# on change. Release build by default (small, fast, and the build the tests check); set
# ALVH_DEV=1 for a debug build. Extra arguments go to `trunk serve`.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
PORT="${ALVH_PORT:-8080}"

if [ "$(command -v wasm-opt)" != "$PWD/node_modules/.bin/wasm-opt" ]; then
  echo "serve: wasm-opt from npm binaryen is not first on PATH (run npm ci)" >&2
  exit 1
fi

echo "serve: http://127.0.0.1:${PORT}/"
mode=(--release)
[ "${ALVH_DEV:-0}" = 1 ] && mode=()
exec trunk serve --address 127.0.0.1 --port "$PORT" "${mode[@]}" "$@"
