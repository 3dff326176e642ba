#!/usr/bin/env bash
# Serves dist/ on 127.0.0.1 and runs the end-to-end tests against it with node's test runner.
set -euo pipefail
cd "$(dirname "$0")/../.."
port=${GDVIZ_PORT:-8093}
[ -f dist/index.html ] || { echo "dist/ is not built: run 'make build' first" >&2; exit 1; }
python3 -m http.server "$port" --bind 127.0.0.1 --directory dist >/tmp/gdviz-e2e-server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  curl -sf "http://127.0.0.1:$port/index.html" >/dev/null && break
  sleep 0.1
done
GDVIZ_URL="http://127.0.0.1:$port/" node --test --test-concurrency=1 tests/e2e/
