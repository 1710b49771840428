"""The comparison of `make spark-check` (bank_ops/spark_check.py), on hand-made
relations: a DuckDB warehouse and Parquet files standing for Spark's export."""

from __future__ import annotations

from pathlib import Path

import duckdb

from bank_ops.spark_check import compare


def _setup(tmp_path: Path, spark_rows: dict[str, str]) -> tuple[Path, Path]:
    """A warehouse with marts.fct_a (id, amount decimal, rate double, ts) and
    for each name of `spark_rows` a Parquet export built from that SELECT."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    db = tmp_path / "bank.duckdb"
    exported = tmp_path / "export"
    con = duckdb.connect(str(db))
    con.execute("create schema marts")
    con.execute(
        "create table marts.fct_a as select * from (values "
        "(1, 10.50::decimal(18, 2), 0.1 + 0.2, timestamp '2026-01-01 08:00:00', 7::ubigint),"
        "(2, 20.00::decimal(18, 2), 1.0 / 3, timestamp '2026-01-02 09:30:00', 8::ubigint),"
        "(2, 20.00::decimal(18, 2), 1.0 / 3, timestamp '2026-01-02 09:30:00', 9::ubigint)"
        ") as t(id, amount, rate, ts, row_hash)"
    )
    for name, query in spark_rows.items():
        (exported / name).mkdir(parents=True)
        con.execute(f"copy ({query}) to '{exported / name / 'part-0.parquet'}' (format parquet)")
    con.close()
    return db, exported


SAME = (
    "select * from (values "
    # Spark's decimals are wider, its sums added in another order, its
    # row fingerprint another hash: still equal
    "(2, 20.00::decimal(38, 6), 0.3333333333333333, timestamp '2026-01-02 09:30:00', 1),"
    "(1, 10.50::decimal(38, 6), 0.30000000000000004, timestamp '2026-01-01 08:00:00', 2),"
    "(2, 20.00::decimal(38, 6), 0.33333333333333337, timestamp '2026-01-02 09:30:00', 3)"
    ") as t(id, amount, rate, ts, row_hash)"
)


def test_equal_relations_with_float_noise_and_engine_columns(tmp_path):
    db, exported = _setup(tmp_path, {"fct_a": SAME})
    [result] = compare(db, exported, {"fct_a": "marts"})
    assert result.equal, result.line()
    assert (result.duckdb_rows, result.spark_rows) == (3, 3)


def test_a_changed_value_and_a_lost_duplicate_differ(tmp_path):
    changed = SAME.replace("10.50::decimal(38, 6)", "10.51::decimal(38, 6)")
    lost_duplicate = (
        "select * from (values "
        "(1, 10.50, 0.1 + 0.2, timestamp '2026-01-01 08:00:00', 1),"
        "(2, 20.00, 1.0 / 3, timestamp '2026-01-02 09:30:00', 2)"
        ") as t(id, amount, rate, ts, row_hash)"
    )
    db, exported = _setup(tmp_path, {"fct_a": changed})
    [result] = compare(db, exported, {"fct_a": "marts"})
    assert not result.equal
    assert (result.only_duckdb, result.only_spark) == (1, 1)
    assert "DIFFER" in result.line()

    db, exported = _setup(tmp_path / "second", {"fct_a": lost_duplicate})
    [result] = compare(db, exported, {"fct_a": "marts"})
    assert not result.equal
    assert (result.only_duckdb, result.only_spark, result.spark_rows) == (1, 0, 2)


def test_a_float_beyond_the_tolerance_differs(tmp_path):
    db, exported = _setup(tmp_path, {"fct_a": SAME.replace("0.3333333333333333,", "0.33334,")})
    [result] = compare(db, exported, {"fct_a": "marts"})
    assert (result.only_duckdb, result.only_spark) == (1, 1)


def test_a_missing_column_and_a_relation_not_built(tmp_path):
    no_ts = "select id, amount, rate from (" + SAME + ")"
    db, exported = _setup(tmp_path, {"fct_a": no_ts})
    [result] = compare(db, exported, {"fct_a": "marts"})
    assert not result.equal and "missing on Spark: ts" in result.line()

    db, exported = _setup(tmp_path / "second", {})
    [result] = compare(db, exported, {"fct_a": "marts"})
    assert not result.equal and result.spark_rows is None
    assert "NOT BUILT" in result.line()
