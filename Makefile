# sockrepl — `make run` builds and starts the shell, `make test` runs every test.
GO  ?= go
BIN := bin/sockrepl

.PHONY: all build run test lint deps bench fuzz cover clean

all: build

# A static binary (no cgo: the shell needs no C library resolver) starts
# faster and smaller.
export CGO_ENABLED ?= 0

build:
	$(GO) build -o $(BIN) ./cmd/sockrepl

run: build
	./$(BIN)

# The tests drive real peers and a real terminal: tmux, python3 and curl.
deps:
	@./scripts/install-test-deps

lint:
	@out=$$(gofmt -l . | grep -v '^vendor/'); if [ -n "$$out" ]; then echo "gofmt wants to change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

test: deps lint
	$(GO) test -count=1 ./...

# Coverage of every package by every test, the golden scripts included
# (they run the test binary as the program): cover.out, and a summary.
cover:
	$(GO) test -count=1 -coverpkg=./... -coverprofile=cover.out ./...
	$(GO) tool cover -func=cover.out | tail -1

# Benchmarks are not part of `make test`: they time things. sockrepl against
# Python and C on the same workloads; BENCHFLAGS e.g. "-n 11 -only a,d".
bench: build
	$(GO) run ./bench -bin $(BIN) $(BENCHFLAGS)

# Run every fuzz target for FUZZTIME each (default 30s), then
# RANDSCRIPTS random scripts through the shell (make test runs a few).
FUZZTIME ?= 30s
RANDSCRIPTS ?= 5000
fuzz:
	SOCKREPL_RANDSCRIPT_N=$(RANDSCRIPTS) SOCKREPL_RANDSCRIPT_SEED=$$(date +%s) $(GO) test -count=1 -timeout 60m -run '^TestRandomScripts$$' ./cmd/sockrepl
	@for pkg in $$($(GO) list ./internal/... ./repl); do \
	  for t in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$t"; $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

clean:
	rm -rf bin
