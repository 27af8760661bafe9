# settle — year-end settlement of the Binjiang AI vouchers.
# `make run` settles the bundled sample year; `make test` runs every test,
# including the DuckDB read-back of a real run's Parquet output.

GO       ?= go
YEAR     ?= 2025
SEED     ?= 2025
OUT      ?= out
SAMPLES  := samples/$(YEAR)
SETTLE   := bin/settle
FUZZTIME ?= 20s

.PHONY: all build run render check test test-go test-duckdb bench samples fuzz vet fmt clean

all: build

build:
	$(GO) build -o $(SETTLE) ./cmd/settle

# Settle the bundled sample year into out/2025/ (replacing an earlier run).
run: build
	$(SETTLE) run --year $(YEAR) --in $(SAMPLES) --out $(OUT) --force

# Every workbook of out/<Y> as PDF (render/<Y>/), rendered by LibreOffice
# headless (installed from Debian when missing), to look at the printed pages;
# RENDER=path.xlsx renders that workbook instead (e.g. settle diff --xlsx),
# into render/<name>/.
RENDER ?= $(OUT)/$(YEAR)
render:
	scripts/render.sh $(RENDER)

check: build
	$(SETTLE) check --year $(YEAR) --in $(SAMPLES)

test: vet test-go test-duckdb

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { gofmt -l .; echo "gofmt: files above need formatting"; exit 1; }
	$(GO) vet ./...

test-go:
	$(GO) test -race -count=1 ./...

# The Parquet tables read back by DuckDB (a module of its own, so the
# product's go.mod stays free of cgo): a fixture test, and a real run of the
# sample year checked against its manifest.
test-duckdb: build
	rm -rf .duckdb-out && $(SETTLE) run --year $(YEAR) --in $(SAMPLES) --out .duckdb-out >/dev/null
	cd tests/duckdb && SETTLE_OUT=$(CURDIR)/.duckdb-out/$(YEAR) $(GO) test -count=1 ./...
	rm -rf .duckdb-out

# Performance: `settle run` end to end against the inflate floor and
# excelize, at each scale of BENCH_SCALES (e.g. make bench BENCH_SCALES=100000).
# The input years are generated once into $(BENCH_DIR) (ignored by git),
# keyed by scale, seed and the generator's sources.
BENCH_SCALES ?= 100000 500000 1400000
BENCH_SEED   ?= 2025
BENCH_DIR    ?= .bench
BENCH_FLAGS  ?=

bench: build
	$(GO) build -o bin/settle-bench ./cmd/settle-bench
	bin/settle-bench -settle $(SETTLE) -dir $(BENCH_DIR) -year $(YEAR) -seed $(BENCH_SEED) -scales "$(BENCH_SCALES)" $(BENCH_FLAGS)

# Regenerate the bundled sample inputs (deterministic for a given seed).
samples: build
	rm -rf $(SAMPLES) && $(SETTLE) gen --year $(YEAR) --out $(SAMPLES) --seed $(SEED)

# Each fuzz target for FUZZTIME. A crasher is written to the package's
# testdata/fuzz/<FuzzName>/ and replayed by every `go test` from then on.
# New inputs are minimized for at most 100 runs: the workbook seeds are
# large, and longer minimizing leaves no time for fuzzing.
fuzz:
	$(GO) test ./readers -run '^$$' -fuzz '^FuzzAmountFromText$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 100x
	$(GO) test ./readers -run '^$$' -fuzz '^FuzzAmountFromNumber$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 100x
	$(GO) test ./readers -run '^$$' -fuzz '^FuzzDateFromText$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 100x
	$(GO) test ./readers -run '^$$' -fuzz '^FuzzMatchHeader$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 100x
	$(GO) test ./readers -run '^$$' -fuzz '^FuzzReadYear$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 100x
	$(GO) test ./readers/xlsx -run '^$$' -fuzz '^FuzzRows$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 100x
	$(GO) test ./pipeline -run '^$$' -fuzz '^FuzzNormalizeUSCC$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 100x

clean:
	rm -rf bin $(OUT) .duckdb-out
