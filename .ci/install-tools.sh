#!/usr/bin/env bash
# Installs every tool gdviz needs, from the package registries only (crates.io, npm, Debian).
# Each step is skipped when the tool is already present at the right version.
#   .ci/install-tools.sh build   -> wasm target, wasm-bindgen-cli, trunk, wasm-opt (npm binaryen)
#   .ci/install-tools.sh test    -> the above plus chromium, chromedriver, firefox-esr, WebKitWebDriver,
#                                   xvfb, playwright-core and puppeteer-core
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = { version = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
TRUNK_VERSION=0.21.14
what=${1:-build}
log() { printf '[install-tools] %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
else
  log "wasm32-unknown-unknown target: present"
fi

have_version() { command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -q " $2\b"; }

if have_version wasm-bindgen "$WASM_BINDGEN_VERSION"; then
  log "wasm-bindgen-cli $WASM_BINDGEN_VERSION: present"
else
  # No --locked: the CLI's lockfile wants a webpki-roots version the registry lacks.
  log "cargo install wasm-bindgen-cli --version $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if have_version trunk "$TRUNK_VERSION"; then
  log "trunk $TRUNK_VERSION: present"
else
  # 0.22 needs a newer rustc than this machine's.
  log "cargo install --locked trunk --version $TRUNK_VERSION"
  cargo install --locked trunk --version "$TRUNK_VERSION" --force
fi

if [ "$what" = test ]; then
  # rustfmt and clippy for `make lint`, the first step of `make test`.
  if rustup component list --installed 2>/dev/null | grep -q '^rustfmt' && rustup component list --installed 2>/dev/null | grep -q '^clippy'; then
    log "rustfmt + clippy: present"
  else
    log "rustup component add rustfmt clippy"
    rustup component add rustfmt clippy
  fi
  # The three engines of the end-to-end tests: Chromium (+ chromedriver for the wasm tests),
  # Firefox ESR, and WebKitGTK's WebKitWebDriver with the MiniBrowser it drives, which needs a
  # display: xvfb. (Playwright's own Firefox and WebKit builds download from a host that is
  # not reachable here; Debian's browsers install from the package registry.)
  missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  command -v firefox-esr >/dev/null || missing+=(firefox-esr)
  { command -v WebKitWebDriver >/dev/null && [ -x /usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser ]; } || missing+=(webkit2gtk-driver)
  command -v xvfb-run >/dev/null || missing+=(xvfb)
  command -v xauth >/dev/null || missing+=(xauth)
  if [ ${#missing[@]} -eq 0 ]; then
    log "chromium, chromedriver, firefox-esr, WebKitWebDriver, xvfb: present"
  else
    log "apt-get install ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi

# npm packages: binaryen (wasm-opt; Debian's 108 produces a broken page), playwright-core
# (drives Chromium), puppeteer-core (drives Firefox over WebDriver BiDi), and d3-contour (the
# reference contours() is checked and timed against), vite (the end-to-end tests build a
# bundled site that installs the packed package), typescript (the loader's declarations are
# compiled against an author's use).
if [ -x .tools/node_modules/.bin/wasm-opt ] && [ -d .tools/node_modules/playwright-core ] \
   && [ -d .tools/node_modules/puppeteer-core ] \
   && [ -d .tools/node_modules/d3-contour ] && [ -d .tools/node_modules/vite ] \
   && [ -d .tools/node_modules/typescript ] \
   && [ .tools/node_modules/.package-lock.json -nt .tools/package-lock.json ]; then
  log "npm packages (.tools/node_modules): present"
else
  log "npm ci (.tools)"
  (cd .tools && npm ci --no-audit --no-fund --loglevel=error)
fi
log "done"
