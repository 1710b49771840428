"""The feedback feeds (seeds_generator/feedback.py, docs/raw-contract.md):
the investigators' dispositions of the worked cases the bank published, and
the victims' own fraud complaints.

The dispositions are checked against a hand-made analyst database whose
marts.fct_cases this test writes itself, with cases chosen from the raw
data so that their truth is known (the test scenario's investigators never
err): a case whose customer initiated a labelled transaction exactly
lookback_days before it opened, one a day later, one on a customer who only
received fraudulent money, one on a customer never involved, one not worked
and one worked too late to be decided before the first append ends.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import duckdb
import numpy as np
import pytest
from conftest import PINNED_LOAD, REPO, execute, query, run_seed, write_scenario

from seeds_generator.config import Feedback, ScenarioError, builtin_scenarios, load_scenario
from seeds_generator.rng import hash_strings, hash_uniform

SCENARIO = """\
name: feedback_test
days: 10
population: {customers: 300}
fraud:
  illicit_rate: 0.02
  weights: {card_testing: 3, account_takeover: 3, lone_fraud: 3, mule_fan_in: 3}
defects: {rate: 0.0}
feedback:
  disposition_error_rate: 0.0
  disposition_delay_min_days: 1
  disposition_delay_max_days: 2
  lookback_days: 3
  complaint_rate: 1.0
  complaint_delay_min_days: 1
  complaint_delay_max_days: 4
"""
START = dt.date(2026, 10, 1)
DAYS = 10
LOOKBACK = 3
DELAY = (1, 2)  # disposition delay, days
COMPLAINT_DELAY = (1, 4)
DAY = dt.timedelta(days=1)

# every customer a labelled transaction involves, and on which days: the
# initiator, and the owner of the account of this bank it credits
INVOLVED_SQL = """
select t.customer_id, cast(t.transaction_ts as date), 'initiator'
from raw.payment_transactions as t
where t.transaction_id in (select transaction_id from raw.fraud_labels)
union
select a.customer_id, cast(t.transaction_ts as date), 'receiver'
from raw.payment_transactions as t
inner join raw.bank_accounts as a on t.to_account_internal_id = a.account_id
where t.transaction_id in (select transaction_id from raw.fraud_labels)
"""


def _no_analytics(folder: Path) -> dict:
    return {"BANK_ANALYTICS_PATH": str(folder / "no_analytics.duckdb")}


def _seed(db: Path, *args: str, env: dict) -> None:
    result = run_seed("--db", str(db), "--loaded-at", PINNED_LOAD, *args, env=env)
    assert result.returncode == 0, result.stderr


def _append(db: Path, days: int, analytics: Path) -> None:
    _seed(db, "--append-days", str(days), env={"BANK_ANALYTICS_PATH": str(analytics)})


def _write_cases(path: Path, cases: list[tuple], invocation: str | None = None) -> None:
    """An analyst database holding marts.fct_cases (and, given an
    invocation, the publication record bank-publish would write)."""
    con = duckdb.connect(str(path))
    try:
        con.execute("create schema marts")
        con.execute(
            "create table marts.fct_cases (case_id varchar, customer_id bigint, "
            "opened_date date, status varchar, is_worked boolean, worked_date date)"
        )
        con.executemany("insert into marts.fct_cases values (?, ?, ?, ?, ?, ?)", cases)
        if invocation is not None:
            con.execute("create schema publication")
            con.execute(
                "create table publication.versions (version integer, dbt_invocation_id varchar)"
            )
            con.execute("insert into publication.versions values (1, ?)", [invocation])
    finally:
        con.close()


def _case(customer: int, opened: dt.date, worked: dt.date | None) -> tuple:
    status = "worked" if worked else "open"
    return (f"C{opened:%Y%m%d}-{customer:08d}", customer, opened, status, bool(worked), worked)


def _dispositions(db: Path) -> list[tuple]:
    return query(
        db,
        "select case_id, customer_id, decision, decided_at, _batch_id "
        "from raw.case_dispositions order by case_id",
    )


@pytest.fixture(scope="module")
def scenario(tmp_path_factory) -> Path:
    return write_scenario(tmp_path_factory.mktemp("feedback_scenario"), "feedback_test", SCENARIO)


@pytest.fixture(scope="module")
def first_load(tmp_path_factory, scenario) -> Path:
    """The test scenario's first load: ten days, no analyst database."""
    folder = tmp_path_factory.mktemp("feedback_first")
    db = folder / "bank.duckdb"
    _seed(db, "--scenario", str(scenario), env=_no_analytics(folder))
    return db


def _copy(db: Path, folder: Path) -> Path:
    copy = folder / "bank.duckdb"
    shutil.copyfile(db, copy)
    return copy


# ---------------------------------------------------------------------------
# dispositions


def test_a_first_load_lands_no_dispositions_even_beside_a_published_database(tmp_path, scenario):
    analytics = tmp_path / "analytics.duckdb"
    _write_cases(analytics, [_case(100_001, START, START + DAY)])
    db = tmp_path / "bank.duckdb"
    _seed(db, "--scenario", str(scenario), env={"BANK_ANALYTICS_PATH": str(analytics)})
    assert query(db, "select count(*) from raw.case_dispositions") == [(0,)]
    # the complaints need no analyst database: they land from the first load
    assert query(db, "select count(*) > 0 from raw.fraud_complaints") == [(True,)]


def test_an_append_without_published_cases_lands_no_dispositions(tmp_path, first_load):
    db = _copy(first_load, tmp_path)
    _append(db, 1, tmp_path / "missing.duckdb")  # no analyst database at all
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()  # an analyst database never published to
    _append(db, 1, empty)
    assert query(db, "select count(*) from raw.case_dispositions") == [(0,)]
    assert query(db, "select max(batch_id) from meta.seeder_loads") == [(3,)]


def _truth(db: Path) -> tuple[dict[int, set[dt.date]], set[int]]:
    """Per customer the days a labelled transaction involves them; and the
    customers involved only as receivers."""
    days: dict[int, set[dt.date]] = defaultdict(set)
    roles: dict[int, set[str]] = defaultdict(set)
    for customer, day, role in query(db, INVOLVED_SQL):
        days[customer].add(day)
        roles[customer].add(role)
    receivers = {c for c, r in roles.items() if r == {"receiver"}}
    return days, receivers


def _is_fraud(days: dict[int, set[dt.date]], customer: int, opened, worked) -> bool:
    return any(opened - LOOKBACK * DAY <= d <= worked for d in days.get(customer, ()))


def test_an_append_lands_the_published_worked_cases_decided_by_its_end(tmp_path, first_load):
    db = _copy(first_load, tmp_path)
    days, receivers = _truth(db)
    last_day = START + (DAYS - 1) * DAY  # 2026-10-10
    # a customer involved on a single day D early enough for both cases on D
    single = sorted(
        (min(d), c) for c, d in days.items() if len(d) == 1 and min(d) + 4 * DAY <= last_day - DAY
    )
    assert single, "the test scenario has no customer involved on one day only"
    day_x, x = single[0]
    early_receivers = sorted((min(days[c]), c) for c in receivers if min(days[c]) <= last_day - DAY)
    assert early_receivers, "the test scenario has no customer who only received fraud"
    day_r, receiver = early_receivers[0]
    clean = [c for (c,) in query(db, "select customer_id from raw.customers order by 1")]
    clean = [c for c in clean if c not in days][:2]
    worked = {
        # D is exactly lookback_days before it opened: fraud
        "boundary": _case(x, day_x + LOOKBACK * DAY, day_x + LOOKBACK * DAY),
        # opened a day later: D is out of its window
        "outside": _case(x, day_x + (LOOKBACK + 1) * DAY, day_x + (LOOKBACK + 1) * DAY),
        # the customer only received fraudulent money
        "receiver": _case(receiver, day_r, day_r),
        # never involved: the alerts were a false positive
        "clean": _case(clean[0], START + 2 * DAY, START + 4 * DAY),
    }
    not_worked = _case(clean[1], START + 3 * DAY, None)
    # worked on the first appended day: decided after the first append ends
    late = _case(clean[1], last_day + DAY, last_day + DAY)
    analytics = tmp_path / "analytics.duckdb"
    _write_cases(analytics, [*worked.values(), not_worked, late])

    _append(db, 1, analytics)  # simulates 2026-10-11, ends 2026-10-12 00:00
    first_end = dt.datetime.combine(last_day + 2 * DAY, dt.time())
    landed = {row[0]: row for row in _dispositions(db)}
    assert set(landed) == {case[0] for case in worked.values()}
    days, _ = _truth(db)  # the appended day included (it cannot change these windows)
    decisions = {}
    for name, (case_id, customer, opened, _, _, worked_date) in worked.items():
        _, got_customer, decision, decided_at, batch = landed[case_id]
        assert (got_customer, batch) == (customer, 2), name
        decisions[name] = decision
        expected = _is_fraud(days, customer, opened, worked_date)
        assert decision == ("confirmed_fraud" if expected else "false_positive"), name
        # worked day + 1 to 2 days, at a whole minute of office hours
        start = dt.datetime.combine(worked_date, dt.time())
        assert start + DELAY[0] * DAY <= decided_at < start + (DELAY[1] + 1) * DAY, name
        assert 8 <= decided_at.hour < 18 and decided_at.second == 0, name
        assert decided_at < first_end, name
    assert decisions == {
        "boundary": "confirmed_fraud",
        "outside": "false_positive",
        "receiver": "confirmed_fraud",
        "clean": "false_positive",
    }

    _append(db, 3, analytics)  # ends 2026-10-15: the late case is due
    again = _dispositions(db)
    assert [row[0] for row in again] == sorted([*landed, late[0]])  # none twice
    assert {row[0]: row for row in again if row[0] != late[0]} == landed
    late_row = next(row for row in again if row[0] == late[0])
    assert late_row[4] == 3
    start = dt.datetime.combine(late[5], dt.time())
    assert start + DAY <= late_row[3] < start + 3 * DAY
    days, _ = _truth(db)
    expected = _is_fraud(days, late[1], late[2], late[5])
    assert late_row[2] == ("confirmed_fraud" if expected else "false_positive")


def test_published_cases_count_only_when_built_from_this_warehouse(tmp_path, first_load):
    db = _copy(first_load, tmp_path)
    analytics = tmp_path / "analytics.duckdb"
    case = _case(100_001, START + DAY, START + 2 * DAY)
    _write_cases(analytics, [case], invocation="build-of-this-bank")
    _append(db, 1, analytics)  # no build of this warehouse made that version
    assert query(db, "select count(*) from raw.case_dispositions") == [(0,)]

    execute(
        db,
        "create schema audit",
        "create table audit.dbt_invocations (invocation_id varchar, command varchar)",
        "insert into audit.dbt_invocations values ('build-of-this-bank', 'build')",
    )
    _append(db, 1, analytics)
    assert query(db, "select case_id from raw.case_dispositions") == [(case[0],)]

    # a fresh load replaces the bank but keeps dbt's history: that build's
    # cases are the old bank's
    fresh_env = {"BANK_ANALYTICS_PATH": str(analytics)}
    _seed(db, "--customers", "300", "--days", "5", env=fresh_env)
    _append(db, 1, analytics)
    assert query(db, "select count(*) from raw.case_dispositions") == [(0,)]


# ---------------------------------------------------------------------------
# complaints


def test_complaints_name_the_first_victim_transaction_within_the_delay(first_load):
    victims = query(
        first_load,
        """
        select l.case_id, t.customer_id, t.transaction_id, t.transaction_ts
        from raw.fraud_labels as l
        inner join raw.payment_transactions as t using (transaction_id)
        where l.role = 'victim'
        qualify row_number() over (
            partition by l.case_id, t.customer_id order by t.transaction_ts, t.transaction_id
        ) = 1
        """,
    )
    first = {(case, customer): (tx, ts) for case, customer, tx, ts in victims}
    complaints = query(
        first_load,
        "select complaint_id, customer_id, transaction_id, reported_at from raw.fraud_complaints",
    )
    assert complaints, "the test scenario filed no complaint"
    end = dt.datetime.combine(START + DAYS * DAY, dt.time())
    lo, hi = COMPLAINT_DELAY
    for complaint_id, customer, tx, reported_at in complaints:
        case = complaint_id // 1_000_000_000
        assert complaint_id % 1_000_000_000 == customer
        # only a victim, about the case's first transaction labelled victim
        assert first[(case, customer)][0] == tx, complaint_id
        ts = first[(case, customer)][1]
        assert ts + lo * DAY <= reported_at < ts + (hi + 1) * DAY, complaint_id
        assert reported_at < end, complaint_id
    # complaint_rate 1: every victim whose complaint is surely due complained
    due = {key for key, (_, ts) in first.items() if ts + (hi + 1) * DAY <= end}
    filed = {(cid // 1_000_000_000, customer) for cid, customer, _, _ in complaints}
    assert due <= filed and filed <= set(first)
    # and nobody but victims: no complaint from a case without a victim
    others = query(
        first_load,
        "select count(*) from raw.fraud_complaints where customer_id not in ("
        "select t.customer_id from raw.fraud_labels as l inner join raw.payment_transactions "
        "as t using (transaction_id) where l.role = 'victim')",
    )
    assert others == [(0,)]


def _feed_hashes(db: Path) -> dict[str, str]:
    out = {}
    for table, key in (("fraud_complaints", "complaint_id"), ("case_dispositions", "case_id")):
        rows = query(db, f"select * from raw.{table} order by {key}")  # noqa: S608
        out[table] = hashlib.sha256(repr(rows).encode()).hexdigest()
    return out


def test_complaints_are_the_same_for_the_same_seed_whichever_load_lands_them(tmp_path):
    env = _no_analytics(tmp_path)
    one, two, split = tmp_path / "one.duckdb", tmp_path / "two.duckdb", tmp_path / "split.duckdb"
    for db in (one, two):
        _seed(db, "--customers", "300", "--days", "12", env=env)
    assert query(one, "select count(*) from raw.fraud_complaints")[0][0] > 0
    assert _feed_hashes(one) == _feed_hashes(two)
    # 7 days, then 5 more: the same complaints as one load of 12 days
    _seed(split, "--customers", "300", "--days", "7", env=env)
    _seed(split, "--append-days", "5", env=env)
    columns = "complaint_id, customer_id, transaction_id, reported_at"
    sql = f"select {columns} from raw.fraud_complaints order by complaint_id"  # noqa: S608
    assert query(split, sql) == query(one, sql)


# ---------------------------------------------------------------------------
# parameters, the load summary, the draws


@pytest.mark.parametrize(
    ("section", "needles"),
    [
        ("{complaint_rate: 1.5}", ["'feedback.complaint_rate'", "1.5", "from 0 to 1"]),
        ("{disposition_error_rate: -0.1}", ["'feedback.disposition_error_rate'", "-0.1"]),
        ("{lookback_days: 2.5}", ["'feedback.lookback_days'", "2.5", "an integer"]),
        ("{lookback_days: abc}", ["'feedback.lookback_days'", "YAML read 'abc' as a string"]),
        ("{complaint_delay_max_days: 400}", ["'feedback.complaint_delay_max_days'", "400"]),
        (
            "{disposition_delay_min_days: 4, disposition_delay_max_days: 2}",
            ["'feedback.disposition_delay_max_days'", ": 2 ", "from 4"],
        ),
        ("{complaint_rat: 0.5}", ["'feedback.complaint_rat'", "complaint_rate"]),
    ],
)
def test_bad_feedback_parameters_are_refused_naming_the_value(tmp_path, section, needles):
    path = write_scenario(tmp_path, "bad_feedback", f"feedback: {section}\n")
    with pytest.raises(ScenarioError) as refused:
        load_scenario(path)
    for needle in needles:
        assert needle in str(refused.value), (needle, str(refused.value))
    result = run_seed("--validate-scenario", str(path))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [f"bank-seed: error: {refused.value}"]


def test_feedback_parameters_are_configurable_per_scenario():
    scenarios = {name: load_scenario(name) for name in builtin_scenarios()}
    assert scenarios["normal_day"].feedback == Feedback()
    attack = scenarios["fraud_attack"].feedback
    assert attack != Feedback()
    assert attack.disposition_delay_min_days <= attack.disposition_delay_max_days
    assert attack.complaint_delay_min_days <= attack.complaint_delay_max_days


def test_the_load_summary_counts_both_feeds(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "seeds_generator", "--db", str(tmp_path / "bank.duckdb")]
        + ["--customers", "50", "--days", "2", "--loaded-at", PINNED_LOAD],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, **_no_analytics(tmp_path)},
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    lines = [line.split() for line in result.stdout.splitlines()]
    assert ["case_dispositions", "0"] in lines
    assert any(line[:1] == ["fraud_complaints"] and len(line) == 2 for line in lines)


def test_the_draws_are_a_pure_function_of_seed_stream_and_key():
    # FNV-1a 64 of "a" (the published test vector)
    assert hash_strings(["a", ""]).tolist() == [0xAF63DC4C8601EC8C, 0xCBF29CE484222325]
    keys = hash_strings([f"C20261005-{i:08d}" for i in range(200)])
    draws = hash_uniform(42, "disposition_error", keys)
    order = np.random.default_rng(0).permutation(keys.size)
    assert np.array_equal(hash_uniform(42, "disposition_error", keys[order]), draws[order])
    assert np.array_equal(hash_uniform(42, "disposition_error", keys[:7]), draws[:7])
    assert not np.array_equal(hash_uniform(42, "disposition_delay", keys), draws)
    assert not np.array_equal(hash_uniform(43, "disposition_error", keys), draws)
    assert ((draws >= 0) & (draws < 1)).all() and 0.4 < draws.mean() < 0.6


def test_the_decisions_are_the_ones_the_quarantine_accepts():
    """One list of decisions: the seeder's contract and the dbt var the
    quarantine (unknown_enum) and the staging test read."""
    import yaml

    from seeds_generator.contract import CASE_DECISIONS

    project = yaml.safe_load((REPO / "dbt_project.yml").read_text(encoding="utf-8"))
    assert project["vars"]["case_decisions"] == list(CASE_DECISIONS)
