"""Each typology module, on a small bank: the shape docs/typologies.md describes
(with its spread), labels on every row, and nothing planned from labels."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from seeds_generator import codes, typologies
from seeds_generator.config import TYPOLOGIES, Scenario, ScenarioError
from seeds_generator.landing import ROLE
from seeds_generator.simulate import new_state
from seeds_generator.typologies.base import Context, params_from

T = codes.TYPE
HOUR = np.timedelta64(3_600, "s")
M = 1_000_000
DAY = 12  # late enough for a bust-out's own baseline


def plan(name: str, n_cases: int = 6, seed: int = 3, **overrides):
    s = Scenario().with_overrides(**{"population.customers": 1500})
    state = new_state(s)
    state.start_load(fresh=True)
    start = np.datetime64(dt.datetime(2026, 10, 1) + dt.timedelta(days=DAY), "s")
    ctx = Context(s, state, DAY, start, np.random.default_rng(seed))
    module = typologies.MODULES[name]
    params = params_from(module.Params, name, overrides)
    return module.plan(ctx, n_cases, params), state


def by_case(out):
    for case in np.unique(out["_case_id"]):
        yield out["_case_id"] == case


@pytest.mark.parametrize("name", TYPOLOGIES)
def test_every_row_is_labelled_with_its_typology(name):
    out, _ = plan(name)
    assert out["transaction_ts"].size > 0
    assert (out["_case_id"] >= 0).all()
    assert (out["_typology"] == TYPOLOGIES.index(name)).all()
    assert (out["_role"] >= 0).all()
    assert (out["amount"] >= 1_000).all()


@pytest.mark.parametrize("name", TYPOLOGIES)
def test_same_generator_same_plan(name):
    a, _ = plan(name, seed=11)
    b, _ = plan(name, seed=11)
    for col in a:
        np.testing.assert_array_equal(a[col], b[col])


def test_card_testing_many_small_payments_then_cash_out():
    out, state = plan("card_testing", n_cases=8)
    assert (out["transaction_type"] == T["payment_goods_services"]).all()
    small_counts = []
    for mask in by_case(out):
        amount = out["amount"][mask]
        small = amount <= 80_000
        ts = out["transaction_ts"][mask]
        small_counts.append(small.sum())
        assert (ts[small].max() - ts[small].min()) <= 40 * 60 * np.timedelta64(1, "s")
        assert 1 <= (~small).sum() <= 3 and amount[~small].min() >= 2 * M
        assert ts[~small].min() > ts[small].max()  # cash-out after the tests
    assert min(small_counts) >= 5 and max(small_counts) <= 66
    assert (out["_failed_attempts"] > 0).mean() > 0.3
    assert (out["status"] == codes.STATUS["failed"]).any()


def test_velocity_attack_fifty_in_five_minutes_with_spread():
    out, _ = plan("velocity_attack", n_cases=12)
    counts = []
    for mask in by_case(out):
        ts = out["transaction_ts"][mask]
        counts.append(mask.sum())
        assert ts.max() - ts.min() <= 7 * 60 * np.timedelta64(1, "s")
        assert np.unique(out["to_account_external_id"][mask]).size > 5  # many payees
    assert min(counts) >= 40 and max(counts) <= 90


def test_account_takeover_new_device_failed_logins_most_of_balance():
    out, state = plan("account_takeover", n_cases=10)
    first = out["_login_failures"] >= 0
    assert first.sum() == np.unique(out["_case_id"]).size
    assert (out["_login_failures"][first] >= 1).all() and out["_foreign_ip"][first].all()
    devices = state.device_idx(out["device_id"])
    assert not state.devices["is_trusted"][devices].any()  # a device never used
    assert (state.devices["first_seen"][devices] >= np.datetime64("2026-10-13")).all()
    assert (out["to_account_external_id"] >= 0).all()  # a payee, never an own account
    balance = state.accounts["balance"][state.account_idx(out["from_account_id"][first])]
    assert (out["amount"][first] >= np.minimum(0.45 * balance, 500_000) - 1_000).all()


def test_structuring_just_under_the_thresholds():
    out, _ = plan("structuring", n_cases=30)
    ratio = np.where(out["amount"] > 100 * M, out["amount"] / (400 * M), out["amount"] / (10 * M))
    assert ((ratio >= 0.9) & (ratio <= 1.03)).all()
    assert (ratio < 1).mean() > 0.8  # mostly under, some misjudged just over
    assert (out["amount"] > 100 * M).any() and (out["amount"] < 10 * M).any()
    for mask in by_case(out):
        ts = out["transaction_ts"][mask]
        assert 2 <= mask.sum() <= 9
        assert ts.max() - ts.min() <= 28 * HOUR


def test_mule_fan_in_distinct_senders_into_a_young_account():
    out, state = plan("mule_fan_in", n_cases=8)
    for mask in by_case(out):
        targets = np.unique(out["to_account_internal_id"][mask])
        assert targets.size == 1
        assert np.unique(out["customer_id"][mask]).size == mask.sum()  # distinct senders
        opened = state.accounts["opened_at"][state.account_idx(targets[0])]
        first = out["transaction_ts"][mask].min()
        assert opened <= first
        assert first - opened <= 38 * 24 * HOUR
        assert 3 <= mask.sum() <= 24


def test_mule_fan_out_forwards_most_within_two_days():
    out, _ = plan("mule_fan_out", n_cases=10)
    shares = []
    for mask in by_case(out):
        incoming = mask & (out["_role"] == ROLE["originator"])
        outgoing = mask & (out["_role"] == ROLE["mule"])
        shares.append(out["amount"][outgoing].sum() / out["amount"][incoming].sum())
        assert out["transaction_ts"][outgoing].min() > out["transaction_ts"][incoming].min()
        assert (
            out["transaction_ts"][outgoing].max() - out["transaction_ts"][incoming].min()
            <= 66 * HOUR
        )
        mule_account = np.unique(out["to_account_internal_id"][incoming])
        assert np.isin(out["from_account_id"][outgoing], mule_account).all()
    assert min(shares) > 0.6 and max(shares) < 1.0
    assert any(s < 0.8 for s in shares) or len(shares) < 5 or max(shares) > 0.8


def _hops(out, mask):
    order = np.argsort(out["transaction_ts"][mask], kind="stable")
    return {k: v[mask][order] for k, v in out.items()}


def test_layering_chain_hops_keep_most_of_the_amount():
    out, _ = plan("layering_chain", n_cases=10)
    for mask in by_case(out):
        hop = _hops(out, mask)
        assert 2 <= hop["amount"].size <= 12
        # each hop is paid out of the account the previous hop paid into
        np.testing.assert_array_equal(
            hop["to_account_internal_id"][:-1], hop["from_account_id"][1:]
        )
        kept = hop["amount"][1:] / hop["amount"][:-1]
        assert ((kept > 0.85) & (kept <= 1.0)).all()
        assert hop["transaction_ts"][-1] - hop["transaction_ts"][0] <= 90 * HOUR


def test_cycle_returns_to_its_origin():
    out, _ = plan("cycle", n_cases=10)
    for mask in by_case(out):
        hop = _hops(out, mask)
        assert 2 <= hop["amount"].size <= 7
        assert hop["to_account_internal_id"][-1] == hop["from_account_id"][0]


def test_bust_out_empties_the_account_to_new_payees_then_silence():
    out, state = plan("synthetic_identity_bust_out", n_cases=5)
    assert (out["to_account_external_id"] >= 0).all()
    who = state.customer_idx(np.unique(out["customer_id"]))
    assert (state.customers["status"][who] == "inactive").all()
    for mask in by_case(out):
        ts = out["transaction_ts"][mask]
        assert ts.max() - ts.min() <= 48 * HOUR


def test_bust_out_waits_for_a_baseline():
    s = Scenario().with_overrides(**{"population.customers": 300})
    state = new_state(s)
    state.start_load(fresh=True)
    ctx = Context(s, state, 2, np.datetime64("2026-10-03T00:00:00"), np.random.default_rng(1))
    module = typologies.MODULES["synthetic_identity_bust_out"]
    assert module.plan(ctx, 5, module.Params()) == {}


def test_lone_fraud_is_one_transfer_per_case():
    out, _ = plan("lone_fraud", n_cases=20)
    _, counts = np.unique(out["_case_id"], return_counts=True)
    assert (counts == 1).all()


def test_parameters_are_validated():
    with pytest.raises(ScenarioError, match="fraud.params.card_testing.min_paymnts"):
        params_from(typologies.MODULES["card_testing"].Params, "card_testing", {"min_paymnts": 3})
    with pytest.raises(ScenarioError, match="-5"):
        params_from(typologies.MODULES["structuring"].Params, "structuring", {"min_transfers": -5})


def test_overrides_change_the_shape():
    out, _ = plan("card_testing", n_cases=5, min_payments=100, max_payments=120)
    for mask in by_case(out):
        assert (out["amount"][mask] <= 80_000).sum() >= 80
