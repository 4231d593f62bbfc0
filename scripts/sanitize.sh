#!/usr/bin/env bash
# Builds the core with AddressSanitizer + UndefinedBehaviorSanitizer (clang)
# and runs the unit tests and the corpus runner over our fixtures and, when
# present, every page of ../shared/corpus. Any report fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."

cmake -S . -B build/asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
  -DCMAKE_CXX_COMPILER=clang++ -DQUIETPAGE_SANITIZE=ON > /dev/null
cmake --build build/asan -j2 > /dev/null
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

./build/asan/quietpage_tests --minimal
./build/asan/corpus_runner --url https://example.com/ tests/fixtures/*.html > /dev/null
echo "sanitizers: unit tests and fixtures clean"
# quietpage-batch over the batch tests' archives (damaged ones too), threads and all.
QUIETPAGE_BATCH="$PWD/build/asan/quietpage-batch" node --test --test-reporter=dot tests/batch/batch.test.js
echo "sanitizers: quietpage-batch clean on the batch tests' archives"

shared="${QUIETPAGE_SHARED:-../shared}"
if [ -d "$shared/corpus" ]; then
  pages=0
  while IFS= read -r -d '' page; do
    ./build/asan/corpus_runner --url http://fakehost/test/page.html "$page" > /dev/null
    pages=$((pages + 1))
  done < <(find "$shared/corpus" -type f -name '*.html' ! -name expected.html -print0 | sort -z)
  echo "sanitizers: $pages corpus pages clean"
  ./build/asan/quietpage-batch -q -j2 -o /dev/null "$shared/corpus" || [ $? -eq 2 ]
  echo "sanitizers: quietpage-batch over the corpus folders clean"
else
  echo "sanitizers: skipped the corpora ($shared/corpus not found)"
fi
