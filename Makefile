# Developer entry points; .ci/run and .github/workflows/ci.yml run the same
# checks (build, vet, gofmt, golangci-lint, govulncheck, go test -race).
# The linters are pinned and built from the Go module proxy on first use.
GOLANGCI_LINT ?= go run github.com/golangci/golangci-lint/v2/cmd/golangci-lint@v2.15.0
GOVULNCHECK   ?= go run golang.org/x/vuln/cmd/govulncheck@v1.9.0

.PHONY: test test-short lint vuln generate bench ci

## test: every test, with the race detector
test:
	go test -race ./...

## test-short: the quick loop (skips the slow CI stories and benchmarks' checks)
test-short:
	go test -short ./...

## lint: go vet, gofmt and golangci-lint (.golangci.yml)
lint:
	go vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt would change:"; gofmt -l $$(git ls-files '*.go'); exit 1; }
	$(GOLANGCI_LINT) run ./...

## vuln: known vulnerabilities in the code paths we call (needs vuln.go.dev)
vuln:
	$(GOVULNCHECK) ./...

## generate: regenerate generated code and docs/rules.md from the catalogue
generate:
	go generate ./...
	go test ./rules -run TestRulesDocUpToDate -update

## bench: every benchmark (those on ../shared skip when it is absent)
bench:
	go test -run '^$$' -bench . -benchmem ./...

## ci: what CI runs
ci:
	bash .ci/run
