#!/usr/bin/env bash
# The module per family of kinds, beside the module with every kind: Trunk builds dist/gdviz.js
# and gdviz_bg.wasm (every kind); this builds, for each family of Cargo.toml's default
# features, DIST/modules/FAMILY/gdviz.js, gdviz_bg.wasm and snippets/, the same way (cargo
# --release, wasm-bindgen --target web, wasm-opt -Oz). gdviz-embed.js fetches one of them when
# every figure on the page is of that family (README: "What a page fetches").
#   www/family-modules.sh DIST                 every family (Trunk's post_build hook)
#   www/family-modules.sh OUT FEATURES         one module with those features in OUT (tests/bench/modules.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
# The project's wasm-opt (npm binaryen: Debian's 108 produces a broken page) and cargo's tools,
# also under a plain `trunk build`.
export PATH=$PWD/.tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH

# module OUT FEATURES: the module built with FEATURES ("all": the default features) in OUT.
module() {
  local out=$1 features=$2 args=()
  [ "$features" = all ] || args=(--no-default-features --features "$features")
  rm -rf "$out" && mkdir -p "$out"
  cargo build --offline --quiet --release --target wasm32-unknown-unknown --lib "${args[@]}"
  local tmp
  tmp=$(mktemp -d)
  wasm-bindgen --target web --out-name gdviz --no-typescript --out-dir "$tmp" \
    target/wasm32-unknown-unknown/release/gdviz.wasm
  wasm-opt -Oz -o "$out/gdviz_bg.wasm" "$tmp/gdviz_bg.wasm"
  cp "$tmp/gdviz.js" "$out/"
  [ ! -d "$tmp/snippets" ] || cp -r "$tmp/snippets" "$out/"
  rm -rf "$tmp"
}

if [ $# -eq 2 ]; then
  module "$1" "$2"
  exit 0
fi
dist=${1:?usage: www/family-modules.sh DIST}
# The families: the default features but contours-api (the module with every kind's contours()).
families=$(sed -n 's/^default = \[\(.*\)\]/\1/p' Cargo.toml | tr -d '",' | tr ' ' '\n' | grep -vx 'contours-api')
for family in $families; do
  module "$dist/modules/$family" "$family"
done
