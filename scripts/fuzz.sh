#!/usr/bin/env bash
# Runs the libFuzzer targets (tests/fuzz/) for SECONDS each (default 60):
#   fuzz_parse      the public entry points (article, Markdown, isProbablyReaderable),
#                   options picked by the input's last byte; inputs up to 1 KB
#   fuzz_serialize  the serializer's allowlist, checked on its own output; up to 1 KB
#   fuzz_guard      the guard against gumbo alone, tree by tree; up to 64 KB (two or
#                   three gumbo parses per run)
#   npm run fuzz -- 300
# Corpora persist in build/fuzz/corpus-*/ (seeded from tests/fixtures/ and
# tests/fuzz/seeds/); findings are written to build/fuzz/findings/ and make this
# script fail. Prints the runs and executions per CPU second (user + sys) of each
# target (bench/RESULTS.md records a measurement). -entropic=0: the entropic
# schedule's bookkeeping took over half of each run here. AddressSanitizer keeps
# no allocation stacks (malloc_context_size=0: recording them took a fifth of
# each run; run a finding's input again, ./build/fuzz/TARGET FILE, for them)
# and quarantines 16 MB of freed memory, not 256 (a run frees far less; with
# the default every run wrote to fresh pages: 14% of fuzz_parse's time).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
case "$seconds" in ''|*[!0-9]*) echo "usage: scripts/fuzz.sh [SECONDS]" >&2; exit 2 ;; esac

targets=(fuzz_parse fuzz_serialize fuzz_guard)
cmake -S . -B build/fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
  -DCMAKE_CXX_COMPILER=clang++ -DQUIETPAGE_FUZZ=ON -DQUIETPAGE_TESTS=OFF > /dev/null
cmake --build build/fuzz -j2 --target "${targets[@]}" > /dev/null

# User + sys time of this script's finished children, in hundredths of a second.
cpu_seconds() {
  local ticks
  ticks=$(awk '{print $16 + $17}' /proc/$$/stat)
  echo $(( ticks * 100 / $(getconf CLK_TCK) ))
}

mkdir -p build/fuzz/findings
status=0
summary=""
for target in "${targets[@]}"; do
  case "$target" in
    fuzz_guard) max_len=65536 ;;
    *) max_len=1024 ;;
  esac
  corpus="build/fuzz/corpus-${target#fuzz_}"
  mkdir -p "$corpus"
  cp -n tests/fixtures/*.html tests/fuzz/seeds/* "$corpus"/ 2>/dev/null || true
  echo "fuzzing $target for ${seconds}s"
  cpu_before=$(cpu_seconds)
  if ! ASAN_OPTIONS="${ASAN_OPTIONS:-malloc_context_size=0:quarantine_size_mb=16}" ./build/fuzz/$target -max_total_time="$seconds" \
       -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" -entropic=0 -dict=tests/fuzz/html.dict \
       -artifact_prefix=build/fuzz/findings/ -print_final_stats=1 "$corpus" > "build/fuzz/$target.log" 2>&1; then
    echo "FINDING in $target: see build/fuzz/$target.log and build/fuzz/findings/" >&2
    grep -E "ERROR|violation|SUMMARY|differs" "build/fuzz/$target.log" | head -5 >&2 || true
    status=1
  fi
  cpu=$(( $(cpu_seconds) - cpu_before ))
  runs=$(grep -E "stat::number_of_executed_units" "build/fuzz/$target.log" | grep -oE "[0-9]+$" || echo 0)
  rate=$(grep -E "stat::average_exec_per_sec" "build/fuzz/$target.log" | grep -oE "[0-9]+$" || echo 0)
  per_cpu=$(( cpu > 0 ? runs * 100 / cpu : 0 ))
  summary+=$(printf '| %-14s | %8s | %9s | %7s | %6s.%02d | %9s |' "$target" "$max_len" "$runs" "$rate" \
    $((cpu / 100)) $((cpu % 100)) "$per_cpu")$'\n'
done
printf '\n| target         | max_len  | runs      | exec/s  | CPU s     | exec/CPU s |\n'
printf '|----------------|----------|-----------|---------|-----------|------------|\n%s' "$summary"
exit $status
