"""The raw contract as a Parquet lake (bank_ops/lake.py, docs/raw-contract.md):
every raw row in it, partitioned by local date, the same bytes for the same
rows, and a version swapped in whole."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from conftest import REPO, execute

from bank_ops import lake as bank_lake


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def exported(small_db, tmp_path_factory):
    lake = tmp_path_factory.mktemp("lake") / "lake"
    manifest = bank_lake.export(small_db, lake, say=lambda _: None)
    return lake, manifest


def test_every_raw_row_is_in_the_lake_and_nothing_else(small_db, exported):
    lake, manifest = exported
    con = duckdb.connect()
    con.execute(f"attach '{small_db}' as bank (read_only)")
    tables = [
        t
        for (t,) in con.execute(
            "select table_name from duckdb_tables() where database_name = 'bank' "
            "and schema_name = 'raw' order by 1"
        ).fetchall()
    ]
    assert sorted(manifest["tables"]) == tables
    for table in tables:
        partitioned = table in bank_lake.EVENT_TIME
        pattern = "*/*.parquet" if partitioned else "*.parquet"
        files = f"{lake / 'current' / table}/{pattern}"
        read = (
            f"select * exclude ({bank_lake.PARTITION}) from read_parquet('{files}', "
            f"hive_partitioning = true, hive_types = {{'{bank_lake.PARTITION}': date}})"
            if partitioned
            else f"select * from read_parquet('{files}')"
        )
        raw = f"select * from bank.raw.{table}"
        for a, b in ((raw, read), (read, raw)):
            (apart,) = con.execute(f"select count(*) from ({a} except all {b})").fetchone()
            assert apart == 0, table
        if partitioned:
            column = bank_lake.EVENT_TIME[table]
            (wrong,) = con.execute(
                f"select count(*) from read_parquet('{files}', hive_partitioning = true, "
                f"hive_types = {{'{bank_lake.PARTITION}': date}}) "
                f"where {bank_lake.PARTITION} is distinct from cast({column} as date)"
            ).fetchone()
            assert wrong == 0, table
    con.close()


def test_the_seeders_load_log_rides_along(small_db, exported, tmp_path):
    """The risk layer dates a label from the load that landed it: the lake
    carries meta.seeder_loads (the columns the source declares and more),
    and a warehouse without one gets an empty file with the log's columns."""
    lake, manifest = exported
    con = duckdb.connect()
    con.execute(f"attach '{small_db}' as bank (read_only)")
    log = f"read_parquet('{lake / 'current' / bank_lake.LOAD_LOG}/part-0.parquet')"
    (loads,) = con.execute("select count(*) from bank.meta.seeder_loads").fetchone()
    assert loads == 1 and manifest["load_log"] == {"rows": 1}
    a, b = f"select * from {log}", "select * from bank.meta.seeder_loads"
    for left, right in ((a, b), (b, a)):
        (apart,) = con.execute(f"select count(*) from ({left} except all {right})").fetchone()
        assert apart == 0
    con.close()
    bare = tmp_path / "bare.duckdb"
    bare.write_bytes(small_db.read_bytes())
    execute(bare, "drop table meta.seeder_loads")
    again = bank_lake.export(bare, tmp_path / "lake", say=lambda _: None)
    assert again["load_log"] == {"rows": 0}
    columns = duckdb.sql(
        f"describe select * from read_parquet('{tmp_path}/lake/current/"
        f"{bank_lake.LOAD_LOG}/part-0.parquet')"
    ).fetchall()
    assert [c[0] for c in columns] == [
        "batch_id", "loaded_at", "scenario", "seed", "start_date", "days", "customers",
    ]  # fmt: skip


def test_a_row_without_a_timestamp_lands_in_the_null_partition(small_db, tmp_path):
    db = tmp_path / "bank.duckdb"
    db.write_bytes(small_db.read_bytes())
    execute(
        db,
        "update raw.login_events set login_ts = null "
        "where login_id = (select min(login_id) from raw.login_events)",
    )
    manifest = bank_lake.export(db, tmp_path / "lake", say=lambda _: None)
    partitions = manifest["tables"]["login_events"]["partitions"]
    assert partitions[bank_lake.NULL_PARTITION] == 1
    (total,) = (
        duckdb.connect(str(db), read_only=True)
        .execute("select count(*) from raw.login_events")
        .fetchone()
    )
    assert sum(partitions.values()) == total


def test_the_same_rows_give_the_same_bytes(small_db, exported, tmp_path):
    lake, _ = exported
    again = tmp_path / "again"
    bank_lake.export(small_db, again, say=lambda _: None)
    first = tree_digest(lake / "current")
    second = tree_digest(again / "current")
    first.pop("_manifest.json"), second.pop("_manifest.json")
    assert first == second and len(first) > 20


def test_a_new_version_is_swapped_in_whole_and_old_ones_are_dropped(small_db, tmp_path):
    lake = tmp_path / "lake"
    for _ in range(bank_lake.KEEP + 1):
        bank_lake.export(small_db, lake, say=lambda _: None)
    kept = sorted(p.name for p in (lake / "versions").iterdir())
    assert kept == [str(n) for n in range(2, bank_lake.KEEP + 2)]
    assert os.readlink(lake / "current") == f"versions/{bank_lake.KEEP + 1}"
    # a reader that resolved the older version still reads it
    assert (lake / "versions" / "2" / "_manifest.json").is_file()


def test_bad_input_is_one_clear_error_and_changes_nothing(tmp_path):
    missing = tmp_path / "none.duckdb"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bank_ops.lake",
            "--db",
            str(missing),
            "--lake",
            str(tmp_path / "l"),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert f"no warehouse at {str(missing)!r}" in result.stderr
    assert not (tmp_path / "l").exists() and not list(tmp_path.glob("*.lock"))
    a_file = tmp_path / "lake-file"
    a_file.write_text("x")
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    with pytest.raises(bank_lake.LakeError, match="is a file, not a folder"):
        bank_lake.export(empty, a_file)
    with pytest.raises(bank_lake.LakeError, match="has no raw tables"):
        bank_lake.export(empty, tmp_path / "lake2")
    assert not list((tmp_path / "lake2" / "versions").iterdir())
