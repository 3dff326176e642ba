"""Static server for the end-to-end tests: serves a folder on 127.0.0.1 and sends a strict
Content-Security-Policy with every page under /blog/ (the foreign host page), as a site with
a locked-down policy would: no inline script, no eval, wasm allowed.

Every HTML page gets one same-origin script first in its <head>, /__e2e/collect.js, which
collects the page's errors for the tests in every engine (WebDriver classic reports none).

With GDVIZ_ISOLATE=1 (make bench) every response also makes the page cross-origin isolated
(COOP same-origin, COEP require-corp; everything the bench loads is same-origin): Chromium
then times performance.now() and User Timing to 5 microseconds instead of 100, so a p95 of
about 1 ms is not rounded to a tenth of itself."""
import functools
import http.server
import os
import re
import sys
import urllib.parse

CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'"
COLLECT = b'<script src="/__e2e/collect.js"></script>'


class Handler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self):
        if self.path.startswith("/blog/"):
            self.send_header("Content-Security-Policy", CSP)
        self.send_header("Cache-Control", "no-store")
        if os.environ.get("GDVIZ_ISOLATE") == "1":
            self.send_header("Cross-Origin-Opener-Policy", "same-origin")
            self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
        super().end_headers()

    def do_GET(self):
        path = urllib.parse.urlsplit(self.path).path
        if path.endswith("/"):
            path += "index.html"
        local = self.translate_path(path)
        if not path.endswith(".html") or not os.path.isfile(local):
            return super().do_GET()
        with open(local, "rb") as f:
            body = f.read()
        body, n = re.subn(rb"(<head[^>]*>)", lambda m: m.group(1) + COLLECT, body, count=1, flags=re.I)
        if n == 0:
            body = COLLECT + body
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def main():
    port, root = int(sys.argv[1]), sys.argv[2]
    handler = functools.partial(Handler, directory=root)
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        server.serve_forever()


if __name__ == "__main__":
    main()
