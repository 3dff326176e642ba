#!/usr/bin/env bash
# What a module per family of kinds would weigh (README, "Adding a figure"; issue 18, item 4):
# builds the wasm module for each feature set given (default: every family, contour alone, and
# every kind), as Trunk does (cargo --release, wasm-bindgen --target web, wasm-opt -Oz), and
# prints raw and gzip -9 sizes of the wasm and its JS glue, with the build's seconds.
#   tests/bench/modules.sh [FEATURES...]      e.g. tests/bench/modules.sh calculus contour,norms
# "all" is the default features (today's module). Output: target/modules/FEATURES/.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH=$PWD/.tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH
sets=("$@")
[ ${#sets[@]} -gt 0 ] || sets=(all calculus surfaces race network contour)
gz() { gzip -9c "$1" | wc -c; }
printf '| features | wasm raw | wasm gzip | js gzip | cargo s | bindgen + wasm-opt s |\n|---|---|---|---|---|---|\n'
for set in "${sets[@]}"; do
  if [ "$set" = all ]; then args=(); else args=(--no-default-features --features "$set"); fi
  out=target/modules/$set
  rm -rf "$out" && mkdir -p "$out/bindgen"
  t0=$(date +%s)
  cargo build --offline --quiet --release --target wasm32-unknown-unknown --lib "${args[@]}"
  t1=$(date +%s)
  wasm-bindgen --target web --out-name gdviz --no-typescript --out-dir "$out/bindgen" \
    target/wasm32-unknown-unknown/release/gdviz.wasm
  wasm-opt -Oz -o "$out/gdviz_bg.wasm" "$out/bindgen/gdviz_bg.wasm"
  cp "$out/bindgen/gdviz.js" "$out/"
  t2=$(date +%s)
  printf '| %s | %s | %s | %s | %s | %s |\n' "$set" "$(wc -c <"$out/gdviz_bg.wasm")" \
    "$(gz "$out/gdviz_bg.wasm")" "$(gz "$out/gdviz.js")" $((t1 - t0)) $((t2 - t1))
done
