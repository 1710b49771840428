# Simulated Vietnamese digital bank on dbt + DuckDB.
# `make run` and `make test` bootstrap everything they need on a fresh
# machine (virtualenv, pinned pip install, npm ci, Chromium) and are safe to
# re-run. Two databases: the working warehouse BANK_DUCKDB_PATH, which the
# seeder and dbt write and no analyst opens, and the analyst database
# BANK_ANALYTICS_PATH, to which `make build` / `make daily` publish the
# marts once their tests pass (bank-publish) and which every reader opens.
# Writers take one lock (bank_ops/lock.py): a second one waits up to
# BANK_LOCK_TIMEOUT seconds.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
BANK_DUCKDB_PATH ?= warehouse/bank.duckdb
BANK_ANALYTICS_PATH ?= warehouse/analytics.duckdb
DBT_TARGET ?= dev
SEED_ARGS ?=

export BANK_DUCKDB_PATH BANK_ANALYTICS_PATH
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
SPARK_STAMP := $(VENV)/.installed-spark
# Apache Spark (target spark, docs/spark.md): the lake it reads and the
# folder of its tables and catalog
BANK_LAKE_PATH ?= warehouse/lake
BANK_SPARK_DIR ?= warehouse/spark
export BANK_LAKE_PATH BANK_SPARK_DIR
NPM_STAMP := reports/node_modules/.installed
# make test runs the pytest modules on this many workers (pytest-xdist, one
# module per worker: a module's shared warehouse is built once); the tests
# wait on dbt, Node and Chromium subprocesses, so two overlap well on 2 cores
PYTEST_WORKERS ?= 2
# make test's own warehouse and analyst database (make pytest reads them)
TEST_DB := warehouse/test.duckdb
TEST_ANALYTICS := warehouse/test_analytics.duckdb
CHROMIUM ?= $(shell command -v chromium || command -v chromium-browser || echo /usr/bin/chromium)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

##@ Main
.PHONY: help
help: ## List every target
	@awk 'BEGIN {FS = ":.*##"} \
	  /^##@/ {printf "\n%s\n", substr($$0, 5)} \
	  /^[a-zA-Z_-]+:.*##/ {printf "  make %-12s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
	@echo
	@echo "  Working warehouse (seeder, dbt): BANK_DUCKDB_PATH=$(BANK_DUCKDB_PATH)"
	@echo "  Analyst database (published marts; reports, queries): BANK_ANALYTICS_PATH=$(BANK_ANALYTICS_PATH)"
	@echo "  Seeder options: SEED_ARGS='--customers 5000 --days 60'   DuckDB memory: BANK_DUCKDB_MEMORY_LIMIT=4GB"

.PHONY: run
run: seed build docs reports ## Seed the bank, dbt build + publish, docs site and report site
	@echo
	@echo "Working warehouse: $(BANK_DUCKDB_PATH) (seeder and dbt only)"
	@echo "Analyst database:  $(BANK_ANALYTICS_PATH) (open this one)"
	@echo "dbt docs:    target/static_index.html"
	@echo "Report site: reports/build/index.html (serve with: make serve)"

.PHONY: test
test: ## Lint, seed, build, freshness, docs, report site, every pytest (browser included), then the Spark check
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory seed build freshness docs reports \
	  BANK_DUCKDB_PATH=$(TEST_DB) BANK_ANALYTICS_PATH=$(TEST_ANALYTICS) DBT_TARGET=ci
	$(MAKE) --no-print-directory chromium
	@# one after the other: side by side on 2 cores (make -j2) took as long
	@# (49.6 min against 46) and slowed the lock tests' timing
	$(MAKE) --no-print-directory pytest
	$(MAKE) --no-print-directory spark-check

.PHONY: pytest
pytest: $(PY_STAMP) ## Every pytest module on PYTEST_WORKERS workers, on make test's warehouse (TEST_DB, built by make test)
	BANK_DUCKDB_PATH=$(TEST_DB) BANK_ANALYTICS_PATH=$(TEST_ANALYTICS) CHROMIUM_PATH=$(CHROMIUM) \
	  $(BIN)/pytest tests/python -n $(PYTEST_WORKERS) --dist loadfile --durations=15

##@ Steps
.PHONY: seed
seed: $(PY_STAMP) ## Land the simulated core-banking tables in schema raw (SEED_ARGS=...)
	$(BIN)/bank-seed $(SEED_ARGS)

.PHONY: build
build: $(PY_STAMP) ## dbt build (staging, marts, their tests), then publish the marts if every test passed
	$(BIN)/bank-publish -- $(DBT) build $(DBT_FLAGS)

.PHONY: daily
daily: $(PY_STAMP) ## The nightly job: append one day, incremental dbt build, publish; one writer lock throughout
	$(BIN)/bank-lock -- $(MAKE) --no-print-directory daily-steps

.PHONY: daily-steps
daily-steps: # make daily's steps, run under its lock (a second writer waits for all three)
	$(BIN)/bank-seed --append-days 1
	$(BIN)/bank-publish -- $(DBT) build $(DBT_FLAGS) $(DAILY_FLAGS)

.PHONY: publish
publish: $(PY_STAMP) ## Publish the marts of the last successful dbt build to the analyst database
	$(BIN)/bank-publish

.PHONY: lake
lake: $(PY_STAMP) ## Export the raw contract as a Parquet lake, event tables partitioned by local date (BANK_LAKE_PATH, default warehouse/lake; readers use its current/)
	$(BIN)/bank-lake

.PHONY: spark-build
spark-build: $(SPARK_STAMP) java lake ## The Spark selection (selectors.yml) built on Apache Spark, local mode, from a fresh lake export (BANK_SPARK_DIR, default warehouse/spark)
	BANK_LAKE_VERSION=$$(readlink -f $(BANK_LAKE_PATH)/current) \
	  $(DBT) build --target spark --selector spark --exclude-resource-type unit_test

.PHONY: spark-check
spark-check: $(SPARK_STAMP) java ## Seed a small bank, build it on DuckDB and on Spark, compare every relation; append a day, build both incrementally, compare again (SPARK_CHECK_ARGS='--customers 300 --days 7 --append-days 1')
	$(BIN)/python -m bank_ops.spark_check $(SPARK_CHECK_ARGS)

.PHONY: freshness
freshness: $(PY_STAMP) ## dbt source freshness of the raw feed
	$(DBT) source freshness $(DBT_FLAGS)

.PHONY: docs
docs: $(PY_STAMP) ## Static dbt docs site: target/static_index.html
	$(DBT) docs generate --static $(DBT_FLAGS)

.PHONY: reports
reports: $(NPM_STAMP) ## Evidence report site from the analyst database into reports/build/
	cd reports && bash scripts/build.sh

.PHONY: serve
serve: ## Serve the report site (built from the analyst database) on http://127.0.0.1:8088
	$(PYTHON) -m http.server 8088 --bind 127.0.0.1 --directory reports/build

.PHONY: bench
bench: bench-seeder bench-dbt ## Every benchmark, each printing a table: seeder tiers, then dbt on the L tier

.PHONY: bench-seeder
bench-seeder: $(PY_STAMP) ## Seeder speed and memory per tier (S, M, L)
	mkdir -p warehouse
	$(BIN)/python tests/bench/bench_seeder.py $(if $(TIERS),--tiers $(TIERS))

.PHONY: bench-dbt
bench-dbt: $(PY_STAMP) ## dbt on the L tier: compliance full / +1 day, whole project (default vs 4GB memory), publish (BENCH_DBT_ARGS='--skip-compliance' or '--customers 20000 --days 30' for a quicker run)
	$(BIN)/python tests/bench/bench_dbt.py $(BENCH_DBT_ARGS)

.PHONY: bench-spark
bench-spark: $(SPARK_STAMP) java ## Spark local[2] beside DuckDB: the compliance selection as far as it builds on Spark, 20k and L tiers, wall time, peak RSS (dbt + JVM), slowest models (BENCH_SPARK_ARGS='--tiers 20k')
	$(BIN)/python tests/bench/bench_spark.py $(BENCH_SPARK_ARGS)

.PHONY: case-report
case-report: $(PY_STAMP) ## The alert and case queues on every built-in scenario: alerts before/after, cases, caught share and value at each capacity (SCENARIOS='fraud_attack ...')
	$(BIN)/python tests/bench/case_queue_report.py $(if $(SCENARIOS),--scenarios $(SCENARIOS))

.PHONY: model-report
model-report: $(PY_STAMP) ## The risk model on every built-in scenario: 28 days then three weekly loads; champion / challenger on known labels vs the perfect-labels reference (SCENARIOS='fraud_attack ...')
	$(BIN)/python tests/bench/model_report.py $(if $(SCENARIOS),--scenarios $(SCENARIOS))

.PHONY: compare-builds
compare-builds: $(PY_STAMP) ## Same rows as another version? Build both (seed, build, +1 day) and compare every table (BASE=<git ref>, COMPARE_ARGS='--customers 20000')
	$(BIN)/python tests/equality/compare_builds.py --base $(or $(BASE),$(error set BASE=<git ref>)) $(COMPARE_ARGS)

.PHONY: lint
lint: $(PY_STAMP) ## ruff, sqlfluff and dbt-bouncer (project rules, dbt-bouncer.yml)
	$(BIN)/ruff check seeds_generator bank_ops tests bouncer_checks models
	$(BIN)/ruff format --check seeds_generator bank_ops tests bouncer_checks models
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

$(SPARK_STAMP): $(PY_STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev,spark]"
	touch $@

.PHONY: java
java: ## Java 17 for Spark (Debian package openjdk-17-jre-headless)
	@if command -v java >/dev/null; then java -version 2>&1 | head -1; else \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq openjdk-17-jre-headless; fi

$(NPM_STAMP): reports/package.json reports/package-lock.json
	cd reports && npm ci --no-audit --no-fund
	touch $@

.PHONY: chromium
chromium: ## Headless Chromium for the browser test (Debian package)
	@if [ -x "$(CHROMIUM)" ]; then echo "chromium: $(CHROMIUM)"; else \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium; fi
