#!/usr/bin/env bash
# Serves the built page on 127.0.0.1 and runs the end-to-end tests with node's test runner, once
# per engine: Chromium (playwright-core), Firefox (puppeteer-core, WebDriver BiDi) and WebKit
# (WebKitWebDriver under xvfb-run). GDVIZ_ENGINES picks engines, GDVIZ_E2E picks test files.
# The site root holds dist/ copied to gdviz/ (as an author would copy it into their site)
# and a host blog page at blog/post.html that embeds widgets through gdviz-embed.js.
set -euo pipefail
cd "$(dirname "$0")/../.."
port=${GDVIZ_PORT:-8093}
engines=${GDVIZ_ENGINES:-chromium firefox webkit}
[ -f dist/index.html ] || { echo "dist/ is not built: run 'make build' first" >&2; exit 1; }
site=$(mktemp -d)
mkdir -p "$site/blog" "$site/__e2e"
cp -r dist "$site/gdviz"
# A deploy that lost one family's module (modules.test.mjs: its figures fall back to the module
# with every kind).
mkdir -p "$site/partial" && cp -r dist/. "$site/partial/" && rm -rf "$site/partial/modules/network"
# And one with the loader and the iframe page only: no module at all.
mkdir -p "$site/bare" && cp dist/embed.html dist/embed-frame.js dist/gdviz-embed.js dist/gdviz.css "$site/bare/"
cp tests/e2e/host-page.html "$site/blog/post.html"
cp tests/e2e/site.css "$site/blog/site.css"
cp tests/e2e/frame-host.html "$site/blog/frame.html"
cp tests/e2e/frame-host.js "$site/blog/frame-host.js"
cp tests/e2e/collect.js "$site/__e2e/collect.js"
cp tests/e2e/placeholders.html "$site/__e2e/placeholders.html"
# contours() beside d3-contour, on a page of its own.
mkdir -p "$site/lab" "$site/vendor"
cp tests/e2e/contours.html "$site/lab/contours.html"
cp .tools/node_modules/d3-array/dist/d3-array.min.js .tools/node_modules/d3-contour/dist/d3-contour.min.js "$site/vendor/"
# A real bundler: the packed tgz installed in a minimal Vite site, imported as 'gdviz', built
# with Vite and served under a sub-path of the blog, with its strict Content-Security-Policy.
root=$PWD
make --no-print-directory -s pack >/dev/null
vite_site=$(mktemp -d)
cp -r tests/e2e/vite-site/. "$vite_site/"
(cd "$vite_site" && npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error "$root"/gdviz-*.tgz >/dev/null \
  && "$root/.tools/node_modules/.bin/vite" build --logLevel warn --emptyOutDir --outDir "$site/blog/vite-app" >/dev/null)
rm -rf "$vite_site"
python3 tests/e2e/serve.py "$port" "$site" >"$site/server.log" 2>&1 &
server=$!
# On any exit (a failure, Ctrl-C, a time limit): stop the server and every test process.
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$site"' EXIT
for _ in $(seq 50); do
  curl -sf "http://127.0.0.1:$port/gdviz/index.html" >/dev/null && break
  sleep 0.1
done
# Our own server must be the one answering (another run on the same port would serve its dist/).
kill -0 "$server" 2>/dev/null || { cat "$site/server.log" >&2; echo "the test server could not start on port $port (set GDVIZ_PORT)" >&2; exit 1; }
# Chromium and Firefox run side by side (each test waits mostly on frames and driver round
# trips, not on the CPU), then WebKit; each writes its own log, printed whole when it ends. GDVIZ_E2E_SERIAL=1 runs one
# engine after the other, printing as it goes.
# GDVIZ_WEBKIT_SHARDS=2 runs WebKit as two halves side by side (default one: on 2 cores the
# extra load cost the other engines what it saved WebKit, 495 s against 551 s for WebKit).
files=(${GDVIZ_E2E:-$(ls tests/e2e/*.test.mjs)})
run_engine() {
  local engine=$1 log="$site/e2e-$1.log" start=$SECONDS rc=0 shards=1
  [ "$engine" = webkit ] && shards=${GDVIZ_WEBKIT_SHARDS:-1}
  [ ${#files[@]} -ge "$shards" ] || shards=1
  local pids=() k
  for ((k = 0; k < shards; k++)); do
    local part=()
    for ((i = k; i < ${#files[@]}; i += shards)); do part+=("${files[i]}"); done
    GDVIZ_ENGINE=$engine GDVIZ_URL="http://127.0.0.1:$port/" \
      node --test --test-concurrency=1 --test-timeout=300000 --test-reporter=spec "${part[@]}" >"$log.$k" 2>&1 &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || rc=1; done
  for ((k = 0; k < shards; k++)); do cat "$log.$k"; done >"$log"
  echo "$rc $((SECONDS - start))" >"$site/e2e-$engine.status"
}
# WebKit goes last, on its own: with the other two browsers beside it on 2 cores its WebDriver
# sometimes stopped answering (a screenshot, once a whole file for 5 minutes); alone it never did.
pids=()
for engine in $engines; do
  if [ "${GDVIZ_E2E_SERIAL:-0}" = 1 ]; then
    echo "=== e2e in $engine ==="
    run_engine "$engine"
    cat "$site/e2e-$engine.log"
  elif [ "$engine" = webkit ]; then
    for pid in "${pids[@]}"; do wait "$pid" || true; done
    pids=()
    run_engine "$engine"
  else
    run_engine "$engine" &
    pids+=($!)
  fi
done
for pid in "${pids[@]}"; do wait "$pid" || true; done
summary=()
total_pass=0 total_fail=0 status=0
for engine in $engines; do
  log="$site/e2e-$engine.log"
  if [ "${GDVIZ_E2E_SERIAL:-0}" != 1 ]; then
    echo "=== e2e in $engine ==="
    cat "$log"
  fi
  read -r rc secs <"$site/e2e-$engine.status"
  # Skipped assertions name the engine limitation: they are listed below.
  pass=$(sed -n 's/^ℹ pass \([0-9]*\)$/\1/p' "$log" | awk '{ s += $1 } END { print s + 0 }')
  fail=$(sed -n 's/^ℹ fail \([0-9]*\)$/\1/p' "$log" | awk '{ s += $1 } END { print s + 0 }')
  skip=$(grep -c '^\[e2e skip\]' "$log" || true)
  [ "$rc" -eq 0 ] || { status=1; [ "$fail" -gt 0 ] || fail=1; }
  summary+=("$engine: $pass passed, $fail failed, $skip assertions skipped ($secs s)")
  total_pass=$((total_pass + pass)) total_fail=$((total_fail + fail))
done
echo "=== e2e per engine ==="
printf '  %s\n' "${summary[@]}"
grep -h '^\[e2e skip\]' "$site"/e2e-*.log | sort | uniq -c || true
# Engine failures (a WebKit session that died, a driver that stopped answering), pages reopened
# after one, and the diagnosis of every page that failed to open or settle: listed again here,
# so they are not missed in a long log.
if grep -q '^\[e2e \(engine\|retry\|diag\)\]' "$site"/e2e-*.log; then
  echo "=== e2e engine failures, retries and diagnoses ==="
  grep -h '^\[e2e \(engine\|retry\|diag\)\]' "$site"/e2e-*.log || true
fi
echo "e2e: $total_pass passed, $total_fail failed"
exit $status
