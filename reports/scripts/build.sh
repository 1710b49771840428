#!/bin/sh
# Build the Evidence site into reports/build/ from the analyst database.
#
#   BANK_ANALYTICS_PATH  the analyst database bank-publish writes (the
#                        published marts); absolute, or relative to the repo
#                        root. Default: warehouse/analytics.duckdb.
#
# It never opens the working warehouse (BANK_DUCKDB_PATH), so it runs while
# the seeder, dbt or a publish is writing: a publish swaps in a new file and
# this build keeps reading the version it opened.
#
# Runs `evidence sources --strict` (reads marts.* READ_ONLY into parquet; fails
# if any source query fails) then `evidence build:strict` (fails on page
# errors, and here also on any page query that fails while prerendering). Telemetry is always off. Exits non-zero if the warehouse is missing
# or either step fails. Requires `npm ci` to have been run in reports/.
#
# --sources-only: stop after `evidence sources` (the only step that opens the
# database; tests/python/test_report_site.py runs it while a writer holds the
# working warehouse).
set -eu

SOURCES_ONLY=
case "${1:-}" in
  --sources-only) SOURCES_ONLY=1 ;;
  "") ;;
  *) echo "usage: $0 [--sources-only]" >&2; exit 2 ;;
esac

REPORTS_DIR=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
REPO_ROOT=$(CDPATH= cd -- "$REPORTS_DIR/.." && pwd)
SOURCE_DIR="$REPORTS_DIR/sources/bank"

DB="${BANK_ANALYTICS_PATH:-warehouse/analytics.duckdb}"
case "$DB" in
  /*) ;;
  *) DB="$REPO_ROOT/$DB" ;;
esac

if [ ! -f "$DB" ]; then
  echo "ERROR: analyst database not found: $DB" >&2
  echo "       (BANK_ANALYTICS_PATH=${BANK_ANALYTICS_PATH:-unset, default warehouse/analytics.duckdb}; make build publishes it)" >&2
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

echo "reports: analyst database $DB (as $DB_REL from sources/bank, opened read-only)"
cd "$REPORTS_DIR"
# Start from no query results and no site (as `make clean` does): the build
# only adds files, so a renamed or deleted source query, or an older run's
# data, would otherwise stay in the site.
rm -rf "$REPORTS_DIR/.evidence/template/static/data"
[ -n "$SOURCES_ONLY" ] || rm -rf "$REPORTS_DIR/build"
./node_modules/.bin/evidence sources --strict
if [ -n "$SOURCES_ONLY" ]; then
  echo "reports: sources read from $DB"
  exit 0
fi
# build:strict fails on page errors but only logs a failing page query
# ("<query> | Error in Query! ..."): fail on those too.
BUILD_LOG=$(mktemp)
trap 'rm -f "$BUILD_LOG" "$BUILD_LOG.rc"' EXIT
{ ./node_modules/.bin/evidence build:strict 2>&1; echo $? > "$BUILD_LOG.rc"; } | tee "$BUILD_LOG"
rc=$(cat "$BUILD_LOG.rc")
if [ "$rc" != 0 ]; then
  echo "ERROR: evidence build failed (exit $rc)" >&2
  exit "$rc"
fi
if grep -q "Error in Query" "$BUILD_LOG"; then
  echo "ERROR: page queries failed during the build:" >&2
  grep "Error in Query" "$BUILD_LOG" | sort -u >&2
  exit 1
fi
test -f "$REPORTS_DIR/build/index.html" || { echo "ERROR: build/index.html was not produced" >&2; exit 1; }
echo "reports: site built in $REPORTS_DIR/build"
