# tfgate: a policy-as-code gate for Terraform. Run `make help` for targets.

GO        ?= go
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -s -w -X main.version=$(VERSION)
BENCHTIME ?= 3x
FUZZTIME  ?= 1m
LOADRUNS  ?= 40
LOADCLIENTS ?= 4

.DEFAULT_GOAL := help

.PHONY: help
help: ## show this help
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

.PHONY: build
build: ## build bin/tfgate with the version stamped in
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o bin/tfgate ./cmd/tfgate

PLATFORMS := linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64

.PHONY: release
release: ## cross-compile for every platform into dist/ with SHA-256 checksums
	rm -rf dist && mkdir -p dist
	for p in $(PLATFORMS); do \
		os=$${p%/*}; arch=$${p#*/}; ext=; [ $$os = windows ] && ext=.exe; \
		CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -trimpath -ldflags '$(LDFLAGS)' \
			-o dist/tfgate_$(VERSION)_$${os}_$${arch}$$ext ./cmd/tfgate || exit 1; \
	done
	cd dist && sha256sum tfgate_* > SHA256SUMS

# `make test` runs every package under the race detector with -short,
# which leaves out the long end-to-end tests of cmd/tfgate (the corpus,
# the parity with plans, the CLI scripts, tfgate plan with terraform),
# then runs cmd/tfgate (and the live terraform console oracle of
# internal/tffunc) in full without it: under -race those tests take
# minutes. `make test-race` (which CI runs too) runs everything with it.
.PHONY: test
test: ## run every Go and Rego test (what CI runs); -race with -short, then cmd/tfgate in full
	$(GO) vet ./...
	$(GO) test -race -short -count=1 ./...
	$(GO) test -count=1 ./cmd/tfgate ./internal/tffunc

.PHONY: test-race
test-race: ## run every test, the long ones too, under the race detector
	$(GO) test -race -count=1 ./...

.PHONY: lint
lint: ## check formatting, vet, and lint the workflows with actionlint
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) run github.com/rhysd/actionlint/cmd/actionlint@v1.7.12 .github/workflows/*.yml examples/github/*.yml

.PHONY: fixtures
fixtures: ## regenerate the plan.json of every Terraform fixture (needs terraform and the provider mirror), and the post-apply states
	bash scripts/fixtures.sh
	for env in prod prod-noncompliant; do \
		$(GO) run ./scripts/statefromplan testdata/foundation/environments/$$env/plan.json > testdata/foundation/environments/$$env/state.json || exit 1; \
	done

.PHONY: schema-tables
schema-tables: ## regenerate the tables read off the AWS provider's schema (needs terraform and the provider mirror)
	bash scripts/schema-tables.sh

.PHONY: oracle
oracle: ## ask real terraform about every expression of the differential corpora (needs terraform; minutes)
	$(GO) test ./internal/tffunc -run 'TestConsoleLive' -oracle-all -count=1 -timeout 30m -v

.PHONY: update
update: ## rewrite golden files after an intended change
	$(GO) test ./cmd/tfgate -run 'TestGoldenReports' -update

.PHONY: docs
docs: ## regenerate docs/rules.md from the rules' METADATA
	$(GO) run ./cmd/tfgate rules --format markdown > docs/rules.md

.PHONY: bench
bench: ## benchmark the whole check against the decode lower bound on 1k, 10k and 50k instance plans, with the CLI's peak memory
	$(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) ./...
	scripts/bench.sh

.PHONY: loadtest
loadtest: ## send LOADRUNS runs of a 10k-resource plan to the run task server, LOADCLIENTS at a time; print runs per second and latency
	$(GO) test ./internal/runtask -run '^TestLoad$$' -count 1 -v -loadtest.runs $(LOADRUNS) -loadtest.clients $(LOADCLIENTS)

.PHONY: fuzz
fuzz: ## fuzz every parser for FUZZTIME each (default 1m)
	$(GO) test ./internal/plan -run '^$$' -fuzz '^FuzzDecode$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./internal/plan -run '^$$' -fuzz FuzzDecodeRawState -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./internal/plan -run '^$$' -fuzz FuzzDecodeSplit -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./internal/plan -run '^$$' -fuzz FuzzDecodeChanges -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./internal/plan -run '^$$' -fuzz FuzzDecodePriorState -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./internal/model -run '^$$' -fuzz FuzzParseModulePath -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./internal/config -run '^$$' -fuzz FuzzParse -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./internal/hclsrc -run '^$$' -fuzz FuzzParseSuppression -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./internal/hclsrc -run '^$$' -fuzz FuzzLoad -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./internal/report -run '^$$' -fuzz FuzzAppendString -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./internal/runtask -run '^$$' -fuzz FuzzParseRequest -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
	$(GO) test ./internal/policy -run '^$$' -fuzz FuzzStatementsOf -fuzztime $(FUZZTIME) -fuzzminimizetime 5s
