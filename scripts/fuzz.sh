#!/usr/bin/env bash
# Runs the libFuzzer targets (tests/fuzz/) for SECONDS each (default 60):
#   fuzz_parse      the public entry points (article, Markdown, isProbablyReaderable),
#                   options picked by the input's last byte; inputs up to 1 KB
#   fuzz_serialize  the serializer's allowlist, checked on its own output; up to 1 KB
#   fuzz_guard      the guard against gumbo alone, tree by tree; up to 64 KB (two or
#                   three gumbo parses per run)
#   npm run fuzz -- 300
# Each target runs twice on one corpus: first, for two thirds of SECONDS, a
# plain native build (no sanitizers: three to four times as many runs per
# second, and every mismatch, assertion, hang or crash is still a finding);
# then the AddressSanitizer + UndefinedBehaviorSanitizer build, which runs
# every input of the corpus — all the plain run kept — before it fuzzes on
# for the rest of the time.
# Corpora persist in build/fuzz/corpus-*/ (seeded from tests/fixtures/ and
# tests/fuzz/seeds/); findings are written to build/fuzz/findings/ and make this
# script fail. Prints the runs and executions per CPU second (user + sys) of each
# target and build (bench/RESULTS.md records a measurement). -entropic=0: the entropic
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
# build/fuzz: with the sanitizers; build/fuzz-plain: without.
for build in fuzz fuzz-plain; do
  sanitizers=ON
  [ "$build" = fuzz-plain ] && sanitizers=OFF
  cmake -S . -B "build/$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
    -DCMAKE_CXX_COMPILER=clang++ -DQUIETPAGE_FUZZ=ON -DQUIETPAGE_FUZZ_SANITIZERS="$sanitizers" \
    -DQUIETPAGE_TESTS=OFF > /dev/null
  cmake --build "build/$build" -j2 --target "${targets[@]}" > /dev/null
done
plain_seconds=$(( seconds * 2 / 3 > 0 ? seconds * 2 / 3 : 1 ))   # 0 would mean no limit
sanitized_seconds=$(( seconds > plain_seconds ? seconds - plain_seconds : 1 ))

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
  for build in fuzz-plain fuzz; do
    if [ "$build" = fuzz-plain ]; then time="$plain_seconds"; log="build/fuzz/$target.plain.log"; kind=plain
    else time="$sanitized_seconds"; log="build/fuzz/$target.log"; kind="ASan+UBSan"; fi
    echo "fuzzing $target for ${time}s ($kind)"
    corpus_before=$(ls "$corpus" | wc -l)
    cpu_before=$(cpu_seconds)
    if ! ASAN_OPTIONS="${ASAN_OPTIONS:-malloc_context_size=0:quarantine_size_mb=16}" ./build/$build/$target \
         -max_total_time="$time" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" -entropic=0 \
         -dict=tests/fuzz/html.dict -artifact_prefix=build/fuzz/findings/ -print_final_stats=1 "$corpus" > "$log" 2>&1; then
      echo "FINDING in $target ($kind): see $log and build/fuzz/findings/" >&2
      grep -E "ERROR|violation|SUMMARY|differs" "$log" | head -5 >&2 || true
      status=1
    fi
    cpu=$(( $(cpu_seconds) - cpu_before ))
    runs=$(grep -E "stat::number_of_executed_units" "$log" | grep -oE "[0-9]+$" || echo 0)
    rate=$(grep -E "stat::average_exec_per_sec" "$log" | grep -oE "[0-9]+$" || echo 0)
    per_cpu=$(( cpu > 0 ? runs * 100 / cpu : 0 ))
    summary+=$(printf '| %-14s | %-10s | %7s | %8s | %9s | %7s | %6s.%02d | %9s |' "$target" "$kind" "$max_len" \
      "$corpus_before" "$runs" "$rate" $((cpu / 100)) $((cpu % 100)) "$per_cpu")$'\n'
    [ "$status" = 0 ] || break
  done
done
printf '\n| target         | build      | max_len | corpus   | runs      | exec/s  | CPU s     | exec/CPU s |\n'
printf '|----------------|------------|---------|----------|-----------|---------|-----------|------------|\n%s' "$summary"
exit $status
