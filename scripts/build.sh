#!/usr/bin/env bash
# Builds the native core + tests, quietpage-batch and the Python binding
# (build/native) and the WebAssembly module,
# release (dist/wasm, what js/ loads) and debug with assertions (dist/wasm-debug).
#   npm run build            # everything
#   bash scripts/build.sh native|wasm|wasm-debug
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"   # Debian's emscripten finds acorn there
jobs="$(nproc 2>/dev/null || echo 2)"
targets=("${@:-native wasm wasm-debug}")
# shellcheck disable=SC2068
for target in ${targets[@]}; do
  case "$target" in
    native)
      # The Python binding too (build/native/python) when pybind11 is there.
      python=OFF
      if [ -x /usr/bin/python3 ] && [ -f /usr/lib/cmake/pybind11/pybind11Config.cmake ]; then python=ON; fi
      cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release -DQUIETPAGE_PYTHON="$python" > /dev/null
      cmake --build build/native -j"$jobs" ;;
    wasm)
      emcmake cmake -S . -B build/wasm -DCMAKE_BUILD_TYPE=Release > /dev/null
      cmake --build build/wasm -j"$jobs" ;;
    wasm-debug)
      emcmake cmake -S . -B build/wasm-debug -DCMAKE_BUILD_TYPE=Debug > /dev/null
      cmake --build build/wasm-debug -j"$jobs" ;;
    *) echo "usage: scripts/build.sh [native] [wasm] [wasm-debug]" >&2; exit 2 ;;
  esac
done
