"""The seeder as a user runs it: contract, validity, determinism, bad input."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from conftest import PINNED_LOAD, REPO, run_seed

from seeds_generator.contract import PRIMARY_KEYS, RAW_TABLES, TRANSACTION_TYPES
from seeds_generator.entities import vietnam as vn

CONTRACT_DOC = REPO / "docs" / "raw-contract.md"


def _content_hashes(path: Path) -> dict[str, str]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        out = {}
        for table in RAW_TABLES:
            keys = ", ".join(PRIMARY_KEYS[table])
            rows = con.execute(f"select * from raw.{table} order by {keys}").fetchall()
            out[table] = hashlib.sha256(repr(rows).encode()).hexdigest()
        return out
    finally:
        con.close()


def test_landed_tables_match_the_contract(con):
    for table, columns in RAW_TABLES.items():
        got = con.execute(
            "select column_name, data_type from information_schema.columns "
            "where table_schema = 'raw' and table_name = ? order by ordinal_position",
            [table],
        ).fetchall()
        assert got == [(c, t) for c, t in columns], table


def test_contract_module_and_its_document_agree():
    """docs/raw-contract.md and seeds_generator/contract.py name the same
    columns with the same types, both ways (the load columns _batch_id and
    _loaded_at are one convention of the page, not table rows)."""
    documented: dict[str, dict[str, str]] = {}
    table = None
    for line in CONTRACT_DOC.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            continue
        cells = [c.strip() for c in line.replace("\\|", "/").strip().strip("|").split("|")]
        if len(cells) != 4 or cells[0] == "table" or set(cells[0]) <= {"-"} and cells[0]:
            continue
        table = cells[0] or table
        for col in cells[1].split(","):
            documented.setdefault(table, {})[col.strip()] = cells[2]
    ours = {
        t: {c: typ for c, typ in cols if c not in ("_batch_id", "_loaded_at")}
        for t, cols in RAW_TABLES.items()
    }
    assert documented == ours
    text = CONTRACT_DOC.read_text(encoding="utf-8")
    assert "`_batch_id INTEGER`" in text and "`_loaded_at TIMESTAMP`" in text


def _clean(table: str, key: str) -> str:
    """SQL predicate: the row is not one the defect injector damaged."""
    return (
        f"{key}::varchar not in (select record_key from raw.dq_injected_defects "
        f"where table_name = '{table}')"
    )


def test_primary_keys_are_unique_but_for_injected_duplicates(con):
    for table, keys in PRIMARY_KEYS.items():
        cols = ", ".join(keys)
        where = _clean(table, keys[0]) if len(keys) == 1 else "true"
        dupes = con.execute(
            f"select count(*) from (select {cols} from raw.{table} where {where} "
            f"group by all having count(*) > 1)"
        ).fetchone()[0]
        assert dupes == 0, table


def test_every_type_channel_and_customer_type_occurs(con):
    types = {
        r[0]
        for r in con.execute(
            "select distinct transaction_type from raw.payment_transactions"
        ).fetchall()
    }
    assert types == set(TRANSACTION_TYPES)
    channels = {
        r[0]
        for r in con.execute("select distinct channel from raw.payment_transactions").fetchall()
    }
    assert channels == {"mobile_app", "internet_banking", "atm", "pos"}
    kinds = {
        r[0] for r in con.execute("select distinct customer_type from raw.customers").fetchall()
    }
    assert kinds == {"individual", "organization"}
    assert con.execute("select count(*) from raw.login_events").fetchone()[0] > 0


def test_identities_are_valid(con):
    provinces = {code for code, _, _ in vn.PROVINCES}
    rows = con.execute(
        "select customer_type, national_id, tax_code, phone_number, full_name, "
        "year(date_of_birth), gender, province_code, address from raw.customers "
        f"where {_clean('customers', 'customer_id')}"
    ).fetchall()
    assert len(rows) > 250
    for kind, nid, tax, phone, name, year, gender, province, address in rows:
        assert re.fullmatch(r"0\d{9}", phone) and phone[:3] in vn.MOBILE_PREFIXES
        assert province in provinces
        province_name = next(n for c, n, _ in vn.PROVINCES if c == province)
        assert address.endswith(province_name)
        assert not re.match(r"(Ông|Bà|Cô|Chị|Anh|Quý) ", name)
        if kind == "individual":
            assert re.fullmatch(r"\d{12}", nid) and nid[:3] in provinces
            digit = int(nid[3])
            assert digit // 2 == (year // 100) - 19  # 19xx -> 0/1, 20xx -> 2/3
            assert digit % 2 == (gender == "female")
            assert nid[4:6] == f"{year % 100:02d}"
        else:
            assert nid is None and year is None and gender is None
            assert re.fullmatch(r"\d{10}", tax)


def test_amounts_are_whole_vnd_and_inquiries_move_nothing(con):
    bad = con.execute(
        "select count(*) from raw.payment_transactions where (currency <> 'VND' "
        "or amount <> round(amount) or (transaction_type = 'inquiry') <> (amount = 0) "
        f"or amount < 0) and {_clean('payment_transactions', 'transaction_id')}"
    ).fetchone()[0]
    assert bad == 0


def test_references_resolve(con):
    checks = {
        "account owner": "select count(*) from raw.payment_transactions t left join "
        "raw.bank_accounts a on a.account_id = t.from_account_id "
        "where a.customer_id is distinct from t.customer_id",
        "device": "select count(*) from raw.payment_transactions t where t.device_id is "
        "not null and t.device_id not in (select device_id from raw.devices)",
        "auth tx": "select count(*) from raw.authentication_logs l where l.transaction_id "
        "not in (select transaction_id from raw.payment_transactions)",
        "before opening": "select count(*) from raw.payment_transactions t join "
        "raw.bank_accounts a on a.account_id = t.from_account_id "
        "where t.transaction_ts < a.opened_at",
        "negative balance": "select count(*) from raw.bank_accounts where balance < 0",
    }
    for name, sql in checks.items():
        assert con.execute(sql).fetchone()[0] == 0, name


def test_auth_logs_are_consistent_with_method_levels(con):
    # every completed transaction has a successful authentication, with a
    # method meant for the customer's type, after no later than the payment
    bad = con.execute("""
        select count(*) from raw.payment_transactions t
        join raw.customers c using (customer_id)
        where t.status = 'completed' and not exists (
            select 1 from raw.authentication_logs l
            join raw.authentication_methods m using (auth_method_id)
            where l.transaction_id = t.transaction_id and l.auth_result = 'success'
              and m.customer_type = c.customer_type and l.auth_ts <= t.transaction_ts)
    """).fetchone()[0]
    assert bad == 0
    levels = con.execute(
        "select distinct security_level from raw.authentication_methods where requires_biometric"
    ).fetchall()
    assert {lvl for (lvl,) in levels} == {"C", "D"}
    failed_ok = con.execute(
        "select count(*) from raw.payment_transactions t where status = 'failed' and exists "
        "(select 1 from raw.authentication_logs l where l.transaction_id = t.transaction_id "
        "and l.auth_result = 'success')"
    ).fetchone()[0]
    assert failed_ok == 0


def test_same_seed_same_tables_different_seed_different(tmp_path, small_db, clean_scenario):
    again = tmp_path / "again.duckdb"
    other = tmp_path / "other.duckdb"
    common = [
        "--scenario",
        str(clean_scenario),
        "--customers",
        "300",
        "--days",
        "14",
        "--loaded-at",
        PINNED_LOAD,
    ]
    assert run_seed("--db", str(again), *common).returncode == 0
    assert run_seed("--db", str(other), *common, "--seed", "7").returncode == 0
    base = _content_hashes(small_db)
    assert _content_hashes(again) == base
    differing = {t for t, h in _content_hashes(other).items() if h != base[t]}
    assert {"customers", "payment_transactions", "authentication_logs"} <= differing


def test_source_date_epoch_pins_the_load_stamp(tmp_path):
    db = tmp_path / "epoch.duckdb"
    result = run_seed(
        "--db",
        str(db),
        "--customers",
        "20",
        "--days",
        "1",
        "--start-date",
        "2026-09-01",
        env={"SOURCE_DATE_EPOCH": "1790000000"},
    )
    assert result.returncode == 0, result.stderr
    con = duckdb.connect(str(db), read_only=True)
    stamp = con.execute("select distinct _loaded_at::varchar from raw.customers").fetchall()
    con.close()
    # 1790000000 s = 2026-09-21 14:13:20 UTC (date -u -d @1790000000) = 21:13 in Vietnam
    assert stamp == [("2026-09-21 21:13:20",)]


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--customers", "0"], "0 is not a positive integer"),
        (["--days", "-3"], "-3"),
        (["--scenario", "no_such_scenario"], "no_such_scenario"),
        (["--start-date", "2026-02-30"], "2026-02-30"),
        (["--seed", "abc"], "'abc'"),
        (["--loaded-at", "yesterday"], "yesterday"),
    ],
)
def test_bad_input_exits_2_and_leaves_the_warehouse_untouched(tmp_path, small_db, args, needle):
    db = tmp_path / "bank.duckdb"
    db.write_bytes(small_db.read_bytes())
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    result = run_seed("--db", str(db), *args)
    assert result.returncode == 2
    assert needle in result.stderr
    assert len(result.stderr.strip().splitlines()[-1]) < 300
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_invalid_scenario_file_names_field_value_and_range(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("population:\n  organization_share: 1.7\n", encoding="utf-8")
    result = run_seed("--validate-scenario", str(bad))
    assert result.returncode == 2
    assert "population.organization_share" in result.stderr
    assert "1.7" in result.stderr and "0 to 1" in result.stderr
    broken = tmp_path / "broken.yaml"
    broken.write_text("population: [unclosed\n", encoding="utf-8")
    result = run_seed("--validate-scenario", str(broken))
    assert result.returncode == 2 and "malformed YAML" in result.stderr


def test_locked_warehouse_is_refused(tmp_path, small_db):
    db = tmp_path / "bank.duckdb"
    db.write_bytes(small_db.read_bytes())
    holder = duckdb.connect(str(db))  # another writer holds the file
    try:
        result = run_seed("--db", str(db), "--customers", "10", "--days", "1")
    finally:
        holder.close()
    assert result.returncode == 2
    assert "locked" in result.stderr


def _seed_loud(*args: str) -> subprocess.CompletedProcess:
    """``bank-seed`` without --quiet, for what it tells the user on stderr."""
    return subprocess.run(
        [sys.executable, "-m", "seeds_generator", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_reseed_drops_what_dbt_derived_and_keeps_audit(tmp_path, small_db):
    """A fresh load replaces the bank: dbt's models, snapshots and incremental
    state would describe rows that no longer exist (issue 25, defect 4), so
    they go; dbt's run and test history (schema audit) stays, row for row."""
    db = tmp_path / "bank.duckdb"
    db.write_bytes(small_db.read_bytes())
    con = duckdb.connect(str(db))
    con.execute(
        "create schema staging; create view staging.stg as select * from raw.customers; "
        "create schema marts; create table marts.keep_me as select 42 as answer; "
        "create schema snapshots; create table snapshots.snp as select * from raw.devices; "
        "create schema audit; "
        "create table audit.run_results (run_id varchar primary key, status varchar, "
        "rows_affected bigint default 0); "
        "insert into audit.run_results values ('r1', 'success', 10), ('r2', 'error', 0); "
        "create view audit.last_run as select max(run_id) as run_id from audit.run_results"
    )
    history = con.execute("select * from audit.run_results order by 1").fetchall()
    ddl = con.execute(
        "select sql from duckdb_tables() where schema_name = 'audit' order by table_name"
    ).fetchall()
    con.close()

    result = _seed_loud("--db", str(db), "--customers", "10", "--days", "1")
    assert result.returncode == 0, result.stderr
    note = [line for line in result.stderr.splitlines() if "fresh load: dropped" in line]
    assert len(note) == 1, result.stderr
    for schema in ("staging", "marts", "snapshots"):
        assert schema in note[0]
    assert note[0].endswith("kept audit")

    con = duckdb.connect(str(db), read_only=True)
    try:
        schemas = con.execute(
            "select schema_name from duckdb_schemas() where not internal order by 1"
        ).fetchall()
        assert schemas == [("audit",), ("meta",), ("raw",)]
        assert con.execute("select * from audit.run_results order by 1").fetchall() == history
        assert (
            con.execute(
                "select sql from duckdb_tables() where schema_name = 'audit' order by table_name"
            ).fetchall()
            == ddl
        )  # same columns, defaults and key
        assert con.execute("select * from audit.last_run").fetchall() == [("r2",)]
        assert con.execute("select count(*) from raw.customers").fetchone() == (10,)
        assert con.execute("select batch_id from meta.seeder_loads").fetchall() == [(1,)]
    finally:
        con.close()

    # a fresh load over a warehouse with nothing derived says nothing of it
    again = _seed_loud("--db", str(db), "--customers", "10", "--days", "1")
    assert again.returncode == 0, again.stderr
    assert "dropped" not in again.stderr


def test_a_feed_cannot_hold_the_future(tmp_path):
    db = tmp_path / "bank.duckdb"
    result = run_seed(
        "--db",
        str(db),
        "--start-date",
        "2026-10-20",
        "--days",
        "30",
        "--loaded-at",
        "2026-11-01T06:00:00",
    )
    assert result.returncode == 2
    assert "2026-11-19" in result.stderr and "cannot hold the future" in result.stderr
    assert not db.exists()


def test_unwritable_path_is_refused(tmp_path):
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("a file where the warehouse folder should be", encoding="utf-8")
    result = run_seed("--db", str(blocker / "bank.duckdb"), "--customers", "10", "--days", "1")
    assert result.returncode == 2
    assert "not writable" in result.stderr and "not_a_folder" in result.stderr


def test_warehouse_of_another_contract_version_is_refused(tmp_path, small_db):
    db = tmp_path / "bank.duckdb"
    db.write_bytes(small_db.read_bytes())
    con = duckdb.connect(str(db))
    con.execute("update meta.seeder_loads set contract_version = 99")
    con.close()
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    result = run_seed("--db", str(db), "--customers", "10", "--days", "1")
    assert result.returncode == 2
    assert "contract version [99]" in result.stderr
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
