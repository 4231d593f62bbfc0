#!/usr/bin/env bash
# Runs the libFuzzer targets (tests/fuzz/) for SECONDS each (default 60).
#   npm run fuzz -- 300
# Corpora persist in build/fuzz/corpus-*/ (seeded from tests/fixtures/);
# findings are written to build/fuzz/findings/ and make this script fail.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
case "$seconds" in ''|*[!0-9]*) echo "usage: scripts/fuzz.sh [SECONDS]" >&2; exit 2 ;; esac

cmake -S . -B build/fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
  -DCMAKE_CXX_COMPILER=clang++ -DQUIETPAGE_FUZZ=ON -DQUIETPAGE_TESTS=OFF > /dev/null
cmake --build build/fuzz -j2 --target fuzz_parse fuzz_serialize > /dev/null

mkdir -p build/fuzz/findings
status=0
for target in fuzz_parse fuzz_serialize; do
  corpus="build/fuzz/corpus-${target#fuzz_}"
  mkdir -p "$corpus"
  cp -n tests/fixtures/*.html "$corpus"/ 2>/dev/null || true
  echo "fuzzing $target for ${seconds}s"
  if ! ./build/fuzz/$target -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -dict=tests/fuzz/html.dict \
       -artifact_prefix=build/fuzz/findings/ -print_final_stats=1 "$corpus" \
       > "build/fuzz/$target.log" 2>&1; then
    echo "FINDING in $target: see build/fuzz/$target.log and build/fuzz/findings/" >&2
    grep -E "ERROR|violation|SUMMARY" "build/fuzz/$target.log" | head -5 >&2 || true
    status=1
  fi
  grep -E "stat::number_of_executed_units|DONE" "build/fuzz/$target.log" | tail -2 || true
done
exit $status
