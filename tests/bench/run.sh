#!/usr/bin/env bash
# make bench: native kernel scaling and browser redraw/load measurements, written to BENCHMARKS.md.
# GDVIZ_BENCH=long tests/bench/run.sh: only the long runs (tests/bench/longrun.mjs, about a
# minute and a half), printed, BENCHMARKS.md left as it is.
set -euo pipefail
cd "$(dirname "$0")/../.."
port=${GDVIZ_PORT:-8099}
site=$(mktemp -d)
cp -r dist "$site/gdviz"
mkdir -p "$site/lab" "$site/vendor"
cp tests/e2e/contours.html "$site/lab/contours.html"
mkdir -p "$site/floor" && cp tests/bench/floor.html tests/bench/floor.js "$site/floor/"
cp .tools/node_modules/d3-array/dist/d3-array.min.js .tools/node_modules/d3-contour/dist/d3-contour.min.js "$site/vendor/"
# Cross-origin isolated pages (tests/e2e/serve.py): timers to 5 µs, not 100 µs.
GDVIZ_ISOLATE=1 python3 tests/e2e/serve.py "$port" "$site" &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$site"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/gdviz/embed.html" >/dev/null && break; sleep 0.1; done
if [ "${GDVIZ_BENCH:-}" = long ]; then
  GDVIZ_URL="http://127.0.0.1:$port/" node tests/bench/longrun.mjs
  exit 0
fi
native=$(cargo run --offline --release --quiet --bin bench)
browser=$(GDVIZ_URL="http://127.0.0.1:$port/" node tests/bench/browser.mjs)
long=$(GDVIZ_URL="http://127.0.0.1:$port/" node tests/bench/longrun.mjs)
{
  echo "# Benchmarks"
  echo
  echo "Written by \`make bench\` on $(date -u +%Y-%m-%d), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'),"
  echo "$(chromium --version 2>/dev/null || echo chromium), $(rustc --version). One run; compare ratios, not absolute times: on a shared machine the same code's times move from run to run, and the floor (under Load) and d3-contour's times are this run's yardsticks."
  echo
  echo "## In the browser"
  echo
  echo "$browser"
  echo
  echo "$long"
  echo
  echo "## Native scaling of the math kernels"
  echo
  echo "$native"
} > BENCHMARKS.md
cat BENCHMARKS.md
