"""Write-audit-publish (bank_ops.publish) on hand-made warehouses, without dbt.

A working warehouse here is a DuckDB file with the two audit tables dbt's
on-run-end hook writes (macros/audit/) and a few relations in schema marts;
the expected analyst database is written out by hand in each test.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from conftest import execute, query

from bank_ops.publish import (
    PublishError,
    PublishRefused,
    audited_build,
    main,
    partitioning,
    publish,
)
from bank_ops.settings import check_memory_limit

INVOCATIONS = """create table audit.dbt_invocations (invocation_id varchar, command varchar,
    target_name varchar, dbt_version varchar, is_full_refresh boolean, started_at timestamp,
    completed_at timestamp, result_count bigint, error_count bigint, is_success boolean)"""
NODES = """create table audit.dbt_node_results (invocation_id varchar, unique_id varchar,
    resource_type varchar, node_name varchar, tested_node_unique_id varchar, status varchar,
    severity varchar, rows_affected bigint, failures bigint, execution_time_s float,
    message varchar, thread_id varchar, started_at timestamp, completed_at timestamp)"""


def invocation(db: Path, n: int, command: str = "build", failed: dict | None = None) -> None:
    """Invocation ``inv<n>`` at minute ``n``; ``failed``: node name -> status."""
    failed = failed or {}
    execute(
        db,
        f"insert into audit.dbt_invocations values ('inv{n}', '{command}', 'dev', '1.11', "
        f"false, timestamp '2026-12-01 00:00:00' + interval {n} minute, null, 3, "
        f"{len(failed)}, {not failed})",
        *(
            f"insert into audit.dbt_node_results (invocation_id, node_name, resource_type, "
            f"status, failures) values ('inv{n}', '{name}', 'test', '{status}', 7)"
            for name, status in failed.items()
        ),
        f"insert into audit.dbt_node_results (invocation_id, node_name, resource_type, status) "
        f"values ('inv{n}', 'fct_days', 'model', 'success')",
    )


@pytest.fixture()
def working(tmp_path) -> Path:
    db = tmp_path / "bank.duckdb"
    execute(
        db,
        "create schema audit",
        INVOCATIONS,
        NODES,
        "create schema marts",
        "create schema raw",
        "create table raw.secret as select 'cccd 001' as pii",
        # 3 days x 2 rows, and a NULL day
        "create table marts.fct_days (d date, k integer, v varchar)",
        "insert into marts.fct_days values ('2026-11-01', 1, 'a'), ('2026-11-01', 2, 'b'), "
        "('2026-11-02', 3, 'c'), ('2026-11-02', 4, 'd'), ('2026-11-03', 5, 'e'), "
        "('2026-11-03', 6, 'f'), (null, 7, 'g')",
        "create table marts.dim_small (k integer, name varchar)",
        "insert into marts.dim_small values (1, 'one'), (2, 'two')",
        "create view marts.v_history as select invocation_id from audit.dbt_invocations",
    )
    invocation(db, 1)
    return db


MANIFEST = {
    "nodes": {
        "model.bank.fct_days": {
            "resource_type": "model",
            "name": "fct_days",
            "alias": "fct_days",
            "schema": "marts",
            "config": {"meta": {"publish_partition_by": "d"}},
        },
        "model.bank.stg_x": {
            "resource_type": "model",
            "name": "stg_x",
            "schema": "staging",
            "config": {"meta": {"publish_partition_by": "d"}},
        },
    }
}


def go(working: Path, manifest: dict | None = None):
    analytics = working.with_name("analytics.duckdb")
    build = audited_build(working)
    parts = {}
    if manifest is not None:
        path = working.with_name("manifest.json")
        path.write_text(json.dumps(manifest))
        parts = partitioning(path)
    return analytics, publish(working, analytics, build, parts, say=lambda _: None)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_first_publish_copies_every_mart_and_nothing_else(working):
    analytics, stats = go(working, MANIFEST)
    assert stats.version == 1 and sorted(stats.replaced) == ["dim_small", "fct_days", "v_history"]
    assert query(
        analytics,
        "select table_schema, table_name, table_type from information_schema.tables "
        "where table_schema <> 'publication' order by all",
    ) == [
        ("marts", "dim_small", "BASE TABLE"),
        ("marts", "fct_days", "BASE TABLE"),
        ("marts", "v_history", "BASE TABLE"),  # a view of the build, materialised
    ]
    assert query(analytics, "select * from marts.fct_days order by k") == query(
        working, "select * from marts.fct_days order by k"
    )
    assert query(analytics, "select * from marts.v_history") == [("inv1",)]
    assert query(
        analytics, "select version, dbt_invocation_id, rows_written from publication.versions"
    ) == [(1, "inv1", 10)]
    assert not list(working.parent.glob(".analytics.duckdb.publishing-*"))


def test_a_nightly_change_rewrites_only_its_days(working):
    analytics, _ = go(working, MANIFEST)
    execute(
        working,
        "update marts.fct_days set v = 'B' where k = 2",  # a day corrected
        "insert into marts.fct_days values ('2026-11-04', 8, 'h')",  # a day added
        "delete from marts.fct_days where d is null",  # the null day gone
    )
    invocation(working, 2)
    _, stats = go(working, MANIFEST)
    assert stats.version == 2
    # 2026-11-01 changed, 2026-11-04 new, the null day dropped; 02 and 03 untouched
    assert stats.updated == {"fct_days": (3, 4)}
    assert stats.unchanged == ["dim_small"] and stats.replaced == ["v_history"]
    assert stats.rows_written == 3 + 2  # the 2 rows of day 01 and 1 of 04; v_history's 2
    assert query(analytics, "select d, k, v from marts.fct_days order by k") == [
        (d, k, v) for d, k, v in query(working, "select d, k, v from marts.fct_days order by k")
    ]
    assert query(analytics, "select count(*) from marts.fct_days where v = 'B'") == [(1,)]


def test_the_stored_parts_keep_their_form_so_an_older_version_still_compares(working):
    """publication.partitions: a relation published whole is one part, NULL;
    a day-partitioned one has a part per day, its NULL day as '<null>'. An
    analyst database published by an earlier release stored them so, and
    the next publish must find its unchanged relations unchanged."""
    analytics, _ = go(working, MANIFEST)
    assert query(
        analytics,
        "select relation, part, row_count from publication.partitions order by all",
    ) == [
        ("dim_small", None, 2),
        ("fct_days", "2026-11-01", 2),
        ("fct_days", "2026-11-02", 2),
        ("fct_days", "2026-11-03", 2),
        ("fct_days", "<null>", 1),
        ("v_history", None, 1),
    ]


def test_a_relation_whose_columns_change_is_rewritten_and_a_removed_one_dropped(working):
    analytics, _ = go(working, MANIFEST)
    execute(
        working,
        "alter table marts.dim_small add column extra integer",
        "drop view marts.v_history",
    )
    invocation(working, 2)
    _, stats = go(working, MANIFEST)
    assert "dim_small" in stats.replaced and stats.dropped == ["v_history"]
    assert query(analytics, "select * from marts.dim_small order by k") == [
        (1, "one", None),
        (2, "two", None),
    ]
    assert query(analytics, "select count(*) from publication.relations") == [(2,)]


@pytest.mark.parametrize(
    ("latest", "expected"),
    [
        (("build", {"not_null_fct_days_k": "fail"}), "test not_null_fct_days_k: fail (7 failing"),
        (("build", {"fct_other": "error", "downstream": "skipped"}), "fct_other: error"),
        (("run", None), "was `dbt run`"),
    ],
)
def test_an_unaudited_build_is_not_published_and_analysts_keep_their_bytes(
    working, latest, expected
):
    analytics, _ = go(working, MANIFEST)
    before = digest(analytics)
    command, failed = latest
    invocation(working, 2, command, failed)
    execute(working, "update marts.fct_days set v = 'broken'")
    with pytest.raises(PublishRefused) as err:
        go(working, MANIFEST)
    assert expected in str(err.value)
    assert digest(analytics) == before


def test_dbt_failing_before_it_records_results_is_not_published(working):
    with pytest.raises(PublishRefused, match="dbt exited 2"):
        audited_build(working, dbt_exit=2)


def test_a_warehouse_never_built_is_refused(tmp_path):
    db = tmp_path / "bank.duckdb"
    execute(db, "create schema raw")
    with pytest.raises(PublishRefused, match="no dbt build recorded"):
        audited_build(db)
    with pytest.raises(PublishError, match="does not exist"):
        audited_build(tmp_path / "missing.duckdb")


def test_a_partition_column_that_does_not_exist_is_named(working):
    bad = {"nodes": {**MANIFEST["nodes"]}}
    bad["nodes"]["model.bank.fct_days"] = {
        **MANIFEST["nodes"]["model.bank.fct_days"],
        "config": {"meta": {"publish_partition_by": "day"}},
    }
    with pytest.raises(PublishError, match="fct_days: meta publish_partition_by names no column"):
        go(working, bad)
    assert not working.with_name("analytics.duckdb").exists()
    assert not list(working.parent.glob(".analytics.duckdb.publishing-*"))


def test_only_marts_models_are_partitioned(working):
    path = working.with_name("manifest.json")
    path.write_text(json.dumps(MANIFEST))
    assert partitioning(path) == {"fct_days": "d"}
    assert partitioning(working.with_name("none.json")) == {}


def test_a_damaged_analyst_database_is_replaced_by_a_whole_new_version(working):
    analytics = working.with_name("analytics.duckdb")
    analytics.write_bytes(b"not a database" * 1000)
    said: list[str] = []
    stats = publish(working, analytics, audited_build(working), {}, say=said.append)
    assert said and "cannot be opened" in said[0] and "from scratch" in said[0]
    assert stats.version == 1 and len(stats.replaced) == 3
    assert query(analytics, "select count(*) from marts.fct_days") == [(7,)]


@pytest.mark.parametrize("value", ["lots", "80%"])
def test_a_bad_memory_limit_is_named_before_any_work(working, monkeypatch, capsys, value):
    monkeypatch.setenv("BANK_DUCKDB_MEMORY_LIMIT", value)
    monkeypatch.setenv("BANK_DUCKDB_PATH", str(working))
    monkeypatch.setenv("BANK_ANALYTICS_PATH", str(working.with_name("analytics.duckdb")))
    with pytest.raises(SystemExit) as exit_:
        main([])
    assert exit_.value.code == 2
    assert f"BANK_DUCKDB_MEMORY_LIMIT='{value}' is not a DuckDB memory size" in (
        capsys.readouterr().err
    )
    assert not working.with_name("analytics.duckdb").exists()
    assert check_memory_limit("3GiB") == "3GiB" and check_memory_limit("") is None
