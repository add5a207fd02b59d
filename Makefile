# partnercenter-go: every command a developer or CI needs. `make help` lists them.
GO            ?= go
STATICCHECK   := honnef.co/go/tools/cmd/staticcheck@v0.8.2
GO_TEST_FLAGS ?=

.DEFAULT_GOAL := help
.PHONY: help generate check-generate fmt-check vet staticcheck lint unit test

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

generate: ## regenerate gen/ and wrapper/zz_generated.go from openapi.yaml (same as go generate ./...)
	$(GO) generate ./...

check-generate: ## fail when gen/ or wrapper/zz_*.go is not what openapi.yaml and api/ generate
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	git ls-files --cached --others --exclude-standard | while read -r f; do [ -e "$$f" ] && echo "$$f"; done \
	  | tar -cf - -T - | tar -xf - -C "$$tmp"; \
	(cd "$$tmp" && $(GO) generate ./...) || exit 1; \
	stale=0; diff -ru gen "$$tmp/gen" || stale=1; \
	for f in wrapper/zz_*.go; do diff -u "$$f" "$$tmp/$$f" || stale=1; done; \
	if [ $$stale -ne 0 ]; then echo "generated code is stale: run 'make generate' and commit the result" >&2; exit 1; fi; \
	echo "gen/ and wrapper/zz_*.go are current"

# gofmt -l lists the files it would change on stdout and the ones it cannot
# parse on stderr (exit status 2): both fail. New files count too.
fmt-check: ## fail when gofmt would change a file or cannot parse one
	@files=$$(git ls-files --cached --others --exclude-standard -- '*.go' | while read -r f; do [ -e "$$f" ] && echo "$$f"; done); \
	out=$$(gofmt -l $$files 2>&1); status=$$?; \
	if [ $$status -ne 0 ] || [ -n "$$out" ]; then echo "gofmt would change, or cannot parse (status $$status):"; echo "$$out"; exit 1; fi

vet: ## go vet
	$(GO) vet ./...

staticcheck: ## staticcheck on hand-written packages (gen/ is generated and not linted)
	$(GO) run $(STATICCHECK) $$($(GO) list ./... | grep -v -e '/gen$$')

lint: fmt-check vet staticcheck ## gofmt, go vet and staticcheck

# UNIT_TIMEOUT ends a hang (a listing that never stops, a server that never
# answers) as a failure with every goroutine's stack, instead of after go
# test's default 10 minutes. Each package's test binary gets it: the slowest
# (wrapper) takes about 30 s with -race on two cores, with the other
# packages running beside it.
UNIT_TIMEOUT ?= 90s
unit: ## go test -race over every package, each failing after UNIT_TIMEOUT
	$(GO) test -race -count=1 -timeout $(UNIT_TIMEOUT) $(GO_TEST_FLAGS) ./...

# go test -fuzz takes one target and one package per run: list the Fuzz
# functions of every package and fuzz each in turn. Their seed corpora run
# in every 'make unit' already.
FUZZTIME ?= 30s
.PHONY: fuzz
fuzz: ## run every fuzz target for FUZZTIME (default 30s) each; fails when a package's tests do not build or a run fails
	@set -e; pkgs=$$($(GO) list ./...); for pkg in $$pkgs; do \
	  list=$$($(GO) test -list '^Fuzz' "$$pkg") || { echo "fuzz: cannot list the tests of $$pkg" >&2; exit 1; }; \
	  for target in $$(printf '%s\n' "$$list" | grep '^Fuzz' || true); do \
	    echo "=== $$target ($$pkg, $(FUZZTIME))"; \
	    $(GO) test -run '^$$' -fuzz "^$$target\$$" -fuzztime $(FUZZTIME) "$$pkg"; \
	  done; \
	done

# The benchmark suite (package bench) and its report (bench/report). Not part
# of 'make test': it takes about six minutes. The benchmarks with a target on
# a ratio run in rounds (go test -count): bench/report shows each ratio's
# median and spread over the rounds and holds the quartile on the side of the
# limit to the target. The cost benchmarks of one call (one per shape of
# call: get, create, update, delete, a page of a listing) run each
# sub-benchmark for BENCH_CALL_TIME. pipefail keeps go test's status through
# tee (bash: dash has no pipefail); bench/report also fails on any FAIL line
# or missing result, and on every missed target.
BENCH_OUT                ?= build/bench
BENCH_ROUNDS             ?= 10
BENCH_CALL_TIME          ?= 1s
BENCH_COLD_ROUNDS        ?= 5
BENCH_CONCURRENCY_ROUNDS ?= 10
BENCH_PAGING_ROUNDS      ?= 5
BENCH_COST               := ^Benchmark(GetCustomer|CreateCustomer|UpdateCustomerUser|DeleteCustomerUser|ListCustomersPage)$$
BENCH_MEMORY             := ^Benchmark(PagingHeap|UsersPagingHeap|ListingBytes)$$
.PHONY: bench
bench: SHELL := /bin/bash
bench: ## run the benchmarks, print one table, write docs/performance.md; fails when go test fails or a target is missed
	@mkdir -p $(BENCH_OUT)
	set -o pipefail; $(GO) test -run '^$$' -bench '$(BENCH_COST)' -benchmem -benchtime $(BENCH_CALL_TIME) -count $(BENCH_ROUNDS) ./bench/ 2>&1 | tee $(BENCH_OUT)/percall.txt
	set -o pipefail; $(GO) test -run '^$$' -bench '^BenchmarkColdStart$$' -benchmem -benchtime 15x -count $(BENCH_COLD_ROUNDS) ./bench/ 2>&1 | tee $(BENCH_OUT)/coldstart.txt
	set -o pipefail; $(GO) test -run '^$$' -bench '^BenchmarkConcurrentGets$$' -benchmem -benchtime 1x -count $(BENCH_CONCURRENCY_ROUNDS) ./bench/ 2>&1 | tee $(BENCH_OUT)/concurrency.txt
	set -o pipefail; $(GO) test -run '^$$' -bench '^BenchmarkThrottled$$' -benchmem -benchtime 1x ./bench/ 2>&1 | tee $(BENCH_OUT)/throttled.txt
	set -o pipefail; $(GO) test -run '^$$' -bench '$(BENCH_MEMORY)' -benchmem -benchtime 1x -count $(BENCH_PAGING_ROUNDS) ./bench/ 2>&1 | tee $(BENCH_OUT)/paging.txt
	$(GO) run ./bench/report -doc docs/performance.md $(addprefix $(BENCH_OUT)/,percall.txt coldstart.txt concurrency.txt throttled.txt paging.txt)

# Mutation testing of the security-critical code (tools/mutate over gremlins,
# pinned in go.mod through tools.go). Not part of 'make test': it takes
# about twelve minutes on two cores (docs/mutation.md says how long its run took).
# MUTATE_PKGS lists the package directories, each with the files to mutate
# after ':' (all of its files without); MUTATE_RUN limits the tests run
# against a package's mutants (dir=regexp), for a package whose whole suite
# is slow: the refusal mapping's own table tests stand for gen's and the
# wrapper's. A
# surviving mutant must be listed, with the reason no test can kill it, in
# MUTATE_ALLOW.
MUTATE_PKGS  ?= internal/scrub internal/transport:guard.go,redirects.go internal/nextlink gen:operations.go wrapper:errors.go
MUTATE_RUN   ?= gen=^Test(MatchRefusal|LookupRefusal|LookupOperation|ServerForCloud)$$ wrapper=^Test(RefusalsMatchExactly|StatusCategoryBoundaries|ResponseErrorText)$$
MUTATE_ALLOW ?= internal/mutation-allowed.txt
.PHONY: mutate
mutate: ## mutation testing of scrubbing, guard, redirects, paging guard, refusals; writes docs/mutation.md; fails on an unlisted survivor
	$(GO) run ./tools/mutate -allow $(MUTATE_ALLOW) -doc docs/mutation.md $(foreach r,$(MUTATE_RUN),-run '$(r)') $(MUTATE_PKGS)

# The demo builds cmd/partnercenter once and runs it with --fake: each run starts the
# embedded Partner Center on 127.0.0.1, so nothing leaves the machine and no sign-in is needed.
DEMO_CUSTOMER := aaaabbbb-0000-cccc-1111-dddd2222eeee
.PHONY: demo
demo: ## run the command line on the embedded fake: a customer, its domains and organization, a listing, an onboarding
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(GO) build -o "$$tmp/partnercenter" ./cmd/partnercenter || exit 1; \
	section() { title=$$1; shift; printf '\n=== %s\n$$ partnercenter %s\n\n' "$$title" "$$*"; \
	  "$$tmp/partnercenter" "$$@" || exit 1; }; \
	section "The documented customer" --fake customer get $(DEMO_CUSTOMER); \
	section "Its custom domains" --fake customer domains $(DEMO_CUSTOMER); \
	section "Its organization" --fake --output table customer organization $(DEMO_CUSTOMER); \
	section "All customers, in pages of ten" --fake --output table customer list --page-size 10; \
	section "Is a domain name still free?" --fake --output table domain available contoso-demo.onmicrosoft.com; \
	section "Onboarding a customer: checks, create, agreement (password withheld)" --fake --output table \
	  customer create --from cmd/partnercenter/testdata/new-customer.json --accept-agreement

# ---- the spec as a product for other language teams (api/README.md) ----------
# Each spec target reads SPEC and writes under SPEC_OUT, so api/selftest.sh can run
# the same targets on broken copies of the spec.
SPEC        ?= openapi.yaml
SPEC_OUT    ?= build
# Base spec for spec-diff; empty means the latest v* tag, else api/baseline/openapi.yaml.
SPEC_BASE   ?=
# oasdiff --err-ignore file: the breaking changes marked as intended.
SPEC_ALLOWED ?= api/breaking-allowed.txt
OASDIFF     := github.com/oasdiff/oasdiff@v1.33.0
NPM_BIN     := api/node_modules/.bin
NPM_STAMP   := api/node_modules/.installed-from-lockfile
REDOCLY     := REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true $(NPM_BIN)/redocly
# Redocly prints a boxed Node.js 20 end-of-life notice on every run; keep it out of logs.
HIDE_BANNER := grep -v -F -e '╔' -e '║' -e '╚'
.PHONY: spec-tools spec-lint spec-ts spec-diff docs spec-selftest spec-clients spec-clients-deps api-diff api-baseline

# --ignore-scripts: no install script is needed, and @autorest/python's would fill a
# Python environment from PyPI (api/clients/autorest/generate.sh makes it offline).
$(NPM_STAMP): api/package.json api/package-lock.json
	npm ci --prefix api --no-audit --no-fund --ignore-scripts
	@touch $@

spec-tools: $(NPM_STAMP) ## install api/'s pinned npm tools (npm ci) when missing or older than the lockfile

spec-lint: $(NPM_STAMP) ## Redocly lint of SPEC (api/redocly.yaml); fails on any error or warning
	@mkdir -p "$(SPEC_OUT)"; \
	$(REDOCLY) lint --lint-config error --config api/redocly.yaml --format=stylish "$(SPEC)" > "$(SPEC_OUT)/spec-lint.log" 2>&1; rc=$$?; \
	$(HIDE_BANNER) "$(SPEC_OUT)/spec-lint.log"; \
	if [ $$rc -ne 0 ] || grep -q 'You have [0-9]* warning' "$(SPEC_OUT)/spec-lint.log"; then \
	  echo "spec-lint: $(SPEC) has lint errors or warnings (rules: api/redocly.yaml)" >&2; exit 1; fi

spec-ts: $(NPM_STAMP) ## TypeScript types from SPEC (openapi-typescript), then tsc --noEmit on api/ts/usage.ts
	@mkdir -p "$(SPEC_OUT)/ts"
	$(NPM_BIN)/openapi-typescript "$(SPEC)" --output "$(SPEC_OUT)/ts/openapi.ts"
	@printf '{"extends": "%s/api/ts/tsconfig.json",\n "compilerOptions": {"paths": {"@partnercenter/openapi": ["./openapi.ts"]}},\n "files": ["%s/api/ts/usage.ts"]}\n' \
	  "$(CURDIR)" "$(CURDIR)" > "$(SPEC_OUT)/ts/tsconfig.json"
	$(NPM_BIN)/tsc -p "$(SPEC_OUT)/ts/tsconfig.json"
	@echo "spec-ts: api/ts/usage.ts type-checks against the types generated from $(SPEC)"

spec-diff: ## fail on breaking changes in SPEC since the latest v* tag (before one: api/baseline/)
	@mkdir -p "$(SPEC_OUT)/spec-diff"; \
	base="$(SPEC_BASE)"; tag=; \
	if [ -z "$$base" ]; then \
	  tag=$$(git describe --tags --abbrev=0 --match 'v*' 2>/dev/null); \
	  if [ -n "$$tag" ]; then base="$(SPEC_OUT)/spec-diff/base-$$tag.yaml"; git show "$$tag:openapi.yaml" > "$$base" || exit 1; \
	  else base=api/baseline/openapi.yaml; fi; \
	fi; \
	echo "spec-diff: $(SPEC) against $$base$${tag:+ (release $$tag)}"; \
	grep -Ev '^[[:space:]]*(#|$$)' api/oasdiff-levels.txt > "$(SPEC_OUT)/spec-diff/levels.txt"; \
	$(GO) run $(OASDIFF) breaking --fail-on ERR --color never \
	  --severity-levels "$(SPEC_OUT)/spec-diff/levels.txt" --err-ignore "$(SPEC_ALLOWED)" "$$base" "$(SPEC)" \
	  || { echo "spec-diff: failed; fix the change or mark it intended in $(SPEC_ALLOWED) (api/README.md)" >&2; exit 1; }; \
	echo "spec-diff: no unapproved breaking change"

api-diff: ## fail on incompatible changes to the Go API of wrapper and gen since the latest v* tag (before one: api/baseline/*.apidiff)
	@SPEC_OUT="$(SPEC_OUT)" GO="$(GO)" bash api/apidiff.sh check

api-baseline: ## record the current Go API of wrapper and gen as the baseline of api-diff (with a CHANGELOG.md entry)
	@GO="$(GO)" bash api/apidiff.sh record

docs: $(NPM_STAMP) ## render SPEC to one self-contained HTML page, SPEC_OUT/docs/index.html (build/ by default)
	@mkdir -p "$(SPEC_OUT)/docs"; \
	$(REDOCLY) build-docs --lint-config error --config api/redocly.yaml --inlineBundle --title "Partner Center customer API" \
	  --output "$(SPEC_OUT)/docs/index.html" "$(SPEC)" > "$(SPEC_OUT)/docs/build.log" 2>&1; rc=$$?; \
	$(HIDE_BANNER) "$(SPEC_OUT)/docs/build.log"; exit $$rc

# The generator matrix (api/clients/, api/README.md): clients generated from the unpatched
# SPEC by openapi-typescript + openapi-fetch, hey-api, orval and AutoRest Python run one
# scenario against `partnercenter fake serve`. GENERATORS picks some, e.g.
# GENERATORS="openapi-fetch orval". AutoRest needs the Debian packages below.
GENERATORS        ?=
SPEC_CLIENTS_APT  := black python3-docutils python3-jinja2 python3-yaml python3-jsonrpc python3-m2r \
                     python3-azure python3-isodate python3-requests python3-venv
SPEC_CLIENTS_PY   := import azure.core, black, jinja2, yaml, docutils, jsonrpc, m2r, isodate, requests

spec-clients-deps: ## install the Debian packages AutoRest Python needs, when a module is missing (apt-get, as root)
	@if /usr/bin/python3 -c '$(SPEC_CLIENTS_PY)' 2>/dev/null; then echo "spec-clients-deps: Debian Python packages present"; \
	else apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(SPEC_CLIENTS_APT) >/dev/null \
	  && /usr/bin/python3 -c '$(SPEC_CLIENTS_PY)'; fi

spec-clients: $(NPM_STAMP) spec-clients-deps ## generator matrix: four generated clients run a scenario against the standalone fake
	@SPEC="$(SPEC)" SPEC_OUT="$(SPEC_OUT)" GO="$(GO)" bash api/clients/run-matrix.sh $(GENERATORS)

spec-selftest: $(NPM_STAMP) ## show spec-lint, spec-ts and spec-diff fail on broken copies of SPEC (api/selftest.sh)
	@MAKE="$(MAKE)" bash api/selftest.sh "$(SPEC)"

test: check-generate lint unit api-diff spec-lint spec-ts spec-diff docs spec-selftest spec-clients ## everything CI runs

# ---- the first hour: offline preparation and a check against the real service --------
.PHONY: deps live-check

deps: ## download everything the other targets fetch (Go modules, the go-run tools, api/'s npm packages), for working offline afterwards
	$(GO) mod download
	$(GO) run $(STATICCHECK) -version
	$(GO) run $(OASDIFF) --version
	npm ci --prefix api --no-audit --no-fund --ignore-scripts && touch $(NPM_STAMP)

# live-check runs 'partnercenter doctor' (GET requests only) against the real
# service when the environment holds credentials: PARTNERCENTER_ACCESS_TOKEN, or
# AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or
# AZURE_CLIENT_CERTIFICATE_PATH). LIVE_FLAGS adds global flags (--cloud china),
# LIVE_CUSTOMER picks the sample customer, LIVE_FORMAT=json writes the report
# for a bug report. It fails when the answers differ from openapi.yaml.
LIVE_FLAGS    ?=
LIVE_CUSTOMER ?=
LIVE_FORMAT   ?= table
live-check: ## run 'partnercenter doctor' against the real service when credentials are set; "skipped: no credentials" otherwise
	@if [ -z "$$PARTNERCENTER_ACCESS_TOKEN" ] && { [ -z "$$AZURE_TENANT_ID" ] || [ -z "$$AZURE_CLIENT_ID" ] || \
	     { [ -z "$$AZURE_CLIENT_SECRET" ] && [ -z "$$AZURE_CLIENT_CERTIFICATE_PATH" ]; }; }; then \
	  echo "skipped: no credentials"; exit 0; fi; \
	$(GO) run ./cmd/partnercenter $(LIVE_FLAGS) -o $(LIVE_FORMAT) doctor $(if $(LIVE_CUSTOMER),--customer $(LIVE_CUSTOMER))
