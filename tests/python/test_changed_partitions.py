"""The one change-detection mechanism of the incremental models
(macros/incremental/changed_partitions.sql), on hand-made tables: which
partitions differ between an upstream and a target, the first of them as
a bound, and the quarantine's batch predicate built on it."""

import json
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, dbt_command, execute

# partition d, stamp s. Per partition, upstream vs target:
#   1: the same two rows                       -> unchanged
#   2: same count, one row restamped (10->20)  -> changed (latest stamp)
#   3: one of two rows gone, same latest stamp -> changed (count only)
#   4: upstream only                           -> changed (new)
#   5: target only                             -> changed (gone upstream)
#   6: one row with no stamp on both sides     -> unchanged
#   7: upstream only, no stamp                 -> changed (on one side)
#   null: two rows upstream, one in the target -> changed (count only)
UPSTREAM = [(1, 10), (1, 10), (2, 10), (2, 20), (3, 10), (4, 30), (6, None), (7, None)]
UPSTREAM += [(None, 10), (None, 10)]
TARGET = [(1, 10), (1, 10), (2, 10), (2, 10), (3, 10), (3, 10), (5, 10), (6, None)]
TARGET += [(None, 10)]
# the quarantine's shape, (batch_id, row_hash)
BASE = [(1, 5), (2, 7), (3, 9), (3, 1)]
CHECKED_OLD = [(1, 5), (2, 8)]  # batch 2 corrected in place, batch 3 new
BASE_NULL = [(1, 5), (None, 3)]
CHECKED_NULL = [(1, 5), (None, 4)]  # the rows without a batch differ


def table(name: str, rows: list[tuple], columns: str) -> str:
    values = ", ".join(str(row).replace("None", "null") for row in rows)
    return f"create table {name} as select * from (values {values}) as t({columns})"


@pytest.fixture(scope="module")
def tables(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("changed_partitions") / "cp.duckdb"
    execute(
        db,
        table("up", UPSTREAM, "d, s"),
        table("tg", TARGET, "d, s"),
        table("base_rows", BASE, "batch_id, row_hash"),
        table("checked_same", BASE, "batch_id, row_hash"),
        table("checked_old", CHECKED_OLD, "batch_id, row_hash"),
        table("base_null", BASE_NULL, "batch_id, row_hash"),
        table("checked_null", CHECKED_NULL, "batch_id, row_hash"),
    )
    return db


def show(db: Path, sql: str) -> list[dict]:
    """The rows of dbt show --inline `sql` on warehouse `db`."""
    argv, env = dbt_command(db, db.parent / "dbt", "show", "--inline", sql, "--limit", "100")
    argv += ["--output", "json", "--log-format", "json"]
    result = subprocess.run(argv, cwd=REPO, capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stdout[-3000:]
    for line in result.stdout.splitlines():
        data = json.loads(line).get("data", {}) if line.startswith("{") else {}
        if "preview" in data:
            return json.loads(data["preview"])
    raise AssertionError(result.stdout[-3000:])


def changed(upstream: str, target: str, fingerprint: str) -> str:
    return f"changed_partitions('main.{upstream}', 'main.{target}', 'd', {fingerprint})"


def first(upstream: str, target: str, fingerprint: str) -> str:
    return f"first_changed_partition('main.{upstream}', 'main.{target}', 'd', {fingerprint})"


BOTH = "['count(*)', 'max(s)']"


def test_changed_partitions_by_count_and_latest_stamp(tables):
    rows = show(tables, f"select d from {{{{ {changed('up', 'tg', BOTH)} }}}} as c")
    found = sorted((r["d"] for r in rows), key=lambda d: (d is not None, d))
    assert found == [None, 2, 3, 4, 5, 7]


def test_a_partition_on_one_side_is_changed_whatever_its_fingerprint(tables):
    # the latest stamp alone: 3 and null keep theirs; 7 has none on either side
    latest_only = changed("up", "tg", "['max(s)']")
    rows = show(tables, f"select d from {{{{ {latest_only} }}}} as c")
    assert sorted(r["d"] for r in rows) == [2, 4, 5, 7]


def test_first_changed_partition_is_a_literal_or_null(tables):
    count_only = first("up", "tg", "['count(*)']")
    rows = show(
        tables,
        f"select {{{{ {first('up', 'tg', BOTH)} }}}} as first_changed,"
        f" {{{{ {first('up', 'up', BOTH)} }}}} as nothing_changed,"
        f" '{{{{ {count_only} | replace(\"'\", '') }}}}' as literal",
    )
    assert rows == [{"first_changed": 2, "nothing_changed": None, "literal": "cast(3 as INTEGER)"}]


def test_quarantine_batch_predicate(tables):
    rows = show(
        tables,
        "select '{{ dq_batches_to_check('main.checked_same', 'main.base_rows') }}' as same,"
        " '{{ dq_batches_to_check('main.checked_old', 'main.base_rows') }}' as corrected,"
        " '{{ dq_batches_to_check('main.checked_null', 'main.base_null') }}' as unbatched",
    )
    assert rows == [{"same": "false", "corrected": "batch_id >= 2", "unbatched": "true"}]
