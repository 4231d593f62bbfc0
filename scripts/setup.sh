#!/usr/bin/env bash
# Installs what quietpage needs to build and test, and nothing that is there
# already: Debian packages (apt, as root) and the pinned npm devDependencies.
# Idempotent: a second run only checks. Used by `npm start` and `npm test`.
#
#   bash scripts/setup.sh            # toolchain + node_modules
#   bash scripts/setup.sh --fit      # also python3-sklearn, for npm run fit
#   QUIETPAGE_SKIP_APT=1 bash ...    # node_modules only (no root needed)
set -euo pipefail
cd "$(dirname "$0")/.."

# cmake/g++/make: native build; clang + libclang-rt-14-dev: sanitizers and
# libFuzzer; emscripten (+ binaryen for wasm-opt): the WebAssembly build;
# doctest-dev: C++ unit tests; chromium: browser tests; firefox-esr: the
# extension's Firefox test; zip: extension package; zlib1g-dev: quietpage-batch's
# gzip; python3-dev + pybind11-dev: the Python binding; python3-dask +
# python3-distributed: its Dask recipe.
packages=(cmake g++ make clang libclang-rt-14-dev emscripten binaryen doctest-dev chromium chromium-driver firefox-esr zip
  zlib1g-dev python3-dev pybind11-dev python3-dask python3-distributed)
# --fit: also what npm run fit needs (scikit-learn for Debian's python3).
if [ "${1:-}" = "--fit" ]; then packages+=(python3-sklearn python3-numpy); fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done

if [ "${#missing[@]}" -gt 0 ] && [ -z "${QUIETPAGE_SKIP_APT:-}" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: missing Debian packages: ${missing[*]}" >&2
    echo "setup: run as root (or: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
fi

# Install scripts of dependencies never run (gumbo-parser's would try to build
# a Node addon; we only want its C sources).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi
