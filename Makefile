# Simulated Vietnamese digital bank on dbt + DuckDB.
# `make run` and `make test` bootstrap everything they need on a fresh
# machine (virtualenv, pinned pip install, npm ci, Chromium) and are safe to
# re-run. Every target honours BANK_DUCKDB_PATH (the warehouse file).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
BANK_DUCKDB_PATH ?= warehouse/bank.duckdb
DBT_TARGET ?= dev
SEED_ARGS ?=

export BANK_DUCKDB_PATH
export DBT_PROFILES_DIR := $(CURDIR)
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export SEND_ANONYMOUS_USAGE_STATS := no
export DO_NOT_TRACK := 1

DBT := $(BIN)/dbt
DBT_FLAGS := --target $(DBT_TARGET)
# the nightly job's build: unit tests are for development and CI, and the
# data tests of event-sized relations read the latest load only (var
# test_scope, macros/test_scope.sql); `make build` and `make test` read all
DAILY_FLAGS := --exclude-resource-type unit_test --vars '{test_scope: latest_load}'
PY_STAMP := $(VENV)/.installed
NPM_STAMP := reports/node_modules/.installed
CHROMIUM ?= $(shell command -v chromium || command -v chromium-browser || echo /usr/bin/chromium)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

##@ Main
.PHONY: help
help: ## List every target
	@awk 'BEGIN {FS = ":.*##"} \
	  /^##@/ {printf "\n%s\n", substr($$0, 5)} \
	  /^[a-zA-Z_-]+:.*##/ {printf "  make %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
	@echo
	@echo "  Warehouse: BANK_DUCKDB_PATH=$(BANK_DUCKDB_PATH)   Seeder options: SEED_ARGS='--customers 5000 --days 60'"

.PHONY: run
run: seed build docs reports ## Seed the bank, dbt build, docs site and report site
	@echo
	@echo "Warehouse:   $(BANK_DUCKDB_PATH)"
	@echo "dbt docs:    target/static_index.html"
	@echo "Report site: reports/build/index.html (serve with: make serve)"

.PHONY: test
test: TEST_DB := warehouse/test.duckdb
test: ## Lint, seed, build, freshness, docs, report site, then every pytest (browser included)
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory seed build freshness docs reports BANK_DUCKDB_PATH=$(TEST_DB) DBT_TARGET=ci
	$(MAKE) --no-print-directory chromium
	BANK_DUCKDB_PATH=$(TEST_DB) CHROMIUM_PATH=$(CHROMIUM) $(BIN)/pytest tests/python

##@ Steps
.PHONY: seed
seed: $(PY_STAMP) ## Land the simulated core-banking tables in schema raw (SEED_ARGS=...)
	$(BIN)/bank-seed $(SEED_ARGS)

.PHONY: build
build: $(PY_STAMP) ## dbt build: staging, marts and their tests
	$(DBT) build $(DBT_FLAGS)

.PHONY: daily
daily: $(PY_STAMP) ## The nightly job on an existing warehouse: append one day, then the incremental dbt build
	$(BIN)/bank-seed --append-days 1
	$(DBT) build $(DBT_FLAGS) $(DAILY_FLAGS)

.PHONY: freshness
freshness: $(PY_STAMP) ## dbt source freshness of the raw feed
	$(DBT) source freshness $(DBT_FLAGS)

.PHONY: docs
docs: $(PY_STAMP) ## Static dbt docs site: target/static_index.html
	$(DBT) docs generate --static $(DBT_FLAGS)

.PHONY: reports
reports: $(NPM_STAMP) ## Evidence report site (sources + build) into reports/build/
	cd reports && bash scripts/build.sh

.PHONY: serve
serve: ## Serve the built report site on http://127.0.0.1:8088
	$(PYTHON) -m http.server 8088 --bind 127.0.0.1 --directory reports/build

.PHONY: bench
bench: bench-seeder bench-dbt ## Every benchmark, each printing a table: seeder tiers, then dbt on the L tier

.PHONY: bench-seeder
bench-seeder: $(PY_STAMP) ## Seeder speed and memory per tier (S, M, L)
	mkdir -p warehouse
	$(BIN)/python tests/bench/bench_seeder.py $(if $(TIERS),--tiers $(TIERS))

.PHONY: bench-dbt
bench-dbt: $(PY_STAMP) ## dbt on the L tier: compliance build full / +1 day, whole project (BENCH_DBT_ARGS='--customers 20000 --days 30' for a quick run)
	$(BIN)/python tests/bench/bench_dbt.py $(BENCH_DBT_ARGS)

.PHONY: lint
lint: $(PY_STAMP) ## ruff, sqlfluff and dbt-bouncer (project rules, dbt-bouncer.yml)
	$(BIN)/ruff check seeds_generator tests bouncer_checks
	$(BIN)/ruff format --check seeds_generator tests bouncer_checks
	BANK_DUCKDB_PATH=:memory: $(BIN)/sqlfluff lint models macros tests analyses
	BANK_DUCKDB_PATH=:memory: $(DBT) parse --quiet --target-path target/lint/target --log-path target/lint/logs
	DBT_PROJECT_DIR=target/lint $(BIN)/dbt-bouncer --config-file dbt-bouncer.yml --only manifest_checks

.PHONY: clean
clean: ## Remove build outputs and warehouses (keeps the virtualenv and node_modules)
	rm -rf target logs dbt_packages reports/build reports/.evidence/template/static/data
	rm -rf warehouse .pytest_cache .ruff_cache

##@ Bootstrap (run automatically)
.PHONY: install
install: $(PY_STAMP) $(NPM_STAMP) ## Python virtualenv and npm packages

$(PY_STAMP): pyproject.toml constraints.txt
	[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev]"
	touch $@

$(NPM_STAMP): reports/package.json reports/package-lock.json
	cd reports && npm ci --no-audit --no-fund
	touch $@

.PHONY: chromium
chromium: ## Headless Chromium for the browser test (Debian package)
	@if [ -x "$(CHROMIUM)" ]; then echo "chromium: $(CHROMIUM)"; else \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium; fi
