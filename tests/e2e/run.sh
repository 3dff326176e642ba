#!/usr/bin/env bash
# Serves the built page on 127.0.0.1 and runs the end-to-end tests with node's test runner.
# The site root holds dist/ copied to gdviz/ (as an author would copy it into their site)
# and a host blog page at blog/post.html that embeds widgets through gdviz-embed.js.
set -euo pipefail
cd "$(dirname "$0")/../.."
port=${GDVIZ_PORT:-8093}
[ -f dist/index.html ] || { echo "dist/ is not built: run 'make build' first" >&2; exit 1; }
site=$(mktemp -d)
mkdir -p "$site/blog"
cp -r dist "$site/gdviz"
cp tests/e2e/host-page.html "$site/blog/post.html"
cp tests/e2e/site.css "$site/blog/site.css"
# contours() beside d3-contour, on a page of its own.
mkdir -p "$site/lab" "$site/vendor"
cp tests/e2e/contours.html "$site/lab/contours.html"
cp .tools/node_modules/d3-array/dist/d3-array.min.js .tools/node_modules/d3-contour/dist/d3-contour.min.js "$site/vendor/"
python3 tests/e2e/serve.py "$port" "$site" >"$site/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$site"' EXIT
for _ in $(seq 50); do
  curl -sf "http://127.0.0.1:$port/gdviz/index.html" >/dev/null && break
  sleep 0.1
done
GDVIZ_URL="http://127.0.0.1:$port/" node --test --test-concurrency=1 ${GDVIZ_E2E:-tests/e2e/}
