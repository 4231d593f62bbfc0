#!/usr/bin/env bash
# Everything `npm test` runs: set-up (idempotent), both builds, the C++ unit
# tests, the JS API tests against the real wasm build, the browser tests in
# headless Chromium, and the sanitizer run. Stops at the first failure.
#   QUIETPAGE_SKIP_SANITIZE=1 npm test   # skip the (slow) ASan/UBSan run
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "setup";               bash scripts/setup.sh
step "build";               bash scripts/build.sh
step "C++ unit tests";      ctest --test-dir build/native --output-on-failure
step "JS API tests (Node)"; node --test --test-reporter=dot tests/js/*.test.js
step "batch command, Python binding, Dask (quietpage-batch, import quietpage)"
node --test --test-concurrency=1 --test-reporter=dot tests/batch/*.test.js
step "browser tests (Chromium; the extension also in Firefox)"
node --test --test-concurrency=1 --test-reporter=dot tests/browser/*.test.js
step "package tests (npm pack, install; Node; Vite, webpack, esbuild builds in Chromium; tsc)"
node --test --test-concurrency=1 --test-reporter=dot tests/package/*.test.js
if [ -z "${QUIETPAGE_SKIP_SANITIZE:-}" ]; then
  step "sanitizers (ASan+UBSan)"; bash scripts/sanitize.sh
fi
step "all tests passed"
