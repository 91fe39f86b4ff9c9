# The front door: every task a contributor or CI runs is a target here.
GO       ?= go
PIPEDOCS := bin/pipedocs
MODULE   := github.com/pipedocs/pipedocs

.PHONY: all build pipedocs test vet fmt imports tidy unit check-demo check-readme fuzz bench golden clean

all: build

# The pipedocs binary. -trimpath as [bin] builds (runner/bin.go), so that
# check-readme's build of ./cmd/pipedocs reuses these compiled packages
# and only links (4 s, not a second full compile).
pipedocs:
	$(GO) build -trimpath -o $(PIPEDOCS) ./cmd/pipedocs

# The demo site: content/ → public/, every snippet run and verified.
#
# A page shows what each snippet really printed, PIDs and racing lines
# included, so public/ is reproducible only from the same run results.
# They are kept in .pipedocs/results/ (committed, as Hugo sites commit
# resources/), while `check --no-cache` proves that every example still
# holds today.
#
# A result's key covers the PATH its snippet ran with (SPEC §4.4), so
# the demo runs with one PATH on every machine of its kind, the one CI
# has: the Go of /usr/local/go and pyenv's python3, which the committed
# pages name.
DEMO_CACHE := .pipedocs
DEMO_PATH  := /usr/local/go/bin:$(HOME)/.pyenv/shims:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
DEMO       := env PATH=$(DEMO_PATH) $(PIPEDOCS)
build: pipedocs
	$(DEMO) build --cache-dir $(DEMO_CACHE)

# Everything CI runs: static checks, the test suite with the race
# detector, and the demo site verified and reproduced byte for byte.
test: vet fmt imports tidy unit check-demo check-readme

unit:
	$(GO) test -race -count=1 ./...

vet:
	$(GO) vet ./...

# go.mod and go.sum say exactly what the code imports. (content/go.mod is
# the guide's module, whose imports are in Markdown: it is not tidied.)
tidy:
	$(GO) mod tidy -diff

# gofmt must have nothing to say.
fmt:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needs to run on:"; echo "$$out"; exit 1; fi

# One direction of imports: runner knows nothing of Markdown or HTML, and
# render never runs anything; only cmd/pipedocs wires the two, through
# cmd/pipedocs/internal/pipeline (docs/architecture.md). Code and
# terminal output to HTML (render/highlight, render/ansi) are leaves.
imports:
	@bad=$$($(GO) list -deps ./runner/... | grep '^github.com/pipedocs/pipedocs/render'); \
	if [ -n "$$bad" ]; then echo "runner imports render: $$bad"; exit 1; fi
	@bad=$$($(GO) list -deps ./render/... ./themes/... | grep '^github.com/pipedocs/pipedocs/runner'); \
	if [ -n "$$bad" ]; then echo "render imports runner: $$bad"; exit 1; fi
	@bad=$$($(GO) list -deps ./render/highlight/... ./render/ansi/... | grep -E '^github.com/(pipedocs/pipedocs|yuin/goldmark)' | grep -vE '/render/(highlight|ansi)$$'); \
	if [ -n "$$bad" ]; then echo "render/highlight, render/ansi must know nothing of Markdown or pipedocs: $$bad"; exit 1; fi
	@# The two meet only in cmd/pipedocs and cmd/pipedocs/internal/pipeline.
	@bad=$$($(GO) list -f '{{.ImportPath}} {{join .Deps " "}}' ./... | \
		grep ' $(MODULE)/render' | grep ' $(MODULE)/runner' | cut -d' ' -f1 | \
		grep -vx '$(MODULE)/cmd/pipedocs\|$(MODULE)/cmd/pipedocs/internal/pipeline'); \
	if [ -n "$$bad" ]; then echo "imports both render and runner (only cmd/pipedocs and its pipeline may): $$bad"; exit 1; fi
	@# Stage logic lives in the pipeline: main keeps flags, reports and
	@# serve, and calls the stage packages only through it.
	@bad=$$($(GO) list -f '{{join .Imports "\n"}}' ./cmd/pipedocs | grep -x '$(MODULE)/\(render/\(expect\|page\|highlight\|ansi\)\|runner/proc\)'); \
	if [ -n "$$bad" ]; then echo "cmd/pipedocs imports stage packages (call them through internal/pipeline): $$bad"; exit 1; fi

# Every snippet of the demo site, run afresh, still prints what its
# article claims; and building from the committed results reproduces the
# committed public/ byte for byte (no result missing, no page changed).
check-demo: pipedocs
	$(DEMO) check --strict --no-cache
	$(DEMO) build --quiet --cache-dir $(DEMO_CACHE)
	git diff --exit-code --stat -- public/ $(DEMO_CACHE)/results
	@test -z "$$(git status --porcelain -- public/ $(DEMO_CACHE)/results)" || { echo "public/ or $(DEMO_CACHE) has files the commit lacks (run make build and commit):"; git status --porcelain -- public/ $(DEMO_CACHE)/results; exit 1; }

# pipedocs' own README.md and docs/, checked as any repository's Markdown
# (SPEC §1.2): what their snippets and console transcripts claim, with
# this pipedocs on PATH ([bin] in pipedocs.toml). Results are cached
# under keys that cover the pipedocs binary, so only a change reruns.
check-readme: pipedocs
	$(PIPEDOCS) check README.md docs/

# Every fuzz test of the module, found with `go test -list`, one at a
# time, each for FUZZTIME (at least a minute: issue 10). A find is kept
# in the package's testdata/fuzz, where plain `go test` runs it from then
# on. A subset: make fuzz FUZZ='^FuzzRewrite$$' FUZZTIME=5m
FUZZTIME ?= 60s
FUZZ     ?= ^Fuzz
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
		for name in $$($(GO) test "$$pkg" -list '$(FUZZ)' | grep '^Fuzz'); do \
			echo "fuzz $$name ($$pkg, $(FUZZTIME))"; \
			$(GO) test "$$pkg" -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 10s; \
		done; \
	done

# Regenerate golden files after an intended change; review the diff.
golden:
	$(GO) test ./... -update

# The benchmarks of BENCHMARKS.md, against Hugo (installed if missing).
# A subset: make bench BENCHFLAGS='-only render,warm -sizes 1000 -count 3'
BENCHFLAGS ?=
bench:
	$(GO) run ./cmd/pipedocs-bench run $(BENCHFLAGS)

clean:
	rm -rf bin
