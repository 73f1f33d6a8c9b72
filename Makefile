# troopmap: `make serve` builds and serves the map, `make test` runs every
# test. Both install what is missing first, and skip what is already there.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
CARGO_BIN := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin
export PATH := $(CURDIR)/node_modules/.bin:$(CARGO_BIN):$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true
export CHROMEDRIVER ?= /usr/bin/chromedriver

TRUNK_VERSION := 0.21.14
# The wasm-bindgen CLI must be the version Cargo.lock pins.
WASM_BINDGEN_VERSION = $(shell awk '/^name = "wasm-bindgen"$$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
APT_PACKAGES := chromium chromium-driver gdal-bin ffmpeg
BASEMAP := assets/generated/basemap.geojson
# Its land at the map's opening view, shown from the page's first paint:
# a picture in a style sheet.
OPENING := assets/generated/opening-land.css
GENERATED := $(BASEMAP) $(OPENING)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: serve test tools lint test-native test-wasm test-e2e dist bench bench-sizes memory fuzz clean

serve: tools $(GENERATED)
	trunk serve --release

test: tools $(GENERATED) lint test-native test-wasm test-e2e
	@echo "make test: every suite passed"

## Installing what is missing ----------------------------------------------

tools: node_modules/.package-lock.json
	@rustup target list --installed | grep -qx wasm32-unknown-unknown \
	  || rustup target add wasm32-unknown-unknown
	@[ "$$(trunk --version 2>/dev/null)" = "trunk $(TRUNK_VERSION)" ] \
	  || CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
	     cargo install --locked trunk@$(TRUNK_VERSION)
	@# No --locked: the CLI's own lockfile wants crates the registry may lack.
	@[ "$$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $(WASM_BINDGEN_VERSION)" ] \
	  || cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION)
	@missing=""; for p in $(APT_PACKAGES); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	  done; \
	  if [ -n "$$missing" ]; then \
	    $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	  fi

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

## Building -------------------------------------------------------------------

# The offline basemap: Natural Earth countries from npm world-atlas,
# simplified once (see src/native/basemap.rs).
# The picture of its land at the opening view is drawn as the page draws
# the land (see src/native/opening.rs).
$(GENERATED) &: node_modules/.package-lock.json src/native/basemap.rs src/native/topo.rs \
    src/native/opening.rs src/draw/land.rs $(wildcard src/picture/basemap/*.rs) $(wildcard src/cli/*.rs)
	cargo run --quiet --bin troopmap -- basemap node_modules/world-atlas/countries-10m.json $(BASEMAP) 0.01 \
	  --picture $(OPENING)

dist: tools $(GENERATED)
	trunk build --release

## Testing --------------------------------------------------------------------

lint:
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings
	@# The map's own module, as index.html builds it: without the readers.
	cargo clippy --target wasm32-unknown-unknown --no-default-features --bin troopmap -- -D warnings

# Unit, doc and data tests of the core, natively.
test-native:
	cargo test

# The web layer's smallest pieces, in headless Chromium.
test-wasm:
	cargo test --target wasm32-unknown-unknown --test web

# The release build served on 127.0.0.1, driven in headless Chromium.
test-e2e: dist
	cargo test --test e2e -- --ignored --test-threads=1

## Benchmarks -----------------------------------------------------------------

# The browser benchmark against Leaflet.timeline and Leaflet.TimeDimension
# at 1,000, 10,000 and 100,000 features (target/bench/results.json and
# results.md), then the native benchmarks of parsing and the time index.
bench: tools $(GENERATED) dist
	cargo bench --bench browser
	cargo bench --bench core

# Peak memory of `troopmap validate` on geometry-heavy files (a MultiPoint
# of 3 million points, a track of a million timed vertices) and on 100,000
# synthetic features, and the page's wasm memory after importing each: the
# tables in README.md's Performance section.
memory: tools $(GENERATED) dist
	cargo build --release --bin troopmap
	tools/memory.sh

# wasm and JS sizes of the release build, raw and gzip.
bench-sizes: dist
	@for f in dist/*.wasm dist/*.js; do \
	  printf '%-48s %9d bytes raw %9d bytes gzip\n' "$$f" "$$(stat -c %s $$f)" "$$(gzip -9c $$f | wc -c)"; \
	done

# Fuzz the readers for FUZZ_SECONDS each (default 600) with libFuzzer, from
# the import corpus: GeoJSON (import), KML, GPX and CSV. Stable Rust: no
# sanitizer, coverage-guided all the same. FUZZ_TARGETS picks some.
FUZZ_SECONDS ?= 600
FUZZ_TARGETS ?= import kml gpx csv
fuzz:
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
	mkdir -p fuzz/corpus/import fuzz/corpus/kml fuzz/corpus/gpx fuzz/corpus/csv
	cp tests/fixtures/import/*.geojson assets/data/*.geojson fuzz/corpus/import/
	cp tests/fixtures/import/*.kml fuzz/corpus/kml/
	cp tests/fixtures/import/*.gpx fuzz/corpus/gpx/
	cp tests/fixtures/import/*.csv tests/fixtures/import/*.json fuzz/corpus/csv/
	for target in $(FUZZ_TARGETS); do \
	  cargo fuzz run $$target --sanitizer none -- -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1; \
	done

clean:
	cargo clean
	rm -rf dist assets/generated
