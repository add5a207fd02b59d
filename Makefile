# partnercenter-go: every command a developer or CI needs. `make help` lists them.
GO            ?= go
STATICCHECK   := honnef.co/go/tools/cmd/staticcheck@v0.8.2
GO_TEST_FLAGS ?=

.DEFAULT_GOAL := help
.PHONY: help generate check-generate fmt-check vet staticcheck lint unit test

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

generate: ## regenerate gen/ from openapi.yaml (same as go generate ./...)
	$(GO) generate ./...

check-generate: ## fail when gen/ is not what openapi.yaml and api/ generate
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	git ls-files --cached --others --exclude-standard | while read -r f; do [ -e "$$f" ] && echo "$$f"; done \
	  | tar -cf - -T - | tar -xf - -C "$$tmp"; \
	(cd "$$tmp" && $(GO) generate ./...) || exit 1; \
	if ! diff -ru gen "$$tmp/gen"; then echo "gen/ is stale: run 'make generate' and commit the result" >&2; exit 1; fi; \
	echo "gen/ is current"

fmt-check: ## fail when gofmt would change a file
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet: ## go vet
	$(GO) vet ./...

staticcheck: ## staticcheck on hand-written packages (gen/ is generated and not linted)
	$(GO) run $(STATICCHECK) $$($(GO) list ./... | grep -v '/gen$$')

lint: fmt-check vet staticcheck ## gofmt, go vet and staticcheck

unit: ## go test -race over every package
	$(GO) test -race -count=1 $(GO_TEST_FLAGS) ./...

test: check-generate lint unit ## everything CI runs
