"""The simulation engine: append continuity, atomic loads, defects with their
ground truth, realism of the data, built-in scenarios."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import numpy as np
import pytest
from conftest import PINNED_LOAD, REPO, run_seed, write_scenario

from seeds_generator.config import DEFECT_TYPES, builtin_scenarios
from seeds_generator.contract import PRIMARY_KEYS, RAW_TABLES, TRANSACTION_TYPES
from seeds_generator.entities import vietnam as vn

NO_DEFECTS = """\
name: continuity
days: 10
population: {customers: 400}
fraud: {illicit_rate: 0.01}
defects: {rate: 0.0}
"""

HIGH_DEFECTS = """\
name: high_defects
days: 6
population: {customers: 3000}
defects: {rate: 0.03}
"""


def _rows(path: Path, table: str) -> list[tuple]:
    """A table's rows without the load audit columns, in key order."""
    cols = ", ".join(c for c, _ in RAW_TABLES[table] if not c.startswith("_"))
    keys = ", ".join(PRIMARY_KEYS[table])
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(f"select {cols} from raw.{table} order by {keys}").fetchall()
    finally:
        con.close()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def default_db(tmp_path_factory) -> Path:
    """The default scenario as a user gets it (1,000 customers, 30 days)."""
    path = tmp_path_factory.mktemp("default") / "bank.duckdb"
    result = run_seed("--db", str(path), "--loaded-at", PINNED_LOAD)
    assert result.returncode == 0, result.stderr
    return path


# ---------------------------------------------------------------------------
# continuity of daily loads


def test_append_continues_exactly_where_the_first_load_stopped(tmp_path):
    scenario = write_scenario(tmp_path, "continuity", NO_DEFECTS)
    once, daily = tmp_path / "once.duckdb", tmp_path / "daily.duckdb"
    assert run_seed("--scenario", str(scenario), "--db", str(once)).returncode == 0
    first = run_seed("--scenario", str(scenario), "--days", "6", "--db", str(daily))
    assert first.returncode == 0, first.stderr
    for _ in range(2):  # two more loads of two days each
        more = run_seed("--db", str(daily), "--append-days", "2")
        assert more.returncode == 0, more.stderr
    for table in RAW_TABLES:
        assert _rows(once, table) == _rows(daily, table), table
    con = duckdb.connect(str(daily), read_only=True)
    batches = con.execute("select batch_id, days_done from meta.seeder_loads order by 1").fetchall()
    tx_batches = con.execute(
        "select distinct _batch_id from raw.payment_transactions order by 1"
    ).fetchall()
    con.close()
    assert batches == [(1, 6), (2, 8), (3, 10)]
    assert tx_batches == [(1,), (2,), (3,)]


def test_append_moves_entities_forward_as_a_core_system_would(tmp_path):
    db = tmp_path / "bank.duckdb"
    assert run_seed("--db", str(db), "--customers", "2000", "--days", "3").returncode == 0
    assert run_seed("--db", str(db), "--append-days", "4").returncode == 0
    con = duckdb.connect(str(db), read_only=True)
    for table in ("customers", "bank_accounts", "devices"):
        rewritten, moved = con.execute(
            f"select count(*), count(*) filter (where updated_at >= date '2026-10-04') "
            f"from raw.{table} where _batch_id = 2"
        ).fetchone()
        assert rewritten > 0, table  # rows changed or added by the second load
        assert moved > 0, table  # with updated_at moved into the appended days
    # keys stay unique apart from injected duplicates
    for table in ("customers", "bank_accounts", "devices"):
        key = PRIMARY_KEYS[table][0]
        dupes = con.execute(
            f"select count(*) from (select {key} from raw.{table} group by 1 having count(*) > 1)"
        ).fetchone()[0]
        injected = con.execute(
            "select count(*) from raw.dq_injected_defects "
            f"where table_name = '{table}' and defect_type = 'duplicate_key'"
        ).fetchone()[0]
        assert dupes == injected, table
    con.close()


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--seed", "7"], "seed 7 (warehouse: 42)"),
        (["--scenario", "fraud_attack"], "scenario 'fraud_attack'"),
        (["--days", "3"], "fixed by the warehouse's first load"),
    ],
)
def test_append_refuses_another_simulation(tmp_path, small_db, args, needle):
    db = tmp_path / "bank.duckdb"
    db.write_bytes(small_db.read_bytes())
    before = _sha(db)
    result = run_seed("--db", str(db), "--append-days", "1", *args)
    assert result.returncode == 2
    assert needle in result.stderr
    assert _sha(db) == before


def test_append_with_force_continues_anyway(tmp_path, small_db):
    db = tmp_path / "bank.duckdb"
    db.write_bytes(small_db.read_bytes())
    result = run_seed("--db", str(db), "--append-days", "1", "--seed", "7", "--force")
    assert result.returncode == 0, result.stderr


def test_append_needs_an_existing_load(tmp_path):
    result = run_seed("--db", str(tmp_path / "new.duckdb"), "--append-days", "1")
    assert result.returncode == 2
    assert "needs a warehouse with an earlier load" in result.stderr
    assert not (tmp_path / "new.duckdb").exists()


# ---------------------------------------------------------------------------
# atomicity


def test_killed_load_leaves_the_warehouse_exactly_as_before(tmp_path, small_db):
    db = tmp_path / "bank.duckdb"
    db.write_bytes(small_db.read_bytes())
    before = _sha(db)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "seeds_generator",
            "--quiet",
            "--db",
            str(db),
            "--customers",
            "60000",
            "--days",
            "30",
        ],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    staging = list(tmp_path.glob(".bank.duckdb.loading-*"))
    deadline = time.monotonic() + 60
    while not staging and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        staging = list(tmp_path.glob(".bank.duckdb.loading-*"))
    assert staging, "the load never started writing its private copy"
    time.sleep(1.0)  # well into the load
    assert proc.poll() is None, "the load finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert _sha(db) == before
    # the next load cleans the dead load's copy and succeeds
    assert run_seed("--db", str(db), "--customers", "50", "--days", "1").returncode == 0
    assert not list(tmp_path.glob(".bank.duckdb.loading-*"))


def test_failure_half_way_leaves_the_warehouse_untouched(tmp_path, small_db, monkeypatch):
    from seeds_generator import simulate
    from seeds_generator.config import Scenario

    db = tmp_path / "bank.duckdb"
    db.write_bytes(small_db.read_bytes())
    before = _sha(db)
    calls = {"n": 0}
    real = simulate.simulate_day

    def failing_day(s, state, day):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk on fire")
        return real(s, state, day)

    monkeypatch.setattr(simulate, "simulate_day", failing_day)
    with pytest.raises(RuntimeError, match="disk on fire"):
        simulate.run_load(
            Scenario().with_overrides(**{"population.customers": 50}),
            db,
            fresh=True,
            days=5,
            batch_id=1,
            loaded_at=simulate.dt.datetime(2026, 11, 1),
        )
    assert _sha(db) == before
    assert not list(tmp_path.glob(".bank.duckdb.loading-*"))


# ---------------------------------------------------------------------------
# data-quality defects and their ground truth


DEFECT_CHECKS = {
    # (table, defect) -> SQL that is true for a row carrying that defect
    ("customers", "bad_phone_format"): "not regexp_full_match(coalesce(phone_number, ''), "
    "'0(" + "|".join(p[1:] for p in vn.MOBILE_PREFIXES) + r")\d{7}')",
    ("customers", "bad_national_id"): "not (regexp_full_match(national_id, '\\d{12}') "
    "and substr(national_id, 1, 3) in ("
    + ",".join(f"'{c}'" for c, _, _ in vn.PROVINCES)
    + ") and substr(national_id, 5, 2) = lpad((year(date_of_birth) % 100)::varchar, 2, '0') "
    "and (substr(national_id, 4, 1)::int // 2) = (year(date_of_birth) // 100 - 19))",
    ("customers", "bad_tax_code"): r"not regexp_full_match(tax_code, '\d{10}')",
    ("payment_transactions", "negative_amount"): "amount < 0",
    ("payment_transactions", "zero_amount"): "amount = 0 and transaction_type <> 'inquiry'",
    ("payment_transactions", "orphan_account"): "from_account_id not in "
    "(select account_id from raw.bank_accounts)",
    ("payment_transactions", "orphan_device"): "device_id not in "
    "(select device_id from raw.devices)",
    ("payment_transactions", "currency_mismatch"): "currency <> 'VND'",
    ("payment_transactions", "future_timestamp"): "transaction_ts > _loaded_at",
    ("payment_transactions", "unknown_enum"): "transaction_type not in ("
    + ",".join(f"'{t}'" for t in TRANSACTION_TYPES)
    + ") or channel not in "
    "('mobile_app', 'internet_banking', 'atm', 'pos') or status not in "
    "('pending', 'completed', 'failed', 'cancelled')",
    ("payment_transactions", "null_required"): "customer_id is null or from_account_id is "
    "null or transaction_type is null or channel is null or amount is null or "
    "transaction_ts is null or status is null",
    ("bank_accounts", "currency_mismatch"): "currency <> 'VND'",
    ("login_events", "orphan_device"): "device_id not in (select device_id from raw.devices)",
}


@pytest.fixture(scope="module")
def defect_db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("defects")
    scenario = write_scenario(folder, "high_defects", HIGH_DEFECTS)
    path = folder / "bank.duckdb"
    result = run_seed("--scenario", str(scenario), "--db", str(path))
    assert result.returncode == 0, result.stderr
    return path


def test_every_defect_type_is_injected_and_recorded(defect_db):
    con = duckdb.connect(str(defect_db), read_only=True)
    kinds = {
        k
        for (k,) in con.execute(
            "select distinct defect_type from raw.dq_injected_defects"
        ).fetchall()
    }
    con.close()
    assert kinds == set(DEFECT_TYPES)


@pytest.mark.parametrize(("table", "defect"), sorted(DEFECT_CHECKS))
def test_recorded_defects_are_real_and_complete(defect_db, table, defect):
    """Every recorded row has the defect; no unrecorded row has it (so the
    ground truth can score a detector with exact precision and recall)."""
    key = PRIMARY_KEYS[table][0]
    check = DEFECT_CHECKS[(table, defect)]
    con = duckdb.connect(str(defect_db), read_only=True)
    recorded = {
        k
        for (k,) in con.execute(
            "select record_key from raw.dq_injected_defects where table_name = ? "
            "and defect_type = ?",
            [table, defect],
        ).fetchall()
    }
    flagged = {
        str(k)
        for (k,) in con.execute(
            f"select {key} from raw.{table} where coalesce(({check}), false)"
        ).fetchall()
    }
    others = {
        k
        for (k,) in con.execute(
            "select record_key from raw.dq_injected_defects where table_name = ? "
            "and defect_type <> ?",
            [table, defect],
        ).fetchall()
    }
    con.close()
    assert recorded, f"no {defect} injected into {table}"
    assert recorded <= flagged
    # a row flagged by this check but recorded as another defect is fine only
    # when that other defect implies it (e.g. a null phone also fails the format)
    assert flagged - recorded <= others


def test_duplicates_are_resent_rows_loaded_later(defect_db):
    con = duckdb.connect(str(defect_db), read_only=True)
    rows = con.execute("""
        select d.table_name, count(*) filter (where t.n = 2 and t.later)
        from raw.dq_injected_defects d
        join (select transaction_id::varchar as k, count(*) as n,
                     max(_loaded_at) > min(_loaded_at) as later
              from raw.payment_transactions group by 1) t on t.k = d.record_key
        where d.defect_type = 'duplicate_key' and d.table_name = 'payment_transactions'
        group by 1
    """).fetchall()
    con.close()
    assert rows and rows[0][1] > 0


def test_labelled_fraud_is_never_damaged(defect_db):
    con = duckdb.connect(str(defect_db), read_only=True)
    overlap = con.execute(
        "select count(*) from raw.fraud_labels l join raw.dq_injected_defects d "
        "on d.table_name = 'payment_transactions' "
        "and d.record_key = l.transaction_id::varchar"
    ).fetchone()[0]
    con.close()
    assert overlap == 0


# ---------------------------------------------------------------------------
# realism


def test_amount_first_digits_follow_benford(default_db):
    con = duckdb.connect(str(default_db), read_only=True)
    amounts = np.array(
        [
            a
            for (a,) in con.execute(
                "select amount::double from raw.payment_transactions where amount > 0"
            ).fetchall()
        ]
    )
    con.close()
    first = (amounts / 10 ** np.floor(np.log10(amounts))).astype(int)
    observed = np.bincount(first, minlength=10)[1:10] / amounts.size
    benford = np.log10(1 + 1 / np.arange(1, 10))
    assert np.abs(observed - benford).mean() < 0.015


def test_amounts_have_round_number_bumps_not_a_uniform_band(default_db):
    con = duckdb.connect(str(default_db), read_only=True)
    round_share, distinct = con.execute(
        "select avg((amount % 100000 = 0)::int), count(distinct amount) "
        "from raw.payment_transactions where amount >= 100000"
    ).fetchone()
    con.close()
    assert 0.2 < round_share < 0.8  # bumps, but most amounts are not round
    assert distinct > 5_000


def test_daily_and_weekly_seasonality(default_db):
    con = duckdb.connect(str(default_db), read_only=True)
    by_hour = dict(
        con.execute(
            "select hour(transaction_ts), count(*) from raw.payment_transactions group by 1"
        ).fetchall()
    )
    per_day = dict(
        con.execute(
            "select dayofweek(transaction_ts), count(*) / count(distinct transaction_ts::date) "
            "from raw.payment_transactions group by 1"
        ).fetchall()
    )
    con.close()
    night = by_hour[3]
    assert by_hour[12] > 10 * night and by_hour[20] > 10 * night  # lunch and evening peaks
    assert by_hour[12] > by_hour[15] and by_hour[20] > by_hour[15]
    weekdays = np.mean([per_day[d] for d in range(1, 6)])
    assert per_day[0] < 0.85 * weekdays  # Sunday is quieter


def test_activity_is_pareto_like(default_db):
    con = duckdb.connect(str(default_db), read_only=True)
    counts = np.sort(
        [
            n
            for (n,) in con.execute(
                "select count(*) from raw.payment_transactions group by customer_id"
            ).fetchall()
        ]
    )[::-1]
    con.close()
    top_decile = counts[: max(counts.size // 10, 1)].sum() / counts.sum()
    assert top_decile > 0.3  # a few very active customers ...
    assert np.median(counts) < counts.mean()  # ... and many quiet ones


def test_illicit_rate_is_in_the_documented_band(default_db):
    con = duckdb.connect(str(default_db), read_only=True)
    labelled, total = con.execute(
        "select (select count(distinct transaction_id) from raw.fraud_labels), "
        "(select count(*) from raw.payment_transactions)"
    ).fetchone()
    con.close()
    assert 0.001 <= labelled / total <= 0.005


def test_identifiers_do_not_reveal_labels(default_db):
    con = duckdb.connect(str(default_db), read_only=True)
    fraud_desc = {
        d
        for (d,) in con.execute(
            "select distinct description from raw.payment_transactions t "
            "join raw.fraud_labels using (transaction_id)"
        ).fetchall()
    }
    normal_desc = {
        d
        for (d,) in con.execute(
            "select distinct description from raw.payment_transactions "
            "where transaction_id not in (select transaction_id from raw.fraud_labels)"
        ).fetchall()
    }
    # fraud transactions are spread among the others, not in an id block
    spread = con.execute("""
        with flagged as (
            select transaction_id, transaction_id in (select transaction_id
                from raw.fraud_labels) as is_fraud
            from raw.payment_transactions
        ), runs as (
            select is_fraud, lag(is_fraud) over (order by transaction_id) as before
            from flagged
        )
        select count(*) from runs where is_fraud and not before
    """).fetchone()[0]
    con.close()
    assert fraud_desc <= normal_desc
    assert spread > 20


# ---------------------------------------------------------------------------
# scenarios


def test_built_in_scenarios_are_listed_and_valid():
    names = set(builtin_scenarios())
    assert {"normal_day", "fraud_attack", "peak_load", "mule_network", "onboarding"} <= names
    listed = run_seed("--list-scenarios")
    assert listed.returncode == 0
    for name in names:
        assert name in listed.stdout
        path = builtin_scenarios()[name]
        result = run_seed("--validate-scenario", str(path))
        assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("fraud: {weights: {card_cloning: 1}}", "fraud.weights.card_cloning"),
        ("fraud: {illicit_rate: 0.9}", "fraud.illicit_rate"),
        ("defects: {mix: {typo: 1}}", "defects.mix.typo"),
        ("activity: {hourly_profile: [1, 2, 3]}", "activity.hourly_profile"),
        ("activity: {day_multipliers: {2026-02-31: 2}}", "2026-02-31"),
        ("lifecycle: {onboarding_per_day: -0.1}", "lifecycle.onboarding_per_day"),
        ("fraud: {params: {card_testing: {min_payments: many}}}", "min_payments"),
        ("colour: blue", "colour"),
    ],
)
def test_invalid_scenarios_name_the_field(tmp_path, text, field):
    path = write_scenario(tmp_path, "bad", text)
    result = run_seed("--scenario", str(path), "--db", str(tmp_path / "x.duckdb"))
    assert result.returncode == 2
    assert field in result.stderr
    assert not (tmp_path / "x.duckdb").exists()
