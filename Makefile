# gdviz: `make serve` builds the page and serves it on http://127.0.0.1:8080;
# `make test` runs the lints and every test (native, wasm in headless Chromium, end-to-end in
# Chromium, Firefox and WebKit).
# Both install whatever tool is missing first (.ci/install-tools.sh), from the package registries only.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
CARGO_BIN := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin
export PATH := $(CURDIR)/.tools/node_modules/.bin:$(CARGO_BIN):$(HOME)/.cargo/bin:$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true
export WASM_BINDGEN_TEST_TIMEOUT := 180
export CHROMEDRIVER := /usr/bin/chromedriver

.PHONY: tools test-tools build figures serve test test-native test-wasm test-e2e lint bench fuzz snapshots package pack clean

tools:
	.ci/install-tools.sh build

test-tools:
	.ci/install-tools.sh test

build: tools
	cargo fetch --quiet
	trunk build
	$(MAKE) --no-print-directory figures

# Every figure's SVG at its default state, beside the page: the widgets' <noscript> fallbacks.
figures:
	cargo run --offline --quiet --bin render-figures -- dist/figures >/dev/null

serve: build
	@echo "gdviz: serving dist/ on http://127.0.0.1:8080/ (Ctrl-C stops)"
	python3 -m http.server 8080 --bind 127.0.0.1 --directory dist

test: test-tools
	cargo fetch --quiet
	$(MAKE) --no-print-directory lint
	trunk build
	$(MAKE) --no-print-directory figures test-native test-wasm test-e2e

test-native:
	cargo test --offline

test-wasm:
	cargo test --offline --target wasm32-unknown-unknown --tests

test-e2e:
	tests/e2e/run.sh

# Formatting and clippy on both targets (native, and wasm32 where src/web compiles), warnings as errors.
lint:
	cargo fetch --quiet
	cargo fmt --check
	cargo clippy --offline --all-targets -- -D warnings
	cargo clippy --offline --all-targets --target wasm32-unknown-unknown -- -D warnings

# Benchmarks (not part of `make test`): ratios from one run, written to BENCHMARKS.md.
bench: test-tools build
	tests/bench/run.sh

# Fuzzing (not part of `make test`): each cargo-fuzz target in tests/fuzz for FUZZ_SECONDS
# (default 60) on nightly; crashes land in tests/fuzz/artifacts/TARGET/. No AddressSanitizer:
# the crate has no unsafe code, and ASan made the figure-building target 2.6 times slower.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := options contours expr
fuzz:
	rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --version 0.13.1 --locked
	for t in $(FUZZ_TARGETS); do \
	  cargo +nightly fuzz run --sanitizer none --fuzz-dir tests/fuzz $$t -- -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=1024 || exit 1; \
	done

# The package: gdviz-VERSION.tgz (npm pack format: `npm install ./gdviz-VERSION.tgz`, then
# `import 'gdviz'` in a bundled site) and gdviz-VERSION.zip (the folder to copy into any site).
# The version is Cargo.toml's.
VERSION = $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
package: build
	$(MAKE) --no-print-directory pack
	@echo "gdviz: wrote gdviz-$(VERSION).tgz and gdviz-$(VERSION).zip"

# The same from an existing dist/ (the end-to-end tests pack what they test).
pack:
	rm -rf target/package && mkdir -p target/package/gdviz
	cp dist/gdviz-embed.js dist/gdviz-embed.d.ts dist/gdviz.js dist/gdviz_bg.wasm dist/gdviz.css target/package/gdviz/
	cp -r dist/snippets dist/modules target/package/gdviz/
	sed 's/@VERSION@/$(VERSION)/' www/package.json > target/package/gdviz/package.json
	cd target/package/gdviz && npm pack --silent --pack-destination "$(CURDIR)" >/dev/null
	rm -f gdviz-$(VERSION).zip && cd target/package && python3 -m zipfile -c "$(CURDIR)/gdviz-$(VERSION).zip" gdviz

# Rewrite the SVG snapshots after a deliberate change to a figure; inspect and commit them.
snapshots:
	UPDATE_SNAPSHOTS=1 cargo test --offline --test snapshots

clean:
	rm -rf dist target
