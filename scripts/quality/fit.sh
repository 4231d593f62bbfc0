#!/usr/bin/env bash
# npm run fit: refits the core's fitted judgements (src/rules/fitted.h) on
# the three development corpora of ../shared and rewrites
# src/rules/fitted_weights.h and scripts/quality/loco-weights.json.
#   1. the pages, decoded, with their gold (build/quality/pages.jsonl);
#   2. twice: the native corpus_runner measures every block and page with the
#      weights it was built with, and fit.py fits new ones (the page model
#      reads articles the block model has judged, so a second round sees the
#      articles as the new block weights leave them).
# Needs Debian's python3-sklearn (bash scripts/setup.sh --fit installs it).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash scripts/setup.sh --fit
node scripts/quality/pages.mjs --out build/quality/pages.jsonl
for round in 1 2; do
  cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release > /dev/null
  cmake --build build/native --target corpus_runner -j"$(nproc 2>/dev/null || echo 2)" > /dev/null
  build/native/corpus_runner --jsonl --features < build/quality/pages.jsonl > build/quality/features.jsonl
  /usr/bin/python3 scripts/quality/fit.py --features build/quality/features.jsonl --pages build/quality/pages.jsonl
done
echo "fit: rebuild (npm run build) and run npm run eval to see what the new weights do"
