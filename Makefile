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

.PHONY: all build run check test test-go test-duckdb bench samples fuzz vet fmt clean

all: build

build:
	$(GO) build -o $(SETTLE) ./cmd/settle

# Settle the bundled sample year into out/2025/ (replacing an earlier run).
run: build
	$(SETTLE) run --year $(YEAR) --in $(SAMPLES) --out $(OUT) --force

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

bench:
	@echo "bench: not yet implemented (see the performance issue)"

# Regenerate the bundled sample inputs (deterministic for a given seed).
samples: build
	rm -rf $(SAMPLES) && $(SETTLE) gen --year $(YEAR) --out $(SAMPLES) --seed $(SEED)

fuzz:
	$(GO) test ./readers -run '^$$' -fuzz FuzzAmountFromText -fuzztime $(FUZZTIME)
	$(GO) test ./readers -run '^$$' -fuzz FuzzAmountFromNumber -fuzztime $(FUZZTIME)
	$(GO) test ./readers -run '^$$' -fuzz FuzzDateFromText -fuzztime $(FUZZTIME)
	$(GO) test ./pipeline -run '^$$' -fuzz FuzzNormalizeUSCC -fuzztime $(FUZZTIME)

clean:
	rm -rf bin $(OUT) .duckdb-out
