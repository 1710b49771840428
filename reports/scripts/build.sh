#!/bin/sh
# Build the Evidence site into reports/build/ from the DuckDB warehouse.
#
#   BANK_DUCKDB_PATH  warehouse file; absolute, or relative to the repo root.
#                     Default: warehouse/bank.duckdb (i.e. <repo>/warehouse/bank.duckdb).
#
# Runs `evidence sources --strict` (reads marts.* READ_ONLY into parquet; fails
# if any source query fails) then `evidence build:strict` (fails on page
# errors). Telemetry is always off. Exits non-zero if the warehouse is missing
# or either step fails. Requires `npm ci` to have been run in reports/.
#
# Evidence's DuckDB driver opens any file READ_ONLY, but DuckDB still refuses
# while another process (e.g. dbt) holds the file's write lock: run this after
# dbt has finished.
set -eu

REPORTS_DIR=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
REPO_ROOT=$(CDPATH= cd -- "$REPORTS_DIR/.." && pwd)
SOURCE_DIR="$REPORTS_DIR/sources/bank"

DB="${BANK_DUCKDB_PATH:-warehouse/bank.duckdb}"
case "$DB" in
  /*) ;;
  *) DB="$REPO_ROOT/$DB" ;;
esac

if [ ! -f "$DB" ]; then
  echo "ERROR: DuckDB warehouse not found: $DB" >&2
  echo "       (BANK_DUCKDB_PATH=${BANK_DUCKDB_PATH:-unset, default warehouse/bank.duckdb}; build the warehouse with dbt first)" >&2
  exit 2
fi
if [ ! -x "$REPORTS_DIR/node_modules/.bin/evidence" ]; then
  echo "ERROR: Evidence is not installed; run: (cd reports && npm ci)" >&2
  exit 2
fi

# The DuckDB driver path.join()s the filename onto the source folder, so hand it
# a path relative to reports/sources/bank (an absolute one would be mangled).
DB_REL=$(node -e 'const p=require("path");process.stdout.write(p.relative(process.argv[1], p.resolve(process.argv[2])))' "$SOURCE_DIR" "$DB")

export EVIDENCE_SOURCE__bank__filename="$DB_REL"
export SEND_ANONYMOUS_USAGE_STATS=no

echo "reports: warehouse $DB (as $DB_REL from sources/bank, opened read-only)"
cd "$REPORTS_DIR"
./node_modules/.bin/evidence sources --strict
./node_modules/.bin/evidence build:strict
test -f "$REPORTS_DIR/build/index.html" || { echo "ERROR: build/index.html was not produced" >&2; exit 1; }
echo "reports: site built in $REPORTS_DIR/build"
