#!/usr/bin/env bash
# What a module per family of kinds weighs (README, "Adding a figure"; issue 18, item 4):
# builds the wasm module for each feature set given (default: every family, contour alone, and
# every kind) with www/family-modules.sh, as the page's modules are built, and
# prints raw and gzip -9 sizes of the wasm and its JS glue, with the build's seconds.
#   tests/bench/modules.sh [FEATURES...]      e.g. tests/bench/modules.sh calculus contour,norms
# "all" is the default features (today's module). Output: target/modules/FEATURES/.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH=$PWD/.tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH
sets=("$@")
[ ${#sets[@]} -gt 0 ] || sets=(all calculus surfaces race network contour)
gz() { gzip -9c "$1" | wc -c; }
printf '| features | wasm raw | wasm gzip | js gzip | build s |\n|---|---|---|---|---|\n'
for set in "${sets[@]}"; do
  out=target/modules/$set
  t0=$(date +%s)
  www/family-modules.sh "$out" "$set"
  t1=$(date +%s)
  printf '| %s | %s | %s | %s | %s |\n' "$set" "$(wc -c <"$out/gdviz_bg.wasm")" \
    "$(gz "$out/gdviz_bg.wasm")" "$(gz "$out/gdviz.js")" $((t1 - t0))
done
